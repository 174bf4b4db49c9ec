import { CoreError } from '../errors.js';
import { formatLocalDateTime, isTimeZone, nextDay, startOfLocalDay } from '../../../shared/domain/local-time.js';

/** A period of whole days in a time zone, as reports and the headless commands name them. */
export interface ReportPeriod {
  /** `YYYY-MM-DD`, first and last day included. */
  readonly first: string;
  readonly last: string;
  readonly timeZone: string;
  /** created_at >= from, < to (UTC ms): local midnight to local midnight. */
  readonly from: number;
  readonly to: number;
}

export function reportPeriod(first: string, last: string, timeZone: string): ReportPeriod {
  if (!isTimeZone(timeZone)) throw new CoreError('REPORT_INVALID_TIME_ZONE');
  let from: number;
  let to: number;
  try {
    from = startOfLocalDay(first, timeZone);
    to = startOfLocalDay(nextDay(last), timeZone);
  } catch {
    throw new CoreError('REPORT_INVALID_PERIOD');
  }
  if (to <= from) throw new CoreError('REPORT_INVALID_PERIOD');
  return { first, last, timeZone, from, to };
}

/** The days of a UTC range in a zone, for a file name: the last day is the one `to` ends. */
export function periodDays(from: number, to: number, timeZone: string): { first: string; last: string } {
  return { first: formatLocalDateTime(from, timeZone).slice(0, 10), last: formatLocalDateTime(to - 1, timeZone).slice(0, 10) };
}
