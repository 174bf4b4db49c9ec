import { CONNECT_TIMEOUT_CODE, socketPhase } from './socket-agents.js';

/**
 * Sorts a failed HTTP attempt into "certainly never reached the gateway" (failover is safe)
 * and "may have reached it" (nothing may be sent again). The socket's phase decides; error
 * codes only name the cause. Only the error's code is kept: messages can carry addresses and
 * axios errors carry the request body, which holds the card number and the HASH.
 */
export type NotSentCause = 'refused' | 'dns' | 'tls' | 'connect_timeout' | 'unreachable';
export type MaybeSentCause = 'timeout' | 'connection_lost' | 'truncated' | 'too_large';

export type AttemptFailure =
  | { readonly kind: 'not_sent'; readonly cause: NotSentCause; readonly detail: string }
  | { readonly kind: 'maybe_sent'; readonly cause: MaybeSentCause; readonly detail: string };

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH$|ERR_OSSL_)/;

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
  readonly request?: { readonly socket?: unknown; readonly reusedSocket?: unknown } | null;
  readonly response?: unknown;
}

/** Node reports dual-stack connect failures as an AggregateError whose code may be empty. */
export function errorCode(error: unknown): string {
  const e = error as ErrorLike | null;
  if (e && typeof e.code === 'string' && e.code) return e.code;
  if (e && Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = (inner as ErrorLike | null)?.code;
      if (typeof code === 'string' && code) return code;
    }
  }
  return 'UNKNOWN';
}

function notSentCause(code: string, secure: boolean): NotSentCause {
  if (code === 'ECONNREFUSED') return 'refused';
  if (DNS_CODES.has(code)) return 'dns';
  if (code === CONNECT_TIMEOUT_CODE || code === 'ETIMEDOUT') return 'connect_timeout';
  if (TLS_CODE.test(code)) return 'tls';
  if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  // A reset during a TLS handshake is a handshake failure; during TCP connect, unreachable.
  return secure && code === 'ECONNRESET' ? 'tls' : 'unreachable';
}

export interface ClassifyContext {
  /** Our own total-time budget ran out (the abort came from us, not from the network). */
  readonly timedOut: boolean;
  readonly secure: boolean;
}

export function classifyFailure(error: unknown, context: ClassifyContext): AttemptFailure {
  const e = (error ?? {}) as ErrorLike;
  const code = errorCode(error);
  const gotResponse = e.response !== undefined && e.response !== null;
  const request = e.request ?? undefined;
  const socket = request?.socket ?? undefined;
  const phase = socketPhase(socket);
  const reused = request?.reusedSocket === true;
  // A socket this module did not see open is treated as possibly used: the safe side.
  const mayHaveBeenSent = gotResponse || reused || phase === 'ready' || (socket !== undefined && phase === undefined);

  if (!mayHaveBeenSent) {
    const cause = context.timedOut ? 'connect_timeout' : notSentCause(code, context.secure);
    return { kind: 'not_sent', cause, detail: context.timedOut ? 'TOTAL_TIMEOUT' : code };
  }
  if (context.timedOut) return { kind: 'maybe_sent', cause: 'timeout', detail: 'TOTAL_TIMEOUT' };
  const message = typeof e.message === 'string' ? e.message : '';
  if (message.startsWith('maxContentLength')) return { kind: 'maybe_sent', cause: 'too_large', detail: code };
  return { kind: 'maybe_sent', cause: gotResponse ? 'truncated' : 'connection_lost', detail: code };
}
