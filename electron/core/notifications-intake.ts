import type { Journal } from './journal/index.js';
import type { Logger } from './logging/logger.js';
import type { NotificationSink, ReceivedNotification, SinkOutcome } from './notifications/index.js';

/**
 * The listener's sink: the journal records the notification (inbox row, correlation,
 * discrepancy) in one transaction before the listener answers OK; then the UI hears of it.
 */
export function journalSink(journal: Journal, logger: Logger, onApplied: (operationId: number | null, at: number) => void): NotificationSink {
  return {
    record(notification: ReceivedNotification): SinkOutcome {
      const result = journal.recordNotification({ params: notification.params, receivedAt: notification.receivedAt, key: notification.key });
      if (result.error) logger.warn({ operationId: result.operationId, code: result.error }, 'notification kept, not applied');
      if (result.outcome !== 'duplicate') onApplied(result.operationId, notification.receivedAt);
      return result.outcome;
    },
  };
}
