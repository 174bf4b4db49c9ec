import { afterEach, describe, expect, it } from 'vitest';
import { cardExpiry } from '../../support/dates.js';
import { Refused, startCore, type TestCore } from '../../support/start-core.js';

/*
 * Dalenys refuses follow-ups within 5 minutes of their reference transaction (fact sheet 3.1).
 * Core says when each becomes possible and refuses an early one itself, with that time, instead
 * of sending it; the built-in sandbox enforces the same rule behind it.
 */
describe('five minutes before a follow-up', () => {
  let f: TestCore | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it('by default, shows when a capture becomes possible and refuses an earlier one locally, with the time, sending nothing', async () => {
    f = await startCore();
    expect(f.core.sandbox.followUpDelayMs).toBe(300_000);
    const before = Date.now();
    const authorization = await f.pay({ operation: 'authorization', amount: 3000 });
    const after = Date.now();
    expect(authorization.status).toBe('authorized');
    const from = authorization.actions.followUpsFrom as number;
    expect(from).toBeGreaterThanOrEqual(before + 300_000);
    expect(from).toBeLessThanOrEqual(after + 300_000);

    let refused: Refused | undefined;
    try {
      await f.invoke('operations.capture', { operationId: authorization.id, idempotencyKey: f.key() });
    } catch (error) {
      refused = error as Refused;
    }
    expect(refused?.code).toBe('PAYMENT_FOLLOW_UP_TOO_EARLY');
    expect(refused?.error.params).toEqual({ time: from });
    // The English words state the time, in the operator's time zone (Europe/Paris by default).
    const shown = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(Math.ceil(from / 60_000) * 60_000);
    expect(refused?.message).toContain(`possible from ${shown}`);
    // Nothing was recorded or sent: no capture row, no request at the gateway.
    expect(f.requestsFor(`${authorization.orderId}-C1`)).toEqual([]);
    expect(await f.invoke('operations.get', { operationId: authorization.id })).toMatchObject({ status: 'authorized', actions: { capturableAmount: 3000 } });
  });

  it('refuses an early refund and an early void the same way', async () => {
    f = await startCore();
    const payment = await f.pay();
    await expect(
      f.invoke('operations.refund', { operationId: payment.id, idempotencyKey: f.key(), reason: { code: 'customer_request' }, amount: 100 }),
    ).rejects.toMatchObject({ code: 'PAYMENT_FOLLOW_UP_TOO_EARLY' });
    const authorization = await f.pay({ operation: 'authorization', amount: 700 });
    await expect(f.invoke('operations.void', { operationId: authorization.id, idempotencyKey: f.key() })).rejects.toMatchObject({
      code: 'PAYMENT_FOLLOW_UP_TOO_EARLY',
    });
    expect(f.core.sandbox.ledger.requests().filter((request) => request.apiMethod !== 'payment' && request.apiMethod !== 'authorization')).toEqual([]);
  });

  it('lets the follow-up through once the time has come, and counts a refund of a capture from the capture', async () => {
    f = await startCore({ followUpDelayMs: 150 });
    expect(f.core.sandbox.followUpDelayMs).toBe(150);
    const authorization = await f.pay({ operation: 'authorization', amount: 3000 });
    await untilPast(authorization.actions.followUpsFrom as number);
    const { operation: capture } = await f.invoke<{ operation: { id: number; status: string; actions: { followUpsFrom: number | null } } }>(
      'operations.capture',
      {
        operationId: authorization.id,
        idempotencyKey: f.key(),
      },
    );
    expect(capture.status).toBe('approved');
    expect(capture.actions.followUpsFrom).toBeGreaterThan(authorization.actions.followUpsFrom as number);
    await expect(
      f.invoke('operations.refund', { operationId: capture.id, idempotencyKey: f.key(), reason: { code: 'customer_request' }, amount: 100 }),
    ).rejects.toMatchObject({ code: 'PAYMENT_FOLLOW_UP_TOO_EARLY' });
    await untilPast(capture.actions.followUpsFrom as number);
    await expect(
      f.invoke('operations.refund', { operationId: capture.id, idempotencyKey: f.key(), reason: { code: 'customer_request' }, amount: 100 }),
    ).resolves.toMatchObject({ operation: { status: 'approved' } });
  });

  it('says nothing is possible when nothing is (a declined payment)', async () => {
    f = await startCore();
    const declined = await f.pay({ card: { number: '5555554530114002', expiry: cardExpiry(), cvv: '987', holder: 'ANA LOPEZ' } });
    expect(declined).toMatchObject({ status: 'declined', actions: { followUpsFrom: null } });
  });

  it('with followUpDelayMs 0, a follow-up goes at once and the sandbox agrees', async () => {
    f = await startCore({ followUpDelayMs: 0 });
    expect(f.core.sandbox.followUpDelayMs).toBe(0);
    const authorization = await f.pay({ operation: 'authorization', amount: 3000 });
    expect(authorization.actions.followUpsFrom).toBeLessThanOrEqual(Date.now());
    await expect(f.invoke('operations.capture', { operationId: authorization.id, idempotencyKey: f.key() })).resolves.toMatchObject({
      operation: { status: 'approved' },
    });
  });

  it('refuses a delay that is not a whole number of milliseconds', async () => {
    await expect(startCore({ followUpDelayMs: -1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

/** Resolves once the clock has passed `at` (a condition on time, not a guessed sleep). */
async function untilPast(at: number): Promise<void> {
  while (Date.now() < at) await new Promise((resolve) => setTimeout(resolve, Math.max(1, at - Date.now())));
}
