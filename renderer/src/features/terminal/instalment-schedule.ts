import { amountInputText, parseAmount } from '../../../../shared/domain/money.js';
import type { InstalmentDraft, InstalmentSummary } from '../../state/terminal-store.js';

/** Gateway rules for AMOUNTS: 2 to 12 dates, the first today (UTC), the last at most 90 days later. */
export const MIN_INSTALMENTS = 2;
export const MAX_INSTALMENTS = 12;
const MAX_SCHEDULE_DAYS = 90;
const DAY = 86_400_000;

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Even split (the first instalment takes the remainder), monthly or tighter to fit 90 days. */
export function defaultSchedule(total: number, count: number, now: number, currency: string, locale: string): InstalmentDraft[] {
  const step = Math.min(30, Math.floor(MAX_SCHEDULE_DAYS / (count - 1)));
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, index) => ({
    date: isoDate(now + index * step * DAY),
    amountText: amountInputText(index === 0 ? total - base * (count - 1) : base, currency, locale),
  }));
}

type ScheduleProblem = 'count' | 'first_not_today' | 'order' | 'span' | 'sum' | 'after_expiry';
type RowProblem = 'date' | 'amount';

export interface ScheduleCheck {
  readonly schedule?: ScheduleProblem;
  readonly rows: readonly (RowProblem | undefined)[];
  /** Sum of the rows that parse, in minor units, to show how far off the total is. */
  readonly sum: number;
  readonly parsed: readonly { date: string; amount: number }[];
}

/**
 * Checks a schedule against the amount being charged. `expiryWire` (`MM-YY`), when known,
 * must cover the last date: the gateway refuses a schedule that outlives the card (1002).
 */
export function checkSchedule(
  rows: readonly InstalmentDraft[],
  total: number,
  currency: string,
  locale: string,
  now: number,
  expiryWire?: string,
): ScheduleCheck {
  const parsed: { date: string; amount: number }[] = [];
  const problems: (RowProblem | undefined)[] = rows.map((row) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date) || Number.isNaN(Date.parse(`${row.date}T00:00:00Z`))) return 'date';
    const amount = parseAmount(row.amountText, currency, locale);
    if (!amount.ok || amount.minor <= 0) return 'amount';
    parsed.push({ date: row.date, amount: amount.minor });
    return undefined;
  });
  const sum = parsed.reduce((total, row) => total + row.amount, 0);
  const result = (schedule?: ScheduleProblem): ScheduleCheck => (schedule ? { schedule, rows: problems, sum, parsed } : { rows: problems, sum, parsed });
  if (rows.length < MIN_INSTALMENTS || rows.length > MAX_INSTALMENTS) return result('count');
  if (problems.some(Boolean)) return result();
  const times = parsed.map((row) => Date.parse(`${row.date}T00:00:00Z`));
  if (parsed[0]?.date !== isoDate(now)) return result('first_not_today');
  if (times.some((time, index) => index > 0 && time <= (times[index - 1] as number))) return result('order');
  if ((times[times.length - 1] as number) - (times[0] as number) > MAX_SCHEDULE_DAYS * DAY) return result('span');
  if (sum !== total) return result('sum');
  if (expiryWire) {
    const [month, year] = expiryWire.split('-').map(Number) as [number, number];
    if ((times[times.length - 1] as number) >= Date.UTC(2000 + year, month, 1)) return result('after_expiry');
  }
  return result();
}

/** "€33.34 today, then 2 more; €100.00 in total": the first instalment, how many follow, the sum. */
export function summarizeSchedule(rows: readonly { readonly amount: number }[]): InstalmentSummary {
  return { first: rows[0]?.amount ?? 0, more: Math.max(0, rows.length - 1), total: rows.reduce((sum, row) => sum + row.amount, 0) };
}
