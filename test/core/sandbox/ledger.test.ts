import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/core/sandbox/index.js';
import { ACCOUNT, call, cardParams, httpRequest, startFixture, T0, type Fixture } from './harness.js';

const PAN = '5555556778250000';

describe('ledger inspection', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('keeps what was received redacted: masked PAN, no CVV, no HASH, no stray card number', async () => {
    await call(f.processUrl, 'payment', cardParams(T0, { CARDCODE: PAN, CARDCVV: '987', DESCRIPTION: `card ${PAN} by phone` }));
    const request = f.sandbox.ledger.requests()[0];
    expect(request).toMatchObject({ server: 'primary', path: '/front/service/rest/process', httpMethod: 'POST', apiMethod: 'payment', identifier: ACCOUNT.identifier, execCode: '0000', outcome: 'answered' });
    expect(request?.params).toMatchObject({ CARDCODE: 'XXXXXXXXXXXX0000', CARDCVV: '[redacted]', HASH: '[redacted]', DESCRIPTION: 'card XXXXXXXXXXXX0000 by phone' });
    await f.sandbox.settled();
    const everything = JSON.stringify(f.sandbox.ledger.snapshot());
    expect(everything).not.toContain(PAN);
    expect(everything).not.toContain('"987"');
    const overHttp = await httpRequest(`${f.sandbox.url}/sandbox/ledger`, { method: 'GET' });
    expect(overHttp.text).not.toContain(PAN);
    expect((JSON.parse(overHttp.text) as { transactions: unknown[] }).transactions).toHaveLength(1);
  });

  it('shows what was charged: amounts, captured, refunded, status', async () => {
    const auth = await call(f.processUrl, 'authorization', cardParams(T0, { AMOUNT: '8000' }));
    const capture = await call(f.processUrl, 'capture', { TRANSACTIONID: auth.TRANSACTIONID as string, ORDERID: 'o', DESCRIPTION: 'd', AMOUNT: '7000' });
    await call(f.processUrl, 'refund', { TRANSACTIONID: capture.TRANSACTIONID as string, ORDERID: 'o', DESCRIPTION: 'd', AMOUNT: '1500' });
    const txs = f.sandbox.ledger.transactions();
    expect(txs.map((tx) => [tx.operationType, tx.amount, tx.status])).toEqual([
      ['authorization', 8000, 'succeeded'],
      ['capture', 7000, 'succeeded'],
      ['refund', 1500, 'succeeded'],
    ]);
    expect(txs[0]).toMatchObject({ capturedAmount: 7000, card: { masked: 'XXXXXXXXXXXX1111', last4: '1111', type: 'visa' } });
    expect(txs[1]).toMatchObject({ refundedAmount: 1500, referenceId: auth.TRANSACTIONID });
  });

  it('hands out copies, so a test cannot change the sandbox state by accident', async () => {
    const json = await call(f.processUrl, 'payment', cardParams(T0));
    const copy = f.sandbox.ledger.transaction(json.TRANSACTIONID as string);
    if (copy) copy.refundedAmount = 999_999;
    expect(f.sandbox.ledger.transaction(json.TRANSACTIONID as string)?.refundedAmount).toBe(0);
  });

  it('emits events as records are created and changed', async () => {
    const seen: string[] = [];
    f.sandbox.ledger.events.on('transaction', (tx) => seen.push(`${tx.operationType}:${tx.status}`));
    await call(f.processUrl, 'payment', cardParams(T0));
    expect(seen).toEqual(['payment:succeeded']);
  });
});

describe('ledger file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-ledger-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is written atomically, survives a restart, and ids keep increasing', async () => {
    const file = join(dir, 'nested', 'ledger.json');
    const first = await startSandbox({ accounts: [ACCOUNT], ledgerFile: file, now: () => T0 });
    const auth = await call(first.endpoints().process, 'authorization', cardParams(T0, { CARDCODE: PAN }));
    await first.settled();
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { format: string; transactions: Array<{ transactionId: string }> };
    expect(onDisk.format).toBe('comptoir-sandbox-ledger');
    expect(onDisk.transactions.map((tx) => tx.transactionId)).toEqual([auth.TRANSACTIONID]);
    await first.close();
    expect(await readFile(file, 'utf8')).not.toContain(PAN);
    expect((await readdir(join(dir, 'nested'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const second = await startSandbox({ accounts: [ACCOUNT], ledgerFile: file, now: () => T0 + 60_000, followUpDelayMs: 0 });
    try {
      const capture = await call(second.endpoints().process, 'capture', { TRANSACTIONID: auth.TRANSACTIONID as string, ORDERID: 'o', DESCRIPTION: 'd' });
      expect(capture.EXECCODE).toBe('0000');
      expect(Number((capture.TRANSACTIONID as string).slice(1))).toBeGreaterThan(Number((auth.TRANSACTIONID as string).slice(1)));
      expect(second.ledger.transaction(auth.TRANSACTIONID as string)?.captureId).toBe(capture.TRANSACTIONID);
    } finally {
      await second.close();
    }
    const final = JSON.parse(await readFile(file, 'utf8')) as { transactions: unknown[] };
    expect(final.transactions).toHaveLength(2);
  });

  it('refuses a file that is not a sandbox ledger', async () => {
    const file = join(dir, 'ledger.json');
    await writeFile(file, '{"hello":"world"}');
    await expect(startSandbox({ accounts: [ACCOUNT], ledgerFile: file })).rejects.toMatchObject({ code: 'SANDBOX_LEDGER_FILE_UNREADABLE' });
    await writeFile(file, 'not json');
    await expect(startSandbox({ accounts: [ACCOUNT], ledgerFile: file })).rejects.toMatchObject({ code: 'SANDBOX_LEDGER_FILE_UNREADABLE' });
  });
});

describe('startSandbox options', () => {
  it('validates accounts and ports, and reports a busy port', async () => {
    await expect(startSandbox({ accounts: [] })).rejects.toMatchObject({ code: 'SANDBOX_INVALID_OPTIONS' });
    await expect(startSandbox({ accounts: [ACCOUNT], port: 70_000 })).rejects.toMatchObject({ code: 'SANDBOX_INVALID_OPTIONS' });
    await expect(startSandbox({ accounts: [ACCOUNT, ACCOUNT] })).rejects.toMatchObject({ code: 'SANDBOX_ACCOUNT_DUPLICATE' });
    await expect(startSandbox({ accounts: [{ ...ACCOUNT, notificationUrl: 'mailto:x@example.com' }] })).rejects.toMatchObject({ code: 'SANDBOX_INVALID_OPTIONS' });
    const first = await startSandbox({ accounts: [ACCOUNT] });
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expect(startSandbox({ accounts: [ACCOUNT], port: first.port })).rejects.toMatchObject({ code: 'SANDBOX_PORT_UNAVAILABLE' });
    } finally {
      await first.close();
    }
    await expect(first.completeThreeDSecure('A1', true)).rejects.toMatchObject({ code: 'SANDBOX_CLOSED' });
  });

  it('adds accounts after start', async () => {
    const sandbox = await startSandbox({ accounts: [ACCOUNT] });
    try {
      sandbox.addAccount({ identifier: 'LATE', password: 'late-pw' });
      const json = await call(sandbox.endpoints().process, 'payment', cardParams(Date.now()), { identifier: 'LATE', password: 'late-pw' });
      expect(json.EXECCODE).toBe('0000');
    } finally {
      await sandbox.close();
    }
  });
});
