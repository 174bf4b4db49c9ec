/**
 * Above this amount (minor units) a charge needs an extra confirmation that repeats the
 * amount in words. Set per account by an administrator; €5,000 when never set.
 */
export const DEFAULT_LARGE_AMOUNT_THRESHOLD = 500_000;

/** The one rule, read by core (which refuses an unconfirmed charge) and by the review step. */
export function needsLargeAmountConfirmation(amount: number, threshold: number): boolean {
  return amount > threshold;
}
