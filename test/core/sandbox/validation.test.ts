import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, startFixture, T0, type Fixture } from '../../support/sandbox-fixture.js';
import { call, cardParams } from './harness.js';

describe('required and invalid parameters (1001 / 1002)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  const without = (name: string) => {
    const params = cardParams(T0);
    delete params[name];
    return params;
  };

  it.each([
    'CARDCODE',
    'CARDVALIDITYDATE',
    'CARDCVV',
    'CARDFULLNAME',
    'ORDERID',
    'CLIENTIDENT',
    'CLIENTEMAIL',
    'CLIENTIP',
    'CLIENTUSERAGENT',
    'DESCRIPTION',
    'AMOUNT',
  ])('names the missing %s in a 1001', async (name) => {
    const json = await call(f.processUrl, 'payment', without(name));
    expect(json.EXECCODE).toBe('1001');
    expect(json.MESSAGE).toBe(`The parameter "${name}" is missing.`);
    expect(json.TRANSACTIONID).toBeUndefined();
  });

  it('treats an empty value as missing', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, { CARDCODE: '' }));
    expect(json).toMatchObject({ EXECCODE: '1001', MESSAGE: 'The parameter "CARDCODE" is missing.' });
  });

  it('requires TRANSACTIONID, ORDERID and DESCRIPTION on follow-ups', async () => {
    expect((await call(f.processUrl, 'capture', { ORDERID: 'o', DESCRIPTION: 'd' })).MESSAGE).toBe('The parameter "TRANSACTIONID" is missing.');
    expect((await call(f.processUrl, 'refund', { TRANSACTIONID: 'A1', DESCRIPTION: 'd' })).MESSAGE).toBe('The parameter "ORDERID" is missing.');
    expect((await call(f.processUrl, 'void', { TRANSACTIONID: 'A1', ORDERID: 'o' })).MESSAGE).toBe('The parameter "DESCRIPTION" is missing.');
    expect((await call(f.processUrl, 'stopntimes', {})).MESSAGE).toBe('The parameter "SCHEDULEID" is missing.');
  });

  it.each([
    ['CARDCODE fails Luhn', { CARDCODE: '4111111111111112' }, 'CARDCODE'],
    ['CARDCODE has a space', { CARDCODE: '4111 1111 1111 1111' }, 'CARDCODE'],
    ['CARDCODE too short', { CARDCODE: '42424242424' }, 'CARDCODE'],
    ['CARDCODE too long', { CARDCODE: '42424242424242424242' }, 'CARDCODE'],
    ['expiry in the past', { CARDVALIDITYDATE: '05-30' }, 'CARDVALIDITYDATE'],
    ['expiry written YY-MM', { CARDVALIDITYDATE: '31-06' }, 'CARDVALIDITYDATE'],
    ['expiry month 13', { CARDVALIDITYDATE: '13-31' }, 'CARDVALIDITYDATE'],
    ['expiry as MM/YY', { CARDVALIDITYDATE: '06/31' }, 'CARDVALIDITYDATE'],
    ['ORDERID of 41 characters', { ORDERID: 'x'.repeat(41) }, 'ORDERID'],
    ['AMOUNT with a decimal point', { AMOUNT: '123.90' }, 'AMOUNT'],
    ['AMOUNT zero on a payment', { AMOUNT: '0' }, 'AMOUNT'],
    ['CVV of 4 digits on a Visa', { CARDCVV: '1234' }, 'CARDCVV'],
    ['CVV of 3 digits on an Amex', { CARDCODE: '372068397730000', CARDCVV: '123' }, 'CARDCVV'],
    ['CLIENTEMAIL without @', { CLIENTEMAIL: 'customer.example.com' }, 'CLIENTEMAIL'],
    ['CLIENTIP not a dotted quad', { CLIENTIP: '300.1.1.1' }, 'CLIENTIP'],
    ['CLIENTIP in IPv6 (documented max 15)', { CLIENTIP: '2001:db8::1' }, 'CLIENTIP'],
    ['3DSECURE neither yes nor no', { '3DSECURE': 'maybe' }, '3DSECURE'],
    ['LANGUAGE outside the list', { LANGUAGE: 'XX' }, 'LANGUAGE'],
    ['VERSION 4.0', { VERSION: '4.0' }, 'VERSION'],
    ['DESCRIPTION of 511 characters', { DESCRIPTION: 'd'.repeat(511) }, 'DESCRIPTION'],
    ['BILLINGCOUNTRY of 3 letters', { BILLINGCOUNTRY: 'FRA' }, 'BILLINGCOUNTRY'],
  ])('answers 1002 naming the parameter when %s', async (_label, overrides, name) => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, overrides));
    expect(json.EXECCODE).toBe('1002');
    expect(json.MESSAGE).toBe(`The parameter "${name}" is invalid.`);
  });

  it('accepts the current month as expiry (valid through its last day)', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, { CARDVALIDITYDATE: '06-30' }));
    expect(json.EXECCODE).toBe('0000');
  });

  it('accepts VERSION 3.0, lower-case LANGUAGE and YES in upper case', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, { VERSION: '3.0', LANGUAGE: 'fr', CREATEALIAS: 'YES' }));
    expect(json.EXECCODE).toBe('0000');
    expect(json.ALIAS).toBeDefined();
  });

  it('refuses AMOUNTS on an authorization and AMOUNT with AMOUNTS', async () => {
    const { AMOUNT: _drop, ...noAmount } = cardParams(T0);
    const auth = await call(f.processUrl, 'authorization', { ...noAmount, AMOUNTS: { '2030-06-15': '100' } });
    expect(auth.EXECCODE).toBe('1001');
    const both = await call(f.processUrl, 'payment', cardParams(T0, { AMOUNTS: { '2030-06-15': '100' } }));
    expect(both).toMatchObject({ EXECCODE: '1002', MESSAGE: 'The parameter "AMOUNTS" is invalid.' });
  });

  it('moves with the clock: a card valid today is refused once its month has passed', async () => {
    const params = cardParams(T0, { CARDVALIDITYDATE: '06-30' });
    f.clock.advance(20 * DAY);
    try {
      const json = await call(f.processUrl, 'payment', params);
      expect(json).toMatchObject({ EXECCODE: '1002', MESSAGE: 'The parameter "CARDVALIDITYDATE" is invalid.' });
    } finally {
      f.clock.set(T0);
    }
  });
});

describe('validation choices that sources disagree on', () => {
  it('accepts IPv6 CLIENTIP and ends parameter messages with a newline when configured', async () => {
    const f = await startFixture({ rules: { clientIp: 'ipv4-or-ipv6', parameterMessageNewline: true } });
    try {
      expect((await call(f.processUrl, 'payment', cardParams(T0, { CLIENTIP: '2001:db8::1' }))).EXECCODE).toBe('0000');
      const missing = await call(f.processUrl, 'payment', cardParams(T0, { CARDCODE: '' }));
      expect(missing.MESSAGE).toBe('The parameter "CARDCODE" is missing.\n');
    } finally {
      await f.close();
    }
  });

  it('can require CLIENTREFERRER on alias payments (2013 doc)', async () => {
    const f = await startFixture({ rules: { requireClientReferrerForAlias: true } });
    try {
      const first = await call(f.processUrl, 'payment', cardParams(T0, { CREATEALIAS: 'yes' }));
      const { CARDCODE: _a, CARDVALIDITYDATE: _b, CARDCVV: _c, CARDFULLNAME: _d, ...client } = cardParams(T0);
      const json = await call(f.processUrl, 'payment', { ...client, ALIAS: first.ALIAS as string, ALIASMODE: 'oneclick' });
      expect(json).toMatchObject({ EXECCODE: '1001', MESSAGE: 'The parameter "CLIENTREFERRER" is missing.' });
    } finally {
      await f.close();
    }
  });
});
