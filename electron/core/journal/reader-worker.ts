import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { integrityProblems, openJournalDatabase } from './database.js';
import { toWireError } from './journal-error.js';
import type { ReadRequest } from './query-types.js';
import { JournalReader } from './reader.js';
import { sqliteEngine } from './sql-engine.js';

/**
 * A reader worker: one read-only connection answering `ReadRequest`s one at a time, so a
 * long query blocks this thread, never the owner's event loop. Messages: in
 * `{ id, request, now }`, out `{ id, ok: true, value }` or `{ id, ok: false, code, detail }`.
 */

export interface WorkerQuery {
  readonly id: number;
  readonly request: ReadRequest;
  /** The owner's clock, so workers agree with it (tests use a fake one). */
  readonly now: number;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly code: string; readonly detail: string }
  /** Sent once, when the worker has loaded and listens. */
  | { readonly ready: true };

const port = parentPort;
if (!port) throw new Error('reader-worker must run in a worker thread');

const { file } = workerData as { file: string };
let clock = Date.now();
let db: Database | null = null;
let reader: JournalReader | null = null;

function connect(): JournalReader {
  if (!reader) {
    // The owner already checked integrity and migrated; a reader only reads.
    db = openJournalDatabase(file, { readonly: true, integrityCheck: 'none', migrate: false });
    const connection = db;
    reader = new JournalReader(
      sqliteEngine(connection),
      () => clock,
      () => integrityProblems(connection, 'quick'),
    );
  }
  return reader;
}

port.on('message', (message: WorkerQuery) => {
  clock = message.now;
  let reply: WorkerReply;
  try {
    reply = { id: message.id, ok: true, value: connect().execute(message.request) };
  } catch (error) {
    reply = { id: message.id, ok: false, ...toWireError(error, 'JOURNAL_QUERY_FAILED') };
  }
  port.postMessage(reply);
});

port.on('close', () => db?.close());
port.postMessage({ ready: true } satisfies WorkerReply);
