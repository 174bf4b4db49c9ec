import { readyMinute } from '../../../shared/domain/follow-up-delay.js';
import { PAYMENTS_ERRORS } from '../../../shared/errors/payments.js';
import { fillErrorText } from '../../../shared/errors/params.js';
import { CoreError } from '../errors.js';
import type { InstalmentEntry, InstalmentPlan, OperationView as JournalView } from '../journal/index.js';

export type FollowUpKind = 'capture' | 'refund' | 'void';

/**
 * A refund of a payment in instalments gives back one charged instalment's transaction at a
 * time (each is a transaction of its own at the gateway): the latest one that can still give
 * back `amount`.
 */
function instalmentToRefund(plan: InstalmentPlan, amount: number): InstalmentEntry | undefined {
  return [...plan.entries].reverse().find((entry) => entry.state === 'charged' && entry.refundable >= amount);
}

/** The transaction a follow-up applies to, and when the journal learnt of it (its delay counts from there). */
export interface FollowUpReference {
  readonly transactionId: string | null;
  readonly at: number | null;
  /** For a refund of a payment in instalments: which instalment. */
  readonly instalment?: number;
}

export function followUpReference(view: JournalView, kind: FollowUpKind, amount: number): FollowUpReference | undefined {
  if (kind === 'refund' && view.instalments !== null) {
    const entry = instalmentToRefund(view.instalments, amount);
    return entry && { transactionId: entry.transactionId, at: entry.chargedAt, instalment: entry.seq };
  }
  return { transactionId: view.transactionId, at: view.answeredAt };
}

/**
 * When the follow-ups this operation allows become possible (epoch ms), or null when it allows
 * none: what the screen shows, and what `assertFollowUpReady` enforces. Charging its saved
 * card again counts: Dalenys treats a one-click or subscription charge as an edit too.
 */
export function followUpsFrom(view: JournalView, delayMs: number): number | null {
  const { actions } = view;
  if (actions.capturableAmount <= 0 && actions.refundableAmount <= 0 && !actions.voidable && actions.rebillAlias === null) return null;
  const reference = actions.refundableAmount > 0 ? followUpReference(view, 'refund', actions.refundableAmount) : followUpReference(view, 'capture', 0);
  return reference?.at == null ? null : reference.at + delayMs;
}

/**
 * Refuses, before anything is recorded or sent, a follow-up Dalenys would refuse as too early
 * (2017): the error names the time it becomes possible, in the operator's time zone.
 */
export function assertFollowUpReady(reference: FollowUpReference, delayMs: number, now: number, timeZone: string): void {
  if (reference.at === null) return;
  const readyAt = reference.at + delayMs;
  if (now >= readyAt) return;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(readyMinute(readyAt));
  throw new CoreError('PAYMENT_FOLLOW_UP_TOO_EARLY', fillErrorText(PAYMENTS_ERRORS.PAYMENT_FOLLOW_UP_TOO_EARLY.en, { time }), undefined, { time: readyAt });
}
