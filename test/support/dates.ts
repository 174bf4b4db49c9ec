/**
 * Dates in tests are stated relative to a clock, never as a fixed year: a test on the real clock
 * uses today (the default `now`), a test that injects its own clock passes that clock's time.
 * So a card keyed "valid" stays valid, and a date meant as "past" stays past, whenever it runs.
 */

const DAY = 86_400_000;

/** A card expiry as sent on the wire (`MM-YY`), `years` ahead of `now`: a card still valid then. */
export function cardExpiry(now: number = Date.now(), years = 3): string {
  const at = new Date(now);
  return `${String(at.getUTCMonth() + 1).padStart(2, '0')}-${String((at.getUTCFullYear() + years) % 100).padStart(2, '0')}`;
}

/** The same expiry as an operator types it on the screen (`MM/YY`). */
export function typedCardExpiry(now: number = Date.now(), years = 3): string {
  return cardExpiry(now, years).replace('-', '/');
}

/** `YYYY-MM-DD`, UTC, `days` after `at` (negative: before). */
export function utcDay(at: number = Date.now(), days = 0): string {
  return new Date(at + days * DAY).toISOString().slice(0, 10);
}
