import { performance } from 'node:perf_hooks';
import { describeExecCode } from '../../../shared/domain/execcodes.js';
import type { Logger } from '../logging/logger.js';
import type { GatewayHost } from './config.js';
import type { GatewayMethod } from './methods.js';
import type { MaybeSentCause } from './network-errors.js';
import { parseGatewayBody } from './response.js';
import type {
  FailureCode,
  GatewayAttempt,
  GatewayCallMeta,
  GatewayCallResult,
  GatewayRequestSummary,
  UnknownReason,
} from './result.js';
import type { GatewayTransport } from './transport.js';

/**
 * The primary/secondary rule of DOC-INT p.7-8, applied strictly (fact sheet 2.3):
 * - the secondary is tried only when the primary certainly did not process the request: the
 *   request never left (refused, DNS, TLS handshake, connect timeout), or the primary said it
 *   is unavailable (HTTP 5xx, EXECCODE 5001/5003);
 * - anything after the request may have been received (timeout, reset, truncated or
 *   unreadable answer) ends the call: `unknown` for state-changing methods, a retryable
 *   failure for read-only ones. Nothing is ever sent twice to the same host.
 */
export interface CallPlan {
  readonly method: GatewayMethod;
  readonly path: string;
  readonly body: string;
  readonly hosts: readonly GatewayHost[];
  readonly changesState: boolean;
  readonly request: GatewayRequestSummary;
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

export async function callWithFailover(
  transport: GatewayTransport,
  plan: CallPlan,
  logger: Logger,
): Promise<GatewayCallResult> {
  const trail: GatewayAttempt[] = [];
  const { method: operation, request } = plan;

  for (let index = 0; index < plan.hosts.length; index += 1) {
    const host = plan.hosts[index] as GatewayHost;
    const hasNext = index + 1 < plan.hosts.length;
    const started = performance.now();
    const outcome = await transport.post(`${host.base}${plan.path}`, plan.body);
    const durationMs = Math.round(performance.now() - started);
    const record = (attempt: Omit<GatewayAttempt, 'host' | 'origin' | 'durationMs'>): GatewayCallMeta => {
      const entry: GatewayAttempt = { host: host.role, origin: host.origin, durationMs, ...attempt };
      trail.push(entry);
      logger.debug({ operation, attempt: trail.length, ...entry }, 'gateway attempt');
      return { operation, host: host.role, origin: host.origin, attempts: trail.length, trail, request };
    };

    if (outcome.kind === 'not_sent') {
      const meta = record({ result: 'not_sent', cause: outcome.cause, detail: outcome.detail });
      if (hasNext) {
        logger.warn({ operation, from: host.origin, cause: outcome.cause, detail: outcome.detail }, 'gateway unreachable, failing over');
        continue;
      }
      const code = outcome.cause === 'tls' ? 'GATEWAY_TLS_FAILURE' : 'GATEWAY_UNREACHABLE';
      logger.warn({ operation, code, cause: outcome.cause, detail: outcome.detail, attempts: meta.attempts }, 'gateway call failed');
      return { ...meta, outcome: 'failed', code, retryable: true };
    }

    if (outcome.kind === 'maybe_sent') {
      const meta = record({ result: 'maybe_sent', cause: outcome.cause, detail: outcome.detail });
      if (plan.changesState) {
        const reason = UNKNOWN_REASON[outcome.cause];
        logger.warn({ operation, reason, detail: outcome.detail, origin: host.origin }, 'gateway outcome unknown; not resending');
        return { ...meta, outcome: 'unknown', code: 'GATEWAY_OUTCOME_UNKNOWN', reason };
      }
      const code = READ_FAILURE[outcome.cause];
      logger.warn({ operation, code, detail: outcome.detail, origin: host.origin }, 'gateway call failed');
      return { ...meta, outcome: 'failed', code, retryable: true };
    }

    const { status } = outcome;
    if (status >= 500) {
      const meta = record({ result: 'server_error', status });
      if (hasNext) {
        logger.warn({ operation, from: host.origin, status }, 'gateway server error, failing over');
        continue;
      }
      logger.warn({ operation, status, attempts: meta.attempts }, 'gateway call failed');
      return { ...meta, outcome: 'failed', code: 'GATEWAY_SERVER_ERROR', retryable: true, status };
    }
    if (status < 200 || status >= 300) {
      const meta = record({ result: 'http_status', status });
      logger.warn({ operation, status, origin: host.origin }, 'gateway refused the request at HTTP level');
      return { ...meta, outcome: 'failed', code: 'GATEWAY_HTTP_STATUS', retryable: RETRYABLE_STATUS.has(status), status };
    }

    const parsed = parseGatewayBody(outcome.body);
    if (!parsed.ok) {
      const meta = record({ result: 'bad_body', status, cause: parsed.problem });
      if (plan.changesState) {
        logger.warn({ operation, problem: parsed.problem, origin: host.origin }, 'gateway outcome unknown; not resending');
        return { ...meta, outcome: 'unknown', code: 'GATEWAY_OUTCOME_UNKNOWN', reason: 'unreadable_response' };
      }
      logger.warn({ operation, problem: parsed.problem, origin: host.origin }, 'gateway call failed');
      return { ...meta, outcome: 'failed', code: 'GATEWAY_BAD_RESPONSE', retryable: true, status };
    }

    const { response } = parsed;
    if (EXEC_FAILOVER.has(response.execCode) && hasNext) {
      record({ result: 'exec_failover', status, execCode: response.execCode });
      logger.warn({ operation, from: host.origin, execCode: response.execCode }, 'gateway unavailable, failing over');
      continue;
    }
    const meta = record({ result: 'answered', status, execCode: response.execCode });
    const description = describeExecCode(response.execCode);
    logger.info(
      { operation, execCode: response.execCode, category: description.category, transactionId: response.transactionId, origin: host.origin, attempts: meta.attempts },
      'gateway answered',
    );
    if (response.execCode === '5004') {
      return { ...meta, outcome: 'pending', code: 'GATEWAY_PENDING_NOTIFICATION', response, description };
    }
    return { ...meta, outcome: 'answered', response, description };
  }
  // Unreachable: the config always has a primary host, and every branch above returns or
  // continues to a next host that exists.
  throw new Error('gateway call ended without a result');
}
