import { parentPort, workerData } from 'node:worker_threads';
import { openJournalDatabase } from './database.js';
import { Journal } from './journal.js';
import { JournalError } from './journal-error.js';
import type { WriterReply, WriterRequest, WireBatchItem } from './notification-writer.js';

/**
 * The notification writer's thread: its own connection to the journal file, writing the
 * batches the listener hands over with `Journal.recordNotifications` (one transaction each,
 * synchronous=FULL). The commit's fsync waits here, not on the thread that reads requests.
 */

const port = parentPort;
if (!port) throw new Error('notification-writer-worker must run in a worker thread');

const { file } = workerData as { file: string };
let clock = Date.now();
let journal: Journal | null = null;

function connect(): Journal {
  // The owner already checked integrity and migrated the file.
  journal ??= new Journal(openJournalDatabase(file, { integrityCheck: 'none', migrate: false }), file, () => clock);
  return journal;
}

function failure(error: unknown): { code: string; detail: string } {
  if (error instanceof JournalError) return { code: error.code, detail: error.detail ?? '' };
  const code = (error as { code?: unknown } | null)?.code;
  const message = String((error as Error | null)?.message ?? error);
  return { code: 'JOURNAL_WRITE_FAILED', detail: typeof code === 'string' ? `${code}: ${message}` : message };
}

try {
  connect();
} catch {
  // Reported with the first batch, which tries again.
}

port.on('message', (message: WriterRequest) => {
  if (message.type === 'close') {
    journal?.close();
    journal = null;
    port.close();
    return;
  }
  clock = message.now;
  let reply: WriterReply;
  try {
    const results = connect()
      .recordNotifications(message.inputs)
      .map((result): WireBatchItem => (result.outcome === 'failed' ? { outcome: 'failed', ...failure(result.error) } : result));
    reply = { id: message.id, ok: true, results };
  } catch (error) {
    reply = { id: message.id, ok: false, ...failure(error) };
  }
  port.postMessage(reply);
});
