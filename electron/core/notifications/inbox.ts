import { compareOutcome, matchesOperation, type Discrepancy, type OperationRef } from './correlate.js';
import { categorizeExecCode, type Categorize } from './exec-outcome.js';
import type { MaybePromise, NotificationSink, ReceivedNotification, SinkOutcome } from './types.js';

/** Criteria for kept notifications that may belong to an operation (a superset is fine). */
export interface UnmatchedQuery {
  readonly identifier: string;
  readonly operationType: string;
  readonly transactionId?: string;
  readonly orderId?: string;
}

/**
 * What the Inbox needs from the journal. Every method is one durable step; the two writes
 * must each be atomic and idempotent on `notification.key`.
 */
export interface OperationStore {
  findByTransactionId(identifier: string, transactionId: string): MaybePromise<OperationRef | undefined>;
  findByOrderId(identifier: string, orderId: string, operationType: string): MaybePromise<OperationRef | undefined>;
  /**
   * Records the notification as an event of the operation (with the discrepancy, if any) and
   * drops any kept copy of it. Returns `duplicate`, changing nothing, if this key was already
   * applied.
   */
  applyNotification(
    operationId: string,
    notification: ReceivedNotification,
    discrepancy: Discrepancy | undefined,
  ): MaybePromise<'applied' | 'duplicate'>;
  /** Stores a notification no operation claims yet. `duplicate` if the key is kept or applied. */
  keepUnmatched(notification: ReceivedNotification): MaybePromise<'kept' | 'duplicate'>;
  /** Kept notifications that could belong to the operation described. */
  listUnmatched(query: UnmatchedQuery): MaybePromise<readonly ReceivedNotification[]>;
}

export interface InboxOptions {
  readonly categorize?: Categorize;
  readonly now?: () => number;
  /** Called once per discrepancy that was actually recorded (never for duplicates). */
  readonly onDiscrepancy?: (discrepancy: Discrepancy) => void;
}

export interface ApplyPendingSummary {
  readonly applied: number;
  readonly duplicates: number;
  readonly discrepancies: readonly Discrepancy[];
}

/**
 * The sink the listener writes into: correlates each verified notification with its
 * operation and applies it, or keeps it until the operation is ready for it.
 *
 * Calls are serialised: a notification arriving while `applyPending` runs for the same
 * operation would otherwise be kept just after the kept list was read, and wait forever.
 */
export class Inbox implements NotificationSink {
  private readonly categorize: Categorize;
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: OperationStore,
    private readonly options: InboxOptions = {},
  ) {
    this.categorize = options.categorize ?? categorizeExecCode;
    this.now = options.now ?? Date.now;
  }

  record(notification: ReceivedNotification): Promise<SinkOutcome> {
    return this.serial(() => this.recordNow(notification));
  }

  /**
   * Applies the notifications kept for `operation`, oldest first. Call it once the operation's
   * synchronous answer is recorded (or once it is marked unknown at start-up), with the
   * operation as it now stands. Does nothing while the operation is still `awaiting`.
   */
  applyPending(operation: OperationRef): Promise<ApplyPendingSummary> {
    return this.serial(() => this.applyPendingNow(operation));
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async recordNow(notification: ReceivedNotification): Promise<SinkOutcome> {
    const op = await this.correlate(notification);
    if (op === undefined || op.syncState === 'awaiting') return this.store.keepUnmatched(notification);
    return this.apply(op, notification).then((r) => r.outcome);
  }

  private async applyPendingNow(op: OperationRef): Promise<ApplyPendingSummary> {
    if (op.syncState === 'awaiting') return { applied: 0, duplicates: 0, discrepancies: [] };
    const kept = await this.store.listUnmatched({
      identifier: op.identifier,
      operationType: op.operationType,
      ...(op.transactionId !== undefined ? { transactionId: op.transactionId } : {}),
      ...(op.orderId !== undefined ? { orderId: op.orderId } : {}),
    });
    const mine = kept.filter((n) => matchesOperation(n, op)).sort((a, b) => a.receivedAt - b.receivedAt);
    let applied = 0;
    let duplicates = 0;
    const discrepancies: Discrepancy[] = [];
    for (const notification of mine) {
      const result = await this.apply(op, notification);
      if (result.outcome === 'applied') {
        applied += 1;
        if (result.discrepancy) discrepancies.push(result.discrepancy);
      } else {
        duplicates += 1;
      }
    }
    return { applied, duplicates, discrepancies };
  }

  private async apply(
    op: OperationRef,
    notification: ReceivedNotification,
  ): Promise<{ outcome: 'applied' | 'duplicate'; discrepancy?: Discrepancy }> {
    const discrepancy = compareOutcome(op, notification.execCode, 'notification', this.now(), this.categorize);
    const outcome = await this.store.applyNotification(op.id, notification, discrepancy);
    if (outcome === 'applied' && discrepancy) {
      this.options.onDiscrepancy?.(discrepancy);
      return { outcome, discrepancy };
    }
    return { outcome };
  }

  private async correlate(n: ReceivedNotification): Promise<OperationRef | undefined> {
    if (n.transactionId !== undefined) {
      const byTransaction = await this.store.findByTransactionId(n.identifier, n.transactionId);
      if (byTransaction && matchesOperation(n, byTransaction)) return byTransaction;
    }
    if (n.orderId !== undefined) {
      const byOrder = await this.store.findByOrderId(n.identifier, n.orderId, n.operationType);
      if (byOrder && matchesOperation(n, byOrder)) return byOrder;
    }
    return undefined;
  }
}
