import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayClient } from '../../../electron/core/gateway/index.js';
import { journalPath } from '../../../electron/core/journal/index.js';
import { importReconciliationFile } from '../../../electron/core/reconciliation/import-file.js';
import { ReconciliationStore } from '../../../electron/core/reconciliation/reconciliation-store.js';
import { cardExpiry, utcDay } from '../../support/dates.js';
import { rawDatabase } from '../../support/journal-sql.js';
import { startCore, type TestCore } from '../../support/start-core.js';

const run = promisify(execFile);

/** `npm run reconcile -- …`, without npm's banner. */
async function reconcile(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'electron/core/reconciliation/reconcile-cli.ts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * Files the built-in sandbox produces (exportTransactions to core's CALLBACKURL), reconciled
 * against core's own journal: two payments made through Comptoir, one charged at the gateway
 * behind Comptoir's back (missing in Comptoir), one made after the export (missing at Dalenys).
 */
describe('reconciling the files the sandbox delivers', () => {
  let f: TestCore;
  afterEach(async () => {
    await f.close();
  });

  async function scenario(layout: 'legacy-2014' | 'current', compression: 'GZIP' | 'ZIP'): Promise<{ file: string; direct: string; late: string }> {
    f = await startCore({ followUpDelayMs: 0, sandbox: { rules: { csvLayout: layout, feeFixedMinor: 25 } } });
    await f.pay({ amount: 1999, orderId: 'SBX-1' });
    await f.pay({ amount: 2500, orderId: 'SBX-2' });
    const client = createGatewayClient({ identifier: 'COMPTOIR-SANDBOX', password: await f.sandboxPassword(), hosts: { primary: f.core.sandbox.url } });
    try {
      const direct = await client.payment({
        source: 'card',
        card: { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: 'Jeanne Martin' },
        orderId: 'BEHIND-1',
        description: 'Charged outside Comptoir',
        clientIdent: 'c-1',
        clientEmail: 'c@example.com',
        clientIp: '192.0.2.10',
        clientUserAgent: 'test',
        amount: 700,
      });
      expect(direct).toMatchObject({ outcome: 'answered', response: { execCode: '0000' } });
      await client.exportTransactions({ date: utcDay(), callbackUrl: f.core.exportCallbackUrl, compression });
    } finally {
      await client.close();
    }
    await f.core.sandbox.settled();
    const late = await f.pay({ amount: 3100, orderId: 'SBX-LATE' });
    expect(late.status).toBe('approved');
    const stored = readdirSync(join(f.dataDir, 'exports'));
    expect(stored).toHaveLength(1);
    return { file: join(f.dataDir, 'exports', stored[0] as string), direct: 'BEHIND-1', late: 'SBX-LATE' };
  }

  it('older layout (cents), gzip, through npm run reconcile: one of each missing kind, and the same again changes nothing', async () => {
    const { file } = await scenario('legacy-2014', 'GZIP');
    const first = await reconcile(['--file', file, '--data-dir', f.dataDir]);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toBe('Reconciled 3 lines: 2 matched, 0 amount differs, 0 status differs, 1 missing in Comptoir, 1 missing at Dalenys');
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^missing at Dalenys: TRANSACTIONID \S+, ORDERID SBX-LATE: no line at Dalenys, Comptoir 3100 EUR \(approved\)$/),
      expect.stringMatching(/^missing in Comptoir: TRANSACTIONID \S+, ORDERID BEHIND-1: Dalenys 700 EUR \(EXECCODE 0000\), not in Comptoir$/),
    ]);
    const again = await reconcile(['--file', file, '--data-dir', f.dataDir]);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toMatch(/was imported on .*; nothing changed/);
    const db = rawDatabase(journalPath(f.dataDir, 'default'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM reconciliation_imports').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM reconciliation_exceptions').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });

  it('newer layout (decimals), zip, with an amount and a result edited in the file: every kind of exception', async () => {
    const { file } = await scenario('current', 'ZIP');
    const [name, content] = Object.entries(unzipSync(readFileSync(file)))[0] as [string, Uint8Array];
    const csv = new TextDecoder().decode(content);
    expect(csv).toContain('"19.99"');
    // SBX-1 settled for 20.99; SBX-2 refused.
    const edited = csv
      .split('\n')
      .map((line) => (line.includes('"SBX-1"') ? line.replace('"19.99"', '"20.99"') : line.includes('"SBX-2"') ? line.replace(/"0"/, '"4001"') : line))
      .join('\n');
    const editedFile = join(f.dataDir, 'edited.zip');
    writeFileSync(editedFile, zipSync({ [name]: strToU8(edited) }));
    const db = rawDatabase(journalPath(f.dataDir, 'default'));
    try {
      const result = await importReconciliationFile(new ReconciliationStore(db, Date.now), editedFile, { accountIds: null, operator: 'ana' });
      expect(result.layout).toBe('decimal');
      expect(result.summary).toMatchObject({ lines: 3, matched: 0, amountDiffers: 1, statusDiffers: 1, missingInComptoir: 1, missingAtDalenys: 1 });
      expect(result.summary.payouts).toEqual([
        // Accepted in the file: 20.99 + 7.00; fees 0.25 + 20 % VAT on each of the three lines.
        // Comptoir, for the same lines: 19.99 + 25.00 (both approved; the 7.00 is not its).
        { currency: 'EUR', gross: 2799, refunds: 0, fees: 90, chargebacks: 0, payout: 2709, journalNet: 4499, gap: 2799 - 4499 },
      ]);
    } finally {
      db.close();
    }
  });
});
