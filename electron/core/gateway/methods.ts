import { MONEY_OPERATION_TYPES, type ExportMethod, type OperationType } from '../../../shared/domain/operation-type.js';

/** The `method` field of a call, which is also its OPERATIONTYPE (fact sheet 3.1). */
export type GatewayMethod = OperationType | ExportMethod;

export type GatewayEndpoint = 'process' | 'export' | 'reconciliation';

/** Fact sheet 2.2: which path serves which method (the sandbox keeps its own copy on purpose: see its `METHOD_ENDPOINTS`). */
export const METHOD_ENDPOINT: Readonly<Record<GatewayMethod, GatewayEndpoint>> = {
  payment: 'process',
  authorization: 'process',
  capture: 'process',
  refund: 'process',
  void: 'process',
  credit: 'process',
  stopntimes: 'process',
  getTransactions: 'export',
  exportTransactions: 'export',
  exportChargebacks: 'export',
  exportReconciliation: 'reconciliation',
  exportReconciledTransactions: 'reconciliation',
};

const MONEY = new Set<string>(MONEY_OPERATION_TYPES);

/**
 * Whether an ambiguous end (timeout, broken connection, unreadable answer) leaves the gateway
 * in an unknown state. Money-moving methods do, and so does stopntimes, which changes a
 * schedule; lookups and export requests change nothing and are simply reported as failed.
 */
export function changesState(method: GatewayMethod): boolean {
  return MONEY.has(method) || method === 'stopntimes';
}
