import type { OperationType } from '../../../shared/domain/operation-type.js';
import { NO_ACTIONS, hasSucceeded, isInFlight, type OperationActions, type OperationStatus } from '../../../shared/domain/operation-status.js';
import type { AnswerOutcome } from './answer-outcome.js';
import { JournalError } from './journal-error.js';

/**
 * THE state machine of an operation: the only place that says which status follows which.
 *
 * An operation's status is never stored as a fact; it is derived by folding its events through
 * `TRANSITIONS`, in this order:
 *  1. its own answers (synchronous response, notification, status lookup, crash recovery), in
 *     the order they were recorded, starting from `sending` (the write-ahead intent);
 *  2. the follow-ups that succeeded (capture, refund, void rows whose parent it is), in the
 *     order they were created: they turn `authorized` into `captured`, `approved` into
 *     `refunded`, and so on;
 *  3. the clock: an authorization still `authorized` 7 days after its approval is `expired`.
 * An instalment payment's refunds are measured against what its plan has charged so far, and
 * it is only ever `refunded` once no instalment is left to charge (`PlanFacts`).
 * Folding its own answers first means a late confirmation of the parent never has to be
 * reconciled with what its follow-ups did.
 *
 * Precedence: a notification or a lookup is the gateway's authoritative word and wins over the
 * synchronous response; when it contradicts the answer the journal had, the transition is
 * flagged `discrepancy` and the journal records a discrepancy event. A synchronous response
 * that arrives after a notification already settled the operation changes nothing, but is
 * still flagged when it disagrees.
 */

type AnswerSource = 'response' | 'notification' | 'lookup';

export type Trigger =
  | `${AnswerSource}:${AnswerOutcome}`
  /** No answer to the request (timeout, connection cut after sending). */
  | 'response:unknown'
  /** getTransactions by ORDERID returned nothing, soon after sending: provisional (`notFoundTrigger`). */
  | 'lookup:not_found_yet'
  /** getTransactions returned nothing, again and again over the whole window: final. */
  | 'lookup:not_found'
  /** Start-up found the operation still `sending`: the process died while sending. */
  | 'recovery:interrupted'
  /** The operator closed an operation that waits for the customer (3-D Secure on a phone order). */
  | 'operator:abandon'
  | 'capture:partial'
  | 'capture:full'
  | 'refund:partial'
  | 'refund:full'
  | 'void:done'
  | 'clock:expired';

const ANSWER_OUTCOMES: readonly AnswerOutcome[] = ['approved', 'authorized', 'pending', 'declined', 'error'];

export const TRIGGERS: readonly Trigger[] = [
  ...ANSWER_OUTCOMES.map((o): Trigger => `response:${o}`),
  'response:unknown',
  ...ANSWER_OUTCOMES.map((o): Trigger => `notification:${o}`),
  ...ANSWER_OUTCOMES.map((o): Trigger => `lookup:${o}`),
  'lookup:not_found_yet',
  'lookup:not_found',
  'recovery:interrupted',
  'operator:abandon',
  'capture:partial',
  'capture:full',
  'refund:partial',
  'refund:full',
  'void:done',
  'clock:expired',
];

export interface Transition {
  readonly from: OperationStatus;
  readonly on: Trigger;
  readonly to: OperationStatus;
  /** The gateway contradicted what the journal knew: record a discrepancy event. */
  readonly discrepancy: boolean;
}

const D = 'discrepancy';
function t(from: OperationStatus, on: Trigger, to: OperationStatus, flag?: typeof D): Transition {
  return { from, on, to, discrepancy: flag === D };
}

/** Every allowed transition. Anything absent is rejected (`JOURNAL_INVALID_TRANSITION`). */
export const TRANSITIONS: readonly Transition[] = [
  // The request is on its way.
  t('sending', 'response:approved', 'approved'),
  t('sending', 'response:authorized', 'authorized'),
  t('sending', 'response:pending', 'pending'),
  t('sending', 'response:declined', 'declined'),
  t('sending', 'response:error', 'error'),
  t('sending', 'response:unknown', 'unknown'),
  // The gateway may notify before the synchronous answer is handled (fact sheet section 6).
  t('sending', 'notification:approved', 'approved'),
  t('sending', 'notification:authorized', 'authorized'),
  t('sending', 'notification:pending', 'pending'),
  t('sending', 'notification:declined', 'declined'),
  t('sending', 'notification:error', 'error'),
  t('sending', 'recovery:interrupted', 'unknown'),

  // Waiting for 3-D Secure, a redirection, or the bank (0001, 0002, 0003, 5004).
  t('pending', 'response:approved', 'approved'),
  t('pending', 'response:authorized', 'authorized'),
  t('pending', 'response:pending', 'pending'),
  t('pending', 'response:declined', 'declined'),
  t('pending', 'response:error', 'error'),
  t('pending', 'response:unknown', 'pending'),
  t('pending', 'notification:approved', 'approved'),
  t('pending', 'notification:authorized', 'authorized'),
  t('pending', 'notification:pending', 'pending'),
  t('pending', 'notification:declined', 'declined'),
  t('pending', 'notification:error', 'error'),
  t('pending', 'lookup:approved', 'approved'),
  t('pending', 'lookup:authorized', 'authorized'),
  t('pending', 'lookup:pending', 'pending'),
  t('pending', 'lookup:declined', 'declined'),
  t('pending', 'lookup:error', 'error'),
  // The gateway acknowledged the request (0001, 0003, 5004): not finding it, even for long,
  // is no evidence that it failed; only its notification or a row can settle it.
  t('pending', 'lookup:not_found_yet', 'pending'),
  t('pending', 'lookup:not_found', 'pending'),
  // Only the operator's word: the customer cannot authenticate (3-D Secure on the phone).
  t('pending', 'operator:abandon', 'abandoned'),

  // Closed locally while the gateway waited for the customer. The gateway saying nothing was
  // charged (4009 expiry, a refusal, still pending) agrees with it; a success wins, flagged.
  t('abandoned', 'response:pending', 'abandoned'),
  t('abandoned', 'response:unknown', 'abandoned'),
  t('abandoned', 'response:declined', 'abandoned'),
  t('abandoned', 'response:error', 'abandoned'),
  t('abandoned', 'response:approved', 'approved', D),
  t('abandoned', 'response:authorized', 'authorized', D),
  t('abandoned', 'notification:pending', 'abandoned'),
  t('abandoned', 'notification:declined', 'abandoned'),
  t('abandoned', 'notification:error', 'abandoned'),
  t('abandoned', 'notification:approved', 'approved', D),
  t('abandoned', 'notification:authorized', 'authorized', D),
  t('abandoned', 'lookup:pending', 'abandoned'),
  t('abandoned', 'lookup:declined', 'abandoned'),
  t('abandoned', 'lookup:error', 'abandoned'),
  t('abandoned', 'lookup:not_found', 'abandoned'),
  // A lookup made while it was pending may answer after the operator closed it: finding
  // nothing yet agrees with it as much as finding nothing for good.
  t('abandoned', 'lookup:not_found_yet', 'abandoned'),
  t('abandoned', 'lookup:approved', 'approved', D),
  t('abandoned', 'lookup:authorized', 'authorized', D),

  // No answer: only the gateway can tell (notification or lookup), never a resend.
  t('unknown', 'notification:approved', 'approved'),
  t('unknown', 'notification:authorized', 'authorized'),
  t('unknown', 'notification:pending', 'pending'),
  t('unknown', 'notification:declined', 'declined'),
  t('unknown', 'notification:error', 'error'),
  t('unknown', 'lookup:approved', 'approved'),
  t('unknown', 'lookup:authorized', 'authorized'),
  t('unknown', 'lookup:pending', 'pending'),
  t('unknown', 'lookup:declined', 'declined'),
  t('unknown', 'lookup:error', 'error'),
  // Not found soon after sending proves little (the gateway may not list it yet): keep asking.
  t('unknown', 'lookup:not_found_yet', 'unknown'),
  // Still no trace after the whole window: the request never arrived, nothing was charged.
  t('unknown', 'lookup:not_found', 'error'),

  // Success of a payment, capture, refund, void, credit or card check.
  t('approved', 'response:approved', 'approved'),
  t('approved', 'response:pending', 'approved'),
  t('approved', 'response:unknown', 'approved'),
  t('approved', 'response:declined', 'approved', D),
  t('approved', 'response:error', 'approved', D),
  t('approved', 'notification:approved', 'approved'),
  t('approved', 'notification:pending', 'approved'),
  t('approved', 'notification:declined', 'declined', D),
  t('approved', 'notification:error', 'error', D),
  t('approved', 'lookup:approved', 'approved'),
  t('approved', 'lookup:pending', 'approved'),
  t('approved', 'lookup:declined', 'declined', D),
  t('approved', 'lookup:error', 'error', D),
  t('approved', 'lookup:not_found_yet', 'approved'),
  t('approved', 'lookup:not_found', 'approved', D),
  t('approved', 'refund:partial', 'partially_refunded'),
  t('approved', 'refund:full', 'refunded'),

  // Funds blocked by an authorization.
  t('authorized', 'response:authorized', 'authorized'),
  t('authorized', 'response:pending', 'authorized'),
  t('authorized', 'response:unknown', 'authorized'),
  t('authorized', 'response:declined', 'authorized', D),
  t('authorized', 'response:error', 'authorized', D),
  t('authorized', 'notification:authorized', 'authorized'),
  t('authorized', 'notification:pending', 'authorized'),
  t('authorized', 'notification:declined', 'declined', D),
  t('authorized', 'notification:error', 'error', D),
  t('authorized', 'lookup:authorized', 'authorized'),
  t('authorized', 'lookup:pending', 'authorized'),
  t('authorized', 'lookup:declined', 'declined', D),
  t('authorized', 'lookup:error', 'error', D),
  t('authorized', 'lookup:not_found_yet', 'authorized'),
  t('authorized', 'lookup:not_found', 'authorized', D),
  t('authorized', 'capture:partial', 'partially_captured'),
  t('authorized', 'capture:full', 'captured'),
  t('authorized', 'void:done', 'voided'),
  t('authorized', 'clock:expired', 'expired'),

  // Refused by the bank or the anti-fraud engine.
  t('declined', 'response:declined', 'declined'),
  t('declined', 'response:pending', 'declined'),
  t('declined', 'response:unknown', 'declined'),
  t('declined', 'response:approved', 'declined', D),
  t('declined', 'response:authorized', 'declined', D),
  t('declined', 'response:error', 'declined', D),
  t('declined', 'notification:declined', 'declined'),
  t('declined', 'notification:pending', 'declined'),
  t('declined', 'notification:approved', 'approved', D),
  t('declined', 'notification:authorized', 'authorized', D),
  t('declined', 'notification:error', 'error', D),
  t('declined', 'lookup:declined', 'declined'),
  t('declined', 'lookup:pending', 'declined'),
  t('declined', 'lookup:approved', 'approved', D),
  t('declined', 'lookup:authorized', 'authorized', D),
  t('declined', 'lookup:error', 'error', D),
  t('declined', 'lookup:not_found_yet', 'declined'),
  t('declined', 'lookup:not_found', 'declined', D),

  // Refused before the bank: bad request, account configuration, gateway failure.
  t('error', 'response:error', 'error'),
  t('error', 'response:pending', 'error'),
  t('error', 'response:unknown', 'error'),
  t('error', 'response:approved', 'error', D),
  t('error', 'response:authorized', 'error', D),
  t('error', 'response:declined', 'error', D),
  t('error', 'notification:error', 'error'),
  t('error', 'notification:pending', 'error'),
  t('error', 'notification:approved', 'approved', D),
  t('error', 'notification:authorized', 'authorized', D),
  t('error', 'notification:declined', 'declined', D),
  t('error', 'lookup:error', 'error'),
  t('error', 'lookup:pending', 'error'),
  t('error', 'lookup:approved', 'approved', D),
  t('error', 'lookup:authorized', 'authorized', D),
  t('error', 'lookup:declined', 'declined', D),
  t('error', 'lookup:not_found_yet', 'error'),
  t('error', 'lookup:not_found', 'error'),

  // Follow-ups on a payment or a capture.
  t('partially_refunded', 'refund:partial', 'partially_refunded'),
  t('partially_refunded', 'refund:full', 'refunded'),
  // partially_captured, captured, refunded, voided and expired are final: one capture per
  // authorization (fact sheet 3.3), refunds apply to the capture row, not the authorization.
];

const BY_KEY = new Map<string, Transition>(TRANSITIONS.map((row) => [`${row.from}|${row.on}`, row]));

export function findTransition(from: OperationStatus, on: Trigger): Transition | undefined {
  return BY_KEY.get(`${from}|${on}`);
}

/** The allowed transition, or `JOURNAL_INVALID_TRANSITION`. */
export function transition(from: OperationStatus, on: Trigger): Transition {
  const row = findTransition(from, on);
  if (!row) throw new JournalError('JOURNAL_INVALID_TRANSITION', `${from} does not accept ${on}`);
  return row;
}

/**
 * A lookup that finds nothing becomes final only once the request is at least this old...
 * (the gateway may not list a transaction at once, and a proxy may have held the request).
 */
export const NOT_FOUND_WINDOW_MS = 15 * 60_000;
/** ...and this many lookups in all have found nothing. */
export const NOT_FOUND_MIN_ANSWERS = 3;

/**
 * THE rule for "not found": which trigger a lookup that found nothing is, from the
 * operation's events (when its request was sent, how many lookups found nothing before) and
 * the time of this lookup. Final (`lookup:not_found`) only when this is at least the
 * NOT_FOUND_MIN_ANSWERS-th not-found answer and the request was sent NOT_FOUND_WINDOW_MS ago
 * or more; provisional (`lookup:not_found_yet`) otherwise. The request time is the latest
 * `request_sent`, else the intent (sent or not, the row existed from then).
 */
export function notFoundTrigger(events: readonly EventFact[], at: number): 'lookup:not_found' | 'lookup:not_found_yet' {
  let sentAt: number | undefined;
  let notFound = 1;
  for (const event of events) {
    if (event.kind === 'request_sent' || (event.kind === 'intent_recorded' && sentAt === undefined)) sentAt = event.at;
    if (event.kind === 'status_lookup' && (event.outcome === 'not_found' || event.outcome === 'not_found_yet')) notFound += 1;
  }
  const since = sentAt ?? events[0]?.at ?? at;
  return notFound >= NOT_FOUND_MIN_ANSWERS && at - since >= NOT_FOUND_WINDOW_MS ? 'lookup:not_found' : 'lookup:not_found_yet';
}

/** Authorizations must be captured within 7 days (fact sheet 3.3, CB accounts). */
export const AUTHORIZATION_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

/** What the fold needs of one event. `outcome` was stored in the payload when it was recorded. */
export interface EventFact {
  readonly kind: string;
  readonly outcome?: string | null;
  readonly at: number;
}

/** What the fold needs of one follow-up row (capture, refund or void whose parent this is). */
export interface ChildFact {
  readonly id: number;
  readonly type: OperationType;
  readonly amount: number;
  readonly status: OperationStatus;
  /** A refund of an instalment payment: the instalment (1-based) whose transaction it refunds; null is the first. */
  readonly instalment?: number | null;
}

/** What the fold needs of an instalment payment's plan (`instalment-plan.ts` derives it). */
export interface PlanFacts {
  /** The instalments charged so far: each refund takes from one of them. */
  readonly charged: ReadonlyArray<{ readonly seq: number; readonly amount: number }>;
  /** Some instalment is still to be charged: the payment is never `refunded` then. */
  readonly open: boolean;
}

export interface OperationFacts {
  readonly type: OperationType;
  readonly amount: number;
  readonly alias: string | null;
  readonly events: readonly EventFact[];
  readonly children: readonly ChildFact[];
  /** Only for a payment in instalments. */
  readonly plan?: PlanFacts;
}

export interface Derivation {
  readonly status: OperationStatus;
  /** The status from the operation's own answers only (before follow-ups and the clock). */
  readonly ownStatus: OperationStatus;
  /** When it last became `authorized`; null unless it is (or was) an authorization that succeeded. */
  readonly authorizedAt: number | null;
  /** `authorizedAt` + validity, while the authorization still blocks funds. */
  readonly expiresAt: number | null;
  /** Follow-ups that succeeded although the parent's status did not allow them. */
  readonly rejectedChildren: readonly number[];
  /** Own events whose trigger did not fit (only possible in data not written by the journal). */
  readonly rejectedEvents: readonly number[];
  /**
   * When the gateway first answered with a result (response, notification or lookup): the
   * gateway's transaction exists by then, so follow-ups count their delay from here.
   */
  readonly answeredAt: number | null;
}

/**
 * The trigger an own event fires. An event without an outcome fires none: a later
 * instalment's notification (SCHEDULE i-n, i > 1) is recorded on the payment without being an
 * answer to its request.
 */
function triggerOf(event: EventFact): Trigger | null {
  switch (event.kind) {
    case 'response':
      return event.outcome == null ? null : (`response:${event.outcome}` as Trigger);
    case 'notification':
      return event.outcome == null ? null : (`notification:${event.outcome}` as Trigger);
    case 'status_lookup':
      return event.outcome == null ? null : (`lookup:${event.outcome}` as Trigger);
    case 'interrupted':
      return 'recovery:interrupted';
    case 'operator_action':
      return event.outcome === 'abandoned' ? 'operator:abandon' : null;
    default:
      return null;
  }
}

const ANSWERS = new Set<string>(ANSWER_OUTCOMES);

/** Folds the operation's own answers (step 1). Never throws; misfits are reported. */
export function foldOwnEvents(events: readonly EventFact[]): {
  status: OperationStatus;
  authorizedAt: number | null;
  answeredAt: number | null;
  rejectedEvents: number[];
} {
  let status: OperationStatus = 'sending';
  let authorizedAt: number | null = null;
  let answeredAt: number | null = null;
  const rejectedEvents: number[] = [];
  for (const [index, event] of events.entries()) {
    const trigger = triggerOf(event);
    if (trigger === null) continue;
    const row = findTransition(status, trigger);
    if (!row) {
      rejectedEvents.push(index);
      continue;
    }
    if (row.to === 'authorized' && status !== 'authorized') authorizedAt = event.at;
    if (answeredAt === null && event.kind !== 'operator_action' && ANSWERS.has(event.outcome ?? '')) answeredAt = event.at;
    status = row.to;
  }
  return { status, authorizedAt: status === 'authorized' ? authorizedAt : null, answeredAt, rejectedEvents };
}

/** What refunds can give back in all: what an instalment plan has charged so far, else the amount. */
function refundBase(facts: OperationFacts): number {
  return facts.plan ? facts.plan.charged.reduce((sum, entry) => sum + entry.amount, 0) : facts.amount;
}

function childTrigger(child: ChildFact, facts: OperationFacts, done: { captured: number; refunded: number }): Trigger | null {
  if (!hasSucceeded(child.status)) return null;
  switch (child.type) {
    case 'capture':
      done.captured += child.amount;
      return done.captured >= facts.amount ? 'capture:full' : 'capture:partial';
    case 'refund':
      done.refunded += child.amount;
      // Instalments still to come: never "refunded", whatever was given back of the charged ones.
      return done.refunded >= refundBase(facts) && !facts.plan?.open ? 'refund:full' : 'refund:partial';
    case 'void':
      return 'void:done';
    default:
      return null;
  }
}

export function deriveStatus(facts: OperationFacts, now: number): Derivation {
  const own = foldOwnEvents(facts.events);
  let status = own.status;
  const rejectedChildren: number[] = [];
  const done = { captured: 0, refunded: 0 };
  for (const child of facts.children) {
    const trigger = childTrigger(child, facts, done);
    if (trigger === null) continue;
    const row = findTransition(status, trigger);
    if (row) status = row.to;
    else rejectedChildren.push(child.id);
  }
  const expiresAt = own.authorizedAt === null ? null : own.authorizedAt + AUTHORIZATION_VALIDITY_MS;
  if (status === 'authorized' && expiresAt !== null && now >= expiresAt) {
    status = transition(status, 'clock:expired').to;
  }
  return {
    status,
    ownStatus: own.status,
    authorizedAt: own.authorizedAt,
    expiresAt: status === 'authorized' ? expiresAt : null,
    rejectedChildren,
    rejectedEvents: own.rejectedEvents,
    answeredAt: own.answeredAt,
  };
}

/** A follow-up that is not over yet, or that succeeded, holds its amount. */
function holdsAmount(child: ChildFact): boolean {
  return isInFlight(child.status) || hasSucceeded(child.status);
}

/**
 * The actions an operation still allows, given its derived status and all its follow-ups
 * (including those in flight, so two operators cannot capture or refund the same money twice).
 */
export function deriveActions(facts: OperationFacts, status: OperationStatus): OperationActions {
  const checkStatus = status === 'unknown' || status === 'pending';
  const rebillAlias = facts.alias !== null && (facts.type === 'payment' || facts.type === 'authorization') && hasSucceeded(status) ? facts.alias : null;
  let capturableAmount = 0;
  let voidable = false;
  let refundableAmount = 0;
  if (facts.type === 'authorization' && status === 'authorized' && facts.amount > 0) {
    const busy = facts.children.some((c) => (c.type === 'capture' || c.type === 'void') && holdsAmount(c));
    if (!busy) {
      capturableAmount = facts.amount;
      voidable = true;
    }
  }
  if ((facts.type === 'payment' || facts.type === 'capture') && (status === 'approved' || status === 'partially_refunded')) {
    if (facts.plan) {
      // Each charged instalment is a transaction of its own: one refund gives back at most
      // what is left of one of them.
      refundableAmount = Math.max(0, ...instalmentRefundable(facts.plan, facts.children).values());
    } else {
      const held = facts.children.filter((c) => c.type === 'refund' && holdsAmount(c)).reduce((sum, c) => sum + c.amount, 0);
      refundableAmount = Math.max(0, facts.amount - held);
    }
  }
  if (capturableAmount === 0 && refundableAmount === 0 && !voidable && rebillAlias === null && !checkStatus) {
    return NO_ACTIONS;
  }
  return { capturableAmount, refundableAmount, voidable, rebillAlias, checkStatus };
}

/**
 * What is left to refund of each charged instalment (by its 1-based number), net of the refunds
 * that target it and succeeded or are still in flight. A refund with no instalment targets the
 * payment's own transaction, the first.
 */
export function instalmentRefundable(plan: PlanFacts, children: readonly ChildFact[]): Map<number, number> {
  const left = new Map<number, number>();
  for (const entry of plan.charged) left.set(entry.seq, entry.amount);
  for (const child of children) {
    if (child.type !== 'refund' || !holdsAmount(child)) continue;
    const seq = child.instalment ?? 1;
    left.set(seq, Math.max(0, (left.get(seq) ?? 0) - child.amount));
  }
  return left;
}
