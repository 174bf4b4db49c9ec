import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, T0, type Fixture } from '../../support/sandbox-fixture.js';
import { call, cardParams } from './harness.js';

/** Fact sheet section 7, written out again here rather than imported from the sandbox. */
const TABLE: ReadonlyArray<readonly [string, string]> = [
  ['5555557376384001', '4001'],
  ['378899741954001', '4001'],
  ['5555554530114002', '4002'],
  ['5555550226824003', '4003'],
  ['5555558726544005', '4005'],
  ['5555550082334006', '4006'],
  ['5555553818524007', '4007'],
  ['5555558087014010', '4010'],
  ['379982018934010', '4010'],
  ['5555556124664011', '4011'],
  ['5555551401454012', '4012'],
  ['376240783094012', '4012'],
  ['5555556754534013', '4013'],
  ['5555557730105001', '5001'],
  ['370808568745002', '5002'],
  ['5555558065525003', '5003'],
];

const cvvFor = (pan: string) => (/^3[47]/.test(pan) ? '1234' : '123');

describe('test cards', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it.each(TABLE)('card %s answers EXECCODE %s with a TRANSACTIONID, and nothing is charged', async (pan, code) => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, { CARDCODE: pan, CARDCVV: cvvFor(pan), CREATEALIAS: 'yes' }));
    expect(json.EXECCODE).toBe(code);
    expect(json.TRANSACTIONID).toMatch(/^A\d+$/);
    expect(json.ALIAS).toBeUndefined();
    expect(json.DESCRIPTOR).toBeUndefined();
    const tx = f.sandbox.ledger.transaction(json.TRANSACTIONID as string);
    expect(tx).toMatchObject({ status: 'refused', execCode: code });
  });

  it.each([
    ['5555556778250000', 'mastercard'],
    ['4111111111111111', 'visa'],
    ['372068397730000', 'amex'],
    ['1111222233334444', 'unknown'],
    ['4000100011112224', 'visa'],
  ])('any other Luhn-valid card approves: %s', async (pan, type) => {
    const json = await call(f.processUrl, 'authorization', cardParams(T0, { CARDCODE: pan, CARDCVV: cvvFor(pan) }));
    expect(json).toMatchObject({
      EXECCODE: '0000',
      OPERATIONTYPE: 'authorization',
      MESSAGE: 'The transaction has been accepted.',
      DESCRIPTOR: 'COMPTOIR SANDBOX',
    });
    expect(json.CARDCODE).toBe(`XXXXXXXXXXXX${pan.slice(-4)}`);
    expect(json.CARDTYPE).toBe(type);
    expect(json.CARDCOUNTRY).toBe('FR');
    expect(JSON.stringify(json)).not.toContain(pan);
  });

  it('the 5004 card answers 5004 and the notification tells the real (approved) result', async () => {
    const before = f.receiver.calls.length;
    const params = cardParams(T0, { CARDCODE: '5555552450575004' });
    const json = await call(f.processUrl, 'payment', params);
    expect(json.EXECCODE).toBe('5004');
    expect(json.TRANSACTIONID).toBeUndefined();
    await f.sandbox.settled();
    const notification = f.receiver.calls.slice(before).find((c) => c.fields.ORDERID === params.ORDERID);
    expect(notification?.fields).toMatchObject({ EXECCODE: '0000', OPERATIONTYPE: 'payment' });
    expect(f.sandbox.ledger.transaction(notification?.fields.TRANSACTIONID as string)?.status).toBe('succeeded');
  });

  it('the 5004 card times out before any 3-D Secure step', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, { CARDCODE: '5555552450575004', '3DSECURE': 'yes' }));
    expect(json.EXECCODE).toBe('5004');
    expect(json['3DSECUREHTML']).toBeUndefined();
  });

  it('gives every transaction its own increasing TRANSACTIONID', async () => {
    const a = await call(f.processUrl, 'payment', cardParams(T0));
    const b = await call(f.processUrl, 'payment', cardParams(T0));
    expect(Number((b.TRANSACTIONID as string).slice(1))).toBeGreaterThan(Number((a.TRANSACTIONID as string).slice(1)));
  });

  it('charges the account currency and keeps the amount in minor units', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, { AMOUNT: '4999' }));
    expect(f.sandbox.ledger.transaction(json.TRANSACTIONID as string)).toMatchObject({
      amount: 4999,
      currency: 'EUR',
      status: 'succeeded',
      operationType: 'payment',
    });
  });
});

describe('credit', () => {
  it('is refused with 3003 unless the account allows it', async () => {
    const f = await startFixture({
      accounts: [
        { identifier: 'COMPTOIR-TEST', password: 'sandbox-secret-1' },
        { identifier: 'COMPTOIR-OTHER', password: 'other-secret-2', allowCredit: true },
      ],
    });
    try {
      const refused = await call(f.processUrl, 'credit', cardParams(T0));
      expect(refused.EXECCODE).toBe('3003');
      const allowed = await call(f.processUrl, 'credit', cardParams(T0), { identifier: 'COMPTOIR-OTHER', password: 'other-secret-2' });
      expect(allowed).toMatchObject({ EXECCODE: '0000', OPERATIONTYPE: 'credit' });
      expect(f.sandbox.ledger.transaction(allowed.TRANSACTIONID as string)?.operationType).toBe('credit');
    } finally {
      await f.close();
    }
  });
});
