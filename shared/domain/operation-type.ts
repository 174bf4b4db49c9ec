/** Gateway operation types, spelled as OPERATIONTYPE / `method` on the wire (lower case). */
export const MONEY_OPERATION_TYPES = ['payment', 'authorization', 'capture', 'refund', 'void', 'credit'] as const;
export type MoneyOperationType = (typeof MONEY_OPERATION_TYPES)[number];

export const OPERATION_TYPES = [...MONEY_OPERATION_TYPES, 'stopntimes'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export type ExportMethod = 'getTransactions' | 'exportTransactions' | 'exportChargebacks' | 'exportReconciliation' | 'exportReconciledTransactions';
