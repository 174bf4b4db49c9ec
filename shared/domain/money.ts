/**
 * Money is an integer in the currency's minor unit plus an ISO 4217 code. Amounts typed by
 * an operator are parsed here; they are never floats on the way to the wire.
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  SEK: 2,
  DKK: 2,
  NOK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  RON: 2,
  MAD: 2,
  XPF: 0,
  XOF: 0,
  JPY: 0,
  KRW: 0,
  BHD: 3,
  KWD: 3,
  TND: 3,
};

export function currencyExponent(currency: string): number {
  const known = EXPONENTS[currency];
  if (known !== undefined) return known;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

type AmountProblem = 'empty' | 'format' | 'too_many_decimals' | 'negative' | 'too_large' | 'ambiguous';

/** Largest amount accepted from the keyboard: 10 million in major units. */
export const MAX_MAJOR_UNITS = 10_000_000;

/** The two ways `1,234` or `1.234` can be read, for a message that shows both. */
interface AmbiguousReadings {
  /** Read as grouped thousands, in minor units (`1,234` → 1 234.00). */
  readonly asThousands: number;
  /** Read as decimals, in major units (`1,234` → 1.234), for display only. */
  readonly asDecimals: number;
}

export type ParsedAmount =
  { ok: true; minor: number } | { ok: false; problem: Exclude<AmountProblem, 'ambiguous'> } | { ok: false; problem: 'ambiguous'; readings: AmbiguousReadings };

/** The character the locale groups thousands with (`,` in English; a space in French). */
function groupingSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1234567).find((part) => part.type === 'group')?.value ?? ',';
}

/**
 * Parses `12,50`, `12.50`, `1 234,56`, `1,234.56`, `1.234,56` or `12` into minor units.
 * With both separators, the last is the decimal one. With one kind only, it is decimal when
 * followed by at most the currency's decimals, and grouping only when it splits several groups
 * of three AND is the operator's own grouping character (`1,234,567` in English). A single
 * comma or point followed by exactly three digits (`1,234`, `1.234`) is refused as ambiguous,
 * whatever the locale: it is 1 234 to one operator and 1.234 to another, and guessing wrong
 * charges a thousand times too much or too little. In a currency with three decimals it can
 * only be decimals.
 */
export function parseAmount(input: string, currency: string, locale = 'en'): ParsedAmount {
  const exponent = currencyExponent(currency);
  const text = input.replace(/[\s\u00a0\u202f']/g, '');
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.startsWith('-')) return { ok: false, problem: 'negative' };
  if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return { ok: false, problem: 'format' };

  const lastComma = text.lastIndexOf(',');
  const lastPoint = text.lastIndexOf('.');
  let integer: string;
  let fraction = '';
  if (lastComma >= 0 && lastPoint >= 0) {
    const decimal = lastComma > lastPoint ? ',' : '.';
    const grouping = decimal === ',' ? '.' : ',';
    const at = text.lastIndexOf(decimal);
    integer = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (integer.includes(decimal) || !/^\d{1,3}([.,]\d{3})*$/.test(integer) || integer.includes(grouping === ',' ? '.' : ',')) {
      return { ok: false, problem: 'format' };
    }
    integer = integer.split(grouping).join('');
  } else if (lastComma >= 0 || lastPoint >= 0) {
    const separator = lastComma >= 0 ? ',' : '.';
    const parts = text.split(separator);
    const tail = parts[parts.length - 1] as string;
    const head = parts[0] as string;
    // A leading zero is never grouped: `0,123` can only be decimals.
    const groupable = head.length <= 3 && !head.startsWith('0');
    if (parts.length === 2 && tail.length === 3 && exponent !== 3 && groupable) {
      return { ok: false, problem: 'ambiguous', readings: { asThousands: Number(head + tail) * 10 ** exponent, asDecimals: Number(`${head}.${tail}`) } };
    }
    if (parts.length === 2 && tail.length <= exponent) {
      integer = parts[0] as string;
      fraction = tail;
    } else if (separator === groupingSeparator(locale) && parts.slice(1).every((part) => part.length === 3) && groupable) {
      integer = parts.join('');
    } else if (parts.length === 2) {
      return { ok: false, problem: 'too_many_decimals' };
    } else {
      return { ok: false, problem: 'format' };
    }
  } else {
    integer = text;
  }
  if (fraction.length > exponent) return { ok: false, problem: 'too_many_decimals' };
  if (Number(integer) > MAX_MAJOR_UNITS) return { ok: false, problem: 'too_large' };
  const minor = Number(integer) * 10 ** exponent + Number((fraction + '0'.repeat(exponent)).slice(0, exponent) || '0');
  return { ok: true, minor };
}

/** `12,50 €` in French, `€12.50` in English: Intl, from minor units, never via a float sum. */
export function formatAmount(minor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(
    minor / 10 ** exponent,
  );
}

/** Minor units as an editable number in the operator's locale (`12,50` in French), no grouping: what an amount field is prefilled with. */
export function amountInputText(minor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: exponent, maximumFractionDigits: exponent, useGrouping: false }).format(minor / 10 ** exponent);
}
