import type { MoneyOperationType, OperationType } from '../../../shared/domain/operation-type.js';
import type { OperationActions, OperationStatus } from '../../../shared/domain/operation-status.js';
import type { JournalErrorCode } from '../../../shared/errors/journal.js';
import type { JsonValue } from './card-data-guard.js';
import type { InstalmentPlan } from './instalment-plan.js';

/** Records and inputs of the journal's public API. Money: integer minor units; time: UTC epoch ms. */

export type JsonObject = { [key: string]: JsonValue };

/**
 * Every fact about an operation is one of these append-only events. `interrupted` is the
 * start-up recovery of an operation the process died sending (sending -> unknown).
 */
export type EventKind = 'intent_recorded' | 'request_sent' | 'response' | 'notification' | 'status_lookup' | 'interrupted' | 'operator_action' | 'discrepancy';

export type Environment = 'test' | 'live';

/** A gateway account. Its password is not here: it lives in the vault. */
export interface Account {
  readonly id: number;
  readonly name: string;
  /** The gateway IDENTIFIER (max 32). */
  readonly identifier: string;
  readonly environment: Environment;
  /** ISO 4217; the gateway ties the currency to the account (fact sheet 3.2). */
  readonly currency: string;
  /** The account's settings (how to reach its gateway, credit, large amounts…), read by `accounts/account-settings.ts`. */
  readonly settings: JsonObject;
  readonly orderIdPrefix: string;
  /** Last number handed out by `nextOrderId`. */
  readonly orderIdCounter: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface NewAccount {
  readonly name: string;
  readonly identifier: string;
  readonly environment: Environment;
  readonly currency: string;
  readonly settings?: JsonObject;
  readonly orderIdPrefix?: string;
}

export type AccountPatch = Partial<NewAccount>;

/** One row per gateway operation. Card data: brand, BIN6, last four, expiry and holder name only. */
export interface Operation {
  readonly id: number;
  readonly accountId: number;
  /** The payment, authorization or capture a capture/refund/void applies to. */
  readonly parentId: number | null;
  readonly type: OperationType;
  readonly amount: number;
  readonly currency: string;
  /** Unique per account: the journal's key for a lookup by ORDERID after a crash. */
  readonly orderId: string;
  readonly transactionId: string | null;
  /** Last EXECCODE heard (four digits), and the gateway's MESSAGE with it. */
  readonly execCode: string | null;
  readonly message: string | null;
  readonly brand: string | null;
  readonly bin6: string | null;
  readonly last4: string | null;
  /** `MM-YY`, as the gateway spells CARDVALIDITYDATE. */
  readonly expiry: string | null;
  readonly holderName: string | null;
  readonly customerIdent: string | null;
  readonly customerEmail: string | null;
  readonly customerName: string | null;
  readonly description: string | null;
  readonly operator: string | null;
  /** The idempotency key as kept: its digest (`idempotency-key.ts`), or the key itself in older journals. */
  readonly idempotencyKey: string;
  /** The ALIAS used to re-bill, or the one the gateway created (CREATEALIAS=yes). */
  readonly alias: string | null;
  readonly aliasMode: 'oneclick' | 'subscription' | null;
  /** Derived by the state machine; see `JournalOperation.status` for the value at read time. */
  readonly status: OperationStatus;
  /** Until when an `authorized` authorization can be captured. */
  readonly expiresAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An operation with its status derived at read time (clock included) and what it still allows. */
export interface JournalOperation extends Operation {
  readonly actions: OperationActions;
  /** When the gateway first answered with a result; follow-ups count their delay from here. */
  readonly answeredAt: number | null;
  /** A payment in instalments: its plan, each instalment's state, the stop. */
  readonly instalments: InstalmentPlan | null;
}

/** What an operation's events say about the gateway's confirmation of it. */
export interface ConfirmationSignals {
  /** A discrepancy event was recorded (the gateway contradicted the journal, or an amount differed). */
  readonly discrepancy: boolean;
  /** A notification was applied. */
  readonly notified: boolean;
  /** A status lookup found the operation with a final result (the gateway's record of it). */
  readonly lookedUp: boolean;
  /** A status lookup found nothing, provisionally (`notFoundTrigger`). */
  readonly notFoundYet: boolean;
  /** Lookups found nothing over the whole window: final. */
  readonly notFound: boolean;
  /** The gateway answered with an EXECCODE (a notification is then expected). */
  readonly answered: boolean;
}

export interface JournalEvent {
  readonly id: number;
  readonly operationId: number;
  readonly kind: EventKind;
  readonly payload: JsonObject;
  readonly at: number;
}

interface CardSummary {
  readonly brand?: string;
  /** First six digits of the PAN. */
  readonly bin6?: string;
  readonly last4?: string;
  /** `MM-YY`. */
  readonly expiry?: string;
  readonly holderName?: string;
}

interface CustomerDetails {
  readonly ident?: string;
  readonly email?: string;
  readonly name?: string;
}

/**
 * Written before the request leaves. Card data never goes in here except the summary.
 * Capture, refund and void need `parentId`; their amount defaults to what is left.
 */
export interface IntentInput {
  readonly accountId: number;
  readonly type: MoneyOperationType;
  /** One per submission (e.g. a UUID made when the form opened): a resubmission returns the first. */
  readonly idempotencyKey: string;
  readonly amount?: number;
  /** Defaults to, and must equal, the account's currency. */
  readonly currency?: string;
  /** Defaults to the account's next ORDERID (`nextOrderId`). */
  readonly orderId?: string;
  readonly parentId?: number;
  readonly card?: CardSummary;
  readonly customer?: CustomerDetails;
  readonly description?: string;
  readonly operator?: string;
  /** Re-billing with an alias (no card data), or the alias to record. */
  readonly alias?: string;
  readonly aliasMode?: 'oneclick' | 'subscription';
  /** Asked the gateway for an alias (CREATEALIAS=yes). */
  readonly createAlias?: boolean;
  /** A payment in instalments: its plan (dates `YYYY-MM-DD` in order, amounts adding up to `amount`). */
  readonly instalments?: ReadonlyArray<{ readonly date: string; readonly amount: number }>;
  /** A refund of an instalment payment: which instalment's transaction it refunds (1-based). */
  readonly instalment?: number;
  /**
   * What the idempotency key stands for (SHA-256 hex of the request's content, no card data).
   * Given, a key already recorded with another fingerprint is `JOURNAL_IDEMPOTENCY_CONFLICT`.
   */
  readonly fingerprint?: string;
  /**
   * Defaults to the journal clock. Never earlier than the newest operation's created_at: the
   * journal keeps ids and created_at in the same order (history search relies on it).
   */
  readonly at?: number;
}

export type RecordIntentResult =
  | { readonly kind: 'created'; readonly operation: JournalOperation }
  /** Same idempotency key and same content: nothing new was recorded; do not send again. */
  | { readonly kind: 'existing'; readonly existing: JournalOperation };

/** The gateway's JSON answer (fact sheet section 4). Only EXECCODE is required here. */
export interface GatewayResponseFields {
  readonly EXECCODE: string;
  readonly MESSAGE?: string;
  readonly OPERATIONTYPE?: string;
  readonly TRANSACTIONID?: string;
  readonly ALIAS?: string;
  readonly DESCRIPTOR?: string;
  readonly CARDTYPE?: string;
  readonly CARDCODE?: string;
  readonly CARDVALIDITYDATE?: string;
  readonly CARDFULLNAME?: string;
  readonly CARDCOUNTRY?: string;
  readonly [key: string]: unknown;
}

/**
 * The gateway client's parsed answer (`electron/core/gateway/response.ts`): EXECCODE
 * normalised, every top-level scalar field kept in `fields` as received (card numbers masked).
 */
export interface NormalizedGatewayResponse {
  readonly execCode: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * What the gateway client returns for one request. Its `GatewayCallResult` fits as is:
 * `answered` and `pending` (5004) carry the response, in either spelling above.
 */
export type GatewayOutcomeInput =
  | {
      readonly outcome: 'answered' | 'pending';
      readonly response: GatewayResponseFields | NormalizedGatewayResponse;
      readonly host?: string;
    }
  /** The request may have reached the gateway (timeout after sending): resolve by lookup. */
  | { readonly outcome: 'unknown'; readonly reason: string }
  /** The request certainly did not go through (or the gateway could not be reached at all). */
  | { readonly outcome: 'failed'; readonly code: string; readonly retryable: boolean; readonly message?: string };

/** One row of a synchronous getTransactions answer (`DATA`), as the gateway spells it. */
export interface LookupRow {
  readonly EXECCODE: string;
  readonly ORDERID?: string;
  readonly TRANSACTIONID?: string;
  readonly OPERATIONTYPE?: string;
  readonly MESSAGE?: string;
  /** Decimal string ("123.90") in getTransactions rows. */
  readonly AMOUNT?: string;
  /** "YYYY-MM-DD HH:MM:SS". */
  readonly DATE?: string;
  readonly ALIAS?: string;
  readonly [key: string]: unknown;
}

export type LookupResult =
  | { readonly found: false }
  | {
      readonly found: true;
      readonly row: LookupRow;
      /**
       * The lookup's other rows of this ORDERID and operation type: a second approved one is a
       * suspected second charge, recorded as a discrepancy (`duplicate_charge_suspected`).
       */
      readonly alongside?: readonly LookupRow[];
    };

/** A received parameter: a string, or a one-level map (`AMOUNTS[2015-01-01]=100`). */
type NotificationParamValue = string | Readonly<Record<string, string>>;

export interface NotificationInput {
  /** As received (HASH already checked by the listener); HASH and CARDCVV are dropped here anyway. */
  readonly params: Readonly<Record<string, NotificationParamValue>>;
  readonly receivedAt?: number;
  /** The listener's dedupe key; computed the same way when absent. */
  readonly key?: string;
  /** When the caller already knows the account; otherwise found by IDENTIFIER. */
  readonly accountId?: number;
}

export interface NotificationRecordResult {
  /** applied: recorded against its operation; kept: in the inbox only; duplicate: seen before. */
  readonly outcome: 'applied' | 'kept' | 'duplicate';
  readonly notificationId: number;
  readonly operationId: number | null;
  /** Applied to a follow-up (capture, refund, void): the operations above it, parent first, which it changes too. */
  readonly ancestorIds?: readonly number[];
  /** Why a notification was kept rather than applied, when it matched an operation. */
  readonly error?: JournalErrorCode;
  /** Names of undocumented params it carried, dropped and never stored (for the log; names only). */
  readonly unexpectedFields?: readonly string[];
}

/** An operation to resolve by getTransactions after start-up (or still unresolved). */
export interface RecoveryItem {
  readonly operationId: number;
  readonly accountId: number;
  readonly orderId: string;
  readonly transactionId: string | null;
  readonly type: OperationType;
  /** True when this start-up found it `sending` and turned it `unknown`. */
  readonly interruptedNow: boolean;
}

export interface OperatorActionInput {
  readonly operator: string;
  /** A short machine word, e.g. `note`, `printed_receipt`, `status_checked`. */
  readonly action: string;
  readonly note?: string;
  /** A word from a fixed list that goes with the action (a refund's reason code). */
  readonly code?: string;
  readonly at?: number;
}
