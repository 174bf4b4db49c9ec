import { createHash } from 'node:crypto';
import { OPERATION_TYPES } from '../../../shared/domain/operation-type.js';
import { isOperationStatus, type OperationStatus } from '../../../shared/domain/operation-status.js';
import { confirmationSql, type ConfirmationState } from './confirmation-sql.js';
import { JournalError } from './journal-error.js';
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_SORT,
  MAX_PAGE_SIZE,
  type OperationFilter,
  type OperationPageQuery,
  type OperationSort,
  type SortField,
  type SummaryDimension,
} from './query-types.js';

/**
 * Turns query specs into SQL. Values always travel as bound parameters; only column names
 * chosen from fixed tables here are spliced into the text.
 */

export type SqlValue = string | number;

export interface WhereClause {
  readonly conditions: string[];
  readonly params: SqlValue[];
}

function invalid(detail: string): JournalError {
  return new JournalError('JOURNAL_INVALID_QUERY', detail);
}

function integer(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value)) throw invalid(`${name} must be an integer`);
  return value;
}

function text(name: string, value: string | undefined, max = 255): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) throw invalid(`${name} must be a string of at most ${max}`);
  return value;
}

function list<T>(name: string, values: readonly T[] | undefined, check: (value: unknown) => value is T): readonly T[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.length > 100 || !values.every(check)) throw invalid(`${name} is not a valid list`);
  return values;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length <= 255;
const isId = (v: unknown): v is number => Number.isSafeInteger(v);
const CONFIRMATION_STATES: readonly string[] = ['none', 'awaiting', 'confirmed', 'discrepancy', 'not_found_yet', 'not_found'] satisfies ConfirmationState[];
const isConfirmation = (v: unknown): v is ConfirmationState => typeof v === 'string' && CONFIRMATION_STATES.includes(v);
const isType = (v: unknown): v is (typeof OPERATION_TYPES)[number] => typeof v === 'string' && (OPERATION_TYPES as readonly string[]).includes(v);

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/**
 * FTS5 query: every word must start a token (one-character words must be a whole token).
 * Each word becomes a quoted phrase (so the user's
 * punctuation cannot form FTS5 syntax) with a prefix star; words without a letter or digit are
 * dropped, as the tokenizer would drop them too.
 */
function ftsQuery(input: string): string | null {
  const terms = input
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, 16)
    // A one-character prefix would merge the posting lists of most of the vocabulary.
    .map((word) => `"${word.replace(/"/g, '""')}"${[...word].length > 1 ? '*' : ''}`);
  return terms.length === 0 ? null : terms.join(' ');
}

/** Status filter, with `authorized` and `expired` told apart by the clock (see rows.statusAt). */
function statusCondition(statuses: readonly OperationStatus[], now: number, params: SqlValue[], p: string): string {
  const plain = statuses.filter((s) => s !== 'authorized' && s !== 'expired');
  const parts: string[] = [];
  if (plain.length > 0) {
    parts.push(`${p}status IN (${placeholders(plain.length)})`);
    params.push(...plain);
  }
  if (statuses.includes('authorized')) {
    parts.push(`(${p}status = 'authorized' AND (${p}expires_at IS NULL OR ${p}expires_at > ?))`);
    params.push(now);
  }
  if (statuses.includes('expired')) {
    parts.push(`(${p}status = 'expired' OR (${p}status = 'authorized' AND ${p}expires_at <= ?))`);
    params.push(now);
  }
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`;
}

export interface WhereOptions {
  /** Qualify columns with this table alias (needed when joined with the FTS table). */
  readonly alias?: string;
  /** Leave the full-text part out of the conditions (the caller joins the FTS table itself). */
  readonly matchByJoin?: boolean;
}

export interface WhereClause {
  readonly conditions: string[];
  readonly params: SqlValue[];
  /** The FTS5 expression of `text` and `customerName`, or null. */
  readonly match: string | null;
}

export function whereClause(filter: OperationFilter, now: number, options: WhereOptions = {}): WhereClause {
  const p = options.alias ? `${options.alias}.` : '';
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  const from = integer('from', filter.from);
  const to = integer('to', filter.to);
  if (from !== undefined) {
    conditions.push(`${p}created_at >= ?`);
    params.push(from);
  }
  if (to !== undefined) {
    conditions.push(`${p}created_at < ?`);
    params.push(to);
  }
  const statuses = list('statuses', filter.statuses, isOperationStatus);
  if (statuses && statuses.length > 0) conditions.push(statusCondition(statuses, now, params, p));
  const simpleLists: Array<[string, readonly SqlValue[] | undefined]> = [
    ['type', list('types', filter.types, isType)],
    ['account_id', list('accountIds', filter.accountIds, isId)],
    ['operator', list('operators', filter.operators, isString)],
    ['currency', list('currencies', filter.currencies, isString)],
    ['brand', list('brands', filter.brands, isString)],
  ];
  for (const [column, values] of simpleLists) {
    if (!values || values.length === 0) continue;
    conditions.push(values.length === 1 ? `${p}${column} = ?` : `${p}${column} IN (${placeholders(values.length)})`);
    params.push(...values);
  }
  const amountMin = integer('amountMin', filter.amountMin);
  const amountMax = integer('amountMax', filter.amountMax);
  if (amountMin !== undefined) {
    conditions.push(`${p}amount >= ?`);
    params.push(amountMin);
  }
  if (amountMax !== undefined) {
    conditions.push(`${p}amount <= ?`);
    params.push(amountMax);
  }
  const exact: Array<[string, string | undefined]> = [
    [`${p}last4 = ?`, text('last4', filter.last4, 4)],
    [`${p}order_id = ?`, text('orderId', filter.orderId, 40)],
    [`${p}transaction_id = ?`, text('transactionId', filter.transactionId, 64)],
    [`${p}customer_ident = ? COLLATE NOCASE`, text('customerIdent', filter.customerIdent)],
    [`${p}customer_email = ? COLLATE NOCASE`, text('customerEmail', filter.customerEmail)],
  ];
  for (const [condition, value] of exact) {
    if (value === undefined) continue;
    conditions.push(condition);
    params.push(value);
  }
  const parentId = integer('parentId', filter.parentId);
  if (parentId !== undefined) {
    conditions.push(`${p}parent_id = ?`);
    params.push(parentId);
  }
  const confirmations = list('confirmations', filter.confirmations, isConfirmation);
  if (confirmations && confirmations.length > 0) {
    const parts = [...new Set(confirmations)].map((state) => confirmationSql(state, `${p || 'operations.'}id`));
    conditions.push(parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`);
  }
  const match = matchExpression(text('text', filter.text, 500), text('customerName', filter.customerName));
  if (match !== null && !options.matchByJoin) {
    conditions.push(`${p}id IN (SELECT rowid FROM operations_fts WHERE operations_fts MATCH ?)`);
    params.push(match);
  }
  return { conditions, params, match };
}

function matchExpression(freeText: string | undefined, customerName: string | undefined): string | null {
  const parts: string[] = [];
  const all = freeText === undefined ? null : ftsQuery(freeText);
  if (all !== null) parts.push(all);
  const name = customerName === undefined ? null : ftsQuery(customerName);
  if (name !== null) parts.push(`customer_name : (${name})`);
  return parts.length === 0 ? null : parts.join(' AND ');
}

export function whereSql(clause: { conditions: readonly string[] }): string {
  return clause.conditions.length === 0 ? '' : `WHERE ${clause.conditions.join(' AND ')}`;
}

/** Statuses few operations have at any time: their own index finds them faster than a scan. */
const RARE_STATUSES: ReadonlySet<OperationStatus> = new Set(['sending', 'pending', 'unknown', 'authorized']);
const NARROW_AMOUNT_RANGE = 100;
const NARROW_DATE_RANGE_MS = 14 * 86_400_000;

/**
 * True when the filter has a predicate that only a few rows match, which an index finds
 * directly (ORDERID, a last four, one customer…). Otherwise the query planner tends to pick a
 * low-selectivity index and then sort hundreds of thousands of rows; walking an index that is
 * already in the requested order and stopping after one page is far cheaper.
 */
export function hasSelectivePredicate(filter: OperationFilter, sortBy: SortField): boolean {
  if (
    filter.orderId !== undefined ||
    filter.transactionId !== undefined ||
    filter.last4 !== undefined ||
    filter.customerIdent !== undefined ||
    filter.customerEmail !== undefined ||
    filter.parentId !== undefined
  ) {
    return true;
  }
  if (filter.statuses && filter.statuses.length > 0 && filter.statuses.every((s) => RARE_STATUSES.has(s))) return true;
  if (filter.amountMin !== undefined && filter.amountMax !== undefined && filter.amountMax - filter.amountMin <= NARROW_AMOUNT_RANGE) {
    return true;
  }
  return sortBy === 'amount' && filter.from !== undefined && filter.to !== undefined && filter.to - filter.from <= NARROW_DATE_RANGE_MS;
}

/** Filter fields the covering index `operations_report` holds. */
const REPORT_INDEX_FIELDS: ReadonlySet<string> = new Set([
  'from',
  'to',
  'statuses',
  'types',
  'accountIds',
  'operators',
  'currencies',
  'amountMin',
  'amountMax',
  'brands',
]);

export function coveredByReportIndex(filter: OperationFilter): boolean {
  return Object.entries(filter).every(([key, value]) => value === undefined || REPORT_INDEX_FIELDS.has(key));
}

const SORT_COLUMN = { date: 'created_at', amount: 'amount' } as const;

interface CursorBody {
  readonly s: string;
  readonly k: [number, number];
  readonly f: string;
}

function sortKey(sort: OperationSort): string {
  return `${sort.by}:${sort.direction}`;
}

function fingerprint(filter: OperationFilter): string {
  const canonical = JSON.stringify(filter, Object.keys(filter).sort());
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

export function encodeCursor(sort: OperationSort, filter: OperationFilter, key: [number, number]): string {
  const body: CursorBody = { s: sortKey(sort), k: key, f: fingerprint(filter) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function decodeCursor(cursor: string, sort: OperationSort, filter: OperationFilter): [number, number] {
  let body: CursorBody;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody;
  } catch {
    throw new JournalError('JOURNAL_INVALID_CURSOR', 'unreadable');
  }
  const key = body?.k;
  if (body?.s !== sortKey(sort) || body.f !== fingerprint(filter) || !Array.isArray(key) || key.length !== 2 || !key.every((v) => Number.isSafeInteger(v))) {
    throw new JournalError('JOURNAL_INVALID_CURSOR', 'other filter or sort');
  }
  return key;
}

export interface PagePlan {
  readonly sql: string;
  readonly params: SqlValue[];
  readonly limit: number;
  readonly sort: OperationSort;
  readonly filter: OperationFilter;
}

/** Above this many full-text matches, sorting them all costs more than walking an index in order. */
const MANY_MATCHES = 2000;

/**
 * The SQL of one page. Three shapes:
 * - full text sorted by date: the FTS table drives, in rowid order. Valid because the journal
 *   keeps ids in the order of created_at (see `Journal.recordIntent`), so only one page of
 *   matches is ever read, however common the words;
 * - no selective predicate: walk the index already in the requested order (`operations_report`
 *   for dates, `operations_amount` for amounts), checking the filter as it goes;
 * - otherwise: SQLite's planner, with stat4 statistics from ANALYZE.
 * `countMatches` tells how many rows a full-text expression matches (for amount sorts).
 */
export function pagePlan(query: OperationPageQuery, columns: string, now: number, countMatches: (match: string) => number): PagePlan {
  const filter = query.filter ?? {};
  const sort = query.sort ?? DEFAULT_SORT;
  if (!(sort.by in SORT_COLUMN) || (sort.direction !== 'asc' && sort.direction !== 'desc')) throw invalid('sort');
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw invalid('limit');
  const cursor = query.cursor ? decodeCursor(query.cursor, sort, filter) : null;
  const direction = sort.direction.toUpperCase();
  const comparison = sort.direction === 'desc' ? '<' : '>';
  const probe = whereClause(filter, now, { matchByJoin: true });

  if (probe.match !== null && sort.by === 'date') {
    const clause = whereClause(filter, now, { alias: 'o', matchByJoin: true });
    const conditions = ['operations_fts MATCH ?', ...clause.conditions];
    const params: SqlValue[] = [probe.match, ...clause.params];
    if (filter.from !== undefined) {
      conditions.push('operations_fts.rowid >= (SELECT id FROM operations WHERE created_at >= ? ORDER BY created_at, id LIMIT 1)');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      conditions.push('operations_fts.rowid <= (SELECT id FROM operations WHERE created_at < ? ORDER BY created_at DESC, id DESC LIMIT 1)');
      params.push(filter.to);
    }
    if (cursor) {
      conditions.push(`operations_fts.rowid ${comparison} ?`);
      params.push(cursor[1]);
    }
    const qualified = columns
      .split(',')
      .map((c) => `o.${c.trim()}`)
      .join(', ');
    const sql = `SELECT ${qualified} FROM operations_fts JOIN operations o ON o.id = operations_fts.rowid
      WHERE ${conditions.join(' AND ')} ORDER BY operations_fts.rowid ${direction} LIMIT ?`;
    return { sql, params: [...params, limit + 1], limit, sort, filter };
  }

  const clause = whereClause(filter, now);
  const column = SORT_COLUMN[sort.by];
  let source = 'operations';
  const manyMatches = probe.match !== null && countMatches(probe.match) > MANY_MATCHES;
  if (probe.match === null ? !hasSelectivePredicate(filter, sort.by) : manyMatches && !hasSelectivePredicate(filter, sort.by)) {
    source = sort.by === 'date' ? 'operations INDEXED BY operations_report' : 'operations INDEXED BY operations_amount';
  }
  if (cursor) {
    clause.conditions.push(`(${column}, id) ${comparison} (?, ?)`);
    clause.params.push(cursor[0], cursor[1]);
  }
  const sql = `SELECT ${columns} FROM ${source} ${whereSql(clause)} ORDER BY ${column} ${direction}, id ${direction} LIMIT ?`;
  return { sql, params: [...clause.params, limit + 1], limit, sort, filter };
}

export function cursorKey(sort: OperationSort, row: { created_at: number; amount: number; id: number }): [number, number] {
  return [sort.by === 'date' ? row.created_at : row.amount, row.id];
}

/** Columns summaries group by, all in the covering index `operations_report`. */
export const SUMMARY_KEY: Record<Exclude<SummaryDimension, 'day'>, string> = {
  currency: 'currency',
  /** Binds one parameter: now. */
  status: `CASE WHEN status = 'authorized' AND expires_at <= ? THEN 'expired' ELSE status END`,
  type: 'type',
  brand: 'brand',
  operator: 'operator',
  account: 'CAST(account_id AS TEXT)',
};
