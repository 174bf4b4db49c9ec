/**
 * Formula injection (CSV injection): a spreadsheet evaluates a text cell starting with `=`,
 * `+`, `-` or `@` (and some also after a leading tab or carriage return). Any such text cell
 * gets a leading apostrophe, which spreadsheets show as "text" and never evaluate.
 *
 * Only text is guarded. Amounts are written as numbers (JavaScript numbers, never strings), so
 * a refund's `-1250` stays a number a spreadsheet can sum; a number cannot hold a formula.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}
