import type { ExecCategory } from '../../../shared/domain/exec-category.js';
import { execCategory, normalizeExecCode } from '../../../shared/domain/exec-code-meanings.js';
import { maskCardNumber } from './redaction.js';

/**
 * The gateway's JSON answer (fact sheet section 4) as a typed value. Only the shape is
 * checked here; what the EXECCODE means is `exec-code-meanings.ts`'s business.
 */
interface GatewayCardInfo {
  readonly type?: string;
  readonly network?: string;
  /** ISO alpha-2. */
  readonly country?: string;
  /** Masked by the gateway (`XXXXXXXXXXXX1234`), and re-masked here if it ever is not. */
  readonly maskedNumber?: string;
  readonly validityDate?: string;
  readonly holder?: string;
}

/** One row of a synchronous getTransactions answer. */
export interface GatewayTransactionRow {
  readonly transactionId?: string;
  readonly orderId?: string;
  /** Lower case. */
  readonly operationType?: string;
  /** Normalised to four digits: rows carry `0` for `0000`. */
  readonly execCode?: string;
  readonly message?: string;
  /** As given: a decimal string in currency units, e.g. "123.90". */
  readonly amount?: string;
  readonly currency?: string;
  /** "YYYY-MM-DD HH:MM:SS" in the requested time zone (UTC by default). */
  readonly date?: string;
  readonly alias?: string;
  /** Every column of the row as text (card numbers masked). */
  readonly fields: Readonly<Record<string, string>>;
}

export interface GatewayResponse {
  /** Four digits. */
  readonly execCode: string;
  readonly category: ExecCategory;
  readonly message: string;
  /** Lower case (the 2013 doc shows upper case; compare case-insensitively). */
  readonly operationType?: string;
  readonly transactionId?: string;
  readonly alias?: string;
  readonly descriptor?: string;
  readonly card?: GatewayCardInfo;
  /** Base64 HTML to show for 3-D Secure (0001). */
  readonly threeDSecureHtml?: string;
  /** Base64 HTML for a redirection (0002). */
  readonly redirectHtml?: string;
  /** 3-D Secure in raw display mode: where to POST `redirectPostParams` (URL-encoded). */
  readonly redirectUrl?: string;
  readonly redirectPostParams?: string;
  readonly scheduleId?: string;
  readonly schemeTransactionId?: string;
  /** getTransactions without MAILTO/CALLBACKURL. */
  readonly transactions?: readonly GatewayTransactionRow[];
  /** Every top-level scalar field as text (card numbers masked), for the journal. */
  readonly fields: Readonly<Record<string, string>>;
}

/** `other_operation`: OPERATIONTYPE names another method than the one asked, so it answers something else. */
export type ParseProblem = 'not_json' | 'not_object' | 'no_execcode' | 'other_operation';

export type ParsedBody = { readonly ok: true; readonly response: GatewayResponse } | { readonly ok: false; readonly problem: ParseProblem };

/** Never kept from an answer, should a gateway ever echo them. */
const DROPPED_FIELDS = new Set(['CARDCVV', 'HASH', 'PASSWORD']);

function scalarFields(source: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED_FIELDS.has(key)) continue;
    if (typeof value === 'string') fields[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') fields[key] = String(value);
  }
  if (fields.CARDCODE !== undefined) fields.CARDCODE = maskCardNumber(fields.CARDCODE);
  return fields;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Optional<T> = { -readonly [K in keyof T]?: T[K] };

/** Copies only the fields that are present and non-empty, so absent stays absent. */
function pick<K extends string>(fields: Record<string, string>, map: Readonly<Record<K, string>>): Optional<Record<K, string>> {
  const out: Optional<Record<K, string>> = {};
  for (const key of Object.keys(map) as K[]) {
    const value = fields[map[key]];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

function parseRow(row: Record<string, unknown>): GatewayTransactionRow {
  const fields = scalarFields(row);
  const picked = pick(fields, {
    transactionId: 'TRANSACTIONID',
    orderId: 'ORDERID',
    operationType: 'OPERATIONTYPE',
    execCode: 'EXECCODE',
    message: 'MESSAGE',
    amount: 'AMOUNT',
    currency: 'CURRENCY',
    date: 'DATE',
    alias: 'ALIAS',
  });
  return {
    ...picked,
    ...(picked.operationType ? { operationType: picked.operationType.toLowerCase() } : {}),
    ...(picked.execCode ? { execCode: normalizeExecCode(picked.execCode) } : {}),
    fields,
  };
}

/**
 * Reads an answer to a call of `method` (when given). OPERATIONTYPE, when the answer carries
 * one, must name that method, in any case (fact sheet Q13: upper case in one example, lower
 * case elsewhere); an answer about another operation is no answer to this request.
 */
export function parseGatewayBody(body: string, method?: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'not_json' };
  }
  if (!isRecord(value)) return { ok: false, problem: 'not_object' };
  // A gateway answer carries EXECCODE as a four-digit string (fact sheet section 4); a number,
  // a short code or padding is something else speaking (a proxy, a stub), not the gateway.
  const rawCode = value.EXECCODE;
  if (typeof rawCode !== 'string' || !/^[0-9]{4}$/.test(rawCode)) return { ok: false, problem: 'no_execcode' };
  const execCode = rawCode;
  const rawType = value.OPERATIONTYPE;
  if (method !== undefined && rawType !== undefined && (typeof rawType !== 'string' || rawType.toLowerCase() !== method.toLowerCase())) {
    return { ok: false, problem: 'other_operation' };
  }
  const fields = scalarFields(value);
  const top = pick(fields, {
    operationType: 'OPERATIONTYPE',
    transactionId: 'TRANSACTIONID',
    alias: 'ALIAS',
    descriptor: 'DESCRIPTOR',
    threeDSecureHtml: '3DSECUREHTML',
    redirectHtml: 'REDIRECTHTML',
    redirectUrl: 'REDIRECTURL',
    redirectPostParams: 'REDIRECTPOSTPARAMS',
    scheduleId: 'SCHEDULEID',
    schemeTransactionId: 'SCHEMETRANSACTIONID',
  });
  const card = pick(fields, {
    type: 'CARDTYPE',
    network: 'CARDNETWORK',
    country: 'CARDCOUNTRY',
    maskedNumber: 'CARDCODE',
    validityDate: 'CARDVALIDITYDATE',
    holder: 'CARDFULLNAME',
  });
  // A list with anything but row objects in it is not the rows of an answer.
  const rows = Array.isArray(value.DATA) && value.DATA.every(isRecord) ? value.DATA.map(parseRow) : undefined;
  const response: GatewayResponse = {
    ...top,
    execCode,
    category: execCategory(execCode),
    message: fields.MESSAGE ?? '',
    ...(top.operationType ? { operationType: top.operationType.toLowerCase() } : {}),
    ...(Object.keys(card).length > 0 ? { card } : {}),
    ...(rows ? { transactions: rows } : {}),
    fields,
  };
  return { ok: true, response };
}

/** What a getTransactions asked about: ORDERIDs, or else TRANSACTIONIDs. */
export interface LookupQuery {
  readonly orderIds?: readonly string[];
  readonly transactionIds?: readonly string[];
}

/**
 * The rows of a synchronous getTransactions answer that name one of the ids `asked` (by the
 * kind of id asked), or undefined when the answer says nothing about those ids: another
 * EXECCODE than 0000, no DATA list, or rows none of which names an id asked (a broken
 * gateway or proxy answering another question, rows without the id). Only an answer about
 * the ids asked can show that one is absent: taken as "not found", such an answer would let
 * the secondary host charge a second time, or call a charged payment failed. Rows of other
 * ids beside ours (an ORDERID that begins like ours) are left out.
 */
export function lookupRows(response: GatewayResponse, asked: LookupQuery): readonly GatewayTransactionRow[] | undefined {
  const rows = response.execCode === '0000' ? response.transactions : undefined;
  if (rows === undefined) return undefined;
  const byOrderId = asked.orderIds !== undefined;
  const ids = new Set(byOrderId ? asked.orderIds : (asked.transactionIds ?? []));
  const ours = rows.filter((row) => ids.has((byOrderId ? row.orderId : row.transactionId) ?? ''));
  return ours.length === 0 && rows.length > 0 ? undefined : ours;
}
