import { parentPort, workerData } from 'node:worker_threads';
import { openJournalDatabase } from '../journal/database.js';
import { importReconciliationFile } from './import-file.js';
import { ReconciliationStore, type ImportResult } from './reconciliation-store.js';

/**
 * One reconciliation import, off core's thread: reading, unpacking, parsing and matching a
 * file of a hundred thousand lines takes seconds, which the screen must never freeze for. Its
 * own connection writes the import in one transaction.
 */
export interface ImportWorkerData {
  readonly journalFile: string;
  readonly file: string;
  readonly accountIds: readonly number[] | null;
  readonly operator: string | null;
  readonly now: number;
}

export type ImportWorkerMessage =
  { readonly ok: true; readonly result: ImportResult } | { readonly ok: false; readonly code: string; readonly message: string };

const port = parentPort;
if (!port) throw new Error('import-worker must run in a worker thread');
const data = workerData as ImportWorkerData;

async function run(): Promise<ImportResult> {
  const db = openJournalDatabase(data.journalFile, { integrityCheck: 'none', migrate: false });
  try {
    return await importReconciliationFile(new ReconciliationStore(db, () => data.now), data.file, { accountIds: data.accountIds, operator: data.operator });
  } finally {
    db.close();
  }
}

run().then(
  (result) => port.postMessage({ ok: true, result } satisfies ImportWorkerMessage),
  (error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    port.postMessage({
      ok: false,
      code: typeof code === 'string' && code.startsWith('RECONCILE_') ? code : 'INTERNAL_ERROR',
      message: String((error as Error | null)?.message ?? error),
    } satisfies ImportWorkerMessage);
  },
);
