import type { OperationType } from '../../../shared/domain/operation-type.js';
import type { OperationStatus } from '../../../shared/domain/operation-status.js';
import type { ConfirmationState } from './confirmation-sql.js';
import type { Operation } from './types.js';

/**
 * History and report queries. Every field of a filter is optional and they combine with AND;
 * list fields match any of their values. Plain data only: these cross to reader workers.
 */
export interface OperationFilter {
  /** created_at >= from (UTC ms). */
  readonly from?: number;
  /** created_at < to (UTC ms). */
  readonly to?: number;
  /** `authorized` and `expired` are told apart with the journal's clock. */
  readonly statuses?: readonly OperationStatus[];
  readonly types?: readonly OperationType[];
  readonly accountIds?: readonly number[];
  readonly operators?: readonly string[];
  readonly currencies?: readonly string[];
  /** Inclusive bounds, minor units. */
  readonly amountMin?: number;
  readonly amountMax?: number;
  /** As the gateway spells CARDTYPE (`visa`, `mastercard`, …). */
  readonly brands?: readonly string[];
  readonly last4?: string;
  /** Exact. */
  readonly orderId?: string;
  /** Exact. */
  readonly transactionId?: string;
  /** Exact, case-insensitive. */
  readonly customerIdent?: string;
  /** Exact, case-insensitive. */
  readonly customerEmail?: string;
  /** Words, each matching the start of a word of the customer name (accents ignored). */
  readonly customerName?: string;
  /**
   * Free text over ORDERID, TRANSACTIONID, customer ident/email/name, holder name and
   * description: every word must match the start of a word (accents and case ignored).
   */
  readonly text?: string;
  /** Follow-ups of one operation. */
  readonly parentId?: number;
  /** What the gateway's record says so far (the confirmation rule, read from the events). */
  readonly confirmations?: readonly ConfirmationState[];
}

export type SortField = 'date' | 'amount';
type SortDirection = 'asc' | 'desc';

export interface OperationSort {
  readonly by: SortField;
  readonly direction: SortDirection;
}

export const DEFAULT_SORT: OperationSort = { by: 'date', direction: 'desc' };
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface OperationPageQuery {
  readonly filter?: OperationFilter;
  /** Default: newest first. Ties are broken by id, so pages never skip or repeat a row. */
  readonly sort?: OperationSort;
  /** 1..500, default 50. */
  readonly limit?: number;
  /** `nextCursor` of the previous page, for the same filter and sort. */
  readonly cursor?: string | null;
}

export interface OperationPage {
  readonly items: readonly Operation[];
  /** Opaque; null on the last page. */
  readonly nextCursor: string | null;
}

interface CurrencyTotal {
  readonly currency: string;
  readonly count: number;
  /** Sum of `amount` (minor units) of the matching operations, whatever their type. */
  readonly amount: number;
}

export interface FilterTotals {
  readonly count: number;
  readonly byCurrency: readonly CurrencyTotal[];
}

export type SummaryDimension = 'day' | 'currency' | 'status' | 'type' | 'brand' | 'operator' | 'account';

export interface SummarySpec {
  /** created_at >= from. */
  readonly from: number;
  /** created_at < to. */
  readonly to: number;
  readonly groupBy: SummaryDimension;
  /** Further narrowing; its from/to are ignored in favour of the spec's. */
  readonly filter?: OperationFilter;
  /** IANA zone for `day` (default `UTC`); days are cut at local midnight. */
  readonly timeZone?: string;
}

export interface SummaryRow {
  /** Day `YYYY-MM-DD`, currency, status, type, brand, operator, or account id (as text). Null: not set. */
  readonly key: string | null;
  readonly currency: string;
  readonly count: number;
  readonly amount: number;
}

/** Everything a reader can be asked, on the owner thread or in a worker. */
export type ReadRequest =
  | { readonly kind: 'page'; readonly query: OperationPageQuery }
  | { readonly kind: 'count'; readonly filter: OperationFilter }
  | { readonly kind: 'totals'; readonly filter: OperationFilter }
  | { readonly kind: 'summary'; readonly spec: SummarySpec }
  /** SQLite's quick check of the whole file: what it finds wrong, or nothing. */
  | { readonly kind: 'integrity' };

export type ReadResult<R extends ReadRequest> = R extends { kind: 'page' }
  ? OperationPage
  : R extends { kind: 'count' }
    ? number
    : R extends { kind: 'totals' }
      ? FilterTotals
      : R extends { kind: 'summary' }
        ? readonly SummaryRow[]
        : R extends { kind: 'integrity' }
          ? readonly string[]
          : never;
