/** Dalenys refuses a follow-up within 5 minutes of its reference transaction (fact sheet 3.1). */
export const FOLLOW_UP_DELAY_MS = 5 * 60_000;

/**
 * The minute to tell the operator for "possible from": rounded up, so the time said is never
 * a moment too early.
 */
export function readyMinute(at: number): number {
  return Math.ceil(at / 60_000) * 60_000;
}
