import { parse } from 'csv-parse/sync';
import { currencyExponent } from '../../../shared/domain/money.js';
import { CoreError } from '../errors.js';

/**
 * The lines of a Dalenys transaction export (exportTransactions, exportReconciledTransactions;
 * fact sheet section 8), in either layout of the samples:
 * - `cents` (the older, 2014-02): has a `BILLINGFEESTTC` column; AMOUNT and fees in cents.
 * - `decimal` (the newer, 2014-02-20): `BILLINGFEES INCL. VAT`; AMOUNT and fees decimals in
 *   the currency's units, with a point.
 * Told apart as the samples' own importer does: by whether `BILLINGFEESTTC` exists. Refunds
 * are positive in both; their type says what they are.
 */
export type Layout = 'cents' | 'decimal';

export interface DalenysLine {
  /** 1-based line of the file (the header is line 1). */
  readonly line: number;
  readonly transactionId: string | null;
  readonly orderId: string | null;
  /** OPERATIONTYPE (or NATURE), lower case: payment, capture, refund, credit, chargeback… */
  readonly type: string;
  /** Minor units, positive as in the file. */
  readonly amount: number;
  readonly currency: string;
  /** Fees including VAT, minor units. */
  readonly fees: number;
  /** Four digits (the files write `0` for `0000`). */
  readonly execCode: string;
  /** `YYYY-MM-DD` of DATE, when the file has one. */
  readonly day: string | null;
}

function unknownLayout(detail: string): CoreError {
  return new CoreError('RECONCILE_UNKNOWN_LAYOUT', `This file's columns are not a Dalenys transaction export layout: ${detail}.`);
}

function badLine(line: number, detail: string): CoreError {
  return new CoreError('RECONCILE_UNREADABLE_FILE', `This file cannot be read as a Dalenys export: line ${line}, ${detail}.`);
}

/** `;` in the samples; `,` accepted for a file someone re-saved. */
function delimiterOf(text: string): ';' | ',' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return header.includes(';') || !header.includes(',') ? ';' : ',';
}

/** "74.18" EUR -> 7418, with string arithmetic (never a float). */
function decimalToMinor(text: string, currency: string): number | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const exponent = currencyExponent(currency);
  const fraction = match[3] ?? '';
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) return null;
  const minor = Number(match[2]) * 10 ** exponent + Number((fraction + '0'.repeat(exponent)).slice(0, exponent) || '0');
  return Number.isSafeInteger(minor) ? (match[1] === '-' ? -minor : minor) : null;
}

function centsToMinor(text: string): number | null {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}

export interface ParsedExport {
  readonly layout: Layout;
  readonly lines: readonly DalenysLine[];
}

export function parseExportLines(text: string): ParsedExport {
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_quotes: false, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw new CoreError('RECONCILE_UNREADABLE_FILE', `This file cannot be read as a Dalenys export: ${(error as Error).message}.`);
  }
  const header = (records[0] ?? []).map((name) => name.trim());
  const column = (name: string): number => header.indexOf(name);
  const layout: Layout = column('BILLINGFEESTTC') >= 0 ? 'cents' : 'decimal';
  const fees = layout === 'cents' ? column('BILLINGFEESTTC') : column('BILLINGFEES INCL. VAT');
  const at = {
    transactionId: column('TRANSACTIONID'),
    orderId: column('ORDERID'),
    type: column('OPERATIONTYPE') >= 0 ? column('OPERATIONTYPE') : column('NATURE'),
    amount: column('AMOUNT'),
    currency: column('CURRENCY'),
    execCode: column('EXECCODE'),
    date: column('DATE'),
  };
  const missing = [
    at.transactionId < 0 && at.orderId < 0 ? 'TRANSACTIONID or ORDERID' : null,
    at.type < 0 ? 'OPERATIONTYPE or NATURE' : null,
    at.amount < 0 ? 'AMOUNT' : null,
    at.currency < 0 ? 'CURRENCY' : null,
    at.execCode < 0 ? 'EXECCODE' : null,
    fees < 0 ? 'BILLINGFEESTTC or BILLINGFEES INCL. VAT' : null,
  ].filter((name): name is string => name !== null);
  if (missing.length > 0) throw unknownLayout(`no ${missing.join(', ')} column`);

  const lines: DalenysLine[] = [];
  for (const [index, record] of records.slice(1).entries()) {
    const line = index + 2;
    const cell = (i: number) => (i >= 0 ? (record[i] ?? '').trim() : '');
    const currency = cell(at.currency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw badLine(line, `currency "${cell(at.currency)}" is not a currency code`);
    const toMinor = (value: string) => (layout === 'cents' ? centsToMinor(value) : decimalToMinor(value, currency));
    const amount = toMinor(cell(at.amount));
    if (amount === null) throw badLine(line, `amount "${cell(at.amount)}" is not ${layout === 'cents' ? 'a whole number of cents' : 'a decimal amount'}`);
    const fee = cell(fees) === '' ? 0 : toMinor(cell(fees));
    if (fee === null) throw badLine(line, `fees "${cell(fees)}" are not an amount`);
    const execCode = cell(at.execCode);
    if (!/^\d{1,4}$/.test(execCode)) throw badLine(line, `EXECCODE "${execCode}" is not a code`);
    const transactionId = cell(at.transactionId) || null;
    const orderId = cell(at.orderId) || null;
    if (transactionId === null && orderId === null) throw badLine(line, 'neither TRANSACTIONID nor ORDERID');
    const day = /^\d{4}-\d{2}-\d{2}/.exec(cell(at.date))?.[0] ?? null;
    lines.push({ line, transactionId, orderId, type: cell(at.type).toLowerCase(), amount, currency, fees: fee, execCode: execCode.padStart(4, '0'), day });
  }
  return { layout, lines };
}
