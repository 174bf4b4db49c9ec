import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { independentHash, signedForm } from '../../support/independent-signer.js';
import { ACCOUNT, OTHER, startFixture, T0, type Fixture } from '../../support/sandbox-fixture.js';
import { call, cardParams, httpRequest, postForm } from './harness.js';

describe('independent test signer (fact sheet vectors)', () => {
  it('reproduces V1, V2, V3 and V9', () => {
    expect(independentHash({ c: '3', a: '1', b: '2' }, 'password')).toBe('77c71c1e70ea28525cf078537d22d1932922e3741ed83287b0dc0a117bf77999');
    expect(independentHash({ c: '3', a: '1', b: '2', HASH: 'shouldnotimpact' }, 'password')).toBe(
      '77c71c1e70ea28525cf078537d22d1932922e3741ed83287b0dc0a117bf77999',
    );
    expect(independentHash({ c: '3', a: '1', b: '2', d: { y: '43', x: '42' } }, 'password')).toBe(
      '376383093261372eb97909ed1a44b1adb5e8f2687f7a64f1c41d5a0c8cc0b0fa',
    );
    expect(independentHash({ AMOUNT: '1000', CLIENTIDENT: 'johndoe', DESCRIPTION: 'desc', IDENTIFIER: '123' }, 'secret')).toBe(
      '879e317b04d4b7c3376b1c9691a1cea45ba75b9c508a99e379705f3ab44b6088',
    );
  });
});

describe('sandbox transport, HASH and account checks', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('accepts a signed payment on every endpoint spelling, with and without .php', async () => {
    const plain = await call(f.processUrl, 'payment', cardParams(T0));
    const php = await call(`${f.processUrl}.php`, 'payment', cardParams(T0));
    expect(plain.EXECCODE).toBe('0000');
    expect(php.EXECCODE).toBe('0000');
    expect(plain.OPERATIONTYPE).toBe('payment');
    expect(plain.TRANSACTIONID).toMatch(/^A\d+$/);
    const exported = await call(`${f.exportUrl}.php`, 'getTransactions', { TRANSACTIONID: plain.TRANSACTIONID as string });
    expect(exported.EXECCODE).toBe('0000');
  });

  it('answers GET with EXECCODE 1006 in a JSON body', async () => {
    const answer = await httpRequest(`${f.processUrl}?method=payment&params[IDENTIFIER]=${ACCOUNT.identifier}`, { method: 'GET' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('application/json');
    const json = JSON.parse(answer.text) as Record<string, string>;
    expect(json).toMatchObject({ EXECCODE: '1006', OPERATIONTYPE: 'payment' });
    expect(json.MESSAGE).toMatch(/GET/);
  });

  it('refuses query-string parameters on a POST too (1006)', async () => {
    const body = signedForm('payment', { IDENTIFIER: ACCOUNT.identifier, VERSION: '2.0', OPERATIONTYPE: 'payment', ...cardParams(T0) }, ACCOUNT.password);
    const json = await postForm(`${f.processUrl}?params[AMOUNT]=1`, body);
    expect(json.EXECCODE).toBe('1006');
    expect(f.sandbox.ledger.transactions()).toHaveLength(0);
  });

  it('answers 1003 when the HASH does not match the password', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0), { identifier: ACCOUNT.identifier, password: 'not-the-password' });
    expect(json.EXECCODE).toBe('1003');
    expect(json.TRANSACTIONID).toBeUndefined();
    expect(f.sandbox.ledger.transactions()).toHaveLength(0);
  });

  it('answers 1003 when a signed value is changed on the wire', async () => {
    const body = signedForm(
      'payment',
      { IDENTIFIER: ACCOUNT.identifier, VERSION: '2.0', OPERATIONTYPE: 'payment', ...cardParams(T0, { AMOUNT: '100' }) },
      ACCOUNT.password,
    );
    const json = await postForm(f.processUrl, body.replace('params%5BAMOUNT%5D=100', 'params%5BAMOUNT%5D=900'));
    expect(json.EXECCODE).toBe('1003');
  });

  it('answers 1003 to a correct HASH written in upper-case hex, as the real gateway does, and charges nothing', async () => {
    const params = { IDENTIFIER: ACCOUNT.identifier, VERSION: '2.0', OPERATIONTYPE: 'payment', ...cardParams(T0) };
    const hash = independentHash(params, ACCOUNT.password);
    const form = (value: string) => signedForm('payment', params, ACCOUNT.password).replace(`params%5BHASH%5D=${hash}`, `params%5BHASH%5D=${value}`);
    expect(form(hash.toUpperCase())).not.toBe(form(hash));
    expect((await postForm(f.processUrl, form(hash.toUpperCase()))).EXECCODE).toBe('1003');
    expect(f.sandbox.ledger.transactions()).toHaveLength(0);
    expect((await postForm(f.processUrl, form(hash))).EXECCODE).toBe('0000');
  });

  it('refuses an unknown IDENTIFIER with 3001 by default, never checking the HASH', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0), { identifier: 'NOBODY', password: 'x' });
    expect(json).toMatchObject({ EXECCODE: '3001', OPERATIONTYPE: 'payment' });
    expect(json.TRANSACTIONID).toBeUndefined();
  });

  it('can refuse an unknown IDENTIFIER with 1003 instead', async () => {
    await f.close();
    f = await startFixture({ rules: { unknownIdentifierCode: '1003' } });
    const json = await call(f.processUrl, 'payment', cardParams(T0), { identifier: 'NOBODY', password: 'x' });
    expect(json.EXECCODE).toBe('1003');
  });

  it('refuses a disabled account with 3001 until it is enabled again', async () => {
    f.sandbox.setAccountDisabled(OTHER.identifier, true);
    expect((await call(f.processUrl, 'payment', cardParams(T0), OTHER)).EXECCODE).toBe('3001');
    f.sandbox.setAccountDisabled(OTHER.identifier, false);
    expect((await call(f.processUrl, 'payment', cardParams(T0), OTHER)).EXECCODE).toBe('0000');
  });

  it('names IDENTIFIER, HASH and VERSION when they are missing (1001)', async () => {
    const noIdentifier = await postForm(f.processUrl, 'method=payment&params[OPERATIONTYPE]=payment&params[HASH]=00');
    expect(noIdentifier).toMatchObject({ EXECCODE: '1001', MESSAGE: 'The parameter "IDENTIFIER" is missing.' });
    const noHash = await postForm(f.processUrl, `method=payment&params[OPERATIONTYPE]=payment&params[IDENTIFIER]=${ACCOUNT.identifier}`);
    expect(noHash).toMatchObject({ EXECCODE: '1001', MESSAGE: 'The parameter "HASH" is missing.' });
    const params = { IDENTIFIER: ACCOUNT.identifier, OPERATIONTYPE: 'payment', ...cardParams(T0) };
    const noVersion = await postForm(f.processUrl, signedForm('payment', params, ACCOUNT.password));
    expect(noVersion).toMatchObject({ EXECCODE: '1001', MESSAGE: 'The parameter "VERSION" is missing.' });
  });

  it('checks that method and OPERATIONTYPE agree and that the method is served on the path', async () => {
    const params = { IDENTIFIER: ACCOUNT.identifier, VERSION: '2.0', OPERATIONTYPE: 'authorization', ...cardParams(T0) };
    const mismatch = await postForm(f.processUrl, signedForm('payment', params, ACCOUNT.password));
    expect(mismatch).toMatchObject({ EXECCODE: '1002', MESSAGE: 'The parameter "OPERATIONTYPE" is invalid.' });
    const unknown = await call(f.processUrl, 'teleport', cardParams(T0));
    expect(unknown.EXECCODE).toBe('1002');
    const { OPERATIONTYPE: _omitted, ...withoutType } = params;
    const missing = await postForm(f.processUrl, signedForm('payment', withoutType, ACCOUNT.password));
    expect(missing).toMatchObject({ EXECCODE: '1001', MESSAGE: 'The parameter "OPERATIONTYPE" is missing.' });
    const wrongPath = await call(f.exportUrl, 'payment', cardParams(T0));
    expect(wrongPath.EXECCODE).toBe('1005');
    const wrongPath2 = await call(f.processUrl, 'getTransactions', { TRANSACTIONID: 'A1' });
    expect(wrongPath2.EXECCODE).toBe('1005');
  });

  it('answers 1005 for a body that is not a flat or one-level form', async () => {
    const nested = await postForm(f.processUrl, 'method=payment&params[CART][0][NAME]=x');
    expect(nested.EXECCODE).toBe('1005');
    const clash = await postForm(f.processUrl, 'method=payment&params[AMOUNTS]=1&params[AMOUNTS][2030-06-15]=1');
    expect(clash.EXECCODE).toBe('1005');
    const json = await httpRequest(f.processUrl, { body: '{"method":"payment"}', headers: { 'Content-Type': 'application/json' } });
    expect((JSON.parse(json.text) as { EXECCODE: string }).EXECCODE).toBe('1005');
  });

  it('answers 404 outside the API and 3-D Secure routes, and reports health', async () => {
    expect((await httpRequest(`${f.sandbox.url}/front/form/process`, { body: 'x=1' })).status).toBe(404);
    const health = await httpRequest(`${f.sandbox.url}/sandbox/health`, { method: 'GET' });
    expect(JSON.parse(health.text)).toEqual({ status: 'ok' });
  });

  it('answers OPERATIONTYPE in upper case when configured (2013 doc example)', async () => {
    await f.close();
    f = await startFixture({ rules: { responseOperationTypeCase: 'upper' } });
    expect((await call(f.processUrl, 'payment', cardParams(T0))).OPERATIONTYPE).toBe('PAYMENT');
  });
});
