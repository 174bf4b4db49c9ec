import { randomBytes } from 'node:crypto';
import type { ConnectionTest, ConnectionVerdict } from '../../../shared/contract/accounts.js';
import type { GatewayClient } from '../gateway/index.js';

/** An answer slower than this works but is worth telling: a payment would feel stuck. */
const SLOW_ANSWER_MS = 5_000;

/** EXECCODEs that say the signed request itself was refused (fact sheet 5). */
const REFUSALS: Readonly<Record<string, ConnectionVerdict>> = {
  '1003': 'wrong_password',
  '3002': 'ip_not_authorized',
  '3001': 'account_disabled',
};

/**
 * A harmless signed request: getTransactions for an ORDERID no desk ever sends (read-only,
 * moves nothing, never journaled). Any answer that is not a refusal of the request itself
 * (an empty list, "not found") proves the IDENTIFIER, password and this machine's IP are
 * accepted. Asked once; read-only calls fail over to the secondary host as the client does.
 */
export async function testConnection(client: GatewayClient, now: () => number): Promise<ConnectionTest> {
  const started = now();
  const result = await client.getTransactions({ orderIds: [`COMPTOIR-CONNECTION-TEST-${randomBytes(6).toString('hex')}`] });
  const durationMs = Math.max(0, Math.round(now() - started));
  const origin = result.origin;
  if (result.outcome === 'failed') {
    const verdict: ConnectionVerdict =
      result.code === 'GATEWAY_UNREACHABLE'
        ? 'unreachable'
        : result.code === 'GATEWAY_TLS_FAILURE'
          ? 'tls_failure'
          : result.code === 'GATEWAY_TIMEOUT'
            ? 'timeout'
            : 'unexpected';
    return { verdict, execCode: null, origin, durationMs };
  }
  if (result.outcome !== 'answered') return { verdict: 'unexpected', execCode: null, origin, durationMs };
  const execCode = result.response.execCode;
  const refusal = REFUSALS[execCode];
  if (refusal) return { verdict: refusal, execCode, origin, durationMs };
  // 1xxx other than 1003 means our request was malformed, not that the account works.
  if (execCode.startsWith('1') || execCode.startsWith('3') || execCode.startsWith('5')) return { verdict: 'unexpected', execCode, origin, durationMs };
  return { verdict: durationMs > SLOW_ANSWER_MS ? 'slow' : 'ok', execCode, origin, durationMs };
}
