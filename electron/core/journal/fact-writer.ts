import type { OperationStatus } from '../../../shared/domain/operation-status.js';
import { redactCardNumbers } from './card-data-guard.js';
import type { OperationRows } from './operation-rows.js';
import type { OperationViews } from './operation-views.js';
import type { OperationRow } from './rows.js';
import { deriveStatus, foldOwnEvents, transition, type EventFact, type Transition, type Trigger } from './state-machine.js';
import type { EventKind, JsonObject } from './types.js';

/** Columns an answer may fill in; card and alias fields only when still empty. */
export interface AnswerColumns {
  transactionId?: string | null;
  alias?: string | null;
  execCode?: string | null;
  message?: string | null;
  brand?: string | null;
  last4?: string | null;
  expiry?: string | null;
  holderName?: string | null;
  scheduleId?: string | null;
}

/** Something the gateway or the operator said about an operation, with the trigger it fires. */
export interface Fact {
  readonly kind: EventKind;
  readonly trigger: Trigger;
  readonly payload: JsonObject;
  readonly at: number;
  readonly columns?: AnswerColumns;
  /** Extra contradictions spotted by the caller (e.g. a notified AMOUNT that differs). */
  readonly discrepancies?: readonly JsonObject[];
}

/** What `plan` read and checked, for `write`. */
export interface FactPlan {
  readonly row: OperationRow;
  readonly ancestors: ReadonlyArray<{ readonly row: OperationRow; readonly rejected: readonly number[] }>;
  /** The operation's events, to which `write` adds those it appends. */
  readonly events: EventFact[];
  readonly own: OperationStatus;
  readonly move: Transition;
}

/**
 * The one write path for answers (responses, notifications, lookups, crash recovery, the
 * operator's abandon): checks the transition against the table (throwing, so nothing is
 * recorded when it does not fit), appends the event (and a discrepancy when the gateway
 * contradicted the journal), fills columns, and re-derives the cached status of the
 * operation and of its parents.
 */
export class FactWriter {
  constructor(
    private readonly rows: OperationRows,
    private readonly views: OperationViews,
    private readonly now: () => number,
  ) {}

  /**
   * `row` must be the operation as it stands in this transaction: the new status is derived
   * from the events read here plus those appended, and only the columns that differ from
   * `row` are written (one UPDATE, so each index is touched once, or not at all).
   */
  apply(row: OperationRow, fact: Fact): void {
    this.write(this.plan(row, fact.trigger), fact);
  }

  /** The reads and the transition check of `apply`: throws before anything is written. */
  plan(row: OperationRow, trigger: Trigger): FactPlan {
    const ancestors: Array<{ row: OperationRow; rejected: readonly number[] }> = [];
    for (let parentId = row.parent_id; parentId !== null;) {
      const parent = this.rows.require(parentId);
      ancestors.push({ row: parent, rejected: this.views.derive(parent).derivation.rejectedChildren });
      parentId = parent.parent_id;
    }
    const events = this.rows.eventFacts(row.id);
    const own = foldOwnEvents(events).status;
    return { row, ancestors, events, own, move: transition(own, trigger) };
  }

  write({ row, ancestors, events, own, move }: FactPlan, fact: Fact): void {
    const append = (kind: EventKind, payload: JsonObject): number => {
      events.push({ kind, outcome: typeof payload.outcome === 'string' ? payload.outcome : null, at: fact.at });
      return this.rows.appendEvent(row.id, kind, payload, fact.at);
    };
    const eventId = append(fact.kind, fact.payload);
    if (move.discrepancy) {
      append('discrepancy', { reason: 'gateway_contradiction', previous: own, next: move.to, trigger: move.on, eventId });
    }
    for (const extra of fact.discrepancies ?? []) append('discrepancy', { ...extra, eventId });
    const answer = fact.columns ? this.answerColumns(row, fact.columns, eventId, append) : {};
    const derivation = deriveStatus(this.views.factsFor(row, events).facts, this.now());
    this.rows.update(row, {
      ...answer,
      status: derivation.status,
      expires_at: derivation.expiresAt,
      updated_at: Math.max(fact.at, row.updated_at),
    });
    for (const ancestor of ancestors) {
      const after = this.views.refresh(ancestor.row.id, fact.at);
      for (const childId of after.rejectedChildren) {
        if (ancestor.rejected.includes(childId)) continue;
        this.rows.appendEvent(ancestor.row.id, 'discrepancy', { reason: 'follow_up_not_applicable', childId, status: after.status }, fact.at);
      }
    }
  }

  /**
   * The columns an answer fills in. The TRANSACTIONID is kept once known (a different one is
   * a discrepancy, as is one another operation holds); card fields only fill blanks; the
   * latest EXECCODE, MESSAGE and ALIAS win.
   */
  private answerColumns(
    row: OperationRow,
    columns: AnswerColumns,
    eventId: number,
    append: (kind: EventKind, payload: JsonObject) => number,
  ): Partial<OperationRow> {
    let transactionId = columns.transactionId ?? null;
    if (transactionId !== null && row.transaction_id !== null && row.transaction_id !== transactionId) {
      append('discrepancy', { reason: 'transaction_id_changed', recorded: row.transaction_id, received: transactionId, eventId });
      transactionId = null;
    } else if (transactionId !== null && row.transaction_id === null && this.rows.transactionIdHeldByAnother(row, transactionId)) {
      append('discrepancy', { reason: 'transaction_id_taken', received: transactionId, eventId });
      transactionId = null;
    }
    return {
      transaction_id: row.transaction_id ?? transactionId,
      alias: columns.alias ?? row.alias,
      exec_code: columns.execCode ?? row.exec_code,
      message: columns.message == null ? row.message : redactCardNumbers(columns.message).slice(0, 510),
      brand: row.brand ?? columns.brand ?? null,
      last4: row.last4 ?? columns.last4 ?? null,
      expiry: row.expiry ?? columns.expiry ?? null,
      holder_name: row.holder_name ?? columns.holderName ?? null,
      schedule_id: row.schedule_id ?? columns.scheduleId ?? null,
    };
  }
}
