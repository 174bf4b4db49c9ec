import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { independentHash } from '../../support/independent-signer.js';
import { startSandbox } from '../../../electron/core/sandbox/index.js';
import { tempDir } from '../../support/temp-dir.js';
import { ACCOUNT, startFixture, T0, type Fixture } from '../../support/sandbox-fixture.js';
import { call, cardParams, httpRequest } from './harness.js';

function decodeHtml(json: Record<string, unknown>): string {
  return Buffer.from(json['3DSECUREHTML'] as string, 'base64').toString('utf8');
}

describe('3-D Secure', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('answers 0001 with a base64 page, then the browser path completes it and the notification carries the final result', async () => {
    const params = cardParams(T0, { '3DSECURE': 'yes', CREATEALIAS: 'yes' });
    const json = await call(f.processUrl, 'payment', params);
    expect(json).toMatchObject({ EXECCODE: '0001', OPERATIONTYPE: 'payment', MESSAGE: 'Identification requested.' });
    const transactionId = json.TRANSACTIONID as string;
    expect(f.sandbox.ledger.transaction(transactionId)?.status).toBe('pending');
    await f.sandbox.settled();
    expect(f.receiver.calls).toHaveLength(0);

    // Follow the page as a browser would: its form posts to the sandbox ACS page…
    const html = decodeHtml(json);
    const action = /action="([^"]+)"/.exec(html)?.[1] as string;
    expect(action.startsWith(f.sandbox.url)).toBe(true);
    const acs = await httpRequest(action, { body: 'token=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(acs.status).toBe(200);
    expect(acs.text).not.toContain('4111111111111111');
    const complete = /action="([^"]+result=success)"/.exec(acs.text)?.[1]?.replaceAll('&amp;', '&') as string;
    // …where the cardholder authenticates.
    const done = await httpRequest(complete, { body: '' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('accepted');

    await f.receiver.waitForCalls(1);
    const fields = f.receiver.calls[0]?.fields as Record<string, string>;
    expect(fields).toMatchObject({ TRANSACTIONID: transactionId, EXECCODE: '0000', OPERATIONTYPE: 'payment', '3DSECURE': 'yes', ORDERID: params.ORDERID });
    expect(fields.ALIAS).toMatch(/^A1-/);
    const { HASH, ...signed } = fields;
    expect(HASH).toBe(independentHash(signed, ACCOUNT.password));
    expect(f.sandbox.ledger.transaction(transactionId)).toMatchObject({ status: 'succeeded', execCode: '0000', threeDSecure: true });

    const again = await httpRequest(complete, { body: '' });
    expect(again.status).toBe(404);
  });

  it('a failed authentication ends in 4008, programmatically', async () => {
    const json = await call(f.processUrl, 'authorization', cardParams(T0, { '3DSECURE': 'yes' }));
    const tx = await f.sandbox.completeThreeDSecure(json.TRANSACTIONID as string, false);
    expect(tx).toMatchObject({ status: 'refused', execCode: '4008' });
    await f.receiver.waitForCalls(1);
    expect(f.receiver.calls[0]?.fields.EXECCODE).toBe('4008');
    await expect(f.sandbox.completeThreeDSecure(json.TRANSACTIONID as string, true)).rejects.toMatchObject({ code: 'SANDBOX_THREE_D_SECURE_NOT_PENDING' });
    await expect(f.sandbox.completeThreeDSecure('A404', true)).rejects.toMatchObject({ code: 'SANDBOX_TRANSACTION_UNKNOWN' });
  });

  it('applies the card bank result after a successful authentication (test card 4002)', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, { '3DSECURE': 'yes', CARDCODE: '5555554530114002' }));
    expect(json.EXECCODE).toBe('0001');
    const tx = await f.sandbox.completeThreeDSecure(json.TRANSACTIONID as string, true);
    expect(tx.execCode).toBe('4002');
  });

  it('enrolled test cards ask for 3-D Secure even without 3DSECURE=yes', async () => {
    for (const pan of ['5206019820620400', '5206021564446547']) {
      const json = await call(f.processUrl, 'payment', cardParams(T0, { CARDCODE: pan }));
      expect(json.EXECCODE).toBe('0001');
    }
  });

  it('non-enrolled cards go through without authentication (configurable outcome)', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, { CARDCODE: '5206035646546553', '3DSECURE': 'yes' }));
    expect(json.EXECCODE).toBe('0000');
    await f.close();
    f = await startFixture({ rules: { nonEnrolledThreeDSecureOutcome: '4014' } });
    const refused = await call(f.processUrl, 'payment', cardParams(T0, { CARDCODE: '5263034646416156', '3DSECURE': 'yes' }));
    expect(refused.EXECCODE).toBe('4014');
  });

  it('raw display mode returns REDIRECTURL and REDIRECTPOSTPARAMS instead of HTML', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, { '3DSECURE': 'yes', '3DSECUREDISPLAYMODE': 'raw' }));
    expect(json['3DSECUREHTML']).toBeUndefined();
    expect(json.REDIRECTURL).toMatch(new RegExp(`^${f.sandbox.url}/sandbox/3ds/[0-9a-f]{32}$`));
    expect(json.REDIRECTPOSTPARAMS).toMatch(/^token=[0-9a-f]{32}$/);
    const page = await httpRequest(json.REDIRECTURL as string, { body: json.REDIRECTPOSTPARAMS as string });
    expect(page.text).toContain('result=failure');
  });

  it('an authentication completed after the timeout ends in 4009', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0, { '3DSECURE': 'yes' }));
    f.clock.advance(16 * 60_000);
    const tx = await f.sandbox.completeThreeDSecure(json.TRANSACTIONID as string, true);
    expect(tx.execCode).toBe('4009');
  });

  it('expires a 3-D Secure transaction nobody completes: 4009 after 15 minutes by default, notified', async () => {
    expect(f.sandbox.threeDSecureExpiryMs).toBe(15 * 60_000);
    // An enrolled card asks for 3-D Secure although the request did not (a phone order).
    const params = cardParams(T0, { CARDCODE: '5206019820620400' });
    const json = await call(f.processUrl, 'payment', params);
    expect(json.EXECCODE).toBe('0001');
    const transactionId = json.TRANSACTIONID as string;
    f.clock.advance(15 * 60_000 - 1);
    expect(f.sandbox.expireThreeDSecure()).toEqual([]);
    expect(f.sandbox.ledger.transaction(transactionId)?.status).toBe('pending');
    f.clock.advance(1);
    expect(f.sandbox.expireThreeDSecure()).toEqual([expect.objectContaining({ transactionId, execCode: '4009', status: 'refused' })]);
    await f.receiver.waitForCalls(1);
    const fields = f.receiver.calls[0]?.fields as Record<string, string>;
    expect(fields).toMatchObject({ TRANSACTIONID: transactionId, EXECCODE: '4009', ORDERID: params.ORDERID });
    const { HASH, ...signed } = fields;
    expect(HASH).toBe(independentHash(signed, ACCOUNT.password));
    // The page is gone and completing it is refused: the result is final.
    await expect(f.sandbox.completeThreeDSecure(transactionId, true)).rejects.toMatchObject({ code: 'SANDBOX_THREE_D_SECURE_NOT_PENDING' });
  });

  it('expires what is due before answering the next request, and an instalment schedule with it', async () => {
    const { AMOUNT: _drop, ...rest } = cardParams(T0, { CARDCODE: '5206019820620400' });
    const json = await call(f.processUrl, 'payment', { ...rest, AMOUNTS: { '2030-06-15': '1000', '2030-07-15': '1000' } });
    expect(json.EXECCODE).toBe('0001');
    f.clock.advance(16 * 60_000);
    await call(f.processUrl, 'payment', cardParams(T0));
    expect(f.sandbox.ledger.transaction(json.TRANSACTIONID as string)?.execCode).toBe('4009');
    expect(f.sandbox.ledger.schedule(json.SCHEDULEID as string)?.state).toBe('cancelled');
  });

  it('expires on its own timer with a short configured expiry (real clock)', async () => {
    await f.close();
    f = await startFixture({ now: () => Date.now(), threeDSecureExpiryMs: 50 });
    const json = await call(f.processUrl, 'authorization', cardParams(Date.now(), { '3DSECURE': 'yes' }));
    expect(json.EXECCODE).toBe('0001');
    await f.receiver.waitForCalls(1);
    expect(f.receiver.calls[0]?.fields).toMatchObject({ TRANSACTIONID: json.TRANSACTIONID, EXECCODE: '4009' });
  });

  it('expires after a restart a transaction left waiting in the ledger file', async () => {
    const dir = await tempDir();
    try {
      await f.close();
      const ledgerFile = join(dir.path, 'ledger.json');
      f = await startFixture({ ledgerFile });
      const json = await call(f.processUrl, 'payment', cardParams(T0, { '3DSECURE': 'yes' }));
      await f.close();
      f = await startFixture({ ledgerFile, now: () => T0 + 15 * 60_000 });
      await f.receiver.waitForCalls(1);
      expect(f.receiver.calls[0]?.fields).toMatchObject({ TRANSACTIONID: json.TRANSACTIONID, EXECCODE: '4009' });
      expect(f.sandbox.ledger.transaction(json.TRANSACTIONID as string)?.status).toBe('refused');
    } finally {
      await f.close();
      await dir.remove();
    }
  });

  it('refuses an expiry that is not a positive whole number of milliseconds', async () => {
    await expect(startSandbox({ accounts: [ACCOUNT], threeDSecureExpiryMs: 0 })).rejects.toMatchObject({ code: 'SANDBOX_INVALID_OPTIONS' });
    await expect(startSandbox({ accounts: [ACCOUNT], followUpDelayMs: -1 })).rejects.toMatchObject({ code: 'SANDBOX_INVALID_OPTIONS' });
    await expect(startSandbox({ accounts: [ACCOUNT], followUpDelayMs: 1.5 })).rejects.toMatchObject({ code: 'SANDBOX_INVALID_OPTIONS' });
  });

  it('a follow-up on a transaction still waiting for 3-D Secure gets 2006', async () => {
    const json = await call(f.processUrl, 'authorization', cardParams(T0, { '3DSECURE': 'yes' }));
    const capture = await call(f.processUrl, 'capture', { TRANSACTIONID: json.TRANSACTIONID as string, ORDERID: 'o', DESCRIPTION: 'd' });
    expect(capture.EXECCODE).toBe('2006');
  });
});
