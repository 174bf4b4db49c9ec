import { execCategory } from './exec-code-meanings.js';
import type { OperationStatus } from './operation-status.js';

/**
 * Whether an operation waits for the customer rather than for the bank: 3-D Secure (0001) or a
 * redirection (0002) that only the cardholder can complete. A customer on the phone cannot, so
 * such an operation may be closed on the desk as abandoned. One waiting for the bank (0003,
 * 5004) may not: its result is on its way.
 */
export function awaitsCustomer(operation: { readonly status: OperationStatus; readonly execCode: string | null }): boolean {
  return operation.status === 'pending' && operation.execCode !== null && execCategory(operation.execCode) === 'action_required';
}
