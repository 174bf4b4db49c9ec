import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import {
  createReaderPool,
  journalPath,
  type IntentInput,
  type Journal,
  type OperationPageQuery,
  type SummarySpec,
} from '../../electron/core/journal/index.js';
import { JournalReader } from '../../electron/core/journal/reader.js';
import { openJournalWithConnection } from '../support/journal-sql.js';
import { seedJournal } from './seed/seed.js';
import { recordFigure } from './report.js';

/**
 * Journal benchmark: history pages (each filter, each sort, text search), counts, monthly
 * summaries and durable write throughput, each next to the same work done by a bare
 * better-sqlite3 statement on the same file. Usage:
 *   npx tsx test/bench/journal.bench.ts [--rows 1000000] [--iterations 40]
 * BENCH_JOURNAL_DIR=DIR reuses (or seeds once) DIR/profiles/default/journal.sqlite.
 */

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, iterations: { type: 'string', default: '40' } },
});
const ROWS = Number(values.rows);
const ITERATIONS = Number(values.iterations);
const PAGE = 50;

const given = process.env.BENCH_JOURNAL_DIR;
const dataDir = given ?? mkdtempSync(join(tmpdir(), 'comptoir-journal-bench-'));
const file = journalPath(dataDir, 'default');
const ownFile = given === undefined;

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function measure(run: (i: number) => unknown, iterations = ITERATIONS): { p50: number; p95: number } {
  run(0);
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const t0 = performance.now();
    run(i + 1);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const table: string[][] = [];
function row(name: string, journal: { p50: number; p95: number }, base: { p50: number; p95: number }, target: string): void {
  table.push([name, fmt(journal.p50), fmt(journal.p95), fmt(base.p50), fmt(base.p95), (journal.p95 / Math.max(base.p95, 0.001)).toFixed(2), target]);
  const limit = /^p95 < ([0-9]+)$/.exec(target)?.[1];
  recordFigure({
    figure: `journal query, ${name}, p95`,
    unit: 'ms',
    measured: journal.p95,
    baseline: { name: 'the same filter as one plain SQL statement, p95', value: base.p95 },
    ...(limit ? { target: { comparison: '<' as const, value: Number(limit) } } : {}),
  });
}

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  process.stdout.write(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

// ---- journal ------------------------------------------------------------------------------

if (!existsSync(file)) {
  process.stdout.write(`seeding ${ROWS} operations into ${file} …\n`);
  const seeded = seedJournal({ file, rows: ROWS });
  process.stdout.write(`seeded ${seeded.operations} operations + ${seeded.events} events in ${seeded.seconds.toFixed(1)} s\n`);
} else {
  process.stdout.write(`using the existing journal ${file}\n`);
}

let t0 = performance.now();
const { journal, db: journalDb }: { journal: Journal; db: Database } = openJournalWithConnection({ file });
const openMs = performance.now() - t0;
t0 = performance.now();
const raw: Database = new BetterSqlite3(file, { readonly: true });
raw.pragma('cache_size = -32000');
const rawOpenMs = performance.now() - t0;
process.stdout.write(`open with PRAGMA quick_check + migrations: ${fmt(openMs)} ms (bare open: ${fmt(rawOpenMs)} ms)\n`);

const stats = raw.prepare('SELECT count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM operations').get() as {
  n: number;
  first: number;
  last: number;
};
const samples = raw
  .prepare(`SELECT order_id, transaction_id, last4, customer_ident, customer_email, customer_name FROM operations
    WHERE id % 997 = 0 AND transaction_id IS NOT NULL LIMIT 200`)
  .all() as Array<{ order_id: string; transaction_id: string; last4: string; customer_ident: string; customer_email: string; customer_name: string }>;
const sample = (i: number) => samples[i % samples.length] as (typeof samples)[number];
const MONTH = 30 * 86_400_000;
const monthStart = (i: number) => stats.first + ((i * 7 * 86_400_000) % (stats.last - stats.first - MONTH));
const now = Date.now();
// Totals and summaries are the reader's (reports will run them off the core thread, in a ReaderPool).
const reports = new JournalReader(raw, () => now);
const lastNames = ['Dupont', 'Martin', 'Nguyen', 'Haddad', 'Smith', 'Fontaine', 'Rossi', 'Garcia'];

const COLS = '*';
const stmt = (sql: string) => raw.prepare(sql);

interface Case {
  name: string;
  query: (i: number) => OperationPageQuery;
  baseSql: string;
  baseParams: (i: number) => unknown[];
}

const cases: Case[] = [
  { name: 'latest (no filter)', query: () => ({}), baseSql: `SELECT ${COLS} FROM operations ORDER BY created_at DESC, id DESC LIMIT 51`, baseParams: () => [] },
  {
    name: 'date range (a month)',
    query: (i) => ({ filter: { from: monthStart(i), to: monthStart(i) + MONTH } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [monthStart(i), monthStart(i) + MONTH],
  },
  {
    name: 'status approved',
    query: () => ({ filter: { statuses: ['approved'] } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE status = 'approved' ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: () => [],
  },
  {
    name: 'status unknown (rare)',
    query: () => ({ filter: { statuses: ['unknown'] } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE status = 'unknown' ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: () => [],
  },
  {
    name: 'status expired (clock)',
    query: () => ({ filter: { statuses: ['expired'] } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE (status = 'expired' OR (status = 'authorized' AND expires_at <= ?)) ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: () => [now],
  },
  {
    name: 'type refund',
    query: () => ({ filter: { types: ['refund'] } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE type = 'refund' ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: () => [],
  },
  {
    name: 'account (London)',
    query: () => ({ filter: { accountIds: [2] } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE account_id = 2 ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: () => [],
  },
  {
    name: 'operator',
    query: () => ({ filter: { operators: ['chloe'] } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE operator = 'chloe' ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: () => [],
  },
  {
    name: 'amount range (narrow)',
    query: (i) => ({ filter: { amountMin: 10_000 + i * 100, amountMax: 10_050 + i * 100 } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE amount >= ? AND amount <= ? ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [10_000 + i * 100, 10_050 + i * 100],
  },
  {
    name: 'amount range (wide)',
    query: () => ({ filter: { amountMin: 5_000, amountMax: 50_000 } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE amount >= ? AND amount <= ? ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: () => [5_000, 50_000],
  },
  {
    name: 'brand amex',
    query: () => ({ filter: { brands: ['amex'] } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE brand = 'amex' ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: () => [],
  },
  {
    name: 'last four',
    query: (i) => ({ filter: { last4: sample(i).last4 } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE last4 = ? ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [sample(i).last4],
  },
  {
    name: 'ORDERID',
    query: (i) => ({ filter: { orderId: sample(i).order_id } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE order_id = ? ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [sample(i).order_id],
  },
  {
    name: 'TRANSACTIONID',
    query: (i) => ({ filter: { transactionId: sample(i).transaction_id } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE transaction_id = ? ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [sample(i).transaction_id],
  },
  {
    name: 'customer ident',
    query: (i) => ({ filter: { customerIdent: sample(i).customer_ident } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE customer_ident = ? COLLATE NOCASE ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [sample(i).customer_ident],
  },
  {
    name: 'customer email',
    query: (i) => ({ filter: { customerEmail: sample(i).customer_email } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE customer_email = ? COLLATE NOCASE ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [sample(i).customer_email],
  },
  {
    name: 'customer name (FTS column)',
    query: (i) => ({ filter: { customerName: sample(i).customer_name } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE id IN (SELECT rowid FROM operations_fts WHERE operations_fts MATCH ?) ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [`customer_name : (${sample(i).customer_name.split(' ').map((w) => `"${w}"*`).join(' ')})`],
  },
  {
    name: 'text: a last name',
    query: (i) => ({ filter: { text: lastNames[i % lastNames.length] as string } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE id IN (SELECT rowid FROM operations_fts WHERE operations_fts MATCH ?) ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [`"${lastNames[i % lastNames.length]}"*`],
  },
  {
    name: 'text: ORDERID digits',
    query: (i) => ({ filter: { text: sample(i).order_id.slice(4) } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE id IN (SELECT rowid FROM operations_fts WHERE operations_fts MATCH ?) ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [`"${sample(i).order_id.slice(4)}"*`],
  },
  {
    name: 'text: full name + month',
    query: (i) => ({ filter: { text: sample(i).customer_name, from: monthStart(i), to: monthStart(i) + 12 * MONTH } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE created_at >= ? AND created_at < ? AND id IN (SELECT rowid FROM operations_fts WHERE operations_fts MATCH ?) ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [monthStart(i), monthStart(i) + 12 * MONTH, sample(i).customer_name.split(' ').map((w) => `"${w}"*`).join(' ')],
  },
  {
    name: 'text: a last name, by amount',
    query: (i) => ({ filter: { text: lastNames[i % lastNames.length] as string }, sort: { by: 'amount', direction: 'desc' } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE id IN (SELECT rowid FROM operations_fts WHERE operations_fts MATCH ?) ORDER BY amount DESC, id DESC LIMIT 51`,
    baseParams: (i) => [`"${lastNames[i % lastNames.length]}"*`],
  },
  {
    name: 'sort amount desc',
    query: () => ({ sort: { by: 'amount', direction: 'desc' } }),
    baseSql: `SELECT ${COLS} FROM operations ORDER BY amount DESC, id DESC LIMIT 51`,
    baseParams: () => [],
  },
  {
    name: 'sort amount asc',
    query: () => ({ sort: { by: 'amount', direction: 'asc' } }),
    baseSql: `SELECT ${COLS} FROM operations ORDER BY amount ASC, id ASC LIMIT 51`,
    baseParams: () => [],
  },
  {
    name: 'sort date asc',
    query: () => ({ sort: { by: 'date', direction: 'asc' } }),
    baseSql: `SELECT ${COLS} FROM operations ORDER BY created_at ASC, id ASC LIMIT 51`,
    baseParams: () => [],
  },
  {
    name: 'status + account + month',
    query: (i) => ({ filter: { statuses: ['approved', 'refunded'], accountIds: [1], from: monthStart(i), to: monthStart(i) + MONTH } }),
    baseSql: `SELECT ${COLS} FROM operations WHERE created_at >= ? AND created_at < ? AND status IN ('approved', 'refunded') AND account_id = 1 ORDER BY created_at DESC, id DESC LIMIT 51`,
    baseParams: (i) => [monthStart(i), monthStart(i) + MONTH],
  },
];

process.stdout.write(`journal: ${stats.n} operations from ${new Date(stats.first).toISOString().slice(0, 10)} to ${new Date(stats.last).toISOString().slice(0, 10)}; ${ITERATIONS} runs per figure\n`);

for (const c of cases) {
  const base = stmt(c.baseSql);
  row(`page of ${PAGE}: ${c.name}`, measure((i) => journal.query({ ...c.query(i), limit: PAGE })), measure((i) => base.all(...c.baseParams(i))), 'p95 < 25');
}

// Deep keyset pagination: page 20 of "latest", reached by following cursors.
{
  let cursor: string | null = null;
  for (let p = 0; p < 20; p += 1) cursor = journal.query({ limit: PAGE, cursor }).nextCursor;
  const last = raw.prepare('SELECT created_at, id FROM operations ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET 999').get() as { created_at: number; id: number };
  const base = stmt(`SELECT ${COLS} FROM operations WHERE (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT 51`);
  row('page 21 by cursor (keyset)', measure(() => journal.query({ limit: PAGE, cursor })), measure(() => base.all(last.created_at, last.id)), 'p95 < 25');
}

// Counts and totals of a filter (not paged: they read every matching row).
{
  const filter = (i: number) => ({ from: monthStart(i), to: monthStart(i) + MONTH });
  const base = stmt('SELECT currency, count(*), sum(amount) FROM operations WHERE created_at >= ? AND created_at < ? GROUP BY currency');
  row('totals per currency: a month', measure((i) => reports.totals(filter(i))), measure((i) => base.all(monthStart(i), monthStart(i) + MONTH)), '—');
  const baseAll = stmt(`SELECT currency, count(*), sum(amount) FROM operations WHERE status = 'approved' GROUP BY currency`);
  row('totals per currency: status approved, all year', measure(() => reports.totals({ statuses: ['approved'] }), 5), measure(() => baseAll.all(), 5), '—');
}

// Summaries of a month, and of the whole year by day.
{
  const dims: Array<[SummarySpec['groupBy'], string]> = [
    ['day', 'created_at / 86400000'],
    ['status', `CASE WHEN status = 'authorized' AND expires_at <= ${now} THEN 'expired' ELSE status END`],
    ['brand', 'brand'],
    ['operator', 'operator'],
    ['currency', 'currency'],
  ];
  for (const [groupBy, expression] of dims) {
    const base = stmt(`SELECT ${expression} AS key, currency, count(*), sum(amount) FROM operations INDEXED BY operations_report
      WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2`);
    row(
      `summary of a month by ${groupBy}`,
      measure((i) => reports.summary({ from: monthStart(i), to: monthStart(i) + MONTH, groupBy })),
      measure((i) => base.all(monthStart(i), monthStart(i) + MONTH)),
      'p95 < 100',
    );
  }
  const base = stmt(`SELECT created_at / 900000 AS key, currency, count(*), sum(amount) FROM operations INDEXED BY operations_report
    WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2`);
  row(
    'summary of a month by day, Europe/Paris',
    measure((i) => reports.summary({ from: monthStart(i), to: monthStart(i) + MONTH, groupBy: 'day', timeZone: 'Europe/Paris' })),
    measure((i) => base.all(monthStart(i), monthStart(i) + MONTH)),
    'p95 < 100',
  );
  const baseYear = stmt(`SELECT created_at / 86400000 AS key, currency, count(*), sum(amount) FROM operations INDEXED BY operations_report
    WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2`);
  row(
    'summary of the year by day',
    measure(() => reports.summary({ from: stats.first, to: stats.last + 1, groupBy: 'day' }), 5),
    measure(() => baseYear.all(stats.first, stats.last + 1), 5),
    '—',
  );
}

// The same page through the reader pool (worker round trip) against the owner thread.
{
  const pool = createReaderPool({ file, size: 2 });
  await pool.page({ limit: PAGE });
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const start = performance.now();
    await pool.page({ limit: PAGE, filter: { statuses: ['approved'] } });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  row(
    'page via reader pool (worker) vs owner thread',
    { p50: percentile(times, 50), p95: percentile(times, 95) },
    measure(() => journal.query({ limit: PAGE, filter: { statuses: ['approved'] } })),
    'p95 < 25',
  );
  await pool.close();
}

printTable(
  `Queries on ${stats.n.toLocaleString('en')} operations (ms; baseline = the same filter as one plain SQL statement on a bare better-sqlite3 connection, SQLite's planner choosing the plan)`,
  ['case', 'p50', 'p95', 'base p50', 'base p95', 'p95 ratio', 'target'],
  table,
);

// ---- durable writes -----------------------------------------------------------------------

raw.close();
const writeDir = ownFile ? dataDir : mkdtempSync(join(tmpdir(), 'comptoir-journal-bench-w-'));
const writeFile = ownFile ? file : journalPath(writeDir, 'default');
const { journal: writer, db: writerDb } = ownFile ? { journal, db: journalDb } : openJournalWithConnection({ file: writeFile });
if (!ownFile) journal.close();
const account = writer.listAccounts()[0] ?? writer.createAccount({ name: 'Bench', identifier: 'BENCH', environment: 'test', currency: 'EUR' });
const WRITES = 3000;
const run = `${Date.now()}`;
const intent = (n: number): IntentInput => ({
  accountId: account.id,
  type: 'payment',
  amount: 1000 + (n % 5000),
  idempotencyKey: `bench-${run}-${n}`,
  card: { brand: 'visa', bin6: '497010', last4: String(n % 10_000).padStart(4, '0'), expiry: '12-29', holderName: 'BENCH HOLDER' },
  customer: { ident: `C${n % 1000}`, email: `c${n % 1000}@example.com`, name: 'Bench Customer' },
  description: `Bench order ${n}`,
  operator: 'bench',
});

const bare = new BetterSqlite3(writeFile);
bare.pragma('journal_mode = WAL');
bare.pragma('synchronous = FULL');
bare.pragma('busy_timeout = 5000');
const bareOp = bare.prepare(`INSERT INTO operations (account_id, type, amount, currency, order_id, brand, bin6, last4, expiry,
  holder_name, customer_ident, customer_email, customer_name, description, operator, idempotency_key, intent_hash, status,
  created_at, updated_at) VALUES (?, 'payment', ?, 'EUR', ?, 'visa', '497010', ?, '12-29', 'BENCH HOLDER', ?, ?, 'Bench Customer', ?,
  'bench', ?, 'h', 'sending', ?, ?)`);
const bareEvent = bare.prepare(`INSERT INTO events (operation_id, kind, payload, at) VALUES (?, 'intent_recorded', ?, ?)`);
const bareAnswerUpdate = bare.prepare(`UPDATE operations SET status = 'approved', transaction_id = ?, exec_code = '0000', updated_at = ?
  WHERE idempotency_key = ?`);
const bareResponse = bare.prepare(`INSERT INTO events (operation_id, kind, payload, at)
  SELECT id, 'response', '{"outcome":"approved","execCode":"0000"}', ? FROM operations WHERE idempotency_key = ?`);
function bareAnswer(n: number): void {
  const at = Date.now();
  bareResponse.run(at, `bare-${run}-${n}`);
  bareAnswerUpdate.run(`BB${run}-${n}`, at, `bare-${run}-${n}`);
}
const bareIntent = (n: number) => {
  const at = Date.now();
  const id = bareOp.run(account.id, 1000 + (n % 5000), `B${run.slice(-6)}-${n}`, String(n % 10_000).padStart(4, '0'), `C${n % 1000}`, `c${n % 1000}@example.com`, `Bench order ${n}`, `bare-${run}-${n}`, at, at).lastInsertRowid;
  bareEvent.run(id, '{"type":"payment","amount":1000}', at);
};

let offset = 0;
const take = (count: number) => {
  const from = offset;
  offset += count;
  return from;
};

/**
 * Operations per second of `journalWork` and `bareWork`, measured in alternating slices so
 * that neither side gets the cold caches or the checkpoints alone. Each call writes `count`
 * operations; both sides are warmed up first.
 */
function compare(count: number, journalWork: (from: number, count: number) => void, bareWork: (from: number, count: number) => void): [number, number] {
  journalWork(take(count), count);
  bareWork(take(count), count);
  let journalMs = 0;
  let bareMs = 0;
  for (let slice = 0; slice < 4; slice += 1) {
    let t = performance.now();
    journalWork(take(count), count);
    journalMs += performance.now() - t;
    t = performance.now();
    bareWork(take(count), count);
    bareMs += performance.now() - t;
  }
  return [(4 * count) / (journalMs / 1000), (4 * count) / (bareMs / 1000)];
}

const writes: string[][] = [];
const ratio = ([a, b]: [number, number]) => [a.toFixed(0), b.toFixed(0), (a / b).toFixed(2)];

const single = compare(
  WRITES / 4,
  (from, count) => {
    for (let n = from; n < from + count; n += 1) writer.recordIntent(intent(n));
  },
  (from, count) => {
    for (let n = from; n < from + count; n += 1) bare.transaction(() => bareIntent(n))();
  },
);
writes.push(['recordIntent, one transaction each (honest baseline)', ...ratio(single)]);
recordFigure({
  figure: 'durable intents, one per transaction (synchronous=FULL)',
  unit: 'ops/s',
  measured: single[0],
  baseline: { name: 'bare INSERT, one per transaction', value: single[1] },
  target: { comparison: '>=', value: 2_000 },
});

const lifecycle = compare(
  WRITES / 8,
  (from, count) => {
    for (let n = from; n < from + count; n += 1) {
      const made = writer.recordIntent(intent(n));
      if (made.kind === 'created') {
        writer.recordResponse(made.operation.id, { outcome: 'answered', response: { EXECCODE: '0000', MESSAGE: 'ok', TRANSACTIONID: `B${run}-${n}` } });
      }
    }
  },
  (from, count) => {
    for (let n = from; n < from + count; n += 1) {
      bare.transaction(() => bareIntent(n))();
      bare.transaction(() => bareAnswer(n))();
    }
  },
);
writes.push(['recordIntent + recordResponse (2 commits) per payment', ...ratio(lifecycle)]);

for (const batch of [16, 64]) {
  const grouped = compare(
    WRITES,
    (from, count) => {
      for (let n = from; n < from + count; n += batch) {
        // One transaction around the batch: its intents share one commit (group commit).
        writerDb.transaction(() => {
          for (let k = n; k < Math.min(n + batch, from + count); k += 1) writer.recordIntent(intent(k));
        })();
      }
    },
    (from, count) => {
      for (let n = from; n < from + count; n += batch) {
        bare.transaction(() => {
          for (let k = n; k < Math.min(n + batch, from + count); k += 1) bareIntent(k);
        })();
      }
    },
  );
  writes.push([`recordIntent, ${batch} in one transaction (group commit)`, ...ratio(grouped)]);

}

printTable(
  `Durable writes, synchronous=FULL, WAL, on ${ownFile ? 'the seeded journal' : 'a fresh journal'} (operations/s; target >= 2000)`,
  ['case', 'journal', 'bare SQL', 'ratio'],
  writes,
);

bare.close();
writer.close();
if (ownFile) rmSync(dataDir, { recursive: true, force: true });
else rmSync(writeDir, { recursive: true, force: true });
