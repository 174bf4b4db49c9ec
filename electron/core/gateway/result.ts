import type { ExecCodeDescription } from '../../../shared/domain/exec-code-meanings.js';
import type { HostRole } from './config.js';
import type { GatewayMethod } from './methods.js';
import type { MaybeSentCause, NotSentCause } from './network-errors.js';
import type { RedactedParams } from './redaction.js';
import type { GatewayResponse, GatewayTransactionRow, ParseProblem } from './response.js';

/**
 * What a call to the gateway ended in. The client never throws for network or gateway
 * trouble; every such end is one of these outcomes:
 * - `answered`: the gateway answered; read `response.execCode` / `description.category`.
 * - `pending`: EXECCODE 5004, the bank timed out; the result will come by notification.
 * - `looked_up`: a state-changing call got no usable answer, and getTransactions by its ORDERID
 *   found what the gateway recorded: `row` is the outcome.
 * - `unknown`: a state-changing call may or may not have been processed (timeout, broken
 *   connection, 5xx, unreadable answer) and no lookup could tell. Never send it again; look it
 *   up later (getTransactions).
 * - `failed`: a state-changing call that certainly never left this machine on any host, or a
 *   read-only call that did not complete. `retryable` says whether trying again may help.
 */
type AttemptResult =
  | 'answered'
  | 'exec_failover'
  | 'server_error'
  | 'http_status'
  | 'not_sent'
  | 'maybe_sent'
  | 'bad_body'
  /** getTransactions by ORDERID after a doubtful answer: the gateway recorded it. */
  | 'lookup_found'
  /** The lookup answered and no row has the ORDERID: nothing was recorded (yet). */
  | 'lookup_not_found'
  /** Rows have the ORDERID but none can be read as this operation's outcome. */
  | 'lookup_unusable'
  /** The lookup itself got no usable answer on that host. */
  | 'lookup_failed';

/** One HTTP attempt, for the journal and the log. Holds no parameter values. */
export interface GatewayAttempt {
  readonly host: HostRole;
  readonly origin: string;
  readonly result: AttemptResult;
  readonly status?: number;
  readonly execCode?: string;
  readonly cause?: NotSentCause | MaybeSentCause | ParseProblem;
  /** An error code such as ECONNREFUSED; never an error message. */
  readonly detail?: string;
  readonly durationMs: number;
}

export interface GatewayRequestSummary {
  readonly method: GatewayMethod;
  readonly path: string;
  /** PAN masked to first six / last four; CVV and HASH removed. */
  readonly params: RedactedParams;
}

export interface GatewayCallMeta {
  readonly operation: GatewayMethod;
  /** The host of the last attempt (the one that answered, when one did). */
  readonly host: HostRole;
  readonly origin: string;
  /** HTTP attempts made, counting those that never left this machine. */
  readonly attempts: number;
  readonly trail: readonly GatewayAttempt[];
  readonly request: GatewayRequestSummary;
}

export type UnknownReason =
  | 'timeout'
  | 'connection_lost'
  | 'truncated_response'
  | 'response_too_large'
  | 'unreadable_response'
  /** HTTP 5xx: a proxy may answer so after the gateway processed the request. */
  | 'server_error'
  /** Any other status than 200. */
  | 'http_status';

/** Why a lookup after a doubtful answer could not settle it (see `failover.ts`). */
export type LookupVerdict = 'not_found' | 'unusable' | 'failed' | 'impossible';

export type FailureCode =
  | 'GATEWAY_UNREACHABLE'
  | 'GATEWAY_TLS_FAILURE'
  | 'GATEWAY_SERVER_ERROR'
  | 'GATEWAY_HTTP_STATUS'
  | 'GATEWAY_TIMEOUT'
  | 'GATEWAY_CONNECTION_LOST'
  | 'GATEWAY_BAD_RESPONSE';

interface AnsweredResult extends GatewayCallMeta {
  readonly outcome: 'answered';
  readonly response: GatewayResponse;
  readonly description: ExecCodeDescription;
}

interface PendingResult extends GatewayCallMeta {
  readonly outcome: 'pending';
  readonly code: 'GATEWAY_PENDING_NOTIFICATION';
  readonly response: GatewayResponse;
  readonly description: ExecCodeDescription;
}

interface LookedUpResult extends GatewayCallMeta {
  readonly outcome: 'looked_up';
  /** Why the call's own answer could not be used. */
  readonly reason: UnknownReason;
  /** The gateway's record of this request (same ORDERID and OPERATIONTYPE, the latest). */
  readonly row: GatewayTransactionRow & { readonly execCode: string };
  /** The lookup's other rows of this ORDERID and OPERATIONTYPE (a second charge shows here). */
  readonly alongside: readonly GatewayTransactionRow[];
  readonly description: ExecCodeDescription;
}

interface UnknownResult extends GatewayCallMeta {
  readonly outcome: 'unknown';
  readonly code: 'GATEWAY_OUTCOME_UNKNOWN';
  readonly reason: UnknownReason;
  /** What the lookup by ORDERID said, when one was made or could not be. */
  readonly lookup?: LookupVerdict;
}

interface FailedResult extends GatewayCallMeta {
  readonly outcome: 'failed';
  readonly code: FailureCode;
  readonly retryable: boolean;
  /** HTTP status of the last attempt, when there was one. */
  readonly status?: number;
}

export type GatewayCallResult = AnsweredResult | PendingResult | LookedUpResult | UnknownResult | FailedResult;
