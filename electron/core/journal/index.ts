/** The transaction journal: public API. */
export { openJournal, Journal } from './journal.js';
export type { OpenJournalOptions } from './journal.js';
export type { NotificationBatchItem } from './notification-recording.js';
export { NotificationWriter } from './notification-writer.js';
export { journalPath, openJournalDatabase } from './database.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate, migrationChecksum, schemaVersion } from './migrations.js';
export type { Migration } from './migrations.js';
export { JournalError, isJournalError } from './journal-error.js';
export type { JournalErrorCode } from '../../../shared/errors/journal.js';
export { createReaderPool, ReaderPool } from './reader-pool.js';
export {
  AUTHORIZATION_VALIDITY_MS,
  NOT_FOUND_MIN_ANSWERS,
  NOT_FOUND_WINDOW_MS,
  TRANSITIONS,
  TRIGGERS,
  deriveActions,
  deriveStatus,
  findTransition,
  notFoundTrigger,
  transition,
} from './state-machine.js';
export type { Trigger } from './state-machine.js';
export { containsCardNumber, findCardNumberInText } from './card-data-guard.js';
export * from './query-types.js';
export * from './types.js';
export type { InstalmentEntry, InstalmentPlan } from './instalment-plan.js';
