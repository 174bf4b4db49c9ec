import { assertNoCardData } from './card-data-guard.js';
import type { PlanRow } from './instalment-plan.js';
import { JournalError } from './journal-error.js';
import { OPERATION_COLUMNS, type OperationRow } from './rows.js';
import type { SqlEngine, SqlStatement } from './sql-engine.js';
import type { EventFact } from './state-machine.js';
import type { EventKind, JsonObject } from './types.js';
import { storedForms } from './idempotency-key.js';

/** What an answer or a re-derivation may change on an operation row. */
const UPDATABLE_COLUMNS = new Set([
  'transaction_id',
  'alias',
  'exec_code',
  'message',
  'brand',
  'last4',
  'expiry',
  'holder_name',
  'schedule_id',
  'status',
  'expires_at',
  'updated_at',
] as const);
export type UpdatableColumn = typeof UPDATABLE_COLUMNS extends Set<infer C> ? C : never;

/**
 * The operations table and its events as every writer of the journal uses them: find a row,
 * append an event (never one holding card data), read what the state machine folds, change
 * the columns an answer or a re-derivation may change.
 */
export class OperationRows {
  private readonly byIdStatement: SqlStatement;
  private readonly byKeyStatement: SqlStatement;
  private readonly byOrderIdStatement: SqlStatement;
  private readonly byTransactionIdStatement: SqlStatement;
  private readonly insertEvent: SqlStatement;
  private readonly eventFactsStatement: SqlStatement;
  private readonly planRowsStatement: SqlStatement;
  private readonly transactionIdTaken: SqlStatement;
  /** `UPDATE operations SET <changed columns>` statements, one per set of columns. */
  private readonly rowUpdates = new Map<string, SqlStatement>();

  constructor(private readonly sql: SqlEngine) {
    const ops = `SELECT ${OPERATION_COLUMNS} FROM operations`;
    this.byIdStatement = sql.prepare(`${ops} WHERE id = ?`);
    this.byKeyStatement = sql.prepare(`${ops} WHERE idempotency_key IN (?, ?)`);
    this.byOrderIdStatement = sql.prepare(`${ops} WHERE account_id = ? AND order_id = ?`);
    this.byTransactionIdStatement = sql.prepare(`${ops} WHERE account_id = ? AND transaction_id = ?`);
    this.insertEvent = sql.prepare('INSERT INTO events (operation_id, kind, payload, at) VALUES (?, ?, ?, ?)');
    this.eventFactsStatement = sql.prepare(`SELECT kind, json_extract(payload, '$.outcome') AS outcome, at FROM events WHERE operation_id = ? ORDER BY id`);
    this.planRowsStatement = sql.prepare('SELECT seq, due_date, amount FROM instalments WHERE operation_id = ? ORDER BY seq');
    this.transactionIdTaken = sql.prepare('SELECT id FROM operations WHERE account_id = ? AND transaction_id = ? AND id <> ?');
  }

  byId(id: number): OperationRow | undefined {
    return this.byIdStatement.get(id) as OperationRow | undefined;
  }

  require(id: number): OperationRow {
    const row = this.byId(id);
    if (!row) throw new JournalError('JOURNAL_OPERATION_NOT_FOUND', `operation ${id}`);
    return row;
  }

  /** The operation recorded under this key (kept as its digest, or as sent by older versions). */
  byKey(idempotencyKey: string): OperationRow | undefined {
    return this.byKeyStatement.get(...storedForms(idempotencyKey)) as OperationRow | undefined;
  }

  byOrderId(accountId: number, orderId: string): OperationRow | undefined {
    return this.byOrderIdStatement.get(accountId, orderId) as OperationRow | undefined;
  }

  byTransactionId(accountId: number, transactionId: string): OperationRow | undefined {
    return this.byTransactionIdStatement.get(accountId, transactionId) as OperationRow | undefined;
  }

  /** Whether another operation of the account already holds this TRANSACTIONID. */
  transactionIdHeldByAnother(row: OperationRow, transactionId: string): boolean {
    return this.transactionIdTaken.get(row.account_id, transactionId, row.id) !== undefined;
  }

  /** Appends one event, refusing one whose payload holds card data; returns its id. */
  appendEvent(operationId: number, kind: EventKind, payload: JsonObject, at: number): number {
    const json = JSON.stringify(payload);
    assertNoCardData(kind, json);
    return Number(this.insertEvent.run(operationId, kind, json, at).lastInsertRowid);
  }

  /** What the state machine folds of the operation's events, oldest first. */
  eventFacts(operationId: number): EventFact[] {
    return this.eventFactsStatement.all(operationId) as EventFact[];
  }

  /** The plan of a payment in instalments (empty for any other operation). */
  planRows(operationId: number): PlanRow[] {
    return this.planRowsStatement.all(operationId) as PlanRow[];
  }

  /** Writes the columns of `next` that differ from `row`, in one statement (cached per column set). */
  update(row: OperationRow, next: Partial<Pick<OperationRow, UpdatableColumn>>): void {
    const changed = (Object.keys(next) as UpdatableColumn[]).filter((column) => next[column] !== row[column]).sort();
    if (changed.length === 0) return;
    const key = changed.join(',');
    let statement = this.rowUpdates.get(key);
    if (!statement) {
      // Column names come from UPDATABLE_COLUMNS, never from input.
      if (!changed.every((column) => UPDATABLE_COLUMNS.has(column))) throw new JournalError('JOURNAL_INVALID_INPUT', key);
      statement = this.sql.prepare(`UPDATE operations SET ${changed.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      this.rowUpdates.set(key, statement);
    }
    const values: Record<string, unknown> = { id: row.id };
    for (const column of changed) values[column] = next[column];
    statement.run(values);
  }
}
