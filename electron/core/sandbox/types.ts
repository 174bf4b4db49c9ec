import type { MoneyOperationType } from '../../../shared/domain/operation-type.js';

/** Which of the two listeners a request reached (failover tests aim faults at one of them). */
export type ServerRole = 'primary' | 'secondary';

/** A received param: a string, or a one-level map (`params[AMOUNTS][2015-01-01]=100`). */
export type ParamValue = string | Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, ParamValue>>;

export type NotificationMethod = 'POST' | 'GET';

export interface SandboxAccountOptions {
  readonly identifier: string;
  readonly password: string;
  /** ISO currency of the account; Dalenys ties the currency to the IDENTIFIER (Q9). */
  readonly currency?: string;
  readonly notificationUrl?: string;
  readonly notificationMethod?: NotificationMethod;
  /** `credit` (payout to a card) needs the account to allow it, else EXECCODE 3003. */
  readonly allowCredit?: boolean;
  /** Statement label returned as DESCRIPTOR (max 32). */
  readonly descriptor?: string;
  /** Days an authorization stays capturable: 7 on CB accounts, 13 on direct Visa/MC. */
  readonly authorizationValidityDays?: number;
  /** A disabled account is refused with 3001 like an unknown one. */
  readonly disabled?: boolean;
}

/**
 * When the notification is sent relative to the synchronous answer:
 * - `after`: once the answer has been written (default);
 * - `before`: the first attempt is made, and awaited, before answering (as the public simulator does);
 * - `twice`: after, then the very same notification again;
 * - `late`: `delayMs` after the answer;
 * - `never`: recorded as skipped.
 */
export type NotificationMode = 'after' | 'before' | 'twice' | 'late' | 'never';

export interface NotificationPolicy {
  readonly mode: NotificationMode;
  /** Delay of the `late` mode. */
  readonly delayMs: number;
  /** Total attempts, the first included, until the body is exactly `OK`. */
  readonly attempts: number;
  /** Waits between attempts; the last value repeats. */
  readonly intervalsMs: readonly number[];
  /** Per-attempt HTTP timeout. */
  readonly timeoutMs: number;
}

/**
 * Behaviour choices where the sources disagree or are silent (fact sheet section 10). The
 * defaults follow the fact sheet's recommendations; see the README for each.
 */
export interface SandboxRules {
  /** EXECCODE for an IDENTIFIER the sandbox does not know (3001 by default, or 1003). */
  readonly unknownIdentifierCode: '1003' | '3001';
  /** ActiveMerchant's fixture ends 1001 messages with `\n`; the brief's wording does not. */
  readonly parameterMessageNewline: boolean;
  /** The 2013 doc lists CLIENTREFERRER as required for alias payments; the SDK does not. */
  readonly requireClientReferrerForAlias: boolean;
  /** CLIENTIP is documented as max 15 (IPv4); IPv6 support is unknown. */
  readonly clientIp: 'ipv4' | 'ipv4-or-ipv6';
  /** CARDCODE length: 16 (2013), 13-19 (ERL), 12-19 (Dalenys). */
  readonly cardCodeMinLength: number;
  readonly cardCodeMaxLength: number;
  /** SHIPTO/BILLING address: 20 (2013) vs 50 (ERL, QUADRA). */
  readonly addressMaxLength: number;
  /** SHIPTO/BILLING phone: 10 (2013) vs 32 (ERL). */
  readonly phoneMaxLength: number;
  /** ALIAS: 32 (2013) vs 40 (Dalenys columns). */
  readonly aliasMaxLength: number;
  /** `uuid` gives Dalenys-style `A1-<uuid>` aliases (39 chars); `transaction-id` reuses the id. */
  readonly aliasFormat: 'uuid' | 'transaction-id';
  /** Result of the non-enrolled 3-D Secure test cards when 3-D Secure is asked (Q5). */
  readonly nonEnrolledThreeDSecureOutcome: '0000' | '4014' | '6005';
  /** Case of OPERATIONTYPE in answers: lower everywhere but the 2013 example (Q13). */
  readonly responseOperationTypeCase: 'lower' | 'upper';
  /** Whether a 5004 answer still carries the TRANSACTIONID. */
  readonly deferredIncludesTransactionId: boolean;
  /** CSV layout of transaction exports: `current` (decimal amounts) or `legacy-2014` (cents, BOM). */
  readonly csvLayout: 'current' | 'legacy-2014';
  /** Days from a successful debit/credit to its "paid" (settlement) date. */
  readonly settlementDelayDays: number;
  /** Whether exportReconciliation accepts STARTDATE/ENDDATE (the SDK says no, Q6). */
  readonly reconciliationAcceptsDateRange: boolean;
  /** Sandbox fee model for the fee columns: fixed part in minor units plus a rate. */
  readonly feeFixedMinor: number;
  readonly feeRateBasisPoints: number;
  readonly vatRateBasisPoints: number;
}

type TransactionStatus = 'succeeded' | 'refused' | 'pending';

export interface CardSummary {
  /** `XXXXXXXXXXXX1234`: never more than the last four digits. */
  readonly masked: string;
  readonly last4: string;
  readonly validity: string;
  readonly fullName: string;
  readonly type: string;
  readonly country: string;
}

/** A transaction as the sandbox charged it. Never holds a PAN or CVV. */
export interface TransactionRecord {
  readonly transactionId: string;
  readonly identifier: string;
  readonly operationType: MoneyOperationType;
  readonly orderId: string;
  /** Minor units. For an authorization: the authorized amount. */
  readonly amount: number;
  readonly currency: string;
  execCode: string;
  message: string;
  status: TransactionStatus;
  readonly createdAt: number;
  updatedAt: number;
  readonly server: ServerRole;
  /** The transaction a capture/refund/void applies to. */
  readonly referenceId?: string;
  /** Authorizations: amount captured (0 until captured). */
  capturedAmount: number;
  captureId?: string;
  /** Payments and captures: sum of successful refunds. */
  refundedAmount: number;
  refundIds: string[];
  voided: boolean;
  voidId?: string;
  readonly card?: CardSummary;
  alias?: string;
  readonly aliasMode?: 'oneclick' | 'subscription';
  readonly createAlias: boolean;
  readonly threeDSecure: boolean;
  readonly scheduleId?: string;
  /** `i-n` for instalment payments. */
  readonly schedule?: string;
  descriptor?: string;
  readonly version: string;
  readonly language?: string;
  readonly clientIdent?: string;
  readonly clientEmail?: string;
  readonly clientIp?: string;
  readonly clientReferrer?: string;
  readonly clientAddress?: string;
  readonly clientDob?: string;
  readonly description?: string;
  readonly extraData?: string;
  /** BILLING* / SHIPTO* params as received (customer data, never card data). */
  readonly address: Readonly<Record<string, string>>;
  /** Bank result kept while 3-D Secure is pending, so completion can apply it. */
  pendingOutcome?: string;
  /** The real result behind a 5004 answer. */
  deferred?: boolean;
}

export interface AliasRecord {
  readonly alias: string;
  readonly identifier: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly card: CardSummary;
  /** Amex cards check a 4-digit CVV when one is given with the alias. */
  readonly cvvLength: 3 | 4;
}

type ScheduleState = 'pending' | 'active' | 'stopped' | 'finished' | 'cancelled';

export interface ScheduleRecord {
  readonly scheduleId: string;
  readonly identifier: string;
  readonly firstTransactionId: string;
  readonly orderId: string;
  /** Instalments in date order; `transactionId` once charged. */
  readonly instalments: Array<{ readonly date: string; readonly amount: number; transactionId?: string }>;
  state: ScheduleState;
  readonly createdAt: number;
  updatedAt: number;
}

export interface RequestRecord {
  readonly id: number;
  readonly at: number;
  readonly server: ServerRole;
  readonly path: string;
  readonly httpMethod: string;
  readonly apiMethod?: string;
  readonly identifier?: string;
  /** Redacted: CARDCODE masked, CARDCVV and HASH replaced. */
  readonly params: Readonly<Record<string, ParamValue>>;
  execCode?: string;
  transactionId?: string;
  /** Fault kinds applied to this request. */
  faults: string[];
  /** `answered`, or how the sandbox deliberately did not answer. */
  outcome: 'answered' | 'reset' | 'held' | 'http-error' | 'non-json' | 'pending';
}

export interface DeliveryAttempt {
  readonly at: number;
  readonly ok: boolean;
  readonly status?: number;
  /** First 200 characters of the answer body, or the network error code. */
  readonly detail: string;
}

export interface NotificationRecord {
  readonly id: number;
  readonly transactionId: string;
  readonly identifier: string;
  readonly url?: string;
  readonly method: NotificationMethod;
  /** The params as sent, without HASH. */
  readonly params: Readonly<Record<string, string>>;
  /** 1 for the first copy, 2 for the duplicate of the `twice` mode. */
  readonly copy: number;
  state: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: DeliveryAttempt[];
}

export type ExportMethodName = 'getTransactions' | 'exportTransactions' | 'exportChargebacks' | 'exportReconciliation' | 'exportReconciledTransactions';

export interface ExportRecord {
  readonly id: number;
  readonly at: number;
  readonly identifier: string;
  readonly method: ExportMethodName;
  readonly fileName: string;
  readonly compression: 'gzip' | 'zip';
  readonly rowCount: number;
  readonly columns: readonly string[];
  readonly size: number;
  destination: { readonly kind: 'callback'; readonly url: string } | { readonly kind: 'mail'; readonly to: string; readonly path?: string };
  state: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
}

export interface ChargebackRecord {
  readonly transactionId: string;
  readonly identifier: string;
  readonly amount: number;
  readonly currency: string;
  readonly date: number;
  readonly reason: string;
}
