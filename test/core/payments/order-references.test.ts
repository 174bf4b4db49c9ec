import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type TestCore, type Operation } from '../../support/start-core.js';

/*
 * Issue 14 item 12: a reference is taken when a payment is sent, not when the form shows it;
 * two desks that were shown the same one never send it twice.
 */
describe('order references', () => {
  let h: TestCore;
  beforeEach(async () => {
    h = await startCore();
  });
  afterEach(async () => {
    await h.close();
  });

  const preview = async () => ((await h.invoke('terminal.nextOrderId', { accountId: h.accountId })) as { orderId: string }).orderId;

  it('are not used up by showing them: page loads and cleared forms see the same one', async () => {
    const first = await preview();
    expect(first).toBe('SBX-000001');
    expect(await preview()).toBe(first);
    expect(await preview()).toBe(first);
  });

  it('are taken when a payment is sent with the one shown, and the next form shows the one after', async () => {
    const shown = await preview();
    const sent = (await h.invoke('payments.submit', h.submission({ orderId: shown, orderIdGenerated: true }))) as { operation: Operation };
    expect(sent.operation.orderId).toBe(shown);
    expect(await preview()).toBe('SBX-000002');
  });

  it('never go out twice when two desks were shown the same one: the second takes the next', async () => {
    const shown = await preview();
    const [first, second] = (await Promise.all([
      h.invoke('payments.submit', h.submission({ orderId: shown, orderIdGenerated: true, amount: 1100 })),
      h.invoke('payments.submit', h.submission({ orderId: shown, orderIdGenerated: true, amount: 1200 })),
    ])) as { operation: Operation }[];
    const references = [first?.operation.orderId, second?.operation.orderId];
    expect(new Set(references).size).toBe(2);
    expect(references.sort()).toEqual(['SBX-000001', 'SBX-000002']);
    for (const orderId of references) expect(h.core.sandbox.ledger.transactionsByOrderId(orderId as string)).toHaveLength(1);
  });

  it('keep a typed reference as typed: refused when taken, and one of the counter’s form moves the counter past it', async () => {
    await h.invoke('payments.submit', h.submission({ orderId: 'SBX-000010' }));
    expect(await preview()).toBe('SBX-000011');
    await expect(h.invoke('payments.submit', h.submission({ orderId: 'SBX-000010', amount: 999 }))).rejects.toMatchObject({ code: 'JOURNAL_ORDER_ID_TAKEN' });
    expect(h.core.sandbox.ledger.transactionsByOrderId('SBX-000010')).toHaveLength(1);
  });

  it('replay a retry whose preview moved on because the lost first attempt took the reference; a typed one that differs is another request', async () => {
    const shown = await preview();
    const input = h.submission({ orderId: shown, orderIdGenerated: true, amount: 1300 });
    const first = (await h.invoke('payments.submit', input)) as { operation: Operation };
    // The answer was lost: the screen saw its reference taken and now shows the next one.
    const moved = await preview();
    expect(moved).not.toBe(shown);
    await expect(h.invoke('payments.submit', { ...input, orderId: moved })).resolves.toMatchObject({
      replayed: true,
      operation: { id: first.operation.id, orderId: shown },
    });
    expect(await preview()).toBe(moved);
    await expect(h.invoke('payments.submit', { ...input, orderId: 'TYPED-1', orderIdGenerated: false })).rejects.toMatchObject({
      code: 'JOURNAL_IDEMPOTENCY_CONFLICT',
    });
    expect(h.core.sandbox.ledger.transactions().filter((transaction) => transaction.amount === 1300)).toHaveLength(1);
  });
});
