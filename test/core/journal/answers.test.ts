/** Answers and lookups (`answers.ts`): responses, getTransactions rows, "not found". */
import { afterAll, describe, expect, it } from 'vitest';
import { operationIdBy } from '../../support/journal-sql.js';
import { answer, codeOf, discrepancies, intent, newJournal, tempDir, unknown } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

describe('answers', () => {
  it('stores what the response says, drops bulky HTML and masks card numbers', () => {
    const { journal, account, db } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id, createAlias: true });
    const view = answer(journal, op.id, '0000', {
      TRANSACTIONID: 'A200',
      ALIAS: 'AL200',
      CARDTYPE: 'MasterCard',
      CARDCODE: '5555556778250000',
      CARDVALIDITYDATE: '11-29',
      '3DSECUREHTML': 'PGh0bWw+',
    });
    expect(view).toMatchObject({
      status: 'approved',
      transactionId: 'A200',
      alias: 'AL200',
      brand: 'mastercard',
      last4: '0000',
      expiry: '11-29',
      execCode: '0000',
    });
    expect(view.actions).toMatchObject({ refundableAmount: 1000, rebillAlias: 'AL200' });
    const response = journal.listEvents(op.id).find((e) => e.kind === 'response');
    const json = JSON.stringify(response?.payload);
    expect(json).not.toContain('5555556778250000');
    expect(json).toContain('XXXXXXXXXXXX0000');
    expect(json).not.toContain('PGh0bWw+');
    expect(response?.payload.dropped).toEqual(['3DSECUREHTML']);
    expect(operationIdBy(db, 'transaction_id', 'A200')).toBe(op.id);
    expect(journal.getOperationByOrderId(account.id, op.orderId)?.id).toBe(op.id);
    journal.close();
  });

  it('takes the gateway client’s own result shape (normalised response, pending 5004, request summary)', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    const clientResult = {
      outcome: 'answered' as const,
      host: 'primary',
      attempts: 1,
      response: {
        execCode: '0000',
        category: 'approved',
        message: 'The transaction has been accepted.',
        transactionId: 'A900',
        fields: {
          EXECCODE: '0000',
          MESSAGE: 'The transaction has been accepted.',
          TRANSACTIONID: 'A900',
          ALIAS: 'AL9',
          CARDCODE: 'XXXXXXXXXXXX4242',
          REDIRECTHTML: 'PGh0bWw+',
        },
      },
      request: { method: 'payment', path: '/front/service/rest/process', params: { CARDCODE: '497010XXXXXX4242', AMOUNT: '1000', ORDERID: op.orderId } },
    };
    const view = journal.recordResponse(op.id, clientResult, {
      request: { params: clientResult.request.params, host: 'primary', attempts: [{ host: 'primary', result: 'answered' }] },
    });
    expect(view).toMatchObject({ status: 'approved', transactionId: 'A900', alias: 'AL9', last4: '4242' });
    expect(journal.listEvents(op.id).map((e) => e.kind)).toEqual(['intent_recorded', 'request_sent', 'response']);
    expect(journal.listEvents(op.id)[1]?.payload).toMatchObject({ host: 'primary', params: { AMOUNT: '1000' }, attempts: [{ result: 'answered' }] });

    const slow = intent(journal, { accountId: account.id });
    const pending = journal.recordResponse(slow.id, {
      outcome: 'pending',
      response: { execCode: '5004', fields: { EXECCODE: '5004', TRANSACTIONID: 'A901' } },
    });
    expect(pending).toMatchObject({ status: 'pending', transactionId: 'A901' });
    expect(pending.actions.checkStatus).toBe(true);
    journal.close();
  });

  it('maps failed and unknown outcomes, and refuses a second answer', () => {
    const { journal, account } = newJournal(temp.dir);
    const failed = intent(journal, { accountId: account.id });
    const view = journal.recordResponse(failed.id, { outcome: 'failed', code: 'GATEWAY_UNREACHABLE', retryable: true });
    expect(view.status).toBe('error');
    expect(journal.listEvents(failed.id).at(-1)?.payload).toMatchObject({ outcome: 'error', failure: 'GATEWAY_UNREACHABLE', retryable: true });
    expect(codeOf(() => answer(journal, failed.id, '0000'))).toBe('JOURNAL_ALREADY_ANSWERED');

    const timedOut = intent(journal, { accountId: account.id });
    const timedOutView = unknown(journal, timedOut.id, 'timeout after 30 s');
    expect(timedOutView.status).toBe('unknown');
    expect(timedOutView.actions.checkStatus).toBe(true);
    expect(codeOf(() => unknown(journal, timedOut.id, 'again'))).toBe('JOURNAL_ALREADY_ANSWERED');
    expect(codeOf(() => answer(journal, 12345, '0000'))).toBe('JOURNAL_OPERATION_NOT_FOUND');
    journal.close();
  });

  it('treats 0001, 0002, 0003 and 5004 as pending, to be checked at the gateway', () => {
    const { journal, account } = newJournal(temp.dir);
    for (const code of ['0001', '0002', '0003', '5004']) {
      const view = answer(journal, intent(journal, { accountId: account.id }).id, code);
      expect(view.status).toBe('pending');
      expect(view.actions.checkStatus).toBe(true);
    }
    expect(answer(journal, intent(journal, { accountId: account.id }).id, '5001').status).toBe('error');
    expect(answer(journal, intent(journal, { accountId: account.id }).id, '6002').status).toBe('declined');
    journal.close();
  });

  it('records the request as sent without HASH, CVV or PAN, only while sending', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    journal.recordRequestSent(op.id, {
      host: 'secure-test.dalenys.com',
      params: { CARDCODE: '4111111111111111', CARDCVV: '123', HASH: 'f'.repeat(64), AMOUNT: '1000', CARDFULLNAME: 'J DOE' },
    });
    const sent = journal.listEvents(op.id).find((e) => e.kind === 'request_sent');
    expect(sent?.payload).toEqual({ host: 'secure-test.dalenys.com', params: { CARDCODE: 'XXXXXXXXXXXX1111', AMOUNT: '1000', CARDFULLNAME: 'J DOE' } });
    answer(journal, op.id, '0000');
    expect(codeOf(() => journal.recordRequestSent(op.id, { params: {} }))).toBe('JOURNAL_INVALID_TRANSITION');
    journal.close();
  });

  it('refuses to store a gateway TRANSACTIONID already used by another operation of the account', () => {
    const { journal, account } = newJournal(temp.dir);
    const first = intent(journal, { accountId: account.id });
    answer(journal, first.id, '0000', { TRANSACTIONID: 'A1' });
    const second = intent(journal, { accountId: account.id });
    const view = answer(journal, second.id, '0000', { TRANSACTIONID: 'A1' });
    expect(view.transactionId).toBeNull();
    expect(discrepancies(journal, second.id)).toEqual([expect.objectContaining({ reason: 'transaction_id_taken', received: 'A1' })]);
    journal.close();
  });
});

describe('not found at the gateway', () => {
  it('stays unknown while provisional, and fails only on the 3rd answer at least 15 minutes after the request', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    journal.recordRequestSent(op.id, { params: { method: 'payment' } });
    unknown(journal, op.id, 'timeout');
    const lookUp = () => journal.applyLookup(account.id, [op.orderId], [])[0]?.status;
    clock.advance(30_000);
    expect(lookUp()).toBe('unknown');
    clock.advance(60_000);
    expect(lookUp()).toBe('unknown');
    // Three answers now, but only 90 s after the request: still provisional.
    clock.advance(60_000);
    expect(lookUp()).toBe('unknown');
    expect(journal.getOperation(op.id)?.actions.checkStatus).toBe(true);
    clock.advance(15 * 60_000 - 150_000 - 1);
    expect(lookUp()).toBe('unknown');
    clock.advance(1);
    expect(lookUp()).toBe('error');
    expect(
      journal
        .listEvents(op.id)
        .filter((e) => e.kind === 'status_lookup')
        .map((e) => e.payload.outcome),
    ).toEqual(['not_found_yet', 'not_found_yet', 'not_found_yet', 'not_found_yet', 'not_found']);
    journal.close();
  });

  it('a row found after provisional "not found" answers settles the operation as that row says', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    unknown(journal, op.id, 'timeout');
    journal.recordLookup(op.id, { found: false });
    clock.advance(20 * 60_000);
    journal.recordLookup(op.id, { found: false });
    const found = journal.applyLookup(account.id, [op.orderId], [{ ORDERID: op.orderId, EXECCODE: '0', TRANSACTIONID: 'LATE-1', OPERATIONTYPE: 'payment' }]);
    expect(found[0]?.status).toBe('approved');
    expect(journal.getOperation(op.id)?.transactionId).toBe('LATE-1');
    journal.close();
  });

  it('a pending operation stays pending however long it is not found (the gateway acknowledged it)', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    answer(journal, op.id, '0001', { TRANSACTIONID: 'P-1' });
    for (let n = 0; n < 5; n += 1) {
      clock.advance(10 * 60_000);
      journal.recordLookup(op.id, { found: false });
    }
    expect(journal.getOperation(op.id)?.status).toBe('pending');
    expect(journal.listEvents(op.id).some((e) => e.kind === 'discrepancy')).toBe(false);
    journal.close();
  });

  it('a row with the ORDERID but another OPERATIONTYPE is not "not found": nothing is recorded', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    unknown(journal, op.id, 'timeout');
    const before = journal.listEvents(op.id);
    const result = journal.applyLookup(account.id, [op.orderId], [{ ORDERID: op.orderId, EXECCODE: '0', OPERATIONTYPE: 'refund', TRANSACTIONID: 'R-1' }]);
    expect(result).toEqual([{ orderId: op.orderId, operationId: op.id, status: 'unknown' }]);
    expect(journal.listEvents(op.id)).toEqual(before);
    journal.close();
  });
});
