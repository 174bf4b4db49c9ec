import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { independentHash } from '../../support/independent-signer.js';
import { ACCOUNT, OTHER, startFixture, startReceiver, T0, type Fixture } from '../../support/sandbox-fixture.js';
import { call, cardParams } from './harness.js';

const DOCUMENTED = new Set([
  'IDENTIFIER',
  'HASH',
  'OPERATIONTYPE',
  'TRANSACTIONID',
  'CLIENTIDENT',
  'CLIENTEMAIL',
  'ORDERID',
  'AMOUNT',
  'VERSION',
  'LANGUAGE',
  'EXTRADATA',
  'CARDCODE',
  'CARDVALIDITYDATE',
  'CARDFULLNAME',
  'CARDTYPE',
  'CARDCOUNTRY',
  'EXECCODE',
  'MESSAGE',
  'DESCRIPTOR',
  'CURRENCY',
  'ALIAS',
  '3DSECURE',
  'SCHEDULE',
  'SCHEDULEID',
]);

describe('notifications', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('posts a form-encoded notification whose HASH verifies over exactly the fields sent', async () => {
    const params = cardParams(T0, { LANGUAGE: 'FR', EXTRADATA: 'ticket=42&desk=3', CREATEALIAS: 'yes' });
    const json = await call(f.processUrl, 'payment', params);
    await f.receiver.waitForCalls(1);
    const received = f.receiver.calls[0];
    expect(received?.method).toBe('POST');
    expect(received?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    const { HASH, ...fields } = received?.fields as Record<string, string>;
    expect(HASH).toBe(independentHash(fields, ACCOUNT.password));
    expect(fields).toMatchObject({
      IDENTIFIER: ACCOUNT.identifier,
      OPERATIONTYPE: 'payment',
      TRANSACTIONID: json.TRANSACTIONID,
      CLIENTIDENT: 'customer-42',
      CLIENTEMAIL: 'customer@example.com',
      ORDERID: params.ORDERID,
      AMOUNT: '12390',
      VERSION: '2.0',
      LANGUAGE: 'FR',
      EXTRADATA: 'ticket=42&desk=3',
      CARDCODE: 'XXXXXXXXXXXX1111',
      CARDVALIDITYDATE: params.CARDVALIDITYDATE,
      CARDFULLNAME: 'Jeanne Martin',
      CARDTYPE: 'visa',
      CARDCOUNTRY: 'FR',
      EXECCODE: '0000',
      MESSAGE: 'The transaction has been accepted.',
      DESCRIPTOR: 'COMPTOIR SANDBOX',
      CURRENCY: 'EUR',
      ALIAS: json.ALIAS,
    });
    for (const key of Object.keys(received?.fields ?? {})) expect(DOCUMENTED.has(key)).toBe(true);
    for (const value of Object.values(fields)) expect(value).not.toBe('');
    expect(received?.body.toString()).not.toContain('4111111111111111');
    expect(received?.body.toString()).not.toContain('CARDCVV');
    await f.sandbox.settled();
    const record = f.sandbox.ledger.notifications()[0];
    expect(record).toMatchObject({ state: 'delivered', transactionId: json.TRANSACTIONID, url: f.receiver.url });
    expect(record?.params.HASH).toBeUndefined();
  });

  it('leaves out empty fields: a refused payment has no DESCRIPTOR and no ALIAS', async () => {
    await call(f.processUrl, 'payment', cardParams(T0, { CARDCODE: '5555557376384001', CREATEALIAS: 'yes' }));
    await f.receiver.waitForCalls(1);
    const fields = f.receiver.calls[0]?.fields ?? {};
    expect(fields.EXECCODE).toBe('4001');
    expect('DESCRIPTOR' in fields).toBe(false);
    expect('ALIAS' in fields).toBe(false);
    expect('LANGUAGE' in fields).toBe(false);
  });

  it('retries with back-off until the body is exactly OK', async () => {
    f.receiver.answers = [{ body: 'KO' }, { status: 200, body: 'OK\n' }, { status: 500, body: 'OK' }];
    f.sandbox.setNotificationPolicy({ attempts: 5, intervalsMs: [5, 10] });
    await call(f.processUrl, 'payment', cardParams(T0));
    await f.sandbox.settled();
    // 'OK\n' is not 'OK'; a 500 whose body is exactly OK counts (only the body is documented).
    expect(f.receiver.calls).toHaveLength(3);
    const record = f.sandbox.ledger.notifications()[0];
    expect(record?.state).toBe('delivered');
    expect(record?.attempts.map((a) => a.ok)).toEqual([false, false, true]);
    expect(new Set(f.receiver.calls.map((c) => c.body.toString())).size).toBe(1);
  });

  it('gives up after the configured number of attempts', async () => {
    f.receiver.fallback = { status: 200, body: 'NOPE' };
    f.sandbox.setNotificationPolicy({ attempts: 2, intervalsMs: [1] });
    await call(f.processUrl, 'payment', cardParams(T0));
    await f.sandbox.settled();
    expect(f.receiver.calls).toHaveLength(2);
    expect(f.sandbox.ledger.notifications()[0]).toMatchObject({ state: 'failed' });
  });

  it('records a failed delivery when nobody listens', async () => {
    const gone = await startReceiver();
    const url = gone.url;
    await gone.close();
    f.sandbox.setNotificationUrl(ACCOUNT.identifier, url);
    f.sandbox.setNotificationPolicy({ attempts: 2, intervalsMs: [1] });
    await call(f.processUrl, 'payment', cardParams(T0));
    await f.sandbox.settled();
    const record = f.sandbox.ledger.notifications()[0];
    expect(record?.state).toBe('failed');
    expect(record?.attempts[0]?.detail).toBe('ECONNREFUSED');
  });

  it('can notify by GET with the signed fields in the query string', async () => {
    f.sandbox.setNotificationUrl(OTHER.identifier, f.receiver.url, 'GET');
    await call(f.processUrl, 'payment', cardParams(T0), OTHER);
    await f.receiver.waitForCalls(1);
    const received = f.receiver.calls[0];
    expect(received?.method).toBe('GET');
    const { HASH, ...fields } = Object.fromEntries(received?.query ?? []);
    expect(fields.IDENTIFIER).toBe(OTHER.identifier);
    expect(HASH).toBe(independentHash(fields, OTHER.password));
  });

  it('follows an account URL changed after start, and sends nothing without a URL', async () => {
    const second = await startReceiver();
    try {
      f.sandbox.setNotificationUrl(ACCOUNT.identifier, second.url);
      await call(f.processUrl, 'payment', cardParams(T0));
      await second.waitForCalls(1);
      f.sandbox.setNotificationUrl(ACCOUNT.identifier, undefined);
      await call(f.processUrl, 'payment', cardParams(T0));
      await f.sandbox.settled();
      expect(second.calls).toHaveLength(1);
      expect(f.receiver.calls).toHaveLength(0);
      expect(f.sandbox.ledger.notifications().map((n) => n.state)).toEqual(['delivered', 'skipped']);
      expect(() => f.sandbox.setNotificationUrl('NOBODY', second.url)).toThrow(expect.objectContaining({ code: 'SANDBOX_ACCOUNT_UNKNOWN' }));
      expect(() => f.sandbox.setNotificationUrl(ACCOUNT.identifier, 'ftp://x')).toThrow(expect.objectContaining({ code: 'SANDBOX_INVALID_OPTIONS' }));
    } finally {
      await second.close();
    }
  });

  it('mode "before": the notification has arrived when the answer comes back', async () => {
    f.sandbox.setNotificationPolicy({ mode: 'before' });
    const json = await call(f.processUrl, 'payment', cardParams(T0));
    expect(f.receiver.calls).toHaveLength(1);
    expect(f.receiver.calls[0]?.fields.TRANSACTIONID).toBe(json.TRANSACTIONID);
  });

  it('mode "twice": the same signed notification arrives two times', async () => {
    f.sandbox.setNotificationPolicy({ mode: 'twice' });
    await call(f.processUrl, 'payment', cardParams(T0));
    await f.sandbox.settled();
    expect(f.receiver.calls).toHaveLength(2);
    expect(f.receiver.calls[0]?.body.equals(f.receiver.calls[1]?.body as Buffer)).toBe(true);
    expect(f.sandbox.ledger.notifications().map((n) => n.copy)).toEqual([1, 2]);
  });

  it('mode "late": nothing yet when the answer comes back, the notification follows', async () => {
    f.sandbox.setNotificationPolicy({ mode: 'late', delayMs: 400 });
    const json = await call(f.processUrl, 'payment', cardParams(T0));
    expect(f.receiver.calls).toHaveLength(0);
    await f.receiver.waitForCalls(1);
    expect(f.receiver.calls[0]?.fields.TRANSACTIONID).toBe(json.TRANSACTIONID);
  });

  it('mode "never": nothing is sent and the ledger says skipped', async () => {
    f.sandbox.setNotificationPolicy({ mode: 'never' });
    await call(f.processUrl, 'payment', cardParams(T0));
    await f.sandbox.settled();
    expect(f.receiver.calls).toHaveLength(0);
    expect(f.sandbox.ledger.notifications()[0]?.state).toBe('skipped');
  });

  it('a per-request notification fault overrides the run mode for matching orders only', async () => {
    f.sandbox.faults.add({ kind: 'notification', mode: 'never' }, { match: { orderId: /^silent-/ } });
    await call(f.processUrl, 'payment', cardParams(T0, { ORDERID: 'silent-1' }));
    await call(f.processUrl, 'payment', cardParams(T0, { ORDERID: 'loud-1' }));
    await f.sandbox.settled();
    expect(f.receiver.calls.map((c) => c.fields.ORDERID)).toEqual(['loud-1']);
  });

  it('rejects invalid notification policies', () => {
    expect(() => f.sandbox.setNotificationPolicy({ attempts: 0 })).toThrow(expect.objectContaining({ code: 'SANDBOX_INVALID_OPTIONS' }));
    expect(() => f.sandbox.setNotificationPolicy({ intervalsMs: [] })).toThrow(expect.objectContaining({ code: 'SANDBOX_INVALID_OPTIONS' }));
  });
});
