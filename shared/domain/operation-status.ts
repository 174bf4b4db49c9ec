/**
 * The status of one gateway operation as the journal derives it from its events, and the
 * follow-up actions that status still allows. The transitions themselves live in one table in
 * `electron/core/journal/state-machine.ts`; this file is only the vocabulary, so the renderer
 * can name, colour and filter statuses without importing core.
 */
export const OPERATION_STATUSES = [
  /** Written ahead of the request: the request may or may not have left. */
  'sending',
  /** The gateway answered "not final yet" (3-D Secure 0001, redirection 0002, 0003, 5004). */
  'pending',
  /** No answer could be obtained (timeout, crash while sending): ask the gateway by ORDERID. */
  'unknown',
  /** Success of a payment, capture, refund, void, credit or card check (AMOUNT=0 authorization). */
  'approved',
  /** Refused by the bank, the card network or the anti-fraud engine. */
  'declined',
  /** Refused before reaching the bank (bad request, account configuration, gateway failure). */
  'error',
  /** Funds blocked by a successful authorization, not captured yet. */
  'authorized',
  'partially_captured',
  'captured',
  'partially_refunded',
  'refunded',
  'voided',
  /** An authorization nobody captured within its validity (7 days). */
  'expired',
  /**
   * Closed by the operator while it waited for the customer (3-D Secure asked on a phone
   * order, 0001/0002): nothing was charged. A later gateway success still wins (discrepancy).
   */
  'abandoned',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** Waiting for the gateway: the result can still change without anyone acting. */
const IN_FLIGHT_STATUSES = ['sending', 'pending', 'unknown'] as const satisfies readonly OperationStatus[];

/** The operation itself succeeded at the gateway, whatever follow-ups did to it since. */
export const SUCCEEDED_STATUSES = [
  'approved',
  'authorized',
  'partially_captured',
  'captured',
  'partially_refunded',
  'refunded',
  'voided',
  'expired',
] as const satisfies readonly OperationStatus[];

export function isOperationStatus(value: unknown): value is OperationStatus {
  return typeof value === 'string' && (OPERATION_STATUSES as readonly string[]).includes(value);
}

export function isInFlight(status: OperationStatus): boolean {
  return (IN_FLIGHT_STATUSES as readonly OperationStatus[]).includes(status);
}

export function hasSucceeded(status: OperationStatus): boolean {
  return (SUCCEEDED_STATUSES as readonly OperationStatus[]).includes(status);
}

/**
 * What an operator may still do with an operation. Amounts are in the operation's minor units
 * and already net of follow-ups that succeeded or are still in flight, so offering them can
 * never lead to capturing or refunding the same money twice.
 */
export interface OperationActions {
  /** Amount a capture may still take (0: capture not possible). One capture per authorization. */
  readonly capturableAmount: number;
  /** Amount refunds may still give back (0: refund not possible). */
  readonly refundableAmount: number;
  /** A void would release the authorization. */
  readonly voidable: boolean;
  /** The ALIAS a new payment or authorization may re-bill, or null. */
  readonly rebillAlias: string | null;
  /** The result is not known for sure: ask the gateway (getTransactions by ORDERID). */
  readonly checkStatus: boolean;
}

export const NO_ACTIONS: OperationActions = {
  capturableAmount: 0,
  refundableAmount: 0,
  voidable: false,
  rebillAlias: null,
  checkStatus: false,
};
