import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../electron/core/sandbox/index.js';
import { signedForm } from '../../support/independent-signer.js';
import { ACCOUNT, startFixture, T0, type Fixture } from '../../support/sandbox-fixture.js';
import { call, cardParams, httpRequest } from './harness.js';

function paymentBody(overrides: Record<string, string> = {}): { body: string; orderId: string } {
  const params = cardParams(T0, overrides);
  return {
    body: signedForm('payment', { IDENTIFIER: ACCOUNT.identifier, VERSION: '2.0', OPERATIONTYPE: 'payment', ...params }, ACCOUNT.password),
    orderId: params.ORDERID as string,
  };
}

const formHeaders = (body: string) => ({ 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) });

describe('fault modes', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture({ secondaryPort: 0 });
  });
  afterEach(async () => {
    await f.close();
  });

  it('latency: the answer waits for the gate, and the request is processed after it', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    f.sandbox.faults.next({ kind: 'latency', ms: 1, gate });
    const held = new Promise<RequestRecord>((resolve) => f.sandbox.ledger.events.once('latency', resolve));
    let answered = false;
    const pending = call(f.processUrl, 'payment', cardParams(T0)).then((json) => {
      answered = true;
      return json;
    });
    const record = await held;
    expect(record.faults).toEqual(['latency']);
    expect(answered).toBe(false);
    expect(f.sandbox.ledger.transactions()).toHaveLength(0);
    open();
    expect((await pending).EXECCODE).toBe('0000');
    expect(f.sandbox.ledger.transactions()).toHaveLength(1);
  });

  it('timeout: processed and recorded, never answered, and the notification still goes out', async () => {
    const { body, orderId } = paymentBody();
    f.sandbox.faults.next({ kind: 'timeout' });
    const held = new Promise<RequestRecord>((resolve) =>
      f.sandbox.ledger.events.on('request', (r) => {
        if (r.outcome === 'held') resolve(r);
      }),
    );
    const controller = new AbortController();
    const attempt = httpRequest(f.processUrl, { body, headers: formHeaders(body), signal: controller.signal });
    const record = await held;
    controller.abort();
    await expect(attempt).rejects.toMatchObject({ name: 'AbortError' });
    expect(record.transactionId).toMatch(/^A\d+$/);
    expect(f.sandbox.ledger.transactionsByOrderId(orderId)).toEqual([expect.objectContaining({ status: 'succeeded', amount: 12390 })]);
    await f.receiver.waitForCalls(1);
    expect(f.receiver.calls[0]?.fields).toMatchObject({ ORDERID: orderId, EXECCODE: '0000' });
  });

  it('reset: the connection is reset before processing, nothing is charged', async () => {
    const { body, orderId } = paymentBody();
    f.sandbox.faults.next({ kind: 'reset' });
    await expect(httpRequest(f.processUrl, { body, headers: formHeaders(body) })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(f.sandbox.ledger.transactionsByOrderId(orderId)).toHaveLength(0);
    expect(f.sandbox.ledger.requests().at(-1)).toMatchObject({ outcome: 'reset', faults: ['reset'] });
  });

  it('reset after processing: charged and notified, then the connection is reset instead of the answer', async () => {
    const { body, orderId } = paymentBody();
    f.sandbox.faults.next({ kind: 'reset', afterProcessing: true });
    await expect(httpRequest(f.processUrl, { body, headers: formHeaders(body) })).rejects.toMatchObject({ code: 'ECONNRESET' });
    const [charge] = f.sandbox.ledger.transactionsByOrderId(orderId);
    expect(charge).toMatchObject({ status: 'succeeded', amount: 12390 });
    expect(f.sandbox.ledger.requests().at(-1)).toMatchObject({ outcome: 'reset', faults: ['reset'], transactionId: charge?.transactionId });
    await f.receiver.waitForCalls(1);
    expect(f.receiver.calls[0]?.fields.TRANSACTIONID).toBe(charge?.transactionId);
  });

  it('HTTP 5xx before processing, or after processing when asked', async () => {
    const first = paymentBody();
    f.sandbox.faults.next({ kind: 'http-error', status: 502 });
    const answer = await httpRequest(f.processUrl, { body: first.body, headers: formHeaders(first.body) });
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toContain('text/html');
    expect(f.sandbox.ledger.transactionsByOrderId(first.orderId)).toHaveLength(0);

    const second = paymentBody();
    f.sandbox.faults.next({ kind: 'http-error', afterProcessing: true });
    expect((await httpRequest(f.processUrl, { body: second.body, headers: formHeaders(second.body) })).status).toBe(503);
    expect(f.sandbox.ledger.transactionsByOrderId(second.orderId)).toHaveLength(1);
  });

  it('non-JSON body with HTTP 200', async () => {
    const { body, orderId } = paymentBody();
    f.sandbox.faults.next({ kind: 'non-json', body: '<html>oops</html>' });
    const answer = await httpRequest(f.processUrl, { body, headers: formHeaders(body) });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('<html>oops</html>');
    expect(() => JSON.parse(answer.text) as unknown).toThrow();
    expect(f.sandbox.ledger.transactionsByOrderId(orderId)).toHaveLength(0);
  });

  it('5001 / 5003 on the primary only: a client that fails over gets 0000 from the secondary, one shared ledger', async () => {
    expect(f.sandbox.secondaryUrl).toBeDefined();
    f.sandbox.faults.always({ kind: 'platform-error', code: '5003' }, { target: 'primary' });
    const params = cardParams(T0);
    const primary = await call(f.processUrl, 'payment', params);
    expect(primary.EXECCODE).toBe('5003');
    expect(f.sandbox.ledger.transactions()).toHaveLength(0);
    const secondary = await call(f.sandbox.endpoints('secondary').process, 'payment', params);
    expect(secondary.EXECCODE).toBe('0000');
    // The secondary's transaction is visible (and refundable) through the primary's ledger.
    f.sandbox.faults.clear();
    const refund = await call(f.processUrl, 'refund', { TRANSACTIONID: secondary.TRANSACTIONID as string, ORDERID: 'o', DESCRIPTION: 'd' });
    expect(refund.EXECCODE).toBe('0000');
    expect(f.sandbox.ledger.transaction(secondary.TRANSACTIONID as string)).toMatchObject({ server: 'secondary', refundedAmount: 12390 });
    expect(f.sandbox.ledger.requests().map((r) => [r.server, r.execCode])).toEqual([
      ['primary', '5003'],
      ['secondary', '0000'],
      ['primary', '0000'],
    ]);
  });

  it('5001 as a one-shot on the primary', async () => {
    f.sandbox.faults.next({ kind: 'platform-error', code: '5001' }, { target: 'primary' });
    expect((await call(f.sandbox.endpoints('secondary').process, 'payment', cardParams(T0))).EXECCODE).toBe('0000');
    expect((await call(f.processUrl, 'payment', cardParams(T0))).EXECCODE).toBe('5001');
    expect((await call(f.processUrl, 'payment', cardParams(T0))).EXECCODE).toBe('0000');
  });

  it('5004: processed, answered 5004 without result; the notification carries the real result', async () => {
    f.sandbox.faults.next({ kind: 'deferred' });
    const params = cardParams(T0, { CARDCODE: '5555554530114002' });
    const json = await call(f.processUrl, 'payment', params);
    expect(json).toMatchObject({ EXECCODE: '5004', OPERATIONTYPE: 'payment' });
    expect(json.TRANSACTIONID).toBeUndefined();
    await f.receiver.waitForCalls(1);
    expect(f.receiver.calls[0]?.fields).toMatchObject({ ORDERID: params.ORDERID, EXECCODE: '4002' });
    expect(f.sandbox.ledger.transactionsByOrderId(params.ORDERID as string)[0]?.execCode).toBe('4002');
  });

  it('5004 can carry the TRANSACTIONID when configured', async () => {
    await f.close();
    f = await startFixture({ rules: { deferredIncludesTransactionId: true } });
    f.sandbox.faults.next({ kind: 'deferred' });
    const json = await call(f.processUrl, 'payment', cardParams(T0));
    expect(json.EXECCODE).toBe('5004');
    expect(f.sandbox.ledger.transaction(json.TRANSACTIONID as string)?.execCode).toBe('0000');
  });

  it('rules match by ORDERID and method, for a number of times; one-shots queue in order', async () => {
    f.sandbox.faults.add({ kind: 'platform-error', code: '5001' }, { match: { orderId: 'cursed' }, times: 2 });
    expect((await call(f.processUrl, 'payment', cardParams(T0, { ORDERID: 'blessed' }))).EXECCODE).toBe('0000');
    expect((await call(f.processUrl, 'payment', cardParams(T0, { ORDERID: 'cursed' }))).EXECCODE).toBe('5001');
    expect((await call(f.processUrl, 'payment', cardParams(T0, { ORDERID: 'cursed' }))).EXECCODE).toBe('5001');
    expect((await call(f.processUrl, 'payment', cardParams(T0, { ORDERID: 'cursed' }))).EXECCODE).toBe('0000');

    f.sandbox.faults.next({ kind: 'outcome', execCode: '4001' });
    f.sandbox.faults.next({ kind: 'outcome', execCode: '4003' }, { match: { method: 'authorization' } });
    expect(f.sandbox.faults.pending()).toBe(2);
    expect((await call(f.processUrl, 'authorization', cardParams(T0))).EXECCODE).toBe('4001');
    expect((await call(f.processUrl, 'payment', cardParams(T0))).EXECCODE).toBe('0000');
    expect((await call(f.processUrl, 'authorization', cardParams(T0))).EXECCODE).toBe('4003');
    expect(f.sandbox.faults.pending()).toBe(0);
  });

  it('faults given in the start options apply for the whole run', async () => {
    await f.close();
    f = await startFixture({ faults: [{ fault: { kind: 'platform-error', code: '5001' }, target: 'primary', match: { method: 'capture' } }] });
    const auth = await call(f.processUrl, 'authorization', cardParams(T0));
    expect(auth.EXECCODE).toBe('0000');
    const capture = () => call(f.processUrl, 'capture', { TRANSACTIONID: auth.TRANSACTIONID as string, ORDERID: 'o', DESCRIPTION: 'd' });
    expect((await capture()).EXECCODE).toBe('5001');
    expect((await capture()).EXECCODE).toBe('5001');
  });

  it('refuses malformed faults', () => {
    expect(() => f.sandbox.faults.next({ kind: 'outcome', execCode: 'declined' })).toThrow(expect.objectContaining({ code: 'SANDBOX_INVALID_OPTIONS' }));
    expect(() => f.sandbox.faults.add({ kind: 'http-error', status: 99 })).toThrow(expect.objectContaining({ code: 'SANDBOX_INVALID_OPTIONS' }));
    expect(() => f.sandbox.faults.add({ kind: 'reset' }, { times: 0 })).toThrow(expect.objectContaining({ code: 'SANDBOX_INVALID_OPTIONS' }));
    expect(f.sandbox.faults.pending()).toBe(0);
  });

  it('a removed rule stops applying', async () => {
    const remove = f.sandbox.faults.always({ kind: 'platform-error', code: '5003' });
    expect((await call(f.processUrl, 'payment', cardParams(T0))).EXECCODE).toBe('5003');
    remove();
    expect((await call(f.processUrl, 'payment', cardParams(T0))).EXECCODE).toBe('0000');
  });
});
