import { SUCCEEDED_STATUSES } from '../../../shared/domain/operation-status.js';
import { ANSWERED, LOOKED_UP } from './confirmation-sql.js';
import type { JournalParts } from './journal-parts.js';
import { OPERATION_COLUMNS, toEvent, toOperation, type EventRow, type OperationRow } from './rows.js';
import type { SqlStatement } from './sql-engine.js';
import type { ConfirmationSignals, JournalEvent, JournalOperation, Operation } from './types.js';

/** What the events say about the gateway's confirmation (see `confirmationSignals`). */
const CONFIRMATION_SIGNALS = `coalesce(max(kind = 'discrepancy'), 0) AS discrepancy,
  coalesce(max(kind = 'notification'), 0) AS notified,
  coalesce(max(${LOOKED_UP}), 0) AS looked_up,
  coalesce(max(kind = 'status_lookup' AND json_extract(payload, '$.outcome') = 'not_found_yet'), 0) AS not_found_yet,
  coalesce(max(kind = 'status_lookup' AND json_extract(payload, '$.outcome') = 'not_found'), 0) AS not_found,
  coalesce(max(${ANSWERED}), 0) AS answered`;

interface SignalRow {
  readonly discrepancy: number;
  readonly notified: number;
  readonly looked_up: number;
  readonly not_found_yet: number;
  readonly not_found: number;
  readonly answered: number;
}

/** Reads of single operations: their views, events, follow-ups and confirmation, and the ids the polling bridge watches. */
export class OperationReads {
  private readonly events: SqlStatement;
  private readonly children: SqlStatement;
  private readonly signals: SqlStatement;
  private readonly unconfirmed: SqlStatement;
  private readonly idsAfter: SqlStatement;
  private readonly lastId: SqlStatement;

  constructor(private readonly parts: JournalParts) {
    const { sql } = parts;
    this.events = sql.prepare('SELECT * FROM events WHERE operation_id = ? ORDER BY id');
    this.children = sql.prepare(`SELECT ${OPERATION_COLUMNS} FROM operations WHERE parent_id = ? ORDER BY id`);
    this.signals = sql.prepare(`SELECT ${CONFIRMATION_SIGNALS} FROM events WHERE operation_id = ?`);
    // Narrowed in SQL to what cannot be confirmed yet (the caller applies the rule itself):
    // succeeded, answered with an EXECCODE, no notification, no final lookup, no discrepancy.
    // EXISTS probes stop at the first event that decides, which a GROUP BY over all would not.
    this.unconfirmed = sql.prepare(`SELECT o.id FROM operations o
      WHERE o.status IN (${SUCCEEDED_STATUSES.map((status) => `'${status}'`).join(', ')})
        AND o.created_at >= ? AND o.transaction_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM events WHERE operation_id = o.id AND (kind IN ('notification', 'discrepancy') OR (${LOOKED_UP})))
        AND EXISTS (SELECT 1 FROM events WHERE operation_id = o.id AND ${ANSWERED})
      ORDER BY o.id`);
    this.idsAfter = sql.prepare('SELECT id FROM operations WHERE id > ? ORDER BY id');
    this.lastId = sql.prepare('SELECT coalesce(max(id), 0) AS id FROM operations');
  }

  /**
   * A view is built from several statements (row, events, follow-ups); the notification writer
   * commits from another connection, so they run in one read transaction to see one state.
   */
  view(find: () => OperationRow | undefined): JournalOperation | undefined {
    return this.parts.sql.read(() => {
      const row = find();
      return row ? this.parts.views.view(row) : undefined;
    });
  }

  byId(id: number): JournalOperation | undefined {
    return this.view(() => this.parts.rows.byId(id));
  }

  byOrderId(accountId: number, orderId: string): JournalOperation | undefined {
    return this.view(() => this.parts.rows.byOrderId(accountId, orderId));
  }

  listEvents(operationId: number): JournalEvent[] {
    return (this.events.all(operationId) as EventRow[]).map(toEvent);
  }

  /** Captures, refunds and voids of an operation, oldest first. */
  listFollowUps(operationId: number): Operation[] {
    const now = this.parts.now();
    return (this.children.all(operationId) as OperationRow[]).map((row) => toOperation(row, now));
  }

  /**
   * What the events say about the gateway's confirmation, without reading their payloads into
   * JavaScript (the screen asks for each operation a notification changes): a discrepancy was
   * recorded, a notification or a lookup row with a final result was applied, lookups found
   * nothing (provisionally or for good), the gateway answered with an EXECCODE.
   */
  confirmationSignals(operationId: number): ConfirmationSignals {
    const row = this.signals.get(operationId) as SignalRow;
    return {
      discrepancy: row.discrepancy === 1,
      notified: row.notified === 1,
      lookedUp: row.looked_up === 1,
      notFoundYet: row.not_found_yet === 1,
      notFound: row.not_found === 1,
      answered: row.answered === 1,
    };
  }

  /**
   * Ids of the operations created since `since` whose own answer said they succeeded and that
   * no notification, lookup row or discrepancy has settled yet, oldest first: where the
   * polling bridge's watch for overdue confirmations starts. One scan of the window (it reads
   * the events of every succeeded operation in it): for start-up, not for every rescan.
   */
  listUnconfirmedIds(since: number): number[] {
    return (this.unconfirmed.all(since) as Array<{ id: number }>).map((row) => row.id);
  }

  /** Ids of the operations recorded after `afterId` (ids only grow), oldest first. */
  listOperationIdsAfter(afterId: number): number[] {
    return (this.idsAfter.all(afterId) as Array<{ id: number }>).map((row) => row.id);
  }

  /** The id of the latest operation recorded, 0 when there is none. */
  lastOperationId(): number {
    return (this.lastId.get() as { id: number }).id;
  }
}
