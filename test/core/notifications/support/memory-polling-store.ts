import { isFinalCategory, categorizeExecCode, type Categorize } from '../../../../electron/core/notifications/final-outcome.js';
import type { AwaitingOperation, PollingStore, StatusReport } from '../../../../electron/core/notifications/polling-bridge.js';

/**
 * The polling bridge's store, in memory, for its unit tests (the app's is the journal,
 * `journalPollingStore`). It keeps the contract the journal keeps: "awaiting" means an answer
 * that is not final (or none at all) and no final result from any source yet.
 */
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
  readonly statusReports: StatusReport[];
  /** Lookups that answered without this operation (what they mean is the journal's rule). */
  notFound: number;
}

export type NewOperation = Pick<MemoryOperation, 'id' | 'accountId' | 'identifier' | 'operationType'> &
  Partial<Pick<MemoryOperation, 'orderId' | 'transactionId' | 'syncState' | 'syncExecCode'>>;

export class MemoryPollingStore implements PollingStore {
  private readonly operations = new Map<string, MemoryOperation>();
  private readonly awaiting = new Set<MemoryOperation>();

  constructor(private readonly categorize: Categorize = categorizeExecCode) {}

  addOperation(op: NewOperation): MemoryOperation {
    const stored: MemoryOperation = { syncState: 'awaiting', ...op, operationType: op.operationType.toLowerCase(), statusReports: [], notFound: 0 };
    this.operations.set(op.id, stored);
    this.track(stored);
    return stored;
  }

  /** Records the synchronous answer (what the gateway client would do). */
  answer(id: string, execCode: string, transactionId?: string): MemoryOperation {
    const op = this.get(id);
    op.syncState = 'answered';
    op.syncExecCode = execCode;
    if (transactionId !== undefined) op.transactionId = transactionId;
    this.track(op);
    return op;
  }

  /** A notification settled it meanwhile (what the listener would do). */
  confirmByNotification(id: string, execCode: string): void {
    const op = this.get(id);
    if (isFinalCategory(this.categorize(execCode))) op.confirmedExecCode = execCode;
    this.track(op);
  }

  get(id: string): MemoryOperation {
    const op = this.operations.get(id);
    if (!op) throw new Error(`no operation ${id}`);
    return op;
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
    this.track(op);
  }

  applyNotFound(operationId: string): void {
    this.get(operationId).notFound += 1;
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
