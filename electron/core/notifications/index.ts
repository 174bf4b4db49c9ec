export { startNotificationListener, readyLine } from './listener.js';
export { type NotificationSink, type ReceivedNotification, type SinkOutcome } from './types.js';
export { FolderExportStore } from './export-store.js';
export { PollingBridge, type AwaitingOperation, type PollingStore, type StatusLookup, type StatusRow } from './polling-bridge.js';
export { NotificationHealth, notificationStatus } from './health.js';
