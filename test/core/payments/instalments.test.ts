import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../../electron/core/sandbox/index.js';
import { Refused, startCore, type TestCore, type Operation } from '../../support/start-core.js';
import { utcDay } from '../../support/dates.js';

/*
 * A payment in instalments against the built-in sandbox: the plan and its SCHEDULEID, each
 * instalment as the gateway charges it, refunds of what was charged (one instalment's
 * transaction at a time, always with an AMOUNT), and stopping the rest (stopntimes).
 */
describe('a payment in instalments', () => {
  let f: TestCore | undefined;
  let clock: ManualClock;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  async function start(extra: Parameters<typeof startCore>[0] = {}) {
    // The sandbox's days move by hand; its follow-up delay and core's are 0 (charged instalments
    // are refunded at once here; the delay has its own tests).
    clock = createManualClock(Date.now());
    f = await startCore({ followUpDelayMs: 0, sandbox: { now: clock.now }, ...extra });
    return f;
  }

  const plan = (start: number) => [
    { date: utcDay(start), amount: 1000 },
    { date: utcDay(start, 30), amount: 1000 },
    { date: utcDay(start, 60), amount: 1500 },
  ];

  async function payInInstalments(fixture: TestCore): Promise<{ payment: Operation; scheduleId: string; dates: string[] }> {
    const instalments = plan(clock.now());
    const payment = await fixture.pay({ amount: 3500, instalments });
    const [schedule] = fixture.core.sandbox.ledger.schedules().filter((candidate) => candidate.orderId === payment.orderId);
    return { payment, scheduleId: schedule?.scheduleId as string, dates: instalments.map((entry) => entry.date) };
  }

  /** The sandbox's clock to the day of an instalment; it charges it and notifies core. */
  async function chargeInstalment(fixture: TestCore, payment: Operation, date: string, seq: number) {
    clock.set(Date.parse(`${date}T00:00:01Z`));
    const [charged] = fixture.core.sandbox.runDueInstalments();
    const view = await fixture.until(payment.id, (operation) => operation.instalments?.entries[seq - 1]?.state === 'charged');
    return { charged, view };
  }

  it('stores the SCHEDULEID and shows the plan: each date, amount and state', async () => {
    const fixture = await start();
    const { payment, scheduleId, dates } = await payInInstalments(fixture);
    expect(scheduleId).toMatch(/^S\d+$/);
    expect(payment).toMatchObject({ status: 'approved', amount: 3500 });
    expect(payment.instalments).toEqual({
      scheduleId,
      entries: [
        { seq: 1, date: dates[0], amount: 1000, state: 'charged', transactionId: payment.transactionId },
        { seq: 2, date: dates[1], amount: 1000, state: 'scheduled', transactionId: null },
        { seq: 3, date: dates[2], amount: 1500, state: 'scheduled', transactionId: null },
      ],
      stop: null,
      stoppable: true,
    });
    // Only what was charged can be refunded, not the plan's total.
    expect(payment.actions.refundableAmount).toBe(1000);
    expect((await fixture.invoke<Operation>('operations.get', { operationId: payment.id })).instalments?.scheduleId).toBe(scheduleId);
  });

  it('records each later instalment on the plan, without a discrepancy or a new status', async () => {
    const fixture = await start();
    const { payment, dates } = await payInInstalments(fixture);
    const confirmed = await fixture.until(payment.id, (operation) => operation.confirmation === 'confirmed');
    expect(confirmed.status).toBe('approved');
    const { charged, view } = await chargeInstalment(fixture, payment, dates[1] as string, 2);
    expect(view).toMatchObject({ status: 'approved', transactionId: payment.transactionId, confirmation: 'confirmed', actions: { refundableAmount: 1000 } });
    expect(view.instalments?.entries.map((entry) => entry.state)).toEqual(['charged', 'charged', 'scheduled']);
    expect(view.instalments?.entries[1]?.transactionId).toBe(charged?.transactionId);
  });

  it('refunds what was charged, one instalment at a time with an explicit AMOUNT, and never calls the plan refunded while one is still scheduled', async () => {
    const fixture = await start();
    const { payment, scheduleId, dates } = await payInInstalments(fixture);
    const { charged } = await chargeInstalment(fixture, payment, dates[1] as string, 2);

    // No amount asked: the latest charged instalment, all of it, named.
    const first = await fixture.invoke<{ operation: Operation }>('operations.refund', {
      operationId: payment.id,
      idempotencyKey: fixture.key(),
      reason: { code: 'customer_request' },
    });
    expect(first.operation).toMatchObject({ type: 'refund', status: 'approved', amount: 1000 });
    expect(fixture.requestsFor(`${payment.orderId}-R1`)[0]?.params).toMatchObject({ TRANSACTIONID: charged?.transactionId, AMOUNT: '1000' });
    let parent = await fixture.invoke<Operation>('operations.get', { operationId: payment.id });
    expect(parent).toMatchObject({ status: 'partially_refunded', actions: { refundableAmount: 1000 } });

    // More than one instalment's transaction can give back: refused here, nothing sent.
    await expect(
      fixture.invoke('operations.refund', { operationId: payment.id, idempotencyKey: fixture.key(), reason: { code: 'customer_request' }, amount: 1500 }),
    ).rejects.toMatchObject({
      code: 'PAYMENT_INSTALMENT_REFUND_TOO_HIGH',
    });
    expect(fixture.requestsFor(`${payment.orderId}-R2`)).toEqual([]);

    // A partial refund, then the remainder: both name their AMOUNT, on the first transaction.
    await fixture.invoke('operations.refund', { operationId: payment.id, idempotencyKey: fixture.key(), reason: { code: 'customer_request' }, amount: 400 });
    await fixture.invoke('operations.refund', { operationId: payment.id, idempotencyKey: fixture.key(), reason: { code: 'customer_request' } });
    expect(fixture.requestsFor(`${payment.orderId}-R2`)[0]?.params).toMatchObject({ TRANSACTIONID: payment.transactionId, AMOUNT: '400' });
    expect(fixture.requestsFor(`${payment.orderId}-R3`)[0]?.params).toMatchObject({ TRANSACTIONID: payment.transactionId, AMOUNT: '600' });
    parent = await fixture.invoke<Operation>('operations.get', { operationId: payment.id });
    // Everything charged was given back, but an instalment is still to come.
    expect(parent).toMatchObject({ status: 'partially_refunded', actions: { refundableAmount: 0 } });

    const { operation: stopped } = await fixture.invoke<{ operation: Operation }>('operations.stopInstalments', { operationId: payment.id });
    expect(stopped.instalments).toMatchObject({
      entries: [{ state: 'charged' }, { state: 'charged' }, { state: 'stopped' }],
      stop: { state: 'stopped', execCode: '0000' },
      stoppable: false,
    });
    expect(stopped.status).toBe('refunded');
    expect(fixture.core.sandbox.ledger.schedule(scheduleId)?.state).toBe('stopped');
    const sandboxRefunds = fixture.core.sandbox.ledger.transactions().filter((tx) => tx.operationType === 'refund' && tx.status === 'succeeded');
    expect(sandboxRefunds.reduce((sum, tx) => sum + tx.amount, 0)).toBe(2000);
  });

  it('refunds from the latest instalment past its 5 minutes, not one still inside them; says when when none is ready', async () => {
    // Core and the sandbox on one manual clock, with the gateway's real 5-minute rule.
    const paidAt = Date.now();
    clock = createManualClock(paidAt);
    const fixture = await startCore({ followUpDelayMs: 300_000, now: clock.now, sandbox: { now: clock.now } });
    f = fixture;
    const { payment, dates } = await payInInstalments(fixture);
    // The first instalment was charged a month ago; the second at this very moment.
    const { charged, view } = await chargeInstalment(fixture, payment, dates[1] as string, 2);
    const secondChargedAt = clock.now();
    expect(view.instalments?.entries.map((entry) => entry.state)).toEqual(['charged', 'charged', 'scheduled']);

    // What the screen is told agrees with what core does: a refund of 1000 is possible now.
    expect(view.actions).toMatchObject({ refundableAmount: 1000, followUpsFrom: paidAt + 300_000 });
    const refund = (amount?: number) =>
      fixture.invoke<{ operation: Operation }>('operations.refund', {
        operationId: payment.id,
        idempotencyKey: fixture.key(),
        reason: { code: 'customer_request' },
        ...(amount === undefined ? {} : { amount }),
      });
    const { operation: onFirst } = await refund();
    expect(onFirst).toMatchObject({ status: 'approved', amount: 1000 });
    expect(fixture.requestsFor(`${payment.orderId}-R1`)[0]?.params).toMatchObject({ TRANSACTIONID: payment.transactionId, AMOUNT: '1000' });

    // Only the second instalment is left to refund, and not for 5 minutes: refused with that time, nothing sent.
    const readyAt = secondChargedAt + 300_000;
    expect((await fixture.invoke<Operation>('operations.get', { operationId: payment.id })).actions).toMatchObject({
      refundableAmount: 1000,
      followUpsFrom: readyAt,
    });
    const early = await refund(500).catch((error: unknown) => error as Refused);
    expect(early).toBeInstanceOf(Refused);
    expect(early).toMatchObject({ code: 'PAYMENT_FOLLOW_UP_TOO_EARLY', error: { params: { time: readyAt } } });
    expect(fixture.requestsFor(`${payment.orderId}-R2`)).toEqual([]);

    clock.set(readyAt);
    await expect(refund(500)).resolves.toMatchObject({ operation: { status: 'approved', amount: 500 } });
    expect(fixture.requestsFor(`${payment.orderId}-R2`)[0]?.params).toMatchObject({ TRANSACTIONID: charged?.transactionId, AMOUNT: '500' });
  });

  it('stops the remaining instalments: the gateway charges no more, and a second stop is not offered', async () => {
    const fixture = await start();
    const { payment, scheduleId, dates } = await payInInstalments(fixture);
    const { operation } = await fixture.invoke<{ operation: Operation }>('operations.stopInstalments', { operationId: payment.id });
    expect(operation.instalments?.entries.map((entry) => entry.state)).toEqual(['charged', 'stopped', 'stopped']);
    expect(operation.status).toBe('approved');
    expect(fixture.core.sandbox.ledger.requests().filter((request) => request.apiMethod === 'stopntimes')[0]?.params).toMatchObject({ SCHEDULEID: scheduleId });
    clock.set(Date.parse(`${dates[2]}T12:00:00Z`));
    expect(fixture.core.sandbox.runDueInstalments()).toEqual([]);
    await expect(fixture.invoke('operations.stopInstalments', { operationId: payment.id })).rejects.toMatchObject({ code: 'PAYMENT_ACTION_NOT_POSSIBLE' });
  });

  it('says so when the gateway refuses to stop, or does not answer; stopping again is safe', async () => {
    const fixture = await start({ gatewayTimeouts: { totalMs: 400 } });
    const { payment, scheduleId } = await payInInstalments(fixture);
    fixture.core.sandbox.faults.next({ kind: 'platform-error', code: '5002' }, { match: { method: 'stopntimes' } });
    await expect(fixture.invoke('operations.stopInstalments', { operationId: payment.id })).rejects.toMatchObject({ code: 'PAYMENT_INSTALMENTS_STOP_REFUSED' });
    let view = await fixture.invoke<Operation>('operations.get', { operationId: payment.id });
    expect(view.instalments).toMatchObject({ stop: { state: 'refused', execCode: '5002' }, stoppable: true });
    expect(view.instalments?.entries[1]?.state).toBe('scheduled');

    // Processed at the gateway, but the answer never comes.
    fixture.core.sandbox.faults.next({ kind: 'timeout' }, { match: { method: 'stopntimes' } });
    await expect(fixture.invoke('operations.stopInstalments', { operationId: payment.id })).rejects.toMatchObject({ code: 'PAYMENT_INSTALMENTS_STOP_UNKNOWN' });
    view = await fixture.invoke<Operation>('operations.get', { operationId: payment.id });
    expect(view.instalments).toMatchObject({ stop: { state: 'requested' }, stoppable: true });
    expect(fixture.core.sandbox.ledger.schedule(scheduleId)?.state).toBe('stopped');

    // Asked again, the gateway says it is already interrupted (2011): that confirms the stop.
    const { operation } = await fixture.invoke<{ operation: Operation }>('operations.stopInstalments', { operationId: payment.id });
    expect(operation.instalments).toMatchObject({ stop: { state: 'stopped', execCode: '2011' }, stoppable: false });
  });

  it('lets only a supervisor stop instalments', async () => {
    const fixture = await start();
    const { payment } = await payInInstalments(fixture);
    await expect(
      fixture.invoke('operations.stopInstalments', { operationId: payment.id }, { role: 'clerk', operator: 'bob', transport: 'memory' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refunds the rest of a plain payment with its AMOUNT, and captures with the AMOUNT too', async () => {
    const fixture = await start();
    const payment = await fixture.pay({ amount: 4200 });
    await fixture.invoke('operations.refund', { operationId: payment.id, idempotencyKey: fixture.key(), reason: { code: 'customer_request' }, amount: 1000 });
    await fixture.invoke('operations.refund', { operationId: payment.id, idempotencyKey: fixture.key(), reason: { code: 'customer_request' } });
    expect(fixture.requestsFor(`${payment.orderId}-R2`)[0]?.params).toMatchObject({ AMOUNT: '3200' });
    expect(await fixture.invoke('operations.get', { operationId: payment.id })).toMatchObject({ status: 'refunded' });

    const authorization = await fixture.pay({ operation: 'authorization', amount: 3000 });
    await fixture.invoke('operations.capture', { operationId: authorization.id, idempotencyKey: fixture.key() });
    expect(fixture.requestsFor(`${authorization.orderId}-C1`)[0]?.params).toMatchObject({ AMOUNT: '3000' });
    const voidable = await fixture.pay({ operation: 'authorization', amount: 2000 });
    await fixture.invoke('operations.void', { operationId: voidable.id, idempotencyKey: fixture.key() });
    expect(fixture.requestsFor(`${voidable.orderId}-V1`)[0]?.params.AMOUNT).toBeUndefined();
  });
});
