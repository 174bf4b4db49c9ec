import { parentPort, workerData } from 'node:worker_threads';
import { openJournalDatabase } from '../journal/database.js';
import { whereClause, whereSql } from '../journal/query-sql.js';
import { EXPORT_SELECT, exportCells, exportHeaders, type ExportRow } from './export-rows.js';
import type { ExportSpec } from './export-spec.js';
import { TotalsCollector, type ExportTotal } from './export-totals.js';
import { createExportWriter } from './export-writers.js';

/**
 * An export, off core's thread: its own read-only connection to the journal, rows read one at
 * a time (better-sqlite3's iterator) and streamed to the writer, progress every few thousand
 * rows. It writes to the temporary file it is given; the runner renames it once this says done.
 */

export interface ExportWorkerData {
  readonly journalFile: string;
  readonly file: string;
  readonly spec: ExportSpec;
  /** Core's clock: an authorization past its 7 days reads `expired`, as on screen. */
  readonly now: number;
}

export type ExportWorkerMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly rows: number; readonly totals: readonly ExportTotal[] }
  | { readonly kind: 'failed'; readonly code: string; readonly detail: string };

const PROGRESS_EVERY = 5000;

const port = parentPort;
if (!port) throw new Error('export-worker must run in a worker thread');
const data = workerData as ExportWorkerData;

async function run(): Promise<ExportWorkerMessage> {
  const db = openJournalDatabase(data.journalFile, { readonly: true, integrityCheck: 'none', migrate: false });
  try {
    const clause = whereClause(data.spec.filter, data.now, { alias: 'o' });
    const where = whereSql(clause);
    const total = (db.prepare(`SELECT count(*) AS n FROM operations o ${where}`).get(...clause.params) as { n: number }).n;
    port?.postMessage({ kind: 'progress', done: 0, total } satisfies ExportWorkerMessage);
    const writer = createExportWriter(data.file, data.spec, exportHeaders(data.spec.timeZone));
    const totals = new TotalsCollector();
    let done = 0;
    // One read transaction: the file is one consistent picture even while core keeps writing.
    const rows = db.prepare(`${EXPORT_SELECT} ${where} ORDER BY o.created_at, o.id`).iterate(...clause.params) as IterableIterator<ExportRow>;
    for (const row of rows) {
      const cells = exportCells(row, data.spec.timeZone, data.now);
      totals.add(row.currency, row.type, cells[3] as string, row.amount);
      await writer.row(cells);
      done += 1;
      if (done % PROGRESS_EVERY === 0) port?.postMessage({ kind: 'progress', done, total } satisfies ExportWorkerMessage);
    }
    await writer.finish(totals.totals());
    return { kind: 'done', rows: done, totals: totals.totals() };
  } finally {
    db.close();
  }
}

run().then(
  (message) => port.postMessage(message),
  (error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    // The detail is for the log (a disk full, a folder gone); the operator sees the catalog's words.
    const detail = `${typeof code === 'string' ? `${code}: ` : ''}${String((error as Error | null)?.message ?? error)}`;
    port.postMessage({ kind: 'failed', code: code === 'JOURNAL_INVALID_QUERY' ? code : 'REPORT_EXPORT_FAILED', detail } satisfies ExportWorkerMessage);
  },
);
