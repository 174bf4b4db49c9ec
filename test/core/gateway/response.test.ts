import { describe, expect, it } from 'vitest';
import { lookupRows, parseGatewayBody, type GatewayResponse } from '../../../electron/core/gateway/response.js';

describe('parseGatewayBody', () => {
  it('parses the documented success example', () => {
    const parsed = parseGatewayBody(
      '{"OPERATIONTYPE":"payment","TRANSACTIONID":"A189063","EXECCODE":"0000","MESSAGE":"The transaction has been accepted.","ALIAS":"A189063","DESCRIPTOR":"RENTABILITEST"}',
    );
    expect(parsed).toEqual({
      ok: true,
      response: {
        execCode: '0000',
        category: 'approved',
        message: 'The transaction has been accepted.',
        operationType: 'payment',
        transactionId: 'A189063',
        alias: 'A189063',
        descriptor: 'RENTABILITEST',
        fields: {
          OPERATIONTYPE: 'payment',
          TRANSACTIONID: 'A189063',
          EXECCODE: '0000',
          MESSAGE: 'The transaction has been accepted.',
          ALIAS: 'A189063',
          DESCRIPTOR: 'RENTABILITEST',
        },
      },
    });
  });

  it('keeps the parameter error message that names the field', () => {
    const parsed = parseGatewayBody('{"OPERATIONTYPE":"payment","EXECCODE":"1001","MESSAGE":"The parameter \\"CARDCODE\\" is missing.\\n"}');
    expect(parsed.ok && parsed.response).toMatchObject({ execCode: '1001', category: 'invalid_request', message: 'The parameter "CARDCODE" is missing.\n' });
    expect(parsed.ok && parsed.response.transactionId).toBeUndefined();
  });

  it('lower-cases OPERATIONTYPE', () => {
    const parsed = parseGatewayBody('{"OPERATIONTYPE":"PAYMENT","EXECCODE":"4002","MESSAGE":"x"}');
    expect(parsed.ok && parsed.response).toMatchObject({ operationType: 'payment', execCode: '4002', category: 'declined' });
  });

  it('exposes the raw 3-D Secure redirection fields', () => {
    const parsed = parseGatewayBody(
      JSON.stringify({
        EXECCODE: '0001',
        MESSAGE: 'Identification requested',
        REDIRECTURL: 'https://acs.example/',
        REDIRECTPOSTPARAMS: 'PaReq=abc&MD=1',
        SCHEMETRANSACTIONID: 'S1',
      }),
    );
    expect(parsed.ok && parsed.response).toMatchObject({
      redirectUrl: 'https://acs.example/',
      redirectPostParams: 'PaReq=abc&MD=1',
      schemeTransactionId: 'S1',
    });
  });

  it('exposes REDIRECTHTML for 0002', () => {
    const parsed = parseGatewayBody('{"EXECCODE":"0002","MESSAGE":"redirect","REDIRECTHTML":"PGZvcm0+"}');
    expect(parsed.ok && parsed.response).toMatchObject({ redirectHtml: 'PGZvcm0+', category: 'action_required' });
  });

  it.each([
    ['<html>Bad gateway</html>', 'not_json'],
    ['', 'not_json'],
    ['[{"EXECCODE":"0000"}]', 'not_object'],
    ['"0000"', 'not_object'],
    ['{"MESSAGE":"no code"}', 'no_execcode'],
    ['{"EXECCODE":"OK"}', 'no_execcode'],
    ['{"EXECCODE":null}', 'no_execcode'],
    // Only a four-digit string is the gateway's EXECCODE (fact sheet section 4).
    ['{"EXECCODE":4002}', 'no_execcode'],
    ['{"EXECCODE":0}', 'no_execcode'],
    ['{"EXECCODE":"0"}', 'no_execcode'],
    ['{"EXECCODE":"400"}', 'no_execcode'],
    ['{"EXECCODE":"40021"}', 'no_execcode'],
    ['{"EXECCODE":" 4002"}', 'no_execcode'],
    ['{"EXECCODE":"４００２"}', 'no_execcode'],
  ])('refuses %j (%s)', (body, problem) => {
    expect(parseGatewayBody(body)).toEqual({ ok: false, problem });
  });

  it('masks an unmasked card number and drops an echoed CVV', () => {
    const parsed = parseGatewayBody('{"EXECCODE":"0000","MESSAGE":"ok","CARDCODE":"4111111111111111","CARDCVV":"123"}');
    expect(parsed.ok && parsed.response.card?.maskedNumber).toBe('411111XXXXXX1111');
    expect(parsed.ok && parsed.response.fields).not.toHaveProperty('CARDCVV');
  });

  it('reads DATA rows', () => {
    const parsed = parseGatewayBody(
      JSON.stringify({ EXECCODE: '0000', MESSAGE: 'ok', DATA: [{ TRANSACTIONID: 'A1', EXECCODE: '0', AMOUNT: '12.50', OPERATIONTYPE: 'Payment' }] }),
    );
    expect(parsed.ok && parsed.response.transactions).toEqual([
      {
        transactionId: 'A1',
        execCode: '0000',
        amount: '12.50',
        operationType: 'payment',
        fields: { TRANSACTIONID: 'A1', EXECCODE: '0', AMOUNT: '12.50', OPERATIONTYPE: 'Payment' },
      },
    ]);
  });

  it('reads no rows from a DATA list holding anything but row objects (fact sheet section 4: a list of row objects)', () => {
    const parsed = parseGatewayBody(JSON.stringify({ EXECCODE: '0000', MESSAGE: 'ok', DATA: [{ TRANSACTIONID: 'A1', EXECCODE: '0' }, 'junk', null] }));
    expect(parsed.ok && parsed.response.transactions).toBeUndefined();
  });
});

describe('lookupRows', () => {
  const parsed = (body: object): GatewayResponse => {
    const result = parseGatewayBody(JSON.stringify(body));
    if (!result.ok) throw new Error(result.problem);
    return result.response;
  };

  it('gives the rows of a 0000 answer, an empty list included (nothing has the id)', () => {
    expect(lookupRows(parsed({ EXECCODE: '0000', MESSAGE: 'ok', DATA: [] }), { orderIds: ['O1'] })).toEqual([]);
    expect(lookupRows(parsed({ EXECCODE: '0000', MESSAGE: 'ok', DATA: [{ ORDERID: 'O1', EXECCODE: '0' }] }), { orderIds: ['O1'] })).toHaveLength(1);
    const byTransaction = parsed({ EXECCODE: '0000', MESSAGE: 'ok', DATA: [{ TRANSACTIONID: 'A1', ORDERID: 'O9', EXECCODE: '0' }] });
    expect(lookupRows(byTransaction, { transactionIds: ['A1', 'A2'] })).toHaveLength(1);
  });

  it('gives nothing for rows none of which names an id asked: they prove no absence', () => {
    const other = parsed({
      EXECCODE: '0000',
      MESSAGE: 'ok',
      DATA: [
        { ORDERID: 'O10', EXECCODE: '0' },
        { ORDERID: 'O2', EXECCODE: '0' },
      ],
    });
    expect(lookupRows(other, { orderIds: ['O1'] })).toBeUndefined();
    expect(lookupRows(other, { orderIds: ['O1', 'O2'] })).toEqual([expect.objectContaining({ orderId: 'O2' })]);
    expect(lookupRows(other, { orderIds: ['O10', 'O2'] })).toHaveLength(2);
    expect(lookupRows(parsed({ EXECCODE: '0000', MESSAGE: 'ok', DATA: [{ TRANSACTIONID: 'A1', EXECCODE: '0' }] }), { orderIds: ['O1'] })).toBeUndefined();
    expect(lookupRows(parsed({ EXECCODE: '0000', MESSAGE: 'ok', DATA: [{ ORDERID: 'O1', EXECCODE: '0' }] }), { transactionIds: ['A1'] })).toBeUndefined();
    expect(lookupRows(parsed({ EXECCODE: '0000', MESSAGE: 'ok', DATA: [null] }), { orderIds: ['O1'] })).toBeUndefined();
    expect(lookupRows(parsed({ EXECCODE: '0000', MESSAGE: 'ok', DATA: ['O1'] }), { orderIds: ['O1'] })).toBeUndefined();
  });

  it('gives nothing for an answer that says nothing about rows: another EXECCODE, or no DATA', () => {
    expect(lookupRows(parsed({ EXECCODE: '1003', MESSAGE: 'Incorrect HASH.' }), { orderIds: ['O1'] })).toBeUndefined();
    expect(lookupRows(parsed({ EXECCODE: '5002', MESSAGE: 'x', DATA: [] }), { orderIds: ['O1'] })).toBeUndefined();
    expect(lookupRows(parsed({ EXECCODE: '0000', MESSAGE: 'ok' }), { orderIds: ['O1'] })).toBeUndefined();
    expect(lookupRows(parsed({ EXECCODE: '0000', MESSAGE: 'ok', DATA: 'none' }), { orderIds: ['O1'] })).toBeUndefined();
  });
});
