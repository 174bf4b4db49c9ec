import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireValue } from '../../support/independent-signer.js';
import { DAY, OTHER, startFixture, T0, type Fixture } from '../../support/sandbox-fixture.js';
import { call, cardParams } from './harness.js';

function clientOnly(overrides: Record<string, WireValue> = {}): Record<string, WireValue> {
  const { CARDCODE: _a, CARDVALIDITYDATE: _b, CARDCVV: _c, CARDFULLNAME: _d, ...client } = cardParams(T0);
  return { ...client, ...overrides };
}

describe('aliases (oneclick / subscription)', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('returns an ALIAS on a successful CREATEALIAS=yes and rebills with it', async () => {
    const first = await call(f.processUrl, 'payment', cardParams(T0, { CREATEALIAS: 'yes', CARDCODE: '5555556778250000' }));
    expect(first.EXECCODE).toBe('0000');
    const alias = first.ALIAS as string;
    expect(alias).toMatch(/^A1-[0-9a-f-]{36}$/);
    expect(f.sandbox.ledger.aliases()).toEqual([
      expect.objectContaining({ alias, createdBy: first.TRANSACTIONID, card: expect.objectContaining({ last4: '0000' }) }),
    ]);

    const oneclick = await call(f.processUrl, 'payment', clientOnly({ ALIAS: alias, ALIASMODE: 'oneclick', AMOUNT: '500', CARDCVV: '123' }));
    expect(oneclick).toMatchObject({ EXECCODE: '0000', CARDCODE: 'XXXXXXXXXXXX0000' });
    const subscription = await call(f.processUrl, 'authorization', clientOnly({ ALIAS: alias, ALIASMODE: 'subscription', AMOUNT: '700' }));
    expect(subscription.EXECCODE).toBe('0000');
    expect(f.sandbox.ledger.transaction(subscription.TRANSACTIONID as string)).toMatchObject({ alias, aliasMode: 'subscription', amount: 700 });
    await f.sandbox.settled();
    const notified = f.receiver.calls.find((c) => c.fields.TRANSACTIONID === subscription.TRANSACTIONID);
    expect(notified?.fields.ALIAS).toBe(alias);
  });

  it('can hand out the TRANSACTIONID as ALIAS (ActiveMerchant fixture style)', async () => {
    await f.close();
    f = await startFixture({ rules: { aliasFormat: 'transaction-id' } });
    const first = await call(f.processUrl, 'payment', cardParams(T0, { CREATEALIAS: 'yes' }));
    expect(first.ALIAS).toBe(first.TRANSACTIONID);
  });

  it('answers 2001 for an unknown alias and for an alias of another account', async () => {
    const unknown = await call(f.processUrl, 'payment', clientOnly({ ALIAS: 'A1-nope', ALIASMODE: 'oneclick' }));
    expect(unknown.EXECCODE).toBe('2001');
    expect(unknown.TRANSACTIONID).toMatch(/^A\d+$/);
    const theirs = await call(f.processUrl, 'payment', cardParams(T0, { CREATEALIAS: 'yes' }), OTHER);
    const stolen = await call(f.processUrl, 'payment', clientOnly({ ALIAS: theirs.ALIAS as string, ALIASMODE: 'oneclick' }));
    expect(stolen.EXECCODE).toBe('2001');
  });

  it('requires ALIASMODE, re-checks a given CVV, and expires with the card (2020)', async () => {
    const first = await call(f.processUrl, 'payment', cardParams(T0, { CREATEALIAS: 'yes', CARDVALIDITYDATE: '08-30' }));
    const alias = first.ALIAS as string;
    expect((await call(f.processUrl, 'payment', clientOnly({ ALIAS: alias }))).MESSAGE).toBe('The parameter "ALIASMODE" is missing.');
    expect((await call(f.processUrl, 'payment', clientOnly({ ALIAS: alias, ALIASMODE: 'oneclick', CARDCVV: '1234' }))).EXECCODE).toBe('1002');
    expect((await call(f.processUrl, 'payment', clientOnly({ ALIAS: alias, ALIASMODE: 'ONECLICK' }))).EXECCODE).toBe('0000');
    f.clock.set(Date.UTC(2030, 8, 1));
    expect((await call(f.processUrl, 'payment', clientOnly({ ALIAS: alias, ALIASMODE: 'oneclick' }))).EXECCODE).toBe('2020');
  });

  it('gives no alias when the payment is refused, and an outcome fault can decline an alias payment', async () => {
    const refused = await call(f.processUrl, 'payment', cardParams(T0, { CREATEALIAS: 'yes', CARDCODE: '5555554530114002' }));
    expect(refused.ALIAS).toBeUndefined();
    expect(f.sandbox.ledger.aliases()).toHaveLength(0);
    const ok = await call(f.processUrl, 'payment', cardParams(T0, { CREATEALIAS: 'yes' }));
    f.sandbox.faults.next({ kind: 'outcome', execCode: '4002' });
    const declined = await call(f.processUrl, 'payment', clientOnly({ ALIAS: ok.ALIAS as string, ALIASMODE: 'subscription' }));
    expect(declined.EXECCODE).toBe('4002');
  });

  it('with the 5-minute rule on, an alias cannot be used right after its creation (2017)', async () => {
    await f.close();
    f = await startFixture({ followUpDelayMs: 300_000 });
    const first = await call(f.processUrl, 'payment', cardParams(T0, { CREATEALIAS: 'yes' }));
    const early = await call(f.processUrl, 'payment', clientOnly({ ALIAS: first.ALIAS as string, ALIASMODE: 'oneclick' }));
    expect(early.EXECCODE).toBe('2017');
    f.clock.advance(300_000);
    const later = await call(f.processUrl, 'payment', clientOnly({ ALIAS: first.ALIAS as string, ALIASMODE: 'oneclick' }));
    expect(later.EXECCODE).toBe('0000');
  });
});

describe('instalments (AMOUNTS) and stopntimes', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const schedule = { '2030-06-15': '1000', '2030-07-15': '1000', '2030-08-15': '1500' };
  const instalmentParams = (amounts: Record<string, string> = schedule, overrides: Record<string, WireValue> = {}): Record<string, WireValue> => {
    const { AMOUNT: _drop, ...rest } = cardParams(T0, overrides);
    return { ...rest, AMOUNTS: amounts };
  };

  it('charges the first instalment at once, returns SCHEDULEID, then charges the others on their day', async () => {
    const json = await call(f.processUrl, 'payment', instalmentParams());
    expect(json.EXECCODE).toBe('0000');
    const scheduleId = json.SCHEDULEID as string;
    expect(scheduleId).toMatch(/^S\d+$/);
    expect(f.sandbox.ledger.transaction(json.TRANSACTIONID as string)).toMatchObject({ amount: 1000, schedule: '1-3', scheduleId });
    await f.receiver.waitForCalls(1);
    expect(f.receiver.calls[0]?.fields).toMatchObject({ SCHEDULE: '1-3', SCHEDULEID: scheduleId, AMOUNT: '1000' });

    expect(f.sandbox.runDueInstalments()).toEqual([]);
    f.clock.set(Date.UTC(2030, 6, 15, 0, 0, 1));
    const second = f.sandbox.runDueInstalments();
    expect(second).toEqual([expect.objectContaining({ schedule: '2-3', amount: 1000, status: 'succeeded' })]);
    await f.receiver.waitForCalls(2);
    expect(f.receiver.calls[1]?.fields).toMatchObject({ SCHEDULE: '2-3', SCHEDULEID: scheduleId, TRANSACTIONID: second[0]?.transactionId });

    // Due instalments are also charged when any request arrives, as the gateway would have.
    f.clock.set(Date.UTC(2030, 7, 20));
    await call(f.exportUrl, 'getTransactions', { ORDERID: 'nothing' });
    expect(f.sandbox.ledger.schedule(scheduleId)).toMatchObject({ state: 'finished' });
    expect(
      f.sandbox.ledger
        .transactions()
        .filter((tx) => tx.scheduleId === scheduleId)
        .map((tx) => tx.schedule),
    ).toEqual(['1-3', '2-3', '3-3']);
    expect((await call(f.processUrl, 'stopntimes', { SCHEDULEID: scheduleId })).EXECCODE).toBe('2012');
  });

  it('stopntimes interrupts a schedule once (2011 the second time), 2010 when unknown', async () => {
    const json = await call(f.processUrl, 'payment', instalmentParams());
    const stop = await call(f.processUrl, 'stopntimes', { SCHEDULEID: json.SCHEDULEID as string });
    expect(stop).toMatchObject({ EXECCODE: '0000', OPERATIONTYPE: 'stopntimes' });
    expect((await call(f.processUrl, 'stopntimes', { SCHEDULEID: json.SCHEDULEID as string })).EXECCODE).toBe('2011');
    expect((await call(f.processUrl, 'stopntimes', { SCHEDULEID: 'S404' })).EXECCODE).toBe('2010');
    expect((await call(f.processUrl, 'stopntimes', { SCHEDULEID: json.SCHEDULEID as string }, OTHER)).EXECCODE).toBe('2010');
    f.clock.set(Date.UTC(2030, 7, 20));
    expect(f.sandbox.runDueInstalments()).toEqual([]);
  });

  it('a refused first instalment cancels the schedule', async () => {
    const json = await call(f.processUrl, 'payment', instalmentParams(schedule, { CARDCODE: '5555554530114002' }));
    expect(json.EXECCODE).toBe('4002');
    expect(f.sandbox.ledger.schedule(json.SCHEDULEID as string)?.state).toBe('cancelled');
    expect((await call(f.processUrl, 'stopntimes', { SCHEDULEID: json.SCHEDULEID as string })).EXECCODE).toBe('2011');
  });

  it.each([
    ['the first date is not today', { '2030-06-16': '1000', '2030-07-16': '1000' }],
    ['the last date is more than 90 days after the first', { '2030-06-15': '1000', '2030-09-14': '1000' }],
    ['a date is not a calendar day', { '2030-06-15': '1000', '2030-02-30': '1000' }],
    ['an amount is zero', { '2030-06-15': '1000', '2030-07-15': '0' }],
  ])('answers 1002 AMOUNTS when %s', async (_label, amounts) => {
    const json = await call(f.processUrl, 'payment', instalmentParams(amounts));
    expect(json).toMatchObject({ EXECCODE: '1002', MESSAGE: 'The parameter "AMOUNTS" is invalid.' });
  });

  it('answers 1002 AMOUNTS when the card expires before the last instalment', async () => {
    const json = await call(f.processUrl, 'payment', instalmentParams(schedule, { CARDVALIDITYDATE: '07-30' }));
    expect(json.MESSAGE).toBe('The parameter "AMOUNTS" is invalid.');
  });

  it('accepts instalments on an alias payment', async () => {
    const first = await call(f.processUrl, 'payment', cardParams(T0, { CREATEALIAS: 'yes' }));
    const { CARDCODE: _a, CARDVALIDITYDATE: _b, CARDCVV: _c, CARDFULLNAME: _d, ...client } = instalmentParams();
    const json = await call(f.processUrl, 'payment', { ...client, ALIAS: first.ALIAS as string, ALIASMODE: 'subscription' });
    expect(json.EXECCODE).toBe('0000');
    expect(json.SCHEDULEID).toMatch(/^S\d+$/);
    f.clock.advance(31 * DAY);
    expect(f.sandbox.runDueInstalments()).toEqual([expect.objectContaining({ alias: first.ALIAS, schedule: '2-3' })]);
  });
});
