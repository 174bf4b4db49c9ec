import { performance } from 'node:perf_hooks';
import { describeExecCode } from '../../../shared/domain/exec-code-meanings.js';
import type { Logger } from '../logging/logger.js';
import type { GatewayHost } from './config.js';
import { matchLookupRow } from './lookup-match.js';
import type { GatewayMethod } from './methods.js';
import type { MaybeSentCause, NotSentCause } from './network-errors.js';
import { lookupRows, parseGatewayBody, type GatewayResponse, type GatewayTransactionRow } from './response.js';
import type { FailureCode, GatewayAttempt, GatewayCallMeta, GatewayCallResult, GatewayRequestSummary, LookupVerdict, UnknownReason } from './result.js';
import type { GatewayTransport } from './transport.js';

/**
 * The primary/secondary rule (fact sheet 2.3), made safe for money (DESIGN.md section 3):
 *
 * - Only an answer proves what the gateway did, and only HTTP 200 with a four-digit EXECCODE
 *   (and no OPERATIONTYPE but the method asked) is an answer. EXECCODE 5001/5003 says the host did not process the request: the next host
 *   is tried at once.
 * - A request that certainly never left this machine (connection refused, DNS, TLS handshake,
 *   connect timeout, unreachable network: the socket never became ready, so not a byte of the
 *   request was written) also goes to the next host at once.
 * - Anything else after the request may have arrived (HTTP 5xx or any other status, timeout,
 *   reset, truncated or unreadable body) is a doubt. A state-changing call then asks
 *   getTransactions by its ORDERID, on the same host first and on the other hosts if that one
 *   cannot answer. A row with that ORDERID and OPERATIONTYPE is the outcome. The next host is
 *   tried only when a lookup answered and no row has the ORDERID; if the lookup fails, if rows
 *   are there but unreadable, or if no host is left, the call is `unknown`.
 * - A state-changing call ends `failed` only when no attempt on any host ever left this
 *   machine; an answer 5001/5003 on the last host after a doubt elsewhere is `unknown` too.
 * - Read-only calls (lookups, exports) change nothing: they fail over on "not sent", 5xx and
 *   5001/5003, and any other doubt is a retryable failure.
 * Nothing is ever sent twice to the same host.
 */
export interface LookupPlan {
  /** The state-changing request's ORDERID: the only key that can show it was never recorded. */
  readonly orderId: string;
  /** A signed getTransactions by that ORDERID, built by the client's own call path. */
  readonly path: string;
  readonly body: string;
}

export interface CallPlan {
  readonly method: GatewayMethod;
  readonly path: string;
  readonly body: string;
  readonly hosts: readonly GatewayHost[];
  readonly changesState: boolean;
  readonly request: GatewayRequestSummary;
  /** How to ask whether a state-changing request was recorded; absent when it has no usable ORDERID. */
  readonly lookup?: LookupPlan;
}

const EXEC_FAILOVER = new Set(['5001', '5003']);
const RETRYABLE_STATUS = new Set([408, 429]);

const UNKNOWN_REASON: Readonly<Record<MaybeSentCause, UnknownReason>> = {
  timeout: 'timeout',
  connection_lost: 'connection_lost',
  truncated: 'truncated_response',
  too_large: 'response_too_large',
};

const READ_FAILURE: Readonly<Record<MaybeSentCause, FailureCode>> = {
  timeout: 'GATEWAY_TIMEOUT',
  connection_lost: 'GATEWAY_CONNECTION_LOST',
  truncated: 'GATEWAY_CONNECTION_LOST',
  too_large: 'GATEWAY_BAD_RESPONSE',
};

type AttemptEntry = Omit<GatewayAttempt, 'host' | 'origin' | 'durationMs'>;

/** One HTTP attempt, read: never sent, a doubt, or an answer of the gateway. */
type Reading =
  | { readonly kind: 'not_sent'; readonly cause: NotSentCause; readonly entry: AttemptEntry }
  | { readonly kind: 'doubt'; readonly reason: UnknownReason; readonly failure: FailureCode; readonly retryable: boolean; readonly entry: AttemptEntry }
  | { readonly kind: 'answer'; readonly status: number; readonly response: GatewayResponse };

type LookupOutcome =
  | { readonly kind: 'found'; readonly row: GatewayTransactionRow & { readonly execCode: string }; readonly alongside: readonly GatewayTransactionRow[] }
  | { readonly kind: LookupVerdict };

class Call {
  private readonly trail: GatewayAttempt[] = [];

  constructor(
    private readonly transport: GatewayTransport,
    private readonly plan: CallPlan,
    private readonly logger: Logger,
  ) {}

  /** One request of `method` (the call's own, or the lookup's getTransactions) to `host`. */
  private async attempt(host: GatewayHost, method: GatewayMethod, path: string, body: string): Promise<{ reading: Reading; durationMs: number }> {
    const started = performance.now();
    const outcome = await this.transport.post(`${host.base}${path}`, body);
    const durationMs = Math.round(performance.now() - started);
    if (outcome.kind === 'not_sent') {
      return { durationMs, reading: { kind: 'not_sent', cause: outcome.cause, entry: { result: 'not_sent', cause: outcome.cause, detail: outcome.detail } } };
    }
    if (outcome.kind === 'maybe_sent') {
      const entry: AttemptEntry = { result: 'maybe_sent', cause: outcome.cause, detail: outcome.detail };
      return { durationMs, reading: { kind: 'doubt', reason: UNKNOWN_REASON[outcome.cause], failure: READ_FAILURE[outcome.cause], retryable: true, entry } };
    }
    const { status } = outcome;
    if (status >= 500) {
      return {
        durationMs,
        reading: { kind: 'doubt', reason: 'server_error', failure: 'GATEWAY_SERVER_ERROR', retryable: true, entry: { result: 'server_error', status } },
      };
    }
    if (status !== 200) {
      const retryable = RETRYABLE_STATUS.has(status);
      return {
        durationMs,
        reading: { kind: 'doubt', reason: 'http_status', failure: 'GATEWAY_HTTP_STATUS', retryable, entry: { result: 'http_status', status } },
      };
    }
    // An answer naming another OPERATIONTYPE (a confused proxy, a hostile stub) answers another
    // request: unreadable as this one's, so a doubt like any other.
    const parsed = parseGatewayBody(outcome.body, method);
    if (!parsed.ok) {
      const entry: AttemptEntry = { result: 'bad_body', status, cause: parsed.problem };
      return { durationMs, reading: { kind: 'doubt', reason: 'unreadable_response', failure: 'GATEWAY_BAD_RESPONSE', retryable: true, entry } };
    }
    return { durationMs, reading: { kind: 'answer', status, response: parsed.response } };
  }

  /** Adds an attempt to the trail; returns the call's meta as of that attempt. */
  private record(host: GatewayHost, durationMs: number, entry: AttemptEntry): GatewayCallMeta {
    const attempt: GatewayAttempt = { host: host.role, origin: host.origin, durationMs, ...entry };
    this.trail.push(attempt);
    this.logger.debug({ operation: this.plan.method, attempt: this.trail.length, ...attempt }, 'gateway attempt');
    return this.meta();
  }

  /** Host and origin are the last attempt's (the one that answered, when one did). */
  private meta(): GatewayCallMeta {
    const last = this.trail.at(-1) as GatewayAttempt;
    return { operation: this.plan.method, host: last.host, origin: last.origin, attempts: this.trail.length, trail: this.trail, request: this.plan.request };
  }

  private answered(host: GatewayHost, durationMs: number, status: number, response: GatewayResponse): GatewayCallResult {
    const meta = this.record(host, durationMs, { result: 'answered', status, execCode: response.execCode });
    const description = describeExecCode(response.execCode);
    this.logger.info(
      {
        operation: this.plan.method,
        execCode: response.execCode,
        category: description.category,
        transactionId: response.transactionId,
        origin: host.origin,
        attempts: meta.attempts,
      },
      'gateway answered',
    );
    if (response.execCode === '5004') return { ...meta, outcome: 'pending', code: 'GATEWAY_PENDING_NOTIFICATION', response, description };
    return { ...meta, outcome: 'answered', response, description };
  }

  private unknown(meta: GatewayCallMeta, reason: UnknownReason, lookup?: LookupVerdict): GatewayCallResult {
    this.logger.warn({ operation: this.plan.method, reason, lookup, origin: meta.origin, attempts: meta.attempts }, 'gateway outcome unknown; not resending');
    return { ...meta, outcome: 'unknown', code: 'GATEWAY_OUTCOME_UNKNOWN', reason, ...(lookup ? { lookup } : {}) };
  }

  async readOnly(): Promise<GatewayCallResult> {
    const { hosts, method: operation } = this.plan;
    for (let index = 0; index < hosts.length; index += 1) {
      const host = hosts[index] as GatewayHost;
      const hasNext = index + 1 < hosts.length;
      const { reading, durationMs } = await this.attempt(host, this.plan.method, this.plan.path, this.plan.body);
      if (reading.kind === 'answer') {
        if (EXEC_FAILOVER.has(reading.response.execCode) && hasNext) {
          this.record(host, durationMs, { result: 'exec_failover', status: reading.status, execCode: reading.response.execCode });
          this.logger.warn({ operation, from: host.origin, execCode: reading.response.execCode }, 'gateway unavailable, failing over');
          continue;
        }
        return this.answered(host, durationMs, reading.status, reading.response);
      }
      const meta = this.record(host, durationMs, reading.entry);
      const failsOver = reading.kind === 'not_sent' || reading.reason === 'server_error';
      if (failsOver && hasNext) {
        this.logger.warn({ operation, from: host.origin, ...reading.entry }, 'gateway unavailable, failing over');
        continue;
      }
      if (reading.kind === 'not_sent') {
        const code = reading.cause === 'tls' ? 'GATEWAY_TLS_FAILURE' : 'GATEWAY_UNREACHABLE';
        this.logger.warn({ operation, code, ...reading.entry, attempts: meta.attempts }, 'gateway call failed');
        return { ...meta, outcome: 'failed', code, retryable: true };
      }
      this.logger.warn({ operation, code: reading.failure, ...reading.entry, origin: host.origin }, 'gateway call failed');
      const status = reading.entry.status;
      return { ...meta, outcome: 'failed', code: reading.failure, retryable: reading.retryable, ...(status !== undefined ? { status } : {}) };
    }
    // Unreachable: there is always a primary host, and every branch returns or continues to one.
    throw new Error('gateway call ended without a result');
  }

  async stateChanging(): Promise<GatewayCallResult> {
    const { hosts, method: operation } = this.plan;
    // The first doubt: set once a request may have reached a host the lookup did not settle.
    let doubt: UnknownReason | undefined;
    for (let index = 0; index < hosts.length; index += 1) {
      const host = hosts[index] as GatewayHost;
      const hasNext = index + 1 < hosts.length;
      const { reading, durationMs } = await this.attempt(host, this.plan.method, this.plan.path, this.plan.body);

      if (reading.kind === 'not_sent') {
        const meta = this.record(host, durationMs, reading.entry);
        if (hasNext) {
          this.logger.warn({ operation, from: host.origin, ...reading.entry }, 'gateway unreachable, failing over');
          continue;
        }
        if (doubt !== undefined) return this.unknown(meta, doubt, 'not_found');
        // Every attempt on every host never left this machine: nothing reached the gateway.
        const code = reading.cause === 'tls' ? 'GATEWAY_TLS_FAILURE' : 'GATEWAY_UNREACHABLE';
        this.logger.warn({ operation, code, ...reading.entry, attempts: meta.attempts }, 'gateway call failed; nothing was sent');
        return { ...meta, outcome: 'failed', code, retryable: true };
      }

      if (reading.kind === 'answer') {
        const { execCode } = reading.response;
        if (EXEC_FAILOVER.has(execCode) && hasNext) {
          this.record(host, durationMs, { result: 'exec_failover', status: reading.status, execCode });
          this.logger.warn({ operation, from: host.origin, execCode }, 'gateway unavailable, failing over');
          continue;
        }
        if (EXEC_FAILOVER.has(execCode) && doubt !== undefined) {
          // This host did not process it, but an earlier one may have: only a later lookup can tell.
          return this.unknown(this.record(host, durationMs, { result: 'exec_failover', status: reading.status, execCode }), doubt, 'not_found');
        }
        return this.answered(host, durationMs, reading.status, reading.response);
      }

      this.record(host, durationMs, reading.entry);
      doubt ??= reading.reason;
      this.logger.warn({ operation, origin: host.origin, ...reading.entry }, 'gateway answer unusable; looking the request up by ORDERID');
      const lookup = await this.lookUp(index);
      if (lookup.kind === 'found') {
        const meta = this.meta();
        const description = describeExecCode(lookup.row.execCode);
        this.logger.info(
          { operation, execCode: lookup.row.execCode, transactionId: lookup.row.transactionId, attempts: meta.attempts },
          'gateway outcome found by lookup',
        );
        return { ...meta, outcome: 'looked_up', reason: reading.reason, row: lookup.row, alongside: lookup.alongside, description };
      }
      if (lookup.kind === 'not_found' && hasNext) {
        this.logger.warn({ operation, from: host.origin }, 'lookup found nothing recorded, failing over');
        continue;
      }
      return this.unknown(this.meta(), doubt, lookup.kind);
    }
    throw new Error('gateway call ended without a result');
  }

  /**
   * getTransactions by the request's ORDERID: on the host that left the doubt first, then on
   * the others in order, until one answers. The ledger is the gateway's, not a host's, so any
   * host that answers speaks for all of them.
   */
  private async lookUp(from: number): Promise<LookupOutcome> {
    const lookup = this.plan.lookup;
    if (lookup === undefined) return { kind: 'impossible' };
    const { hosts } = this.plan;
    const order = [from, ...hosts.keys()].filter((index, position, all) => all.indexOf(index) === position);
    for (const index of order) {
      const host = hosts[index] as GatewayHost;
      const { reading, durationMs } = await this.attempt(host, 'getTransactions', lookup.path, lookup.body);
      if (reading.kind !== 'answer') {
        this.record(host, durationMs, { ...reading.entry, result: 'lookup_failed' });
        continue;
      }
      const rows = lookupRows(reading.response, { orderIds: [lookup.orderId] });
      if (rows === undefined) {
        this.record(host, durationMs, { result: 'lookup_failed', status: reading.status, execCode: reading.response.execCode });
        continue;
      }
      // The rule reads rows as the gateway spells them; each parsed row keeps those as `fields`.
      const parsed = new Map(rows.map((row) => [row.fields, row]));
      const match = matchLookupRow([...parsed.keys()], { orderId: lookup.orderId, type: this.plan.method });
      if (match.kind === 'absent') {
        this.record(host, durationMs, { result: 'lookup_not_found', status: reading.status, execCode: '0000' });
        return { kind: 'not_found' };
      }
      const row = match.kind === 'found' ? parsed.get(match.row) : undefined;
      if (row?.execCode === undefined || !/^[0-9]{4}$/.test(row.execCode)) {
        // Something carries this ORDERID but cannot be read as this request's outcome: it may
        // be this request, so it is not proof of absence.
        this.record(host, durationMs, { result: 'lookup_unusable', status: reading.status });
        return { kind: 'unusable' };
      }
      this.record(host, durationMs, { result: 'lookup_found', status: reading.status, execCode: row.execCode });
      const alongside = match.kind === 'found' ? match.alongside.map((fields) => parsed.get(fields) as GatewayTransactionRow) : [];
      return { kind: 'found', row: { ...row, execCode: row.execCode }, alongside };
    }
    return { kind: 'failed' };
  }
}

export function callWithFailover(transport: GatewayTransport, plan: CallPlan, logger: Logger): Promise<GatewayCallResult> {
  const call = new Call(transport, plan, logger);
  return plan.changesState ? call.stateChanging() : call.readOnly();
}
