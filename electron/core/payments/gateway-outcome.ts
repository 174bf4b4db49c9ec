import type { GatewayCallResult } from '../gateway/index.js';
import type { GatewayOutcomeInput } from '../journal/types.js';

/** What the journal records of a gateway call: the answer's fields, or why there is none. */
export function journalOutcome(result: GatewayCallResult): GatewayOutcomeInput {
  switch (result.outcome) {
    case 'answered':
    case 'pending':
      return { outcome: 'answered', response: { ...result.response.fields, EXECCODE: result.response.execCode }, host: result.origin };
    case 'unknown':
      return { outcome: 'unknown', reason: result.reason };
    case 'failed':
      return { outcome: 'failed', code: result.code, retryable: result.retryable };
  }
}
