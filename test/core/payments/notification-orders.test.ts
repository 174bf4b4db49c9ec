import { describe, expect, it, afterEach, beforeEach } from 'vitest';
import { signParams } from '../../../electron/core/gateway/signature.js';
import { cardExpiry, utcDay } from '../../support/dates.js';
import { startCore, type Operation, type TestCore } from '../../support/start-core.js';

/*
 * Dalenys confirms each result by notification: before the synchronous answer, after it,
 * twice, late, never, or saying something else. Whatever the order, the journal must end
 * right. Real core, real journal, real listener, the built-in sandbox as the gateway.
 */
describe('notifications in every order', () => {
  let f: TestCore;

  let counter = 0;
  function pay(overrides: Record<string, unknown> = {}) {
    counter += 1;
    return f.invoke<{ operation: Operation }>('payments.submit', {
      // Letters between the numbers: dash-joined digit runs would read as a grouped card number.
      idempotencyKey: `orders-test-key-n${counter}t${Date.now()}`,
      accountId: f.accountId,
      operation: 'payment',
      amount: 1000 + counter,
      orderId: `NOTIF-n${counter}t${Date.now()}`,
      customer: { email: 'ana@example.com' },
      card: { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: 'ANA LOPEZ' },
      ...overrides,
    });
  }

  const until = (operationId: number, predicate: (operation: Operation) => boolean) => f.until(operationId, predicate);
  const notificationEvents = (operationId: number) => f.invoke<Operation>('operations.get', { operationId });

  beforeEach(async () => {
    f = await startCore({
      polling: { firstDelayMs: 50, baseDelayMs: 50, rescanMs: 50 },
      sandbox: { notifications: { intervalsMs: [50], attempts: 3 } },
      // Captures follow their authorization at once here.
      followUpDelayMs: 0,
    });
  });
  afterEach(async () => {
    await f.close();
  });

  it('before the answer: the answer finds the operation already confirmed', async () => {
    f.core.sandbox.setNotificationPolicy({ mode: 'before' });
    const { operation } = await pay();
    expect(operation).toMatchObject({ status: 'approved', confirmation: 'confirmed' });
  });

  it('after the answer: awaiting first, then confirmed', async () => {
    f.core.sandbox.setNotificationPolicy({ mode: 'after' });
    const { operation } = await pay();
    expect(operation.status).toBe('approved');
    const confirmed = operation.confirmation === 'confirmed' ? operation : await until(operation.id, (o) => o.confirmation === 'confirmed');
    expect(confirmed.status).toBe('approved');
  });

  it('late: awaiting until it arrives, then confirmed', async () => {
    f.core.sandbox.setNotificationPolicy({ mode: 'late', delayMs: 300 });
    const { operation } = await pay();
    expect(operation).toMatchObject({ status: 'approved', confirmation: 'awaiting' });
    expect((await until(operation.id, (o) => o.confirmation === 'confirmed')).status).toBe('approved');
  });

  it('twice: applied once, answered OK both times', async () => {
    f.core.sandbox.setNotificationPolicy({ mode: 'twice' });
    const { operation } = await pay();
    await f.core.sandbox.settled();
    const deliveries = f.core.sandbox.ledger.notifications().filter((n) => n.params.ORDERID === operation.orderId);
    expect(deliveries.length).toBe(2);
    expect(deliveries.every((n) => n.state === 'delivered')).toBe(true);
    const view = await notificationEvents(operation.id);
    expect(view).toMatchObject({ status: 'approved', confirmation: 'confirmed' });
  });

  it('never, on a deferred (5004) answer: pending, then settled by the polling bridge', async () => {
    f.core.sandbox.setNotificationPolicy({ mode: 'never' });
    f.core.sandbox.faults.next({ kind: 'deferred' });
    const { operation } = await pay();
    expect(operation.status).toBe('pending');
    const settled = await until(operation.id, (o) => o.status !== 'pending');
    expect(settled.status).toBe('approved');
    expect(f.core.sandbox.ledger.transactionsByOrderId(operation.orderId)).toHaveLength(1);
  });

  it('contradicting the answer: the notification wins and a discrepancy is recorded', async () => {
    f.core.sandbox.setNotificationPolicy({ mode: 'never' });
    const { operation } = await pay();
    expect(operation).toMatchObject({ status: 'approved', confirmation: 'awaiting' });
    // The gateway later says the bank refused it: a signed notification like Dalenys sends.
    const password = await f.sandboxPassword();
    const params: Record<string, string> = {
      IDENTIFIER: 'COMPTOIR-SANDBOX',
      OPERATIONTYPE: 'payment',
      TRANSACTIONID: operation.transactionId as string,
      ORDERID: operation.orderId,
      AMOUNT: String(operation.amount),
      EXECCODE: '4001',
      MESSAGE: 'Transaction declined by the banking network',
      VERSION: '2.0',
    };
    const body = new URLSearchParams({ ...params, HASH: signParams(params, password) });
    const response = await fetch(f.core.notifyUrl, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('OK');
    const view = await notificationEvents(operation.id);
    expect(view).toMatchObject({ status: 'declined', execCode: '4001', confirmation: 'discrepancy' });
  });

  it('on a follow-up: the screen hears of its parent too (a capture confirmed late makes the authorization captured)', async () => {
    f.core.sandbox.setNotificationPolicy({ mode: 'never' });
    const { operation: authorization } = await pay({ operation: 'authorization' });
    expect(authorization.status).toBe('authorized');
    // The capture is only acknowledged (5004): it stays pending until the gateway confirms it.
    f.core.sandbox.faults.next({ kind: 'deferred' });
    const { operation: capture } = await f.invoke<{ operation: Operation }>('operations.capture', {
      operationId: authorization.id,
      idempotencyKey: `orders-capture-key-t${Date.now()}`,
    });
    expect(capture.status).toBe('pending');
    expect((await f.invoke<Operation>('operations.get', { operationId: authorization.id })).status).toBe('authorized');
    const captured = until(authorization.id, (o) => o.status === 'captured');
    const params: Record<string, string> = {
      IDENTIFIER: 'COMPTOIR-SANDBOX',
      OPERATIONTYPE: 'capture',
      ORDERID: capture.orderId,
      TRANSACTIONID: `${authorization.transactionId as string}-CAPTURE`,
      AMOUNT: String(capture.amount),
      EXECCODE: '0000',
      MESSAGE: 'The transaction has been accepted.',
      VERSION: '2.0',
    };
    const body = new URLSearchParams({ ...params, HASH: signParams(params, await f.sandboxPassword()) });
    const response = await fetch(f.core.notifyUrl, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await response.text()).toBe('OK');
    // Without the parent's own update the screen would keep offering to capture it.
    expect(await captured).toMatchObject({ status: 'captured', actions: { capturableAmount: 0, voidable: false } });
  });

  it('a follow-up settled by the polling bridge: the screen hears of its parent too', async () => {
    f.core.sandbox.setNotificationPolicy({ mode: 'never' });
    const { operation: authorization } = await pay({ operation: 'authorization' });
    f.core.sandbox.faults.next({ kind: 'deferred' });
    const captured = until(authorization.id, (o) => o.status === 'captured');
    const { operation: capture } = await f.invoke<{ operation: Operation }>('operations.capture', {
      operationId: authorization.id,
      idempotencyKey: `orders-polled-capture-t${Date.now()}`,
    });
    expect(capture.status).toBe('pending');
    // No notification comes: the bridge asks the gateway, and the authorization on screen follows.
    expect(await captured).toMatchObject({ status: 'captured', actions: { capturableAmount: 0, voidable: false } });
  });

  it('a forged notification is refused and changes nothing', async () => {
    f.core.sandbox.setNotificationPolicy({ mode: 'never' });
    const { operation } = await pay();
    const params = { IDENTIFIER: 'COMPTOIR-SANDBOX', OPERATIONTYPE: 'payment', TRANSACTIONID: operation.transactionId as string, EXECCODE: '4001' };
    const body = new URLSearchParams({ ...params, HASH: signParams(params, 'not-the-password') });
    const response = await fetch(f.core.notifyUrl, { method: 'POST', body });
    expect(response.status).toBe(403);
    expect(await notificationEvents(operation.id)).toMatchObject({ status: 'approved', confirmation: 'awaiting' });
  });
});

describe('instalment notifications', () => {
  it('confirm an instalment payment without a discrepancy, though they carry the first instalment’s amount', async () => {
    const f = await startCore();
    try {
      const { operation } = await f.invoke<{ operation: Operation }>('payments.submit', {
        idempotencyKey: 'instalments-key-000001',
        accountId: f.accountId,
        operation: 'payment',
        amount: 1000,
        orderId: 'INST-1',
        customer: { email: 'ana@example.com' },
        card: { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: 'ANA LOPEZ' },
        instalments: [
          { date: utcDay(), amount: 500 },
          { date: utcDay(Date.now(), 30), amount: 500 },
        ],
      });
      await f.core.sandbox.settled();
      expect(await f.invoke('operations.get', { operationId: operation.id })).toMatchObject({ status: 'approved', amount: 1000, confirmation: 'confirmed' });
    } finally {
      await f.close();
    }
  });
});
