import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/core/sandbox/index.js';
import { LedgerFile } from '../../../electron/core/sandbox/ledger-file.js';
import { ACCOUNT, OTHER, startFixture, T0, type Fixture } from '../../support/sandbox-fixture.js';
import { call, cardParams, httpRequest, inspectorAuth } from './harness.js';

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
    expect(request).toMatchObject({
      server: 'primary',
      path: '/front/service/rest/process',
      httpMethod: 'POST',
      apiMethod: 'payment',
      identifier: ACCOUNT.identifier,
      execCode: '0000',
      outcome: 'answered',
    });
    expect(request?.params).toMatchObject({
      CARDCODE: 'XXXXXXXXXXXX0000',
      CARDCVV: '[redacted]',
      HASH: '[redacted]',
      DESCRIPTION: 'card XXXXXXXXXXXX0000 by phone',
    });
    await f.sandbox.settled();
    const everything = JSON.stringify(f.sandbox.ledger.snapshot());
    expect(everything).not.toContain(PAN);
    expect(everything).not.toContain('"987"');
    const overHttp = await httpRequest(`${f.sandbox.url}/sandbox/ledger`, { method: 'GET', headers: inspectorAuth() });
    expect(overHttp.text).not.toContain(PAN);
    expect((JSON.parse(overHttp.text) as { transactions: unknown[] }).transactions).toHaveLength(1);
  });

  it('shows the ledger over HTTP only to an account’s identifier and password, and only under its own Host', async () => {
    await call(f.processUrl, 'payment', cardParams(T0));
    const ledgerUrl = `${f.sandbox.url}/sandbox/ledger`;
    const anonymous = await httpRequest(ledgerUrl, { method: 'GET' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect(anonymous.text).not.toContain('transactions');
    for (const wrong of [
      { ...ACCOUNT, password: 'guess' },
      { identifier: 'NOBODY', password: ACCOUNT.password },
      { identifier: '', password: '' },
    ]) {
      expect((await httpRequest(ledgerUrl, { method: 'GET', headers: inspectorAuth(wrong) })).status).toBe(401);
    }
    expect((await httpRequest(ledgerUrl, { method: 'GET', headers: { Authorization: 'Bearer x' } })).status).toBe(401);
    // DNS rebinding: a page on another site resolving its own name to 127.0.0.1 sends its Host.
    for (const host of ['evil.example', `evil.example:${f.sandbox.port}`, `127.0.0.1.nip.io:${f.sandbox.port}`, '127.0.0.1:1']) {
      const rebound = await httpRequest(ledgerUrl, { method: 'GET', headers: { ...inspectorAuth(), Host: host } });
      expect(rebound.status, host).toBe(403);
      expect((await httpRequest(`${f.sandbox.url}/sandbox/health`, { method: 'GET', headers: { Host: host } })).status, host).toBe(403);
    }
    const mine = await httpRequest(ledgerUrl, { method: 'GET', headers: { ...inspectorAuth(), Host: `localhost:${f.sandbox.port}` } });
    expect(mine.status).toBe(200);
    expect((JSON.parse(mine.text) as { transactions: unknown[] }).transactions).toHaveLength(1);
  });

  it('shows an account its own records only, never another account’s', async () => {
    const mine = await call(f.processUrl, 'payment', cardParams(T0, { AMOUNT: '1111', ORDERID: 'MINE-1' }));
    const theirs = await call(f.processUrl, 'payment', cardParams(T0, { AMOUNT: '2222', ORDERID: 'THEIRS-1' }), OTHER);
    expect([mine.EXECCODE, theirs.EXECCODE]).toEqual(['0000', '0000']);
    await f.sandbox.settled();
    const ledgerUrl = `${f.sandbox.url}/sandbox/ledger`;
    for (const [account, own, other] of [
      [ACCOUNT, mine, theirs],
      [OTHER, theirs, mine],
    ] as const) {
      const answer = await httpRequest(ledgerUrl, { method: 'GET', headers: inspectorAuth(account) });
      expect(answer.status).toBe(200);
      const seen = JSON.parse(answer.text) as {
        transactions: Array<{ identifier: string; transactionId: string }>;
        requests: Array<{ identifier?: string }>;
        notifications: Array<{ identifier: string }>;
      };
      expect(seen.transactions.map((tx) => tx.transactionId)).toEqual([own.TRANSACTIONID]);
      expect(seen.requests.length).toBeGreaterThan(0);
      expect(seen.notifications.length).toBeGreaterThan(0);
      for (const record of [...seen.transactions, ...seen.requests, ...seen.notifications]) expect(record.identifier).toBe(account.identifier);
      expect(answer.text).not.toContain(other.TRANSACTIONID as string);
      expect(answer.text).not.toContain(account === ACCOUNT ? 'THEIRS-1' : 'MINE-1');
    }
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

  it('is on disk before the answer leaves, survives a restart, and ids keep increasing', async () => {
    const file = join(dir, 'nested', 'ledger.json');
    const first = await startSandbox({ accounts: [ACCOUNT], ledgerFile: file, now: () => T0 });
    const auth = await call(first.endpoints().process, 'authorization', cardParams(T0, { CARDCODE: PAN }));
    // Read at once, in the same turn the answer arrived: the charge is already in the log.
    const atAnswer = readFileSync(`${file}.log`, 'utf8');
    expect(atAnswer).toContain(`"transactionId":"${auth.TRANSACTIONID as string}"`);
    const stored = await LedgerFile.read(file);
    expect(stored.lines.some((line) => line.kind === 'transaction' && (line.record as { transactionId: string }).transactionId === auth.TRANSACTIONID)).toBe(
      true,
    );
    await first.close();
    // Closed: folded into the snapshot, the log emptied.
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { format: string; transactions: Array<{ transactionId: string }> };
    expect(onDisk.format).toBe('comptoir-sandbox-ledger');
    expect(onDisk.transactions.map((tx) => tx.transactionId)).toEqual([auth.TRANSACTIONID]);
    expect(await readFile(`${file}.log`, 'utf8')).toBe('');
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

  it('loses no confirmed charge to a kill -9 the moment after its answer', async () => {
    const file = join(dir, 'ledger.json');
    const first = await startSandbox({ accounts: [ACCOUNT], ledgerFile: file, now: () => T0 });
    const payment = await call(first.endpoints().process, 'payment', cardParams(T0, { AMOUNT: '4200' }));
    expect(payment.EXECCODE).toBe('0000');
    // What the disk holds when the answer arrives, as a process killed then would leave it.
    const crashed = join(dir, 'after-kill');
    mkdirSync(crashed);
    for (const name of readdirSync(dir)) if (name.startsWith('ledger.json')) copyFileSync(join(dir, name), join(crashed, name));
    await first.close();

    const second = await startSandbox({ accounts: [ACCOUNT], ledgerFile: join(crashed, 'ledger.json'), now: () => T0 + 6 * 60_000 });
    try {
      expect(second.ledger.transaction(payment.TRANSACTIONID as string)).toMatchObject({ amount: 4200, status: 'succeeded' });
      const refund = await call(second.endpoints().process, 'refund', {
        TRANSACTIONID: payment.TRANSACTIONID as string,
        ORDERID: 'o',
        DESCRIPTION: 'd',
        AMOUNT: '1000',
      });
      expect(refund.EXECCODE).toBe('0000');
    } finally {
      await second.close();
    }
  });

  it('ignores a change cut short by a crash (the last log line), never one in the middle', async () => {
    const file = join(dir, 'ledger.json');
    const first = await startSandbox({ accounts: [ACCOUNT], ledgerFile: file, now: () => T0 });
    const payment = await call(first.endpoints().process, 'payment', cardParams(T0));
    const log = readFileSync(`${file}.log`, 'utf8');
    await first.close();
    // The state a kill -9 during the next append leaves: the log as it was, plus half a line.
    await writeFile(`${file}.log`, `${log}{"n":99999,"kind":"transa`);
    const second = await startSandbox({ accounts: [ACCOUNT], ledgerFile: file, now: () => T0 });
    expect(second.ledger.transaction(payment.TRANSACTIONID as string)?.status).toBe('succeeded');
    await second.close();
    await writeFile(`${file}.log`, `{"n":1,"kind":"transa\n${log}`);
    await expect(startSandbox({ accounts: [ACCOUNT], ledgerFile: file })).rejects.toMatchObject({ code: 'SANDBOX_LEDGER_FILE_UNREADABLE' });
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
    await expect(startSandbox({ accounts: [{ ...ACCOUNT, notificationUrl: 'mailto:x@example.com' }] })).rejects.toMatchObject({
      code: 'SANDBOX_INVALID_OPTIONS',
    });
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
