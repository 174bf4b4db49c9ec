export {
  startNotificationListener,
  readyLine,
  DEFAULT_LIMITS,
  DEFAULT_NOTIFY_PATH,
  DEFAULT_EXPORT_PATH,
  type ListenerLimits,
  type ListenerOptions,
  type NotificationListener,
} from './listener.js';
export {
  silentLogger,
  type AccountSecrets,
  type MaybePromise,
  type NotificationLogger,
  type NotificationParams,
  type NotificationSink,
  type ParamValue,
  type ReceivedNotification,
  type SinkOutcome,
} from './types.js';
export { FolderExportStore, safeFileName, type ExportFile, type ExportFileStore, type StoredExport } from './export-store.js';
export { categorizeExecCode, isFinalCategory, type Categorize } from './final-outcome.js';
export {
  PollingBridge,
  pickRow,
  type AwaitingOperation,
  type PollingOptions,
  type PollingStore,
  type StatusLookup,
  type StatusQuery,
  type StatusReport,
  type StatusRow,
  type SweepSummary,
} from './polling-bridge.js';
export {
  NotificationHealth,
  notificationStatus,
  type HealthOptions,
  type HealthSnapshot,
  type HealthSubscriber,
  type ListenerHealth,
  type ListenerPhase,
} from './health.js';
export { systemClock, type Clock } from './clock.js';
export { TokenBucket } from './token-bucket.js';
export { notificationKey, readNotificationFields, storableParams, type NotificationFields } from './received-notification.js';
