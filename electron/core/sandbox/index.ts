/**
 * Public API of the built-in Dalenys sandbox (see README.md in this folder).
 */
export { startSandbox, Sandbox } from './sandbox.js';
export type { SandboxOptions } from './options.js';
export { DEFAULT_NOTIFICATION_POLICY, DEFAULT_RULES } from './options.js';
export { createManualClock, systemSandboxClock, type SandboxClock, type ManualClock } from './sandbox-clock.js';
export { SandboxError } from './errors.js';
export { Faults, type FaultSpec, type FaultKind, type FaultMatch, type FaultOptions } from './faults.js';
export { Ledger, type LedgerSnapshot, type LedgerEvents } from './ledger.js';
export { TEST_CARD_OUTCOMES, ENROLLED_CARDS, NON_ENROLLED_CARDS, luhnValid } from './card-rules.js';
export { EXEC, execMessage } from './sandbox-exec-codes.js';
export { readExportFile, ExportFileError } from './exports/read-export-file.js';
export type {
  AliasRecord,
  CardSummary,
  ChargebackRecord,
  DeliveryAttempt,
  ExportMethodName,
  ExportRecord,
  NotificationMethod,
  NotificationMode,
  NotificationPolicy,
  NotificationRecord,
  RequestRecord,
  SandboxAccountOptions,
  SandboxRules,
  ScheduleRecord,
  ServerRole,
  TransactionRecord,
  TransactionStatus,
} from './types.js';
