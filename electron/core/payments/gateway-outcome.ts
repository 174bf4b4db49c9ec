import type { GatewayCallResult } from '../gateway/index.js';
import type { Journal } from '../journal/index.js';
import type { GatewayOutcomeInput, LookupRow } from '../journal/types.js';

/** What the journal records of a gateway call: the answer's fields, or why there is none. */
function journalOutcome(result: GatewayCallResult): GatewayOutcomeInput {
  switch (result.outcome) {
    case 'answered':
    case 'pending':
      return { outcome: 'answered', response: { ...result.response.fields, EXECCODE: result.response.execCode }, host: result.origin };
    case 'looked_up':
    case 'unknown':
      return { outcome: 'unknown', reason: result.reason };
    case 'failed':
      return { outcome: 'failed', code: result.code, retryable: result.retryable };
  }
}

/**
 * Records a call's end on its operation. An answer the client could not use but found by a
 * lookup is written as what happened: no usable answer, then the gateway's record of it (a
 * crash between the two leaves it `unknown`, which the polling bridge looks up again).
 */
export function recordCallResult(journal: Journal, operationId: number, result: GatewayCallResult): void {
  journal.recordResponse(operationId, journalOutcome(result));
  if (result.outcome === 'looked_up') {
    const alongside = result.alongside.map((other) => other.fields as LookupRow);
    journal.recordLookup(operationId, { found: true, row: { ...result.row.fields, EXECCODE: result.row.execCode } as LookupRow, alongside });
  }
}
