import { normalizeExecCode } from '../../../shared/domain/exec-code-meanings.js';
import type { LookupRow } from './types.js';

/**
 * The TRANSACTIONIDs of the approved rows a lookup by ORDERID returned for one operation (its
 * ORDERID and operation type), when there are two or more, else none. Our ORDERIDs are unique
 * per operation, so two approved transactions under one mean the gateway did it twice: a
 * proxy that retried the POST, or the secondary host charging after a primary that was still
 * processing (docs/architecture.md, "Failover and lookups").
 */
export function duplicateApprovals(rows: readonly LookupRow[]): string[] {
  const approved = new Set<string>();
  for (const row of rows) {
    if (typeof row.EXECCODE !== 'string' || normalizeExecCode(row.EXECCODE) !== '0000') continue;
    if (typeof row.TRANSACTIONID === 'string' && row.TRANSACTIONID !== '') approved.add(row.TRANSACTIONID);
  }
  return approved.size > 1 ? [...approved].sort() : [];
}

/**
 * Whether duplicate approvals (`duplicateApprovals`) tell something an earlier
 * `duplicate_charge_suspected` on the operation did not: two of them never named together. A
 * "check status" asked again and again of an operation that stays pending sees the same two
 * charges each time; that is one discrepancy, not one per look. A third charge is news.
 */
export function isNewDuplicate(transactionIds: readonly string[], reported: ReadonlyArray<readonly string[]>): boolean {
  return transactionIds.some((one, index) =>
    transactionIds.slice(index + 1).some((other) => !reported.some((earlier) => earlier.includes(one) && earlier.includes(other))),
  );
}
