import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath } from '../../../electron/core/journal/index.js';
import { cardExpiry } from '../../support/dates.js';
import { rawDatabase } from '../../support/journal-sql.js';
import { startCore, type TestCore, type Operation } from '../../support/start-core.js';

/*
 * An idempotency key stands for one request. Reused with other content it is refused with a
 * conflict; it never answers with another operation as "replayed". A follow-up's key is bound
 * to its parent and kind.
 */
describe('idempotency keys mean one thing', () => {
  let f: TestCore;
  beforeAll(async () => {
    f = await startCore({ followUpDelayMs: 0 });
  });
  afterAll(async () => {
    await f.close();
  });

  const submit = (input: Record<string, unknown>) => f.invoke<{ operation: Operation; replayed: boolean }>('payments.submit', input);
  // Payments of one card and amount follow each other here on purpose: none is a duplicate.
  const submission = (overrides: Record<string, unknown> = {}) => f.submission({ duplicateOverride: { reason: 'test of idempotency keys' }, ...overrides });
  const pay = async (overrides: Record<string, unknown> = {}) => (await submit(submission(overrides))).operation;

  it('replays the same submission, charging once', async () => {
    const input = submission();
    const first = await submit(input);
    const again = await submit(input);
    expect(again).toMatchObject({ replayed: true, operation: { id: first.operation.id } });
    expect(f.core.sandbox.ledger.transactionsByOrderId(input.orderId as string)).toHaveLength(1);
  });

  it.each([
    ['another amount', { amount: 4300 }],
    ['another card (last four)', { card: { number: '5555555555554444', expiry: cardExpiry(), cvv: '987', holder: 'ANA LOPEZ' } }],
    ['another card with the same last four (BIN)', { card: { number: '5500000008001111', expiry: cardExpiry(), cvv: '987', holder: 'ANA LOPEZ' } }],
    // The same number with another expiry is another card as far as the gateway is concerned.
    ['another card expiry', { card: { number: '4111111111111111', expiry: cardExpiry(Date.now(), 4), cvv: '987', holder: 'ANA LOPEZ' } }],
    ['another operation type', { operation: 'authorization' }],
    ['another ORDERID', { orderId: 'ORD-OTHER-1' }],
    // Keys are unique across accounts: the first operation's account must not answer for another.
    ['another account', { accountId: 2 }],
  ])('refuses the same key with %s, and sends nothing', async (_what, change) => {
    const input = submission();
    const first = await submit(input);
    const before = f.core.sandbox.ledger.requests().length;
    await expect(submit({ ...input, ...change })).rejects.toMatchObject({ code: 'JOURNAL_IDEMPOTENCY_CONFLICT' });
    expect(f.core.sandbox.ledger.requests()).toHaveLength(before);
    // The first operation is untouched.
    expect(await f.invoke('operations.get', { operationId: first.operation.id })).toMatchObject({ amount: input.amount, status: 'approved' });
  });

  it('replays the same card and amount whose holder name or description was retyped: they are not in the key', async () => {
    const input = submission({ description: 'phone order' });
    const first = await submit(input);
    const retyped = { ...input, description: 'Phone order, table 4', card: { ...(input.card as Record<string, string>), holder: 'Ana López' } };
    await expect(submit(retyped)).resolves.toMatchObject({ replayed: true, operation: { id: first.operation.id } });
    expect(f.core.sandbox.ledger.transactionsByOrderId(input.orderId as string)).toHaveLength(1);
  });

  it('scopes a follow-up key to its parent: the same key on another payment is refused, not answered with the first refund', async () => {
    const a = await pay();
    const b = await pay();
    const key = f.key();
    const refundA = await f.invoke<{ operation: Operation }>('operations.refund', {
      operationId: a.id,
      idempotencyKey: key,
      reason: { code: 'customer_request' },
      amount: 100,
    });
    await expect(
      f.invoke('operations.refund', { operationId: b.id, idempotencyKey: key, reason: { code: 'customer_request' }, amount: 100 }),
    ).rejects.toMatchObject({ code: 'JOURNAL_IDEMPOTENCY_CONFLICT' });
    expect(f.requestsFor(`${b.orderId}-R1`)).toEqual([]);
    // The same refund again is a replay.
    await expect(
      f.invoke('operations.refund', { operationId: a.id, idempotencyKey: key, reason: { code: 'customer_request' }, amount: 100 }),
    ).resolves.toMatchObject({ replayed: true, operation: { id: refundA.operation.id } });
    // Another amount under the same key is not.
    await expect(
      f.invoke('operations.refund', { operationId: a.id, idempotencyKey: key, reason: { code: 'customer_request' }, amount: 200 }),
    ).rejects.toMatchObject({ code: 'JOURNAL_IDEMPOTENCY_CONFLICT' });
  });

  it('scopes a follow-up key to its kind: a capture key used to void is refused', async () => {
    const authorization = await pay({ operation: 'authorization', amount: 900 });
    const other = await pay({ operation: 'authorization', amount: 800 });
    const key = f.key();
    await f.invoke('operations.capture', { operationId: authorization.id, idempotencyKey: key });
    await expect(f.invoke('operations.void', { operationId: other.id, idempotencyKey: key })).rejects.toMatchObject({ code: 'JOURNAL_IDEMPOTENCY_CONFLICT' });
    expect(await f.invoke('operations.get', { operationId: other.id })).toMatchObject({ status: 'authorized' });
  });

  it('never answers a payment with a follow-up, or a follow-up with a payment', async () => {
    const input = submission();
    const payment = await submit(input);
    await expect(
      f.invoke('operations.refund', {
        operationId: payment.operation.id,
        idempotencyKey: input.idempotencyKey,
        reason: { code: 'customer_request' },
        amount: 100,
      }),
    ).rejects.toMatchObject({
      code: 'JOURNAL_IDEMPOTENCY_CONFLICT',
    });
    const key = f.key();
    await f.invoke('operations.refund', { operationId: payment.operation.id, idempotencyKey: key, reason: { code: 'customer_request' }, amount: 100 });
    await expect(submit({ ...submission(), idempotencyKey: key })).rejects.toMatchObject({ code: 'JOURNAL_IDEMPOTENCY_CONFLICT' });
  });

  it('replays a full refund asked without an amount, although nothing is left to refund after the first', async () => {
    const payment = await pay({ amount: 1500 });
    const key = f.key();
    const first = await f.invoke<{ operation: Operation }>('operations.refund', {
      operationId: payment.id,
      idempotencyKey: key,
      reason: { code: 'customer_request' },
    });
    expect(first.operation).toMatchObject({ amount: 1500, status: 'approved' });
    await expect(f.invoke('operations.refund', { operationId: payment.id, idempotencyKey: key, reason: { code: 'customer_request' } })).resolves.toMatchObject({
      replayed: true,
      operation: { id: first.operation.id },
    });
    expect(f.requestsFor(`${payment.orderId}-R1`)).toHaveLength(1);
  });

  it('keeps the fingerprint in the journal, never card data', async () => {
    const input = submission();
    const { operation } = await submit(input);
    const db = rawDatabase(journalPath(f.core.dataDir, 'default'), { readonly: true });
    try {
      const row = db.prepare('SELECT request_fingerprint FROM operations WHERE id = ?').get(operation.id) as { request_fingerprint: string };
      expect(row.request_fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(row.request_fingerprint).not.toContain('4111111111111111');
    } finally {
      db.close();
    }
  });
});
