import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../electron/core/dispatcher.js';
import { startCore, type TestCore, type Operation } from '../../support/start-core.js';

/* Issue 14 item 7: above a per-account threshold a charge needs an explicit confirmation; core checks. */
describe('large amounts', () => {
  let h: TestCore;
  beforeEach(async () => {
    h = await startCore();
  });
  afterEach(async () => {
    await h.close();
  });

  const threshold = async () =>
    ((await h.invoke('accounts.list')) as { accounts: Array<{ id: number; largeAmountThreshold: number }> }).accounts.find(
      (account) => account.id === h.accountId,
    )?.largeAmountThreshold;

  it('need a confirmation above €5,000 by default: refused without it, nothing recorded or sent', async () => {
    expect(await threshold()).toBe(500_000);
    const input = h.submission({ amount: 500_001 });
    await expect(h.invoke('payments.submit', input)).rejects.toMatchObject({ code: 'PAYMENT_LARGE_AMOUNT_UNCONFIRMED' });
    expect(await h.invoke('terminal.checkOrderId', { accountId: h.accountId, orderId: input.orderId })).toEqual({ available: true });
    expect(h.core.sandbox.ledger.transactions()).toHaveLength(0);
    const confirmed = (await h.invoke('payments.submit', { ...input, confirmLargeAmount: true })) as { operation: Operation };
    expect(confirmed.operation).toMatchObject({ status: 'approved', amount: 500_001 });
    // At the threshold itself, no confirmation is needed.
    expect(((await h.invoke('payments.submit', h.submission({ amount: 500_000 }))) as { operation: Operation }).operation.status).toBe('approved');
  });

  it('take the threshold an administrator sets, validated, and only from an administrator', async () => {
    const operator: CallContext = { role: 'clerk', operator: 'bo', transport: 'memory' };
    await expect(h.invoke('accounts.setLargeAmountThreshold', { accountId: h.accountId, threshold: 10_000 }, operator)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    for (const bad of [0, -5, 12.5, 2_000_000_000, '10000']) {
      await expect(h.invoke('accounts.setLargeAmountThreshold', { accountId: h.accountId, threshold: bad }), String(bad)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    await expect(h.invoke('accounts.setLargeAmountThreshold', { accountId: 9999, threshold: 10_000 })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    expect(await threshold()).toBe(500_000);
    expect(await h.invoke('accounts.setLargeAmountThreshold', { accountId: h.accountId, threshold: 10_000 })).toMatchObject({ largeAmountThreshold: 10_000 });
    expect(await threshold()).toBe(10_000);
    await expect(h.invoke('payments.submit', h.submission({ amount: 10_001 }))).rejects.toMatchObject({ code: 'PAYMENT_LARGE_AMOUNT_UNCONFIRMED' });
  });
});
