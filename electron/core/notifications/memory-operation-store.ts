import { matchesOperation, type Discrepancy } from './correlate.js';
import { categorizeExecCode, isFinalCategory, type Categorize } from './exec-outcome.js';
import type { UnmatchedQuery, OperationStore } from './inbox.js';
import type { AwaitingOperation, PollingStore, StatusReport } from './polling-bridge.js';
import type { ReceivedNotification } from './types.js';

/**
 * The reference implementation of `OperationStore` and `PollingStore`, in memory. It is what
 * the tests, the fuzz run and the benchmark use, and it spells out the contract the journal
 * must keep: dedupe by notification key across kept and applied notifications, one write per
 * report, and "awaiting" meaning no final result from any source yet.
 */

/** Change an operation only through the store's methods, which keep its indexes right. */
export interface MemoryOperation {
  id: string;
  accountId: string;
  identifier: string;
  operationType: string;
  orderId?: string;
  transactionId?: string;
  syncState: 'awaiting' | 'answered' | 'unknown';
  syncExecCode?: string;
  /** The final EXECCODE from a notification or a lookup, once one arrived. */
  confirmedExecCode?: string;
  readonly notifications: ReceivedNotification[];
  readonly statusReports: StatusReport[];
  readonly discrepancies: Discrepancy[];
}

export type NewOperation = Pick<MemoryOperation, 'id' | 'accountId' | 'identifier' | 'operationType'> &
  Partial<Pick<MemoryOperation, 'orderId' | 'transactionId' | 'syncState' | 'syncExecCode'>>;

export class MemoryOperationStore implements OperationStore, PollingStore {
  readonly operations = new Map<string, MemoryOperation>();
  private readonly byTransaction = new Map<string, MemoryOperation>();
  private readonly byOrder = new Map<string, MemoryOperation>();
  private readonly awaiting = new Set<MemoryOperation>();
  private readonly appliedKeys = new Set<string>();
  private readonly kept = new Map<string, ReceivedNotification>();

  constructor(private readonly categorize: Categorize = categorizeExecCode) {}

  addOperation(op: NewOperation): MemoryOperation {
    const stored: MemoryOperation = {
      syncState: 'awaiting',
      ...op,
      operationType: op.operationType.toLowerCase(),
      notifications: [],
      statusReports: [],
      discrepancies: [],
    };
    this.operations.set(op.id, stored);
    this.index(stored);
    return stored;
  }

  /** Records the synchronous answer (what the gateway client would do). */
  answer(id: string, execCode: string, transactionId?: string): MemoryOperation {
    const op = this.get(id);
    op.syncState = 'answered';
    op.syncExecCode = execCode;
    if (transactionId !== undefined) op.transactionId = transactionId;
    this.index(op);
    return op;
  }

  markUnknown(id: string): MemoryOperation {
    const op = this.get(id);
    op.syncState = 'unknown';
    this.index(op);
    return op;
  }

  get(id: string): MemoryOperation {
    const op = this.operations.get(id);
    if (!op) throw new Error(`no operation ${id}`);
    return op;
  }

  keptNotifications(): readonly ReceivedNotification[] {
    return [...this.kept.values()];
  }

  findByTransactionId(identifier: string, transactionId: string): MemoryOperation | undefined {
    return this.byTransaction.get(key(identifier, transactionId));
  }

  findByOrderId(identifier: string, orderId: string, operationType: string): MemoryOperation | undefined {
    return this.byOrder.get(key(identifier, orderId, operationType.toLowerCase()));
  }

  applyNotification(
    operationId: string,
    notification: ReceivedNotification,
    discrepancy: Discrepancy | undefined,
  ): 'applied' | 'duplicate' {
    this.kept.delete(notification.key);
    if (this.appliedKeys.has(notification.key)) return 'duplicate';
    const op = this.get(operationId);
    this.appliedKeys.add(notification.key);
    op.notifications.push(notification);
    if (isFinalCategory(this.categorize(notification.execCode))) op.confirmedExecCode = notification.execCode;
    if (discrepancy) op.discrepancies.push(discrepancy);
    this.track(op);
    return 'applied';
  }

  keepUnmatched(notification: ReceivedNotification): 'kept' | 'duplicate' {
    if (this.appliedKeys.has(notification.key) || this.kept.has(notification.key)) return 'duplicate';
    this.kept.set(notification.key, notification);
    return 'kept';
  }

  listUnmatched(query: UnmatchedQuery): readonly ReceivedNotification[] {
    const probe = { id: '', syncState: 'answered' as const, ...query };
    return [...this.kept.values()].filter((n) => matchesOperation(n, probe));
  }

  listAwaiting(): readonly AwaitingOperation[] {
    return [...this.awaiting];
  }

  countAwaiting(): number {
    return this.awaiting.size;
  }

  applyStatus(operationId: string, report: StatusReport): void {
    const op = this.get(operationId);
    op.statusReports.push(report);
    op.confirmedExecCode = report.execCode;
    if (report.discrepancy) op.discrepancies.push(report.discrepancy);
    this.track(op);
  }

  private index(op: MemoryOperation): void {
    this.track(op);
    if (op.transactionId !== undefined) this.byTransaction.set(key(op.identifier, op.transactionId), op);
    if (op.orderId !== undefined) this.byOrder.set(key(op.identifier, op.orderId, op.operationType), op);
  }

  private track(op: MemoryOperation): void {
    if (this.isAwaiting(op)) this.awaiting.add(op);
    else this.awaiting.delete(op);
  }

  private isAwaiting(op: MemoryOperation): boolean {
    if (op.confirmedExecCode !== undefined || op.syncState === 'awaiting') return false;
    if (op.syncState === 'unknown' || op.syncExecCode === undefined) return true;
    return !isFinalCategory(this.categorize(op.syncExecCode));
  }
}

/** NUL cannot occur in a parsed value (the form parser refuses it), so it separates safely. */
function key(...parts: string[]): string {
  return parts.join('\u0000');
}
