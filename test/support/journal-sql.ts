import BetterSqlite3, { type Database } from 'better-sqlite3';
import { Journal, openJournalDatabase, type OpenJournalOptions } from '../../electron/core/journal/index.js';

/**
 * Where tests reach the journal's SQL: the journal itself offers none. Either the journal over
 * a connection the test opened and holds too (for what must happen on that very connection:
 * an outer transaction around many writes, a TEMP trigger that makes one write fail, a
 * pragma), or a second connection to the file (to read what is stored, or to tamper with it).
 */
export function openJournalWithConnection(options: OpenJournalOptions): { journal: Journal; db: Database } {
  const db = openJournalDatabase(options.file, { integrityCheck: options.integrityCheck ?? 'quick' });
  return { journal: new Journal(db, options.file, options.now ?? Date.now, options.onUnexpectedFields), db };
}

/** Another connection to a journal file; close it when done. */
export function rawDatabase(file: string, options: { readonly readonly?: boolean } = {}): Database {
  const db = new BetterSqlite3(file, { readonly: options.readonly ?? false, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** A notification held in the journal's inbox, as stored. */
export interface InboxRow {
  readonly id: number;
  readonly dedupeKey: string;
  readonly accountId: number | null;
  readonly orderId: string | null;
  readonly transactionId: string | null;
  readonly execCode: string | null;
  readonly params: Record<string, unknown>;
  readonly applied: boolean;
  readonly operationId: number | null;
  readonly applyError: string | null;
}

/** The inbox's notifications that were not applied to an operation (none matched, or the transition did not fit), oldest first. */
export function keptNotifications(db: Database): InboxRow[] {
  const rows = db
    .prepare(
      `SELECT id, dedupe_key, account_id, order_id, transaction_id, exec_code, params, applied, operation_id, apply_error
      FROM notifications WHERE applied = 0 ORDER BY received_at, id`,
    )
    .all() as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    id: row.id as number,
    dedupeKey: row.dedupe_key as string,
    accountId: row.account_id as number | null,
    orderId: row.order_id as string | null,
    transactionId: row.transaction_id as string | null,
    execCode: row.exec_code as string | null,
    params: JSON.parse(row.params as string) as Record<string, unknown>,
    applied: row.applied === 1,
    operationId: row.operation_id as number | null,
    applyError: row.apply_error as string | null,
  }));
}

/** The id of the operation an idempotency key or a TRANSACTIONID stands for, read from the table. */
export function operationIdBy(db: Database, column: 'idempotency_key' | 'transaction_id', value: string): number | undefined {
  const row = db.prepare(`SELECT id FROM operations WHERE ${column} = ? ORDER BY id LIMIT 1`).get(value) as { id: number } | undefined;
  return row?.id;
}
