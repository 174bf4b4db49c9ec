import type { ExecCategory } from '../../../shared/domain/exec-category.js';
import { categorizeExecCode, isFinalCategory, type Categorize } from './exec-outcome.js';

/**
 * Pure correlation rule for the polling bridge: whether a gateway report (a status lookup
 * row) contradicts the synchronous answer. Notifications are correlated by the journal
 * (`Journal.recordNotifications`), in the same transaction that records them.
 */

/**
 * What correlation needs to know of a journal operation.
 * `syncState`:
 * - `awaiting`: the request is out (or about to be) and its synchronous answer is not handled
 *   yet.
 * - `answered`: the synchronous JSON answer is recorded, with `syncExecCode`.
 * - `unknown`: no usable synchronous answer (timeout, crash); the next report settles it.
 */
export interface OperationRef {
  readonly id: string;
  readonly identifier: string;
  /** Lower case. */
  readonly operationType: string;
  readonly orderId?: string;
  readonly transactionId?: string;
  readonly syncState: 'awaiting' | 'answered' | 'unknown';
  readonly syncExecCode?: string;
}

/**
 * `category_mismatch`: both the synchronous answer and the report are final and fall in
 * different categories (e.g. 0000 then 4001). `sync_unknown`: there was no synchronous answer
 * and the report supplied the result. Either way the report wins.
 */
export interface Discrepancy {
  readonly kind: 'category_mismatch' | 'sync_unknown';
  readonly operationId: string;
  readonly source: 'notification' | 'status_lookup';
  readonly syncExecCode?: string;
  readonly syncCategory?: ExecCategory;
  readonly reportedExecCode: string;
  readonly reportedCategory?: ExecCategory;
  /** UTC epoch ms. */
  readonly detectedAt: number;
}

/**
 * Compares a final report with what the operation's synchronous answer said.
 * Non-final reports (0001 "3-D Secure", 0003 "pending") never contradict anything; nor does
 * a report after a non-final synchronous answer, since confirming it is their purpose.
 */
export function compareOutcome(
  op: OperationRef,
  reportedExecCode: string,
  source: Discrepancy['source'],
  detectedAt: number,
  categorize: Categorize = categorizeExecCode,
): Discrepancy | undefined {
  const reportedCategory = categorize(reportedExecCode);
  if (!isFinalCategory(reportedCategory)) return undefined;
  const base = {
    operationId: op.id,
    source,
    reportedExecCode,
    ...(reportedCategory !== undefined ? { reportedCategory } : {}),
    detectedAt,
  };
  if (op.syncState !== 'answered' || op.syncExecCode === undefined) {
    return { kind: 'sync_unknown', ...base };
  }
  const syncCategory = categorize(op.syncExecCode);
  const sync = { syncExecCode: op.syncExecCode, ...(syncCategory !== undefined ? { syncCategory } : {}) };
  if (syncCategory === undefined) return { kind: 'sync_unknown', ...base, ...sync };
  if (!isFinalCategory(syncCategory)) return undefined;
  if (syncCategory === reportedCategory) return undefined;
  return { kind: 'category_mismatch', ...base, ...sync };
}
