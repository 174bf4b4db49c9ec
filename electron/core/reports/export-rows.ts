import type { OperationStatus } from '../../../shared/domain/operation-status.js';
import { AMOUNT_UNITS } from './export-spec.js';
import { formatLocalDateTime } from '../../../shared/domain/local-time.js';

/** One exported operation, as the export worker reads it (no card data beyond the last four). */
export interface ExportRow {
  readonly created_at: number;
  readonly account: string;
  readonly type: string;
  readonly status: string;
  readonly expires_at: number | null;
  readonly amount: number;
  readonly currency: string;
  readonly order_id: string;
  readonly transaction_id: string | null;
  readonly exec_code: string | null;
  readonly brand: string | null;
  readonly last4: string | null;
  readonly customer_name: string | null;
  readonly operator: string | null;
  readonly description: string | null;
}

/** The columns the SELECT reads; `o` is operations, `a` accounts. */
export const EXPORT_SELECT = `SELECT o.created_at, a.name AS account, o.type, o.status, o.expires_at, o.amount, o.currency, o.order_id,
  o.transaction_id, o.exec_code, o.brand, o.last4, o.customer_name, o.operator, o.description
  FROM operations o JOIN accounts a ON a.id = o.account_id`;

/** A cell: text (guarded in CSV), or a number a spreadsheet can sum. */
export type Cell = string | number;

/** Headers name the zone and the units, so the file explains itself wherever it goes. */
export function exportHeaders(timeZone: string): string[] {
  return [
    `Date (${timeZone})`,
    'Account',
    'Type',
    'Status',
    `Amount (${AMOUNT_UNITS})`,
    `Signed amount (${AMOUNT_UNITS})`,
    'Currency',
    'ORDERID',
    'TRANSACTIONID',
    'EXECCODE',
    'Brand',
    'Card',
    'Customer',
    'Operator',
    'Description',
  ];
}

/** Money going back to the customer counts against the merchant. */
function signedAmount(type: string, amount: number): number {
  return type === 'refund' || type === 'credit' ? -amount : amount;
}

/** The stored status, with an authorization past its 7 days read as expired (as every read does). */
function statusAt(row: ExportRow, now: number): OperationStatus {
  if (row.status === 'authorized' && row.expires_at !== null && now >= row.expires_at) return 'expired';
  return row.status as OperationStatus;
}

/** The card as an export shows it: the last four only. */
function maskedCard(last4: string | null): string {
  return last4 === null ? '' : `**** ${last4}`;
}

export function exportCells(row: ExportRow, timeZone: string, now: number): Cell[] {
  return [
    formatLocalDateTime(row.created_at, timeZone),
    row.account,
    row.type,
    statusAt(row, now),
    row.amount,
    signedAmount(row.type, row.amount),
    row.currency,
    row.order_id,
    row.transaction_id ?? '',
    row.exec_code ?? '',
    row.brand ?? '',
    maskedCard(row.last4),
    row.customer_name ?? '',
    row.operator ?? '',
    row.description ?? '',
  ];
}
