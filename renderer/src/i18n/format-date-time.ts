import type { IntlShape } from 'react-intl';

/** The zone times are shown in: the operator's setting, else this machine's. */
function displayTimeZone(intl: IntlShape): string {
  return intl.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A date and time nobody can misread, with its zone named: the month is spelled (`12 May
 * 2026`, `12 mai 2026`), never `05/12`, and the zone follows (`Europe/Paris`).
 */
export function formatDateTime(intl: IntlShape, epochMs: number, options: { seconds?: boolean } = {}): string {
  const time = intl.formatDate(epochMs, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
  });
  return intl.formatMessage({ id: 'time.withZone' }, { time, zone: displayTimeZone(intl) });
}

/** A time of day with its zone, for today's events (`14:05:12 (Europe/Paris)`). */
export function formatTimeOfDay(intl: IntlShape, epochMs: number): string {
  const time = intl.formatTime(epochMs, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return intl.formatMessage({ id: 'time.withZone' }, { time, zone: displayTimeZone(intl) });
}

/** A minute of today with its zone, for "possible from" (`14:05 (Europe/Paris)`). */
export function formatClockTime(intl: IntlShape, epochMs: number): string {
  const time = intl.formatTime(epochMs, { timeStyle: 'short' });
  return intl.formatMessage({ id: 'time.withZone' }, { time, zone: displayTimeZone(intl) });
}
