import { parentPort, workerData } from 'node:worker_threads';
import { openJournalDatabase } from './database.js';
import { Journal } from './journal.js';
import { toWireError } from './journal-error.js';
import type { WriterReply, WriterRequest, WireBatchItem } from './notification-writer.js';

/**
 * The notification writer's thread: its own connection to the journal file, writing the
 * batches the listener hands over with `Journal.recordNotifications` (one transaction each,
 * synchronous=FULL). The commit's fsync waits here, not on the thread that reads requests.
 */

const port = parentPort;
if (!port) throw new Error('notification-writer-worker must run in a worker thread');

const { file, now } = workerData as { file: string; now: number };
// The owner's clock (tests and the sandbox may use their own): also for the expiry sweep the
// Journal constructor runs.
let clock = now;
let journal: Journal | null = null;

function connect(): Journal {
  if (!journal) {
    // The owner already checked integrity and migrated the file.
    const db = openJournalDatabase(file, { integrityCheck: 'none', migrate: false });
    try {
      journal = new Journal(db, file, () => clock);
    } catch (error) {
      db.close();
      throw error;
    }
  }
  return journal;
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
      .map((result): WireBatchItem => (result.outcome === 'failed' ? { outcome: 'failed', ...toWireError(result.error, 'JOURNAL_WRITE_FAILED') } : result));
    reply = { id: message.id, ok: true, results };
  } catch (error) {
    reply = { id: message.id, ok: false, ...toWireError(error, 'JOURNAL_WRITE_FAILED') };
  }
  port.postMessage(reply);
});
