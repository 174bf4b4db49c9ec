import type { Journal } from '../journal/index.js';
import type { Logger } from '../logging/logger.js';
import type { NotificationSink, ReceivedNotification, SinkOutcome } from '../notifications/index.js';

interface Waiting {
  readonly notification: ReceivedNotification;
  resolve(outcome: SinkOutcome): void;
  reject(error: unknown): void;
}

/**
 * The listener's sink: the journal records each notification (inbox row, correlation,
 * discrepancy) durably before the listener answers OK; then the UI hears of it.
 *
 * Notifications that arrive together are written in one commit: with synchronous=FULL a
 * commit costs an fsync, and one per notification would cap intake at the disk's commit
 * rate with every sender queueing behind it. Each still waits for its own commit.
 */
export function journalSink(
  journal: Journal,
  logger: Logger,
  onApplied: (operationId: number | null, at: number, identifier: string) => void,
): NotificationSink {
  let batch: Waiting[] = [];

  function flush(): void {
    const items = batch;
    batch = [];
    let results;
    try {
      results = journal.recordNotifications(
        items.map(({ notification }) => ({ params: notification.params, receivedAt: notification.receivedAt, key: notification.key })),
      );
    } catch (error) {
      for (const item of items) item.reject(error);
      return;
    }
    items.forEach((item, index) => {
      const result = results[index];
      if (!result || result.outcome === 'failed') {
        item.reject(result?.error ?? new Error('notification not recorded'));
        return;
      }
      if (result.error) logger.warn({ operationId: result.operationId, code: result.error }, 'notification kept, not applied');
      if (result.outcome !== 'duplicate') onApplied(result.operationId, item.notification.receivedAt, item.notification.identifier);
      item.resolve(result.outcome);
    });
  }

  return {
    record(notification: ReceivedNotification): Promise<SinkOutcome> {
      return new Promise((resolve, reject) => {
        batch.push({ notification, resolve, reject });
        if (batch.length === 1) setImmediate(flush);
      });
    },
  };
}
