import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { journalPath, openJournal, openJournalDatabase } from '../../electron/core/journal/index.js';
import { importReconciliationFile } from '../../electron/core/reconciliation/import-file.js';
import { ReconciliationStore } from '../../electron/core/reconciliation/reconciliation-store.js';
import { seedJournal } from './seed/seed.js';

/**
 * `npm run bench -- reports [--rows 1000000] [--lines 100000]`: exports every operation of a
 * seeded journal to CSV and XLSX (each in a process of its own, through the app's export
 * worker), timed and with its peak memory (GNU time's maximum resident set), next to the
 * baseline `sqlite3 -csv` dumping the same columns, in the same order, from the same file.
 * Targets: CSV within 1.5x of the baseline's time; peak memory under 250 MB for both formats.
 * Then times reconciling a Dalenys file (newer layout) of `--lines` lines against the journal.
 */
const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, lines: { type: 'string', default: '100000' } }, allowPositionals: true });
const ROWS = Number(values.rows);
const LINES = Number(values.lines);
const here = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-reports-'));
const file = journalPath(dir, 'default');

/** Seconds and peak RSS (MB) of a command, from GNU time. */
function measure(command: string, args: string[], stdout?: string): { seconds: number; peakMb: number } {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, ...(stdout ? { stdio: ['ignore', 'pipe', 'pipe'] } : {}) });
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  if (stdout) writeFileSync(stdout, run.stdout);
  const [seconds, kb] = (run.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number) as [number, number];
  return { seconds, peakMb: kb / 1024 };
}

try {
  process.stdout.write(`seeding ${ROWS.toLocaleString('en')} operations …\n`);
  const seeded = seedJournal({ file, rows: ROWS });
  process.stdout.write(`seeded in ${seeded.seconds.toFixed(1)} s\n`);
  // Opened once as the app opens it, so the schema is current before anything reads it.
  await openJournal({ file }).close();

  const sql = `SELECT o.created_at, a.name, o.type, o.status, o.expires_at, o.amount, o.currency, o.order_id, o.transaction_id, o.exec_code,
    o.brand, o.last4, o.customer_name, o.operator, o.description FROM operations o JOIN accounts a ON a.id = o.account_id ORDER BY o.created_at, o.id`;
  const baselineOut = join(dir, 'baseline.csv');
  const baseline = measure('sqlite3', ['-csv', '-header', file, sql], baselineOut);
  const csv = measure(process.execPath, ['--import', 'tsx', join(here, 'reports', 'export-child.ts'), file, 'csv', join(dir, 'ops.csv')]);
  const xlsx = measure(process.execPath, ['--import', 'tsx', join(here, 'reports', 'export-child.ts'), file, 'xlsx', join(dir, 'ops.xlsx')]);
  const mb = (path: string) => (statSync(path).size / 1024 / 1024).toFixed(0);
  const rows = [
    ['sqlite3 -csv (baseline)', baseline.seconds.toFixed(1), baseline.peakMb.toFixed(0), mb(baselineOut), '1.00', ''],
    ['Comptoir CSV', csv.seconds.toFixed(1), csv.peakMb.toFixed(0), mb(join(dir, 'ops.csv')), (csv.seconds / baseline.seconds).toFixed(2), 'time ≤ 1.5x, peak < 250 MB'],
    ['Comptoir XLSX', xlsx.seconds.toFixed(1), xlsx.peakMb.toFixed(0), mb(join(dir, 'ops.xlsx')), (xlsx.seconds / baseline.seconds).toFixed(2), 'peak < 250 MB'],
  ];
  const header = ['export', 'seconds', 'peak MB', 'file MB', 'x baseline', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  process.stdout.write(`\nExport of ${ROWS.toLocaleString('en')} operations\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
  const csvMet = csv.seconds <= 1.5 * baseline.seconds && csv.peakMb < 250;
  const xlsxMet = xlsx.peakMb < 250;
  process.stdout.write(`CSV target ${csvMet ? 'met' : 'MISSED'}; XLSX memory target ${xlsxMet ? 'met' : 'MISSED'}\n`);

  // A Dalenys file of the journal's own operations (newer layout, decimals), one line each.
  const db = openJournalDatabase(file, { integrityCheck: 'none', migrate: false });
  try {
    const picked = db
      .prepare(`SELECT transaction_id, order_id, type, amount, currency, exec_code FROM operations WHERE transaction_id IS NOT NULL ORDER BY id LIMIT ?`)
      .all(LINES) as Array<{ transaction_id: string; order_id: string; type: string; amount: number; currency: string; exec_code: string | null }>;
    const header = ['TRANSACTIONID', 'ORDERID', 'OPERATIONTYPE', 'AMOUNT', 'CURRENCY', 'BILLINGFEES EX. VAT', 'BILLING VAT FEES', 'BILLINGFEES INCL. VAT', 'EXECCODE', 'DATE'];
    const decimal = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
    const text = stringify(
      picked.map((row) => [row.transaction_id, row.order_id, row.type, decimal(row.amount), row.currency, '0.25', '0.05', '0.30', String(Number(row.exec_code ?? '0')), '']),
      { header: true, columns: header, delimiter: ';', quoted: true },
    );
    const dalenysFile = join(dir, 'dalenys.csv');
    writeFileSync(dalenysFile, text);
    const started = performance.now();
    const result = await importReconciliationFile(new ReconciliationStore(db, Date.now), dalenysFile, { accountIds: null, operator: 'bench' });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `\nReconciling a ${picked.length.toLocaleString('en')}-line file: ${seconds.toFixed(2)} s (${result.summary.matched.toLocaleString('en')} matched, ${(result.summary.amountDiffers + result.summary.statusDiffers + result.summary.missingInComptoir).toLocaleString('en')} exceptions)\n`,
    );
  } finally {
    db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
