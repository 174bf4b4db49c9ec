import type { NotificationSink, ReceivedNotification, SinkOutcome } from '../../../../electron/core/notifications/types.js';

/** A sink that dedupes by key, and can be told to fail or to hang. */
export class MemorySink implements NotificationSink {
  readonly records = new Map<string, ReceivedNotification>();
  readonly calls: ReceivedNotification[] = [];
  mode: 'ok' | 'fail' | 'hang' = 'ok';

  record(notification: ReceivedNotification): Promise<SinkOutcome> {
    this.calls.push(notification);
    if (this.mode === 'fail') return Promise.reject(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }));
    if (this.mode === 'hang') return new Promise(() => undefined);
    if (this.records.has(notification.key)) return Promise.resolve('duplicate');
    this.records.set(notification.key, notification);
    return Promise.resolve('applied');
  }
}
