import type { Database, Transaction } from 'better-sqlite3';
import { JournalError } from './journal-error.js';

/** A prepared statement, as the journal's modules use one. */
export interface SqlStatement {
  run(...params: unknown[]): { readonly changes: number; readonly lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/**
 * What the journal's modules need of a connection, and no more: statements, a write
 * transaction, reads that see one state. Only this file and the ones that open connections
 * know the engine is better-sqlite3, so another synchronous engine can stand behind the same
 * modules.
 */
export interface SqlEngine {
  prepare(sql: string): SqlStatement;
  /**
   * A write transaction: BEGIN IMMEDIATE … COMMIT at the top (the write lock first, so a
   * read-then-write never has to be retried), a savepoint inside another transaction.
   * SQLite's own failures come out as journal errors; nothing of `fn` was recorded then.
   */
  write<T>(fn: () => T): T;
  /**
   * Several reads on one state: in the caller's transaction, else in a read transaction of
   * their own (another connection, the notification writer's, commits meanwhile).
   */
  read<T>(fn: () => T): T;
  readonly inTransaction: boolean;
}

/** The engine over one better-sqlite3 connection, which `close` ends. */
export interface SqliteEngine extends SqlEngine {
  readonly closed: boolean;
  close(): void;
}

export function sqliteEngine(db: Database): SqliteEngine {
  // Made once: `db.transaction()` builds new wrappers on each call, a measurable share of a
  // notification's cost.
  const transaction: Transaction<(fn: () => unknown) => unknown> = db.transaction((fn: () => unknown) => fn());
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new JournalError('JOURNAL_CLOSED');
  };
  return {
    prepare: (sql) => db.prepare(sql),
    write<T>(fn: () => T): T {
      ensureOpen();
      if (db.inTransaction) return transaction(fn) as T;
      try {
        return transaction.immediate(fn) as T;
      } catch (error) {
        throw asJournalError(error);
      }
    },
    read<T>(fn: () => T): T {
      ensureOpen();
      return db.inTransaction ? fn() : (transaction.deferred(fn) as T);
    },
    get inTransaction() {
      return db.inTransaction;
    },
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      db.pragma('optimize');
      db.close();
    },
  };
}

/**
 * SQLite's own failures (disk full, file locked by another process, I/O error, damage found
 * while writing) get a journal code; the transaction was rolled back, so nothing was recorded.
 */
function asJournalError(error: unknown): unknown {
  if (error instanceof JournalError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const message = (error as Error).message;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new JournalError('JOURNAL_CORRUPT', message, { cause: error });
  return new JournalError('JOURNAL_WRITE_FAILED', `${code}: ${message}`, { cause: error });
}
