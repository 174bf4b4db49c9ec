import type { OperationActions } from '../../../shared/domain/operation-status.js';
import { derivePlan, planFacts, type InstalmentFact, type PlanInput, type StopFact } from './instalment-plan.js';
import type { OperationRows } from './operation-rows.js';
import { toOperation, type OperationRow } from './rows.js';
import type { SqlEngine, SqlStatement } from './sql-engine.js';
import { deriveActions, deriveStatus, foldOwnEvents, type ChildFact, type Derivation, type EventFact, type OperationFacts } from './state-machine.js';
import type { JournalOperation, Operation } from './types.js';

interface PlanEventRow {
  readonly kind: string;
  readonly seq: number | null;
  readonly outcome: string | null;
  readonly transactionId: string | null;
  readonly phase: string | null;
  readonly execCode: string | null;
  readonly at: number;
}

/**
 * An operation as the state machine sees it: the facts it is derived from (its events, its
 * follow-ups, its plan), its derived status, and the view every reader gets (status at read
 * time, what it still allows, when the gateway first answered, the plan's state).
 */
export class OperationViews {
  private readonly childFacts: SqlStatement;
  private readonly planEvents: SqlStatement;

  constructor(
    sql: SqlEngine,
    private readonly rows: OperationRows,
    private readonly now: () => number,
  ) {
    this.childFacts = sql.prepare('SELECT id, type, amount, status, instalment_seq AS instalment FROM operations WHERE parent_id = ? ORDER BY id');
    // Later instalments' notifications and the stop requests, for the plan of a payment in instalments.
    this.planEvents = sql.prepare(`SELECT kind, json_extract(payload, '$.instalment') AS seq, json_extract(payload, '$.result') AS outcome,
      json_extract(payload, '$.transactionId') AS transactionId, json_extract(payload, '$.stop') AS phase,
      json_extract(payload, '$.execCode') AS execCode, at
      FROM events WHERE operation_id = ? AND ((kind = 'notification' AND json_extract(payload, '$.instalment') IS NOT NULL)
        OR (kind = 'operator_action' AND json_extract(payload, '$.action') = 'stop_instalments')) ORDER BY id`);
  }

  /** What the plan of a payment in instalments is derived from; undefined for any other operation. */
  planInput(row: OperationRow, events: readonly EventFact[]): PlanInput | undefined {
    if (row.type !== 'payment') return undefined;
    const rows = this.rows.planRows(row.id);
    if (rows.length === 0) return undefined;
    const own = foldOwnEvents(events);
    const instalments: InstalmentFact[] = [];
    const stops: StopFact[] = [];
    for (const event of this.planEvents.all(row.id) as PlanEventRow[]) {
      if (event.kind === 'notification')
        instalments.push({ seq: event.seq as number, outcome: event.outcome, transactionId: event.transactionId, at: event.at });
      else stops.push({ phase: event.phase as StopFact['phase'], execCode: event.execCode, at: event.at });
    }
    return { rows, ownStatus: own.status, transactionId: row.transaction_id, answeredAt: own.answeredAt, scheduleId: row.schedule_id, instalments, stops };
  }

  /** The facts of `row` with these events (those read, plus any about to be appended). */
  factsFor(row: OperationRow, events: EventFact[]): { facts: OperationFacts; plan: PlanInput | undefined } {
    const plan = this.planInput(row, events);
    const children = this.childFacts.all(row.id) as ChildFact[];
    const facts: OperationFacts = {
      type: row.type as Operation['type'],
      amount: row.amount,
      alias: row.alias,
      events,
      children,
      ...(plan ? { plan: planFacts(plan) } : {}),
    };
    return { facts, plan };
  }

  derive(row: OperationRow): { facts: OperationFacts; derivation: Derivation; plan: PlanInput | undefined } {
    const { facts, plan } = this.factsFor(row, this.rows.eventFacts(row.id));
    return { facts, derivation: deriveStatus(facts, this.now()), plan };
  }

  view(row: OperationRow): JournalOperation {
    const { facts, derivation, plan } = this.derive(row);
    const actions: OperationActions = deriveActions(facts, derivation.status);
    return {
      ...toOperation(row, this.now()),
      status: derivation.status,
      expiresAt: derivation.expiresAt,
      actions,
      answeredAt: derivation.answeredAt,
      instalments: plan ? derivePlan(plan, facts.children) : null,
    };
  }

  /** Re-derives operation `id` and stores its status (what history and reports read). */
  refresh(id: number, at: number): Derivation {
    const row = this.rows.require(id);
    const { derivation } = this.derive(row);
    this.rows.update(row, { status: derivation.status, expires_at: derivation.expiresAt, updated_at: Math.max(at, row.updated_at) });
    return derivation;
  }
}
