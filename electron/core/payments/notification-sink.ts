import type { NotificationBatchItem, NotificationInput, NotificationRecordResult } from '../journal/index.js';
import type { Logger } from '../logging/logger.js';
import type { NotificationSink, ReceivedNotification, SinkOutcome } from '../notifications/index.js';

/**
 * What writes the notifications: the `Journal` itself (same thread), or, in the app, a
 * `NotificationWriter` (its own connection in a worker thread). One commit per call.
 */
export interface NotificationRecorder {
  recordNotifications(inputs: readonly NotificationInput[]): NotificationBatchItem[] | Promise<NotificationBatchItem[]>;
}

/** Notifications per commit at most (a few milliseconds of the journal's write lock). */
const MAX_BATCH = 64;

/**
 * Batches handed to the recorder at once. With two, the next batch already waits at the
 * writer thread while one commits, and starts the moment that one is durable, instead of
 * after a round trip through this thread (which may be busy answering); the writer runs them
 * in order. More would only split what arrives into smaller batches, each paying an fsync.
 */
const BATCHES_IN_FLIGHT = 2;

interface Waiting {
  readonly notification: ReceivedNotification;
  resolve(outcome: SinkOutcome): void;
  reject(error: unknown): void;
}

/** The operations a recorded notification changed: its own, and those above a follow-up. */
function changedBy(result: NotificationRecordResult): number[] {
  if (result.outcome !== 'applied' || result.operationId === null) return [];
  return [result.operationId, ...(result.ancestorIds ?? [])];
}

/**
 * The listener's sink: the journal records each notification (inbox row, correlation,
 * discrepancy) durably before the listener answers OK; then the UI hears of it.
 *
 * Notifications that arrive together are written in one commit: with synchronous=FULL a
 * commit costs an fsync, and one per notification would cap intake at the disk's commit
 * rate with every sender queueing behind it. While batches are being written, the next
 * gathers, so batches grow with the load. Each is answered only once its commit is done.
 */
export function journalSink(
  recorder: NotificationRecorder,
  logger: Logger,
  /**
   * Told of each notification recorded for the first time (applied or kept), after its commit:
   * the operations it changed (with those above a follow-up; none when it was only kept).
   */
  onApplied: (changedIds: readonly number[]) => void,
): NotificationSink {
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  function settle(items: readonly Waiting[], results: readonly NotificationBatchItem[]): void {
    items.forEach((item, index) => {
      const result = results[index];
      if (!result || result.outcome === 'failed') {
        item.reject(result?.error ?? new Error('notification not recorded'));
        return;
      }
      if (result.error) logger.warn({ operationId: result.operationId, code: result.error }, 'notification kept, not applied');
      if (result.unexpectedFields) {
        logger.warn(
          { notificationId: result.notificationId, fields: result.unexpectedFields },
          'notification fields no documentation lists were dropped (names only)',
        );
      }
      item.resolve(result.outcome);
      if (result.outcome === 'duplicate') return;
      try {
        onApplied(changedBy(result));
      } catch (error) {
        // It is recorded: the gateway gets its OK; the screen catches up on the next refresh.
        logger.warn({ err: error, operationId: result.operationId }, 'notification recorded, but telling the UI failed');
      }
    });
  }

  /** Hands what waits to the recorder, a batch at a time, while fewer than two are in flight. */
  function pump(): void {
    scheduled = false;
    while (inFlight < BATCHES_IN_FLIGHT && waiting.length > 0) {
      // Capped, so one commit never holds the journal's write lock for long.
      const items = waiting.splice(0, MAX_BATCH);
      inFlight += 1;
      Promise.resolve()
        .then(() =>
          recorder.recordNotifications(
            items.map(({ notification }) => ({ params: notification.params, receivedAt: notification.receivedAt, key: notification.key })),
          ),
        )
        .then(
          (results) => settle(items, results),
          (error: unknown) => {
            for (const item of items) item.reject(error);
          },
        )
        .finally(() => {
          inFlight -= 1;
          // Whatever happened to this batch, what waits meanwhile gets its turn.
          if (waiting.length > 0) schedule();
        })
        // Answering is done above; an error here (a logger failing) must not end the process.
        .catch((error: unknown) => logger.error({ err: error }, 'notification batch: settling its answers failed'));
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // Next turn of the event loop: the notifications read in this one join the batch.
    setImmediate(pump);
  }

  return {
    record(notification: ReceivedNotification): Promise<SinkOutcome> {
      return new Promise((resolve, reject) => {
        waiting.push({ notification, resolve, reject });
        schedule();
      });
    },
  };
}
