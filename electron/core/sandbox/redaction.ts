import { maskPan, scrubPans } from './card-rules.js';
import type { ParamValue } from './types.js';

/**
 * What the ledger keeps of a received request: never the PAN (masked to its last four), never
 * the CVV or the HASH, and no stray card number in free-text fields either.
 */
const REMOVED = '[redacted]';

/** Identifiers are kept verbatim: a long numeric ORDERID may pass Luhn by chance. */
const IDENTIFIER_KEYS = new Set(['IDENTIFIER', 'ORDERID', 'TRANSACTIONID', 'SCHEDULEID', 'ALIAS', 'CLIENTIDENT', 'OPERATIONTYPE', 'VERSION', 'AMOUNT']);

export function redactParams(params: Readonly<Record<string, ParamValue>>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') {
      const child: Record<string, string> = {};
      for (const [k, v] of Object.entries(value)) child[k] = scrubPans(v);
      out[key] = child;
    } else if (key === 'CARDCODE') {
      out[key] = /^\d{4,}$/.test(value) ? maskPan(value) : REMOVED;
    } else if (key === 'CARDCVV' || key === 'HASH' || key === 'PASSWORD') {
      out[key] = REMOVED;
    } else {
      out[key] = IDENTIFIER_KEYS.has(key) ? value : scrubPans(value);
    }
  }
  return out;
}
