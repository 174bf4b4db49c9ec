import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { SUCCEEDED_STATUSES, type OperationStatus } from '../../../shared/domain/operation-status.js';
import { CoreError } from '../errors.js';
import { nextDay } from '../../../shared/domain/local-time.js';
import type { Layout } from './export-lines.js';
import { reconcileLines, type ExceptionKind, type FoundException, type JournalLookup, type JournalRow, type ReconciliationSummary } from './reconcile-lines.js';
import type { DalenysLine } from './export-lines.js';

/**
 * Reconciliation imports, their exceptions and what operators did about them, in the journal
 * file (migration 7), through a connection of its own. An import is recorded once per file
 * content: the same CSV again (even compressed otherwise) answers the first import and
 * changes nothing.
 */

type ExceptionState = 'open' | 'acknowledged' | 'resolved' | 'accepted';
export type ExceptionAction = Exclude<ExceptionState, 'open'>;

export interface StoredException extends FoundException {
  readonly id: number;
  readonly importId: number;
  readonly state: ExceptionState;
  /** The latest action's note and operator (null while open). */
  readonly note: string | null;
  readonly by: string | null;
  readonly at: number | null;
}

export interface ImportResult {
  readonly importId: number;
  readonly alreadyImported: boolean;
  readonly importedAt: number;
  readonly layout: Layout;
  readonly summary: ReconciliationSummary;
  readonly exceptions: readonly StoredException[];
}

interface JournalRowSql {
  id: number;
  type: string;
  amount: number;
  currency: string;
  status: string;
  expires_at: number | null;
  transaction_id: string | null;
  order_id: string;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const ROW_COLUMNS = 'id, type, amount, currency, status, expires_at, transaction_id, order_id';

export class ReconciliationStore {
  private readonly exceptionsOf: Statement;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.exceptionsOf = db.prepare(`SELECT e.*, a.action, a.note, a.operator, a.at FROM reconciliation_exceptions e
      LEFT JOIN reconciliation_actions a ON a.id = (SELECT max(id) FROM reconciliation_actions WHERE exception_id = e.id)
      WHERE e.import_id = ? ORDER BY e.id`);
  }

  private lookup(accountIds: readonly number[] | null): JournalLookup {
    const accounts = accountIds === null ? '' : ` AND account_id IN (${accountIds.map(() => '?').join(', ') || 'NULL'})`;
    const ids = accountIds ?? [];
    const now = this.now();
    const toRow = (row: JournalRowSql | undefined): JournalRow | undefined =>
      row && {
        id: row.id,
        type: row.type,
        amount: row.amount,
        currency: row.currency,
        // An authorization past its 7 days is expired, as every read says.
        status: (row.status === 'authorized' && row.expires_at !== null && now >= row.expires_at ? 'expired' : row.status) as OperationStatus,
        transactionId: row.transaction_id,
        orderId: row.order_id,
      };
    const byTransaction = this.db.prepare(`SELECT ${ROW_COLUMNS} FROM operations WHERE transaction_id = ?${accounts} ORDER BY id LIMIT 1`);
    const byOrder = this.db.prepare(`SELECT ${ROW_COLUMNS} FROM operations WHERE order_id = ?${accounts} ORDER BY id LIMIT 1`);
    const succeeded = SUCCEEDED_STATUSES.map(() => '?').join(', ');
    const period = this.db.prepare(
      `SELECT ${ROW_COLUMNS} FROM operations WHERE created_at >= ? AND created_at < ? AND transaction_id IS NOT NULL
       AND type != 'stopntimes' AND status IN (${succeeded})${accounts} ORDER BY id`,
    );
    return {
      byTransactionId: (transactionId) => toRow(byTransaction.get(transactionId, ...ids) as JournalRowSql | undefined),
      byOrderId: (orderId) => toRow(byOrder.get(orderId, ...ids) as JournalRowSql | undefined),
      // The file's days are UTC days (its TIMEZONE defaults to UTC).
      *inPeriod(firstDay, lastDay) {
        const from = Date.parse(`${firstDay}T00:00:00Z`);
        const to = Date.parse(`${nextDay(lastDay)}T00:00:00Z`);
        for (const row of period.iterate(from, to, ...SUCCEEDED_STATUSES, ...ids) as IterableIterator<JournalRowSql>) yield toRow(row) as JournalRow;
      },
    };
  }

  /** The import of this content, if one was recorded. */
  findImport(hash: string): ImportResult | undefined {
    const row = this.db.prepare('SELECT id, layout, summary, imported_at FROM reconciliation_imports WHERE file_hash = ?').get(hash) as
      { id: number; layout: Layout; summary: string; imported_at: number } | undefined;
    if (!row) return undefined;
    return {
      importId: row.id,
      alreadyImported: true,
      importedAt: row.imported_at,
      layout: row.layout,
      summary: JSON.parse(row.summary) as ReconciliationSummary,
      exceptions: this.exceptions(row.id),
    };
  }

  /**
   * Matches and records, in one transaction. `accountIds` null: every account. The matching
   * reads and the writes share the transaction, so the import is one consistent picture.
   */
  import(input: {
    readonly hash: string;
    readonly fileName: string;
    readonly layout: Layout;
    readonly lines: readonly DalenysLine[];
    readonly accountIds: readonly number[] | null;
    readonly operator: string | null;
  }): ImportResult {
    return this.db
      .transaction((): ImportResult => {
        const earlier = this.findImport(input.hash);
        if (earlier) return earlier;
        const { summary, exceptions } = reconcileLines(input.lines, this.lookup(input.accountIds));
        const at = this.now();
        const importId = Number(
          this.db
            .prepare('INSERT INTO reconciliation_imports (file_hash, file_name, layout, lines, summary, operator, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(input.hash, input.fileName, input.layout, input.lines.length, JSON.stringify(summary), input.operator, at).lastInsertRowid,
        );
        const insert = this.db.prepare(`INSERT INTO reconciliation_exceptions
        (import_id, kind, operation_id, transaction_id, order_id, currency, file_amount, journal_amount, file_status, journal_status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
        for (const e of exceptions) {
          insert.run(importId, e.kind, e.operationId, e.transactionId, e.orderId, e.currency, e.fileAmount, e.journalAmount, e.fileStatus, e.journalStatus);
        }
        return { importId, alreadyImported: false, importedAt: at, layout: input.layout, summary, exceptions: this.exceptions(importId) };
      })
      .immediate();
  }

  exceptions(importId: number): StoredException[] {
    return (this.exceptionsOf.all(importId) as Array<Record<string, unknown>>).map(toException);
  }

  exception(id: number): StoredException | undefined {
    const row = this.db
      .prepare(
        `SELECT e.*, a.action, a.note, a.operator, a.at FROM reconciliation_exceptions e
        LEFT JOIN reconciliation_actions a ON a.id = (SELECT max(id) FROM reconciliation_actions WHERE exception_id = e.id) WHERE e.id = ?`,
      )
      .get(id) as Record<string, unknown> | undefined;
    return row && toException(row);
  }

  /** The latest imports, newest first. */
  imports(
    limit = 20,
  ): Array<{ importId: number; fileName: string; layout: Layout; importedAt: number; operator: string | null; summary: ReconciliationSummary }> {
    return (
      this.db.prepare('SELECT id, file_name, layout, imported_at, operator, summary FROM reconciliation_imports ORDER BY id DESC LIMIT ?').all(limit) as Array<{
        id: number;
        file_name: string;
        layout: Layout;
        imported_at: number;
        operator: string | null;
        summary: string;
      }>
    ).map((row) => ({
      importId: row.id,
      fileName: row.file_name,
      layout: row.layout,
      importedAt: row.imported_at,
      operator: row.operator,
      summary: JSON.parse(row.summary) as ReconciliationSummary,
    }));
  }

  /**
   * open → acknowledged → resolved or accepted (with a note): each step recorded with its
   * operator, once. Anything else is refused and records nothing.
   */
  act(exceptionId: number, action: ExceptionAction, operator: string, note: string | null): StoredException {
    return this.db
      .transaction((): StoredException => {
        const current = this.exception(exceptionId);
        if (!current) throw new CoreError('RECONCILE_EXCEPTION_NOT_FOUND');
        const allowed = action === 'acknowledged' ? current.state === 'open' : current.state === 'acknowledged';
        if (!allowed) throw new CoreError('RECONCILE_EXCEPTION_STATE');
        const trimmed = note?.trim() ?? '';
        if (action !== 'acknowledged' && trimmed === '') throw new CoreError('RECONCILE_NOTE_REQUIRED');
        this.db
          .prepare('INSERT INTO reconciliation_actions (exception_id, action, note, operator, at) VALUES (?, ?, ?, ?, ?)')
          .run(exceptionId, action, trimmed === '' ? null : trimmed, operator, this.now());
        return this.exception(exceptionId) as StoredException;
      })
      .immediate();
  }
}

function toException(row: Record<string, unknown>): StoredException {
  return {
    id: row.id as number,
    importId: row.import_id as number,
    kind: row.kind as ExceptionKind,
    operationId: row.operation_id as number | null,
    transactionId: row.transaction_id as string | null,
    orderId: row.order_id as string | null,
    currency: (row.currency as string | null) ?? '',
    fileAmount: row.file_amount as number | null,
    journalAmount: row.journal_amount as number | null,
    fileStatus: row.file_status as string | null,
    journalStatus: row.journal_status as string | null,
    state: ((row.action as string | null) ?? 'open') as ExceptionState,
    note: (row.note as string | null) ?? null,
    by: (row.operator as string | null) ?? null,
    at: (row.at as number | null) ?? null,
  };
}
