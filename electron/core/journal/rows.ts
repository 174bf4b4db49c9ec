import type { OperationType } from '../../../shared/domain/operation-type.js';
import type { OperationStatus } from '../../../shared/domain/operation-status.js';
import type { Account, Environment, EventKind, JournalEvent, JsonObject, Operation } from './types.js';

/** SQLite rows as stored (snake_case) and their mapping to the public records. */

export interface AccountRow {
  id: number;
  name: string;
  identifier: string;
  environment: string;
  currency: string;
  settings: string;
  order_id_prefix: string;
  order_id_counter: number;
  created_at: number;
  updated_at: number;
}

export interface OperationRow {
  id: number;
  account_id: number;
  parent_id: number | null;
  type: string;
  amount: number;
  currency: string;
  order_id: string;
  transaction_id: string | null;
  exec_code: string | null;
  message: string | null;
  brand: string | null;
  bin6: string | null;
  last4: string | null;
  expiry: string | null;
  holder_name: string | null;
  customer_ident: string | null;
  customer_email: string | null;
  customer_name: string | null;
  description: string | null;
  operator: string | null;
  idempotency_key: string;
  intent_hash: string;
  alias: string | null;
  alias_mode: string | null;
  status: string;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
  schedule_id: string | null;
  instalment_seq: number | null;
  request_fingerprint: string | null;
}

export interface EventRow {
  id: number;
  operation_id: number;
  kind: string;
  payload: string;
  at: number;
}

/** The operation columns every read selects, in table order. */
export const OPERATION_COLUMNS = `id, account_id, parent_id, type, amount, currency, order_id, transaction_id, exec_code,
  message, brand, bin6, last4, expiry, holder_name, customer_ident, customer_email, customer_name, description,
  operator, idempotency_key, intent_hash, alias, alias_mode, status, expires_at, created_at, updated_at, schedule_id,
  instalment_seq, request_fingerprint`;

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    identifier: row.identifier,
    environment: row.environment as Environment,
    currency: row.currency,
    settings: JSON.parse(row.settings) as JsonObject,
    orderIdPrefix: row.order_id_prefix,
    orderIdCounter: row.order_id_counter,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The cached status of an authorization goes stale when its 7 days run out (the clock is not
 * an event); reads correct it so a list never offers to capture an expired authorization.
 */
function statusAt(status: string, expiresAt: number | null, now: number): OperationStatus {
  if (status === 'authorized' && expiresAt !== null && now >= expiresAt) return 'expired';
  return status as OperationStatus;
}

export function toOperation(row: OperationRow, now: number): Operation {
  const status = statusAt(row.status, row.expires_at, now);
  return {
    id: row.id,
    accountId: row.account_id,
    parentId: row.parent_id,
    type: row.type as OperationType,
    amount: row.amount,
    currency: row.currency,
    orderId: row.order_id,
    transactionId: row.transaction_id,
    execCode: row.exec_code,
    message: row.message,
    brand: row.brand,
    bin6: row.bin6,
    last4: row.last4,
    expiry: row.expiry,
    holderName: row.holder_name,
    customerIdent: row.customer_ident,
    customerEmail: row.customer_email,
    customerName: row.customer_name,
    description: row.description,
    operator: row.operator,
    idempotencyKey: row.idempotency_key,
    alias: row.alias,
    aliasMode: row.alias_mode as Operation['aliasMode'],
    status,
    expiresAt: status === 'authorized' ? row.expires_at : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toEvent(row: EventRow): JournalEvent {
  return {
    id: row.id,
    operationId: row.operation_id,
    kind: row.kind as EventKind,
    payload: JSON.parse(row.payload) as JsonObject,
    at: row.at,
  };
}
