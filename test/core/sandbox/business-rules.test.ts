import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../electron/core/sandbox/index.js';
import { DAY, OTHER, startFixture, T0, type Fixture } from '../../support/sandbox-fixture.js';
import { call, cardParams } from './harness.js';

describe('capture, refund and void rules', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const authorize = async (amount = '10000') => (await call(f.processUrl, 'authorization', cardParams(T0, { AMOUNT: amount }))).TRANSACTIONID as string;
  const pay = async (amount = '10000') => (await call(f.processUrl, 'payment', cardParams(T0, { AMOUNT: amount }))).TRANSACTIONID as string;
  const followUp = (method: string, reference: string, amount?: string) =>
    call(f.processUrl, method, {
      TRANSACTIONID: reference,
      ORDERID: 'order-1',
      DESCRIPTION: `${method} by staff`,
      ...(amount === undefined ? {} : { AMOUNT: amount }),
    });

  it('captures an authorization once, partially, and not above the authorized amount', async () => {
    const auth = await authorize();
    expect((await followUp('capture', auth, '10001')).EXECCODE).toBe('2007');
    const capture = await followUp('capture', auth, '6000');
    expect(capture).toMatchObject({ EXECCODE: '0000', OPERATIONTYPE: 'capture' });
    expect(capture.TRANSACTIONID).not.toBe(auth);
    expect(f.sandbox.ledger.transaction(auth)).toMatchObject({ capturedAmount: 6000, captureId: capture.TRANSACTIONID });
    expect(f.sandbox.ledger.transaction(capture.TRANSACTIONID as string)).toMatchObject({
      operationType: 'capture',
      amount: 6000,
      referenceId: auth,
      status: 'succeeded',
    });
    expect((await followUp('capture', auth, '1000')).EXECCODE).toBe('2005');
    expect((await followUp('capture', capture.TRANSACTIONID as string)).EXECCODE).toBe('2005');
  });

  it('captures the full amount when AMOUNT is left out', async () => {
    const auth = await authorize('4200');
    const capture = await followUp('capture', auth);
    expect(f.sandbox.ledger.transaction(capture.TRANSACTIONID as string)?.amount).toBe(4200);
  });

  it('refunds cumulatively up to what remains (2008 beyond)', async () => {
    const payment = await pay('10000');
    expect((await followUp('refund', payment, '3000')).EXECCODE).toBe('0000');
    expect((await followUp('refund', payment, '3000')).EXECCODE).toBe('0000');
    expect((await followUp('refund', payment, '4001')).EXECCODE).toBe('2008');
    const rest = await followUp('refund', payment);
    expect(rest.EXECCODE).toBe('0000');
    expect(f.sandbox.ledger.transaction(rest.TRANSACTIONID as string)?.amount).toBe(4000);
    expect(f.sandbox.ledger.transaction(payment)).toMatchObject({ refundedAmount: 10000 });
    expect(f.sandbox.ledger.transaction(payment)?.refundIds).toHaveLength(3);
    expect((await followUp('refund', payment, '1')).EXECCODE).toBe('2008');
  });

  it('refunds a capture, not the authorization behind it (2004)', async () => {
    const auth = await authorize();
    const capture = (await followUp('capture', auth)).TRANSACTIONID as string;
    expect((await followUp('refund', auth)).EXECCODE).toBe('2004');
    expect((await followUp('refund', capture, '2500')).EXECCODE).toBe('0000');
  });

  it('uses the current Dalenys meaning of 2002 / 2003 (not found / not succeeded)', async () => {
    expect((await followUp('refund', 'A999')).EXECCODE).toBe('2002');
    const refused = (await call(f.processUrl, 'payment', cardParams(T0, { CARDCODE: '5555557376384001' }))).TRANSACTIONID as string;
    const answer = await followUp('refund', refused);
    expect(answer.EXECCODE).toBe('2003');
    expect(answer.TRANSACTIONID).toMatch(/^A\d+$/);
    expect(f.sandbox.ledger.transaction(answer.TRANSACTIONID as string)).toMatchObject({ status: 'refused', execCode: '2003' });
  });

  it("does not let one account touch another account's transactions (2002)", async () => {
    const theirs = (await call(f.processUrl, 'payment', cardParams(T0), OTHER)).TRANSACTIONID as string;
    expect((await followUp('refund', theirs)).EXECCODE).toBe('2002');
  });

  it('voids only an open authorization', async () => {
    const auth = await authorize();
    expect((await followUp('void', auth, '5000')).EXECCODE).toBe('2019');
    const voided = await followUp('void', auth);
    expect(voided).toMatchObject({ EXECCODE: '0000', OPERATIONTYPE: 'void' });
    expect(f.sandbox.ledger.transaction(auth)).toMatchObject({ voided: true, voidId: voided.TRANSACTIONID });
    expect((await followUp('void', auth)).EXECCODE).toBe('2015');
    expect((await followUp('capture', auth)).EXECCODE).toBe('2005');

    const captured = await authorize();
    await followUp('capture', captured);
    expect((await followUp('void', captured)).EXECCODE).toBe('2015');
    expect((await followUp('void', await pay())).EXECCODE).toBe('2015');
  });

  it('expires authorizations after 7 days by the sandbox clock (2009 capture, 2015 void)', async () => {
    const auth = await authorize();
    const other = await authorize();
    f.clock.advance(7 * DAY - 1);
    expect((await followUp('capture', other)).EXECCODE).toBe('0000');
    f.clock.advance(1);
    expect((await followUp('capture', auth)).EXECCODE).toBe('2009');
    expect((await followUp('void', auth)).EXECCODE).toBe('2015');
  });

  it('honours a longer validity on accounts that have it (13 days, direct Visa/MC)', async () => {
    await f.close();
    f = await startFixture({ accounts: [{ identifier: 'COMPTOIR-TEST', password: 'sandbox-secret-1', authorizationValidityDays: 13 }] });
    const auth = await authorize();
    f.clock.advance(10 * DAY);
    expect((await followUp('capture', auth)).EXECCODE).toBe('0000');
  });

  it('treats AMOUNT=0 authorizations as card checks that cannot be captured or voided', async () => {
    const check = await call(f.processUrl, 'authorization', cardParams(T0, { AMOUNT: '0' }));
    expect(check.EXECCODE).toBe('0000');
    expect((await followUp('capture', check.TRANSACTIONID as string)).EXECCODE).toBe('2005');
    expect((await followUp('void', check.TRANSACTIONID as string)).EXECCODE).toBe('2015');
  });

  it('refuses a follow-up while another one on the same reference is in flight (2017)', async () => {
    const payment = await pay('10000');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    f.sandbox.faults.next({ kind: 'latency', gate }, { match: { method: 'refund' } });
    const held = new Promise<RequestRecord>((resolve) => f.sandbox.ledger.events.once('latency', resolve));
    const first = followUp('refund', payment, '6000');
    await held;
    const second = await followUp('refund', payment, '6000');
    expect(second.EXECCODE).toBe('2017');
    expect(second.TRANSACTIONID).toBeUndefined();
    release();
    expect((await first).EXECCODE).toBe('0000');
    expect((await followUp('refund', payment, '4000')).EXECCODE).toBe('0000');
    expect(f.sandbox.ledger.transaction(payment)?.refundedAmount).toBe(10000);
  });

  it('by default, refuses follow-ups within 5 minutes of their reference (2017, no transaction, no notification)', async () => {
    await f.close();
    f = await startFixture({ followUpDelayMs: undefined });
    expect(f.sandbox.followUpDelayMs).toBe(300_000);
    const auth = await authorize();
    const payment = await pay('10000');
    await f.sandbox.settled();
    const before = { transactions: f.sandbox.ledger.transactions().length, notifications: f.receiver.calls.length };
    f.clock.advance(5 * 60_000 - 1);
    for (const early of [await followUp('capture', auth), await followUp('void', auth), await followUp('refund', payment, '100')]) {
      expect(early).toMatchObject({ EXECCODE: '2017' });
      expect(early.TRANSACTIONID).toBeUndefined();
    }
    await f.sandbox.settled();
    expect(f.sandbox.ledger.transactions()).toHaveLength(before.transactions);
    expect(f.receiver.calls).toHaveLength(before.notifications);
    f.clock.advance(1);
    expect((await followUp('capture', auth)).EXECCODE).toBe('0000');
    expect((await followUp('refund', payment, '100')).EXECCODE).toBe('0000');
  });

  it('counts the 5 minutes from the reference itself: a refund of a capture waits for the capture', async () => {
    await f.close();
    f = await startFixture({ followUpDelayMs: 60_000 });
    const auth = await authorize();
    f.clock.advance(60_000);
    const capture = await followUp('capture', auth);
    expect(capture.EXECCODE).toBe('0000');
    expect((await followUp('refund', capture.TRANSACTIONID as string, '100')).EXECCODE).toBe('2017');
    f.clock.advance(60_000);
    expect((await followUp('refund', capture.TRANSACTIONID as string, '100')).EXECCODE).toBe('0000');
  });

  it('with followUpDelayMs 0, follows up at once', async () => {
    const auth = await authorize();
    expect(f.sandbox.followUpDelayMs).toBe(0);
    expect((await followUp('capture', auth)).EXECCODE).toBe('0000');
  });

  it('notifies follow-ups, including refused ones, with the card of the reference', async () => {
    const payment = await pay('10000');
    const refund = await followUp('refund', payment, '2500');
    const tooMuch = await followUp('refund', payment, '9000');
    await f.sandbox.settled();
    const byId = (id: unknown) => f.receiver.calls.find((c) => c.fields.TRANSACTIONID === id)?.fields;
    expect(byId(refund.TRANSACTIONID)).toMatchObject({ OPERATIONTYPE: 'refund', AMOUNT: '2500', EXECCODE: '0000', CARDCODE: 'XXXXXXXXXXXX1111' });
    expect(byId(tooMuch.TRANSACTIONID)).toMatchObject({ OPERATIONTYPE: 'refund', EXECCODE: '2008' });
  });
});
