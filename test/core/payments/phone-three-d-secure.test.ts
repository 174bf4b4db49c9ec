import { afterEach, describe, expect, it } from 'vitest';
import { journalPath, openJournal, type JournalEvent } from '../../../electron/core/journal/index.js';
import { createManualClock } from '../../../electron/core/sandbox/index.js';
import { cardExpiry } from '../../support/dates.js';
import { startCore, type TestCore } from '../../support/start-core.js';

/*
 * Dalenys may ask for 3-D Secure (0001) on a payment that did not ask for it; a customer on the
 * phone cannot authenticate. The operator closes it on the desk as abandoned; the sandbox
 * expires the authentication with 4009 and notifies it, so nothing stays pending for ever; a
 * success the gateway reports after all still wins, flagged.
 */
const ENROLLED = { number: '5206019820620400', expiry: cardExpiry(), cvv: '987', holder: 'ANA LOPEZ' };

describe('3-D Secure on a phone order', () => {
  let f: TestCore | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  function events(fixture: TestCore, operationId: number): JournalEvent[] {
    const journal = openJournal({ file: journalPath(fixture.core.dataDir, 'default') });
    try {
      return journal.listEvents(operationId);
    } finally {
      journal.close();
    }
  }

  it('answers 0001 although the payment did not ask for 3-D Secure: pending, waiting for the customer', async () => {
    f = await startCore();
    const payment = await f.pay({ card: ENROLLED });
    expect(payment).toMatchObject({ status: 'pending', execCode: '0001', actions: { checkStatus: true, refundableAmount: 0 } });
    expect(f.requestsFor(payment.orderId)[0]?.params['3DSECURE']).toBeUndefined();
  });

  it('closes it as abandoned, recorded as the operator’s action; the later 4009 expiry confirms it', async () => {
    const clock = createManualClock(Date.now());
    f = await startCore({ sandbox: { now: clock.now } });
    const payment = await f.pay({ card: ENROLLED });
    const { operation } = await f.invoke<{ operation: { status: string; actions: { checkStatus: boolean } } }>('operations.abandon', {
      operationId: payment.id,
      reason: 'customer on the phone, sent a payment link',
    });
    expect(operation).toMatchObject({ status: 'abandoned', actions: { checkStatus: false } });
    const action = events(f, payment.id).find((event) => event.kind === 'operator_action' && event.payload.action === 'abandon');
    expect(action?.payload).toMatchObject({ action: 'abandon', operator: 'ana', note: 'customer on the phone, sent a payment link' });

    // 15 minutes later by the sandbox's clock, nobody has authenticated.
    clock.advance(15 * 60_000);
    expect(f.core.sandbox.expireThreeDSecure()).toHaveLength(1);
    const expired = await f.until(payment.id, (view) => view.execCode === '4009');
    expect(expired).toMatchObject({ status: 'abandoned', confirmation: 'confirmed' });
    expect(f.core.sandbox.ledger.transactionsByOrderId(payment.orderId)[0]).toMatchObject({ execCode: '4009', status: 'refused' });
  });

  it('never leaves it pending for ever: without the operator, the sandbox’s 4009 declines it', async () => {
    const clock = createManualClock(Date.now());
    f = await startCore({ sandbox: { now: clock.now, threeDSecureExpiryMs: 60_000 } });
    const payment = await f.pay({ card: ENROLLED });
    clock.advance(60_000);
    f.core.sandbox.expireThreeDSecure();
    const settled = await f.until(payment.id, (view) => view.status !== 'pending');
    expect(settled).toMatchObject({ status: 'declined', execCode: '4009', confirmation: 'confirmed' });
  });

  it('lets a success the gateway reports after all win over the abandon, shown as a discrepancy', async () => {
    f = await startCore();
    const payment = await f.pay({ card: ENROLLED });
    await f.invoke('operations.abandon', { operationId: payment.id });
    await f.core.sandbox.completeThreeDSecure(payment.transactionId as string, true);
    const charged = await f.until(payment.id, (view) => view.status !== 'abandoned');
    expect(charged).toMatchObject({ status: 'approved', confirmation: 'discrepancy', actions: { refundableAmount: 4200 } });
  });

  it.each([
    ['glued to letters', 'carte4111111111111111'],
    ['in groups', 'card 4111 1111 1111 1111 exp 12/30'],
  ])('refuses a card number %s in the reason (issue 13 item 9), recording nothing', async (_how, reason) => {
    f = await startCore();
    const payment = await f.pay({ card: ENROLLED });
    await expect(f.invoke('operations.abandon', { operationId: payment.id, reason })).rejects.toMatchObject({
      error: { code: 'PAYMENT_CARD_NUMBER_IN_TEXT', issues: [{ path: 'reason' }] },
    });
    expect(await f.invoke('operations.get', { operationId: payment.id })).toMatchObject({ status: 'pending' });
    expect(events(f, payment.id).some((event) => event.kind === 'operator_action' && event.payload.action === 'abandon')).toBe(false);
  });

  it('refuses to abandon what does not wait for the customer: an approved payment, one waiting for the bank', async () => {
    f = await startCore();
    const approved = await f.pay();
    await expect(f.invoke('operations.abandon', { operationId: approved.id })).rejects.toMatchObject({ code: 'PAYMENT_ACTION_NOT_POSSIBLE' });
    // The 5004 test card: the bank's answer is on its way, by notification.
    f.core.sandbox.setNotificationPolicy({ mode: 'never' });
    const waiting = await f.pay({ card: { ...ENROLLED, number: '5555552450575004' } });
    expect(waiting).toMatchObject({ status: 'pending', execCode: '5004' });
    await expect(f.invoke('operations.abandon', { operationId: waiting.id })).rejects.toMatchObject({ code: 'PAYMENT_ACTION_NOT_POSSIBLE' });
    expect(await f.invoke('operations.get', { operationId: waiting.id })).toMatchObject({ status: 'pending' });
  });
});
