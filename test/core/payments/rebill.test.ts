import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../electron/core/dispatcher.js';
import { startCore, type TestCore, type Operation } from '../../support/start-core.js';

/* Issue 14 item 15: a saved card is charged again by its ALIAS, one-click or subscription. */
describe('charging a saved card again', () => {
  let h: TestCore;
  let saved: Operation;
  beforeEach(async () => {
    h = await startCore({ followUpDelayMs: 0 });
    saved = ((await h.invoke('payments.submit', h.submission({ saveCard: true, amount: 1500 }))) as { operation: Operation }).operation;
  });
  afterEach(async () => {
    await h.close();
  });

  const rebill = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: h.key('rebill'),
    accountId: h.accountId,
    sourceOperationId: saved.id,
    operation: 'payment',
    aliasMode: 'oneclick',
    amount: 2500,
    orderId: `RB-${Math.random().toString(36).slice(2, 10)}`,
    ...overrides,
  });

  it('sends a new payment with the alias and no card data, for the same card and customer', async () => {
    expect(saved.actions.rebillAlias).toEqual(expect.any(String));
    const input = rebill();
    const sent = (await h.invoke('payments.rebill', input)) as { operation: Operation; replayed: boolean };
    expect(sent.replayed).toBe(false);
    expect(sent.operation).toMatchObject({
      type: 'payment',
      status: 'approved',
      amount: 2500,
      orderId: input.orderId,
      last4: '1111',
      customerEmail: 'ana@example.com',
      alias: saved.actions.rebillAlias,
      aliasMode: 'oneclick',
      parentId: null,
    });
    const [charged] = h.core.sandbox.ledger.transactionsByOrderId(input.orderId);
    expect(charged).toMatchObject({ alias: saved.actions.rebillAlias, aliasMode: 'oneclick', amount: 2500 });
    // The same key again replays, and charges nothing more.
    const again = (await h.invoke('payments.rebill', input)) as { operation: Operation; replayed: boolean };
    expect(again).toMatchObject({ replayed: true, operation: { id: sent.operation.id } });
    expect(h.core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('reserves under a subscription, and takes a generated reference when sending', async () => {
    const { orderId: shown } = (await h.invoke('terminal.nextOrderId', { accountId: h.accountId })) as { orderId: string };
    const sent = (await h.invoke(
      'payments.rebill',
      rebill({ operation: 'authorization', aliasMode: 'subscription', orderId: shown, orderIdGenerated: true }),
    )) as {
      operation: Operation;
    };
    expect(sent.operation).toMatchObject({ type: 'authorization', status: 'authorized', aliasMode: 'subscription', orderId: shown });
  });

  it('refuses an operation without a saved card, another account, or a viewer, sending nothing', async () => {
    const plain = ((await h.invoke('payments.submit', h.submission({ amount: 1600 }))) as { operation: Operation }).operation;
    const before = h.core.sandbox.ledger.transactions().length;
    await expect(h.invoke('payments.rebill', rebill({ sourceOperationId: plain.id }))).rejects.toMatchObject({ code: 'PAYMENT_NO_SAVED_CARD' });
    await expect(h.invoke('payments.rebill', rebill({ accountId: h.accountId + 1 }))).rejects.toMatchObject({ code: 'PAYMENT_NO_SAVED_CARD' });
    await expect(h.invoke('payments.rebill', rebill({ sourceOperationId: 9999 }))).rejects.toMatchObject({ code: 'JOURNAL_OPERATION_NOT_FOUND' });
    const viewer: CallContext = { role: 'viewer', operator: 'vi', transport: 'memory' };
    await expect(h.invoke('payments.rebill', rebill(), viewer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.invoke('payments.rebill', { ...rebill(), alias: 'AB0001' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(h.core.sandbox.ledger.transactions()).toHaveLength(before);
    // Charging a saved card again is a supervisor's (issue 17), not a clerk's.
    const clerk: CallContext = { role: 'clerk', operator: 'op', transport: 'memory' };
    await expect(h.invoke('payments.rebill', rebill(), clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const supervisor: CallContext = { role: 'supervisor', operator: 'su', transport: 'memory' };
    expect(((await h.invoke('payments.rebill', rebill(), supervisor)) as { operation: Operation }).operation.status).toBe('approved');
  });

  it('keeps the duplicate and large-amount guards of a keyed payment', async () => {
    await h.invoke('payments.rebill', rebill({ amount: 3000 }));
    await expect(h.invoke('payments.rebill', rebill({ amount: 3000 }))).rejects.toMatchObject({ code: 'PAYMENT_POSSIBLE_DUPLICATE' });
    expect(
      ((await h.invoke('payments.rebill', rebill({ amount: 3000, duplicateOverride: { reason: 'second parcel' } }))) as { operation: Operation }).operation
        .status,
    ).toBe('approved');
    await expect(h.invoke('payments.rebill', rebill({ amount: 600_000 }))).rejects.toMatchObject({ code: 'PAYMENT_LARGE_AMOUNT_UNCONFIRMED' });
  });

  it('means one thing by its key: the same request replays, another one under that key is a conflict, and nothing more is charged', async () => {
    const input = rebill();
    const first = (await h.invoke('payments.rebill', input)) as { operation: Operation };
    await expect(h.invoke('payments.rebill', { ...input, amount: 2600 })).rejects.toMatchObject({ code: 'JOURNAL_IDEMPOTENCY_CONFLICT' });
    await expect(h.invoke('payments.rebill', { ...input, aliasMode: 'subscription' })).rejects.toMatchObject({ code: 'JOURNAL_IDEMPOTENCY_CONFLICT' });
    // A keyed payment under the key of a rebill is not answered with the rebill either.
    await expect(
      h.invoke('payments.submit', h.submission({ idempotencyKey: input.idempotencyKey, amount: 2500, orderId: input.orderId })),
    ).rejects.toMatchObject({
      code: 'JOURNAL_IDEMPOTENCY_CONFLICT',
    });
    await expect(h.invoke('payments.rebill', input)).resolves.toMatchObject({ replayed: true, operation: { id: first.operation.id } });
    expect(h.core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('refuses a card number typed into its description or duplicate reason, recording and sending nothing', async () => {
    const before = h.core.sandbox.ledger.transactions().length;
    for (const [path, overrides] of [
      ['description', { description: 'card 4111 1111 1111 1111' }],
      ['duplicateOverride.reason', { duplicateOverride: { reason: 'same as 4111-1111-1111-1111' } }],
    ] as const) {
      const input = rebill(overrides);
      await expect(h.invoke('payments.rebill', input)).rejects.toMatchObject({ code: 'PAYMENT_CARD_NUMBER_IN_TEXT', issues: [{ path }] });
      expect(await h.invoke('terminal.checkOrderId', { accountId: h.accountId, orderId: input.orderId })).toEqual({ available: true });
    }
    expect(h.core.sandbox.ledger.transactions()).toHaveLength(before);
  });
});

/* A charge by ALIAS is an edit of the transaction that saved the card: Dalenys' 5 minutes apply. */
describe('charging a saved card again under the 5-minute rule', () => {
  let h: TestCore;
  afterEach(async () => {
    await h.close();
  });

  it('says from when, and refuses before recording or sending anything until then', async () => {
    h = await startCore({ followUpDelayMs: 300_000 });
    const before = Date.now();
    const saved = ((await h.invoke('payments.submit', h.submission({ saveCard: true, amount: 1500 }))) as { operation: Operation }).operation;
    expect(saved.actions.rebillAlias).toEqual(expect.any(String));
    expect(saved.actions.followUpsFrom).toBeGreaterThanOrEqual(before + 300_000);
    const input = {
      idempotencyKey: h.key('rebill'),
      accountId: h.accountId,
      sourceOperationId: saved.id,
      operation: 'payment',
      aliasMode: 'oneclick',
      amount: 2500,
      orderId: 'RB-EARLY-1',
    };
    await expect(h.invoke('payments.rebill', input)).rejects.toMatchObject({ code: 'PAYMENT_FOLLOW_UP_TOO_EARLY' });
    // No row (the reference is still free) and no request: the gateway would have said 2017.
    expect(await h.invoke('terminal.checkOrderId', { accountId: h.accountId, orderId: input.orderId })).toEqual({ available: true });
    expect(h.core.sandbox.ledger.requests().filter((request) => request.params.ORDERID === input.orderId)).toEqual([]);
  });
});
