import { hasSucceeded, type OperationStatus } from '../../../shared/domain/operation-status.js';
import { instalmentRefundable, type ChildFact, type PlanFacts } from './state-machine.js';

/**
 * The plan of a payment in instalments ("N-times", AMOUNTS, fact sheet 3.3) as the journal
 * derives it: the dates and amounts recorded with the intent, and what the gateway said of each
 * instalment since. The first is the payment's own transaction; each later one arrives as a
 * notification of its own (SCHEDULE=i-n, its own TRANSACTIONID), recorded on the payment.
 */

type InstalmentState = 'charged' | 'scheduled' | 'failed' | 'stopped';

/** The operator's last request to stop the remaining instalments (stopntimes), as far as it got. */
type StopState = 'requested' | 'stopped' | 'refused';

export interface InstalmentEntry {
  /** 1-based, in date order. */
  readonly seq: number;
  /** `YYYY-MM-DD`, UTC, as sent in AMOUNTS. */
  readonly date: string;
  readonly amount: number;
  readonly state: InstalmentState;
  /** The gateway's transaction for this instalment, once it is known. */
  readonly transactionId: string | null;
  /** When the journal learnt it was charged: a refund of it waits its follow-up delay from here. */
  readonly chargedAt: number | null;
  /** What a refund of this instalment may still give back (0 unless charged). */
  readonly refundable: number;
}

export interface InstalmentPlan {
  readonly scheduleId: string | null;
  readonly entries: readonly InstalmentEntry[];
  readonly stop: { readonly state: StopState; readonly execCode: string | null; readonly at: number } | null;
  /** Stopping the rest is possible: instalments are still scheduled and the gateway gave a SCHEDULEID. */
  readonly stoppable: boolean;
}

/** One row of the plan as recorded with the intent. */
export interface PlanRow {
  readonly seq: number;
  readonly due_date: string;
  readonly amount: number;
}

/** A later instalment's notification, as recorded on the payment. */
export interface InstalmentFact {
  readonly seq: number;
  /** The answer outcome of that instalment (approved, declined, error, pending). */
  readonly outcome: string | null;
  readonly transactionId: string | null;
  readonly at: number;
}

/** A stop request and its answer, as recorded on the payment (operator actions `stop_instalments`). */
export interface StopFact {
  readonly phase: 'requested' | 'stopped' | 'refused' | 'unknown';
  readonly execCode: string | null;
  readonly at: number;
}

export interface PlanInput {
  readonly rows: readonly PlanRow[];
  /** The payment's status from its own answers (the first instalment's fate). */
  readonly ownStatus: OperationStatus;
  readonly transactionId: string | null;
  readonly answeredAt: number | null;
  readonly scheduleId: string | null;
  readonly instalments: readonly InstalmentFact[];
  readonly stops: readonly StopFact[];
}

function stopOf(stops: readonly StopFact[]): InstalmentPlan['stop'] {
  let stop: InstalmentPlan['stop'] = null;
  for (const fact of stops) {
    // An answer that did not come (timeout) leaves the request as it was: not confirmed.
    if (fact.phase === 'unknown') continue;
    stop = { state: fact.phase, execCode: fact.execCode, at: fact.at };
  }
  return stop;
}

function firstState(status: OperationStatus): InstalmentState {
  if (hasSucceeded(status)) return 'charged';
  if (status === 'declined' || status === 'error' || status === 'abandoned') return 'failed';
  return 'scheduled';
}

/** The plan's entries without refunds: what `planFacts` needs, before the children are read. */
function entriesOf(input: PlanInput): Omit<InstalmentEntry, 'refundable'>[] {
  const first = firstState(input.ownStatus);
  const stop = stopOf(input.stops);
  const latest = new Map<number, InstalmentFact>();
  for (const fact of input.instalments) latest.set(fact.seq, fact);
  return input.rows.map((row) => {
    const base = { seq: row.seq, date: row.due_date, amount: row.amount };
    if (row.seq === 1) {
      return { ...base, state: first, transactionId: input.transactionId, chargedAt: first === 'charged' ? input.answeredAt : null };
    }
    const fact = latest.get(row.seq);
    if (fact?.outcome === 'approved') return { ...base, state: 'charged', transactionId: fact.transactionId, chargedAt: fact.at };
    if (fact?.outcome === 'declined' || fact?.outcome === 'error') return { ...base, state: 'failed', transactionId: fact.transactionId, chargedAt: null };
    // A refused first instalment cancels the whole schedule (DOC-INT p.29); a confirmed stop ends the rest.
    const stopped = first === 'failed' || stop?.state === 'stopped';
    return { ...base, state: stopped ? 'stopped' : 'scheduled', transactionId: null, chargedAt: null };
  });
}

/** What the state machine needs of a plan. */
export function planFacts(input: PlanInput): PlanFacts {
  const entries = entriesOf(input);
  return {
    charged: entries.filter((entry) => entry.state === 'charged').map((entry) => ({ seq: entry.seq, amount: entry.amount })),
    open: entries.some((entry) => entry.state === 'scheduled'),
  };
}

export function derivePlan(input: PlanInput, children: readonly ChildFact[]): InstalmentPlan {
  const entries = entriesOf(input);
  const facts = planFacts(input);
  const refundable = instalmentRefundable(facts, children);
  const stop = stopOf(input.stops);
  return {
    scheduleId: input.scheduleId,
    entries: entries.map((entry) => ({ ...entry, refundable: entry.state === 'charged' ? (refundable.get(entry.seq) ?? 0) : 0 })),
    stop,
    stoppable: input.scheduleId !== null && entries[0]?.state === 'charged' && facts.open && stop?.state !== 'stopped',
  };
}
