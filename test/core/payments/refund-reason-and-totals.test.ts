import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type TestCore, type Operation } from '../../support/start-core.js';

/* Issue 14 items 1 and 16: a refund says why, and an operation says what its follow-ups moved. */
describe('refund reasons and settled amounts', () => {
  let h: TestCore;
  beforeEach(async () => {
    h = await startCore({ followUpDelayMs: 0 });
  });
  afterEach(async () => {
    await h.close();
  });

  const get = async (operationId: number) => (await h.invoke('operations.get', { operationId })) as Operation;

  it('refuses a refund without a valid reason, sending nothing', async () => {
    const payment = ((await h.invoke('payments.submit', h.submission({ amount: 10_000 }))) as { operation: Operation }).operation;
    const before = h.core.sandbox.ledger.transactions().length;
    for (const reason of [undefined, { code: 'because' }, { code: 'other' }, { code: 'other', note: ' x ' }, { code: 'goodwill', note: 'y'.repeat(201) }]) {
      await expect(
        h.invoke('operations.refund', { operationId: payment.id, idempotencyKey: h.key('refund'), amount: 100, reason }),
        JSON.stringify(reason),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    expect(h.core.sandbox.ledger.transactions()).toHaveLength(before);
    // A card number typed in the note is refused before anything is recorded: no refund left waiting.
    await expect(
      h.invoke('operations.refund', {
        operationId: payment.id,
        idempotencyKey: h.key('refund'),
        amount: 100,
        reason: { code: 'other', note: 'card 4111 1111 1111 1111' },
      }),
    ).rejects.toMatchObject({ code: 'PAYMENT_CARD_NUMBER_IN_TEXT' });
    expect(h.core.sandbox.ledger.transactions()).toHaveLength(before);
    expect(await h.invoke('operations.get', { operationId: payment.id })).toMatchObject({ status: 'approved', actions: { refundableAmount: 10_000 } });
  });

  it('records the reason with the refund and shows it in the refund’s view; the payment says how much was refunded', async () => {
    const payment = ((await h.invoke('payments.submit', h.submission({ amount: 10_000 }))) as { operation: Operation }).operation;
    expect(payment.settled).toEqual({ captured: 0, refunded: 0 });
    const refund = (
      (await h.invoke('operations.refund', {
        operationId: payment.id,
        idempotencyKey: h.key('refund'),
        amount: 3000,
        reason: { code: 'other', note: '  Parcel lost by the carrier ' },
      })) as { operation: Operation }
    ).operation;
    expect(refund.refundReason).toEqual({ code: 'other', note: 'Parcel lost by the carrier' });
    expect((await get(refund.id)).refundReason).toEqual({ code: 'other', note: 'Parcel lost by the carrier' });
    expect(await get(payment.id)).toMatchObject({ status: 'partially_refunded', settled: { captured: 0, refunded: 3000 }, refundReason: null });
  });

  it('counts a partial capture and the refunds of that capture on the authorization', async () => {
    const authorization = ((await h.invoke('payments.submit', h.submission({ operation: 'authorization', amount: 10_000 }))) as { operation: Operation })
      .operation;
    const capture = (
      (await h.invoke('operations.capture', { operationId: authorization.id, idempotencyKey: h.key('capture'), amount: 6000 })) as { operation: Operation }
    ).operation;
    expect(await get(authorization.id)).toMatchObject({ status: 'partially_captured', settled: { captured: 6000, refunded: 0 } });
    await h.invoke('operations.refund', { operationId: capture.id, idempotencyKey: h.key('refund'), amount: 1000, reason: { code: 'returned_goods' } });
    expect(await get(authorization.id)).toMatchObject({ settled: { captured: 6000, refunded: 1000 } });
    expect(await get(capture.id)).toMatchObject({ status: 'partially_refunded', settled: { captured: 0, refunded: 1000 } });
  });

  it('replays a retried refund whose reason was edited meanwhile, keeping the reason recorded first: the key stands for the money, not the words', async () => {
    const payment = ((await h.invoke('payments.submit', h.submission({ amount: 10_000 }))) as { operation: Operation }).operation;
    const key = h.key('refund');
    const first = (
      (await h.invoke('operations.refund', { operationId: payment.id, idempotencyKey: key, amount: 2000, reason: { code: 'returned_goods' } })) as {
        operation: Operation;
      }
    ).operation;
    const again = (await h.invoke('operations.refund', {
      operationId: payment.id,
      idempotencyKey: key,
      amount: 2000,
      reason: { code: 'other', note: 'Parcel came back' },
    })) as {
      operation: Operation;
      replayed: boolean;
    };
    expect(again).toMatchObject({ replayed: true, operation: { id: first.id, refundReason: { code: 'returned_goods' } } });
    // The same key for another amount is another refund: refused, never answered with the first.
    await expect(
      h.invoke('operations.refund', { operationId: payment.id, idempotencyKey: key, amount: 2500, reason: { code: 'returned_goods' } }),
    ).rejects.toMatchObject({
      code: 'JOURNAL_IDEMPOTENCY_CONFLICT',
    });
    expect(await get(payment.id)).toMatchObject({ settled: { refunded: 2000 }, actions: { refundableAmount: 8000 } });
    // Every refund names its AMOUNT at the gateway, the reason stays on the desk.
    const sent = h.core.sandbox.ledger.requests().filter((request) => request.apiMethod === 'refund');
    expect(sent.map((request) => request.params.AMOUNT)).toEqual(['2000']);
  });
});
