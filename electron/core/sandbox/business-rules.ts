import { DAY_MS } from './sandbox-clock.js';
import { EXEC } from './sandbox-exec-codes.js';
import type { TransactionRecord } from './types.js';

/**
 * The gateway's rules for follow-up operations, as pure functions of the reference transaction
 * (fact sheet section 3.3 and the 2xxx codes of section 5, current Dalenys meaning of Q1).
 */
export type RuleResult = { readonly ok: true; readonly amount: number } | { readonly ok: false; readonly code: string };

const refuse = (code: string): RuleResult => ({ ok: false, code });

function authorizationExpired(auth: TransactionRecord, now: number, validityDays: number): boolean {
  return now >= auth.createdAt + validityDays * DAY_MS;
}

/**
 * Dalenys refuses follow-ups within 5 minutes of their reference transaction (fact sheet 3.1).
 * The sandbox answers 2017, "operation not available yet, try later" (section 5): the one
 * code of the table that means "not now" rather than "never" (2006, reference not finished,
 * would send an integrator looking for a pending transaction). Like the concurrent-edit 2017,
 * it is not a transaction: no TRANSACTIONID, no notification.
 */
export function followUpTooEarly(referenceCreatedAt: number, now: number, delayMs: number): boolean {
  return now < referenceCreatedAt + delayMs;
}

/** Common to every follow-up: the reference must be final and successful. */
function referenceState(ref: TransactionRecord): RuleResult | undefined {
  if (ref.status === 'pending') return refuse(EXEC.REFERENCE_NOT_FINISHED);
  if (ref.status !== 'succeeded') return refuse(EXEC.REFERENCE_NOT_SUCCEEDED);
  return undefined;
}

/** One capture per authorization, at most the authorized amount, within the validity period. */
export function captureRule(ref: TransactionRecord, requested: number | undefined, now: number, validityDays: number): RuleResult {
  if (ref.operationType !== 'authorization') return refuse(EXEC.NOT_CAPTURABLE);
  const state = referenceState(ref);
  if (state) return state;
  // AMOUNT=0 authorizations only check the card.
  if (ref.amount === 0 || ref.voided || ref.captureId !== undefined) return refuse(EXEC.NOT_CAPTURABLE);
  if (authorizationExpired(ref, now, validityDays)) return refuse(EXEC.AUTHORIZATION_EXPIRED);
  const amount = requested ?? ref.amount;
  if (amount <= 0 || amount > ref.amount) return refuse(EXEC.INVALID_CAPTURE_AMOUNT);
  return { ok: true, amount };
}

/** Refunds apply to payments and captures; partial refunds add up to at most the amount. */
export function refundRule(ref: TransactionRecord, requested: number | undefined): RuleResult {
  const state = referenceState(ref);
  if (state) return state;
  if (ref.operationType !== 'payment' && ref.operationType !== 'capture') return refuse(EXEC.REFERENCE_NOT_REFUNDABLE);
  const remaining = ref.amount - ref.refundedAmount;
  const amount = requested ?? remaining;
  if (remaining <= 0 || amount <= 0 || amount > remaining) return refuse(EXEC.INVALID_REFUND_AMOUNT);
  return { ok: true, amount };
}

/** Only an open authorization (successful, not captured, not voided, not expired) is voidable. */
export function voidRule(ref: TransactionRecord, requested: number | undefined, now: number, validityDays: number): RuleResult {
  const state = referenceState(ref);
  if (state) return state;
  if (ref.operationType !== 'authorization') return refuse(EXEC.NOT_VOIDABLE);
  if (ref.amount === 0 || ref.voided || ref.captureId !== undefined || authorizationExpired(ref, now, validityDays)) {
    return refuse(EXEC.NOT_VOIDABLE);
  }
  // A void cancels the whole authorization; another amount is a 2019.
  if (requested !== undefined && requested !== ref.amount) return refuse(EXEC.INVALID_VOID_AMOUNT);
  return { ok: true, amount: ref.amount };
}
