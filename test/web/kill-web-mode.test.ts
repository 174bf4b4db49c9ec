import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/sandbox/ledger.js';
import { cardExpiry } from '../support/dates.js';
import { tempDir } from '../support/temp-dir.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY = /^Comptoir ready at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/m;

interface Running {
  readonly child: ChildProcess;
  readonly port: number;
  readonly token: string;
}

/** `npm run web`'s program, from source, on `dataDir`. */
async function startWeb(dataDir: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/web/cli.ts'), '--port', '0', '--data-dir', dataDir, '--follow-up-delay-ms', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = READY.exec(stdout);
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code}: ${stderr}`)));
  });
  return { child, port: Number(match[1]), token: match[2] as string };
}

async function invoke(web: Running, channel: string, payload: unknown): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string } }> {
  const response = await fetch(`http://127.0.0.1:${web.port}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-comptoir-token': web.token },
    body: JSON.stringify(payload),
  });
  return (await response.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Issue 13 item 13: the built-in sandbox is durable before it answers, like a real gateway.
 * Web mode is killed (SIGKILL, no chance to flush) the moment a payment's answer is in; after
 * a restart on the same data folder the sandbox still has the charge, and a refund of it works.
 */
describe('kill -9 of web mode after a confirmed sandbox charge', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let web: Running | undefined;

  beforeAll(async () => {
    dir = await tempDir();
    // A sandbox that has been used for a while: its ledger is tens of megabytes, so rewriting it
    // whole takes far longer than answering a payment. A ledger written after its answer would
    // lose the charge to the kill below.
    const transactions = Array.from({ length: 30_000 }, (_, i) => ({
      transactionId: `A${1_000_000 + i}`,
      identifier: 'EARLIER-ACCOUNT',
      operationType: 'payment',
      orderId: `EARLIER-${i}`,
      amount: 1000 + i,
      currency: 'EUR',
      execCode: '0000',
      message: 'The transaction has been accepted.',
      status: 'succeeded',
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      server: 'primary',
      capturedAmount: 0,
      refundedAmount: 0,
      refundIds: [],
      voided: false,
      createAlias: false,
      threeDSecure: false,
      version: '2.0',
      description: 'An earlier payment, kept for the ledger to have some weight.',
      address: {},
    }));
    const seeded = {
      format: 'comptoir-sandbox-ledger',
      version: 1,
      sequence: 1_100_000,
      transactions,
      aliases: [],
      schedules: [],
      chargebacks: [],
      requests: [],
      notifications: [],
      exports: [],
    };
    await writeFile(join(dir.path, 'sandbox-ledger.json'), JSON.stringify(seeded, null, 1), { mode: 0o600 });
  });
  afterAll(async () => {
    if (web && web.child.exitCode === null) {
      web.child.kill('SIGKILL');
      await exited(web.child);
    }
    await dir.remove();
  });

  it('keeps the charge: the ledger has it after a restart, and a follow-up on it is approved', async () => {
    web = await startWeb(dir.path);
    const paid = await invoke(web, 'payments.submit', {
      idempotencyKey: 'kill-nine-key-0000001',
      accountId: 1,
      operation: 'payment',
      amount: 4200,
      orderId: 'KILL-1',
      customer: { email: 'ana@example.com' },
      card: { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: 'ANA LOPEZ' },
    });
    expect(paid).toMatchObject({ ok: true, value: { operation: { status: 'approved' } } });
    const operation = paid.value?.operation as { id: number; transactionId: string };
    web.child.kill('SIGKILL');
    await exited(web.child);

    web = await startWeb(dir.path);
    const refund = await invoke(web, 'operations.refund', {
      operationId: operation.id,
      idempotencyKey: 'kill-nine-refund-00001',
      reason: { code: 'customer_request' },
      amount: 1000,
    });
    expect(refund).toMatchObject({ ok: true, value: { operation: { status: 'approved', type: 'refund' } } });
    web.child.kill('SIGTERM');
    await exited(web.child);

    const ledger = new Ledger(0);
    await ledger.attachFile(join(dir.path, 'sandbox-ledger.json'));
    await ledger.close();
    expect(ledger.transaction(operation.transactionId)).toMatchObject({ amount: 4200, refundedAmount: 1000, status: 'succeeded' });
  }, 60_000);
});
