/**
 * Value formats of the export files and of getTransactions `DATA` (fact sheet sections 4 and 8):
 * dates as `YYYY-MM-DD HH:MM:SS` in the requested TIMEZONE (UTC by default), amounts as a
 * decimal with a point in the currency's units, EXECCODE without leading zeros (`0`).
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, format);
  }
  return format;
}

export function formatDateTime(epochMs: number, timeZone = 'UTC'): string {
  const parts: Record<string, string> = {};
  for (const part of dateTimeFormat(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDay(epochMs: number, timeZone = 'UTC'): string {
  return formatDateTime(epochMs, timeZone).slice(0, 10);
}

const fractionDigitsCache = new Map<string, number>();

function currencyDigits(currency: string): number {
  let digits = fractionDigitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    fractionDigitsCache.set(currency, digits);
  }
  return digits;
}

/** 12390 EUR -> "123.90"; integer arithmetic only, so no float rounding. */
export function formatDecimalAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const absolute = String(Math.abs(minor));
  if (digits === 0) return `${sign}${absolute}`;
  const padded = absolute.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** "0000" -> "0", "4001" -> "4001", as in getTransactions rows and the CSV samples. */
export function formatExecCode(code: string): string {
  return String(Number(code));
}
