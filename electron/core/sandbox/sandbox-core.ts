import type { AccountRegistry } from './sandbox-accounts.js';
import type { SandboxClock } from './sandbox-clock.js';
import type { ExportService } from './exports/export-service.js';
import type { IdFactory } from './ids.js';
import type { Ledger } from './ledger.js';
import type { ReferenceLocks } from './reference-locks.js';
import type { ThreeDSecureRegistry } from './three-d-secure.js';
import type { CardSummary, SandboxRules, ServerRole, TransactionRecord } from './types.js';

/** The shared state every operation works on. */
export interface SandboxCore {
  readonly ledger: Ledger;
  readonly accounts: AccountRegistry;
  readonly rules: SandboxRules;
  readonly clock: SandboxClock;
  /** Follow-ups earlier than this after their reference get 2017 (0: no delay). */
  readonly followUpDelayMs: number;
  /** A 3-D Secure authentication not completed by then ends in 4009. */
  readonly threeDSecureExpiryMs: number;
  readonly ids: IdFactory;
  readonly locks: ReferenceLocks;
  readonly threeDs: ThreeDSecureRegistry;
  readonly exports: ExportService;
}

/** What one request's processing produced, for the HTTP layer to answer and notify. */
export interface OperationOutcome {
  readonly body: Record<string, unknown>;
  readonly execCode: string;
  readonly transaction?: TransactionRecord;
  /** Transactions whose final result must be notified. */
  readonly notify: readonly TransactionRecord[];
  /** Releases the reference lock; called once the answer is written. */
  readonly release?: () => void;
  /** Background work (export delivery) to start after the answer. */
  readonly job?: () => Promise<void>;
  /** The gateway "timed out": answer 5004, the notification carries the real result. */
  readonly deferred?: boolean;
}

export interface OperationContext {
  readonly server: ServerRole;
  /** Base URL of the listener the request came to, for the 3-D Secure page links. */
  readonly baseUrl: string;
  /** OPERATIONTYPE as the answers spell it. */
  readonly operationType: string;
  /** Bank answer forced by an `outcome` fault. */
  readonly forcedOutcome?: string;
  /** The latency fault; awaited exactly once, after the reference lock is taken. */
  readonly wait: () => Promise<void>;
}

export interface NewTransaction {
  readonly transactionId: string;
  readonly identifier: string;
  readonly operationType: TransactionRecord['operationType'];
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly execCode: string;
  readonly message: string;
  readonly status: TransactionRecord['status'];
  readonly createdAt: number;
  readonly server: ServerRole;
  readonly version: string;
  readonly card?: CardSummary;
  readonly referenceId?: string;
  readonly extra?: Partial<TransactionRecord>;
}

export function newTransaction(t: NewTransaction): TransactionRecord {
  return {
    transactionId: t.transactionId,
    identifier: t.identifier,
    operationType: t.operationType,
    orderId: t.orderId,
    amount: t.amount,
    currency: t.currency,
    execCode: t.execCode,
    message: t.message,
    status: t.status,
    createdAt: t.createdAt,
    updatedAt: t.createdAt,
    server: t.server,
    ...(t.referenceId === undefined ? {} : { referenceId: t.referenceId }),
    capturedAmount: 0,
    refundedAmount: 0,
    refundIds: [],
    voided: false,
    ...(t.card === undefined ? {} : { card: t.card }),
    createAlias: false,
    threeDSecure: false,
    version: t.version,
    address: {},
    ...t.extra,
  };
}

/** JSON answer with the fields always present first (OPERATIONTYPE, EXECCODE, MESSAGE). */
export function answer(operationType: string, execCode: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { TRANSACTIONID, ...rest } = extra;
  return {
    OPERATIONTYPE: operationType,
    ...(TRANSACTIONID === undefined ? {} : { TRANSACTIONID }),
    EXECCODE: execCode,
    MESSAGE: message,
    ...rest,
  };
}
