import { readyMinute } from '../../../shared/domain/follow-up-delay.js';
import { PAYMENTS_ERRORS } from '../../../shared/errors/payments.js';
import { fillErrorText } from '../../../shared/errors/params.js';
import { CoreError } from '../errors.js';
import type { InstalmentEntry, InstalmentPlan, JournalOperation as JournalView } from '../journal/index.js';

export type FollowUpKind = 'capture' | 'refund' | 'void';

/**
 * The charged instalment a refund of `amount` gives back (each is a transaction of its own at
 * the gateway, which refuses a follow-up within `delayMs` of it): among those that can still
 * give back `amount`, the latest whose delay is over at `now`; when none is yet, the one whose
 * delay ends first, so the refund is refused with the earliest time it becomes possible.
 */
function instalmentToRefund(plan: InstalmentPlan, amount: number, delayMs: number, now: number): InstalmentEntry | undefined {
  const covering = plan.entries.filter((entry) => entry.state === 'charged' && entry.refundable >= amount);
  // Charged, but with no time known: nothing to wait for (as `assertFollowUpReady` reads it).
  const readyAt = (entry: InstalmentEntry) => (entry.chargedAt ?? Number.NEGATIVE_INFINITY) + delayMs;
  const ready = covering.filter((entry) => readyAt(entry) <= now);
  if (ready.length > 0) return ready.at(-1);
  return covering.reduce<InstalmentEntry | undefined>((first, entry) => (first === undefined || readyAt(entry) < readyAt(first) ? entry : first), undefined);
}

/** The transaction a follow-up applies to, and when the journal learnt of it (its delay counts from there). */
export interface FollowUpReference {
  readonly transactionId: string | null;
  readonly at: number | null;
  /** For a refund of a payment in instalments: which instalment. */
  readonly instalment?: number;
}

/** The transaction a follow-up of `amount` made at `now` applies to (`delayMs`: the gateway's wait after it). */
export function followUpReference(view: JournalView, kind: FollowUpKind, amount: number, delayMs: number, now: number): FollowUpReference | undefined {
  if (kind === 'refund' && view.instalments !== null) {
    const entry = instalmentToRefund(view.instalments, amount, delayMs, now);
    return entry && { transactionId: entry.transactionId, at: entry.chargedAt, instalment: entry.seq };
  }
  return { transactionId: view.transactionId, at: view.answeredAt };
}

/**
 * When the follow-ups this operation allows become possible (epoch ms), or null when it allows
 * none: what the screen shows, and what `assertFollowUpReady` enforces. Charging its saved
 * card again counts: Dalenys treats a one-click or subscription charge as an edit too. For a
 * refund of what is refundable, the rule is `instalmentToRefund`'s, asked before any delay is
 * over: the instalment whose delay ends first says when that refund first becomes possible.
 */
export function followUpsFrom(view: JournalView, delayMs: number): number | null {
  const { actions } = view;
  if (actions.capturableAmount <= 0 && actions.refundableAmount <= 0 && !actions.voidable && actions.rebillAlias === null) return null;
  const reference =
    actions.refundableAmount > 0
      ? followUpReference(view, 'refund', actions.refundableAmount, delayMs, Number.NEGATIVE_INFINITY)
      : followUpReference(view, 'capture', 0, delayMs, Number.NEGATIVE_INFINITY);
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
