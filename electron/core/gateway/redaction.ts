import type { WireParams } from './wire-params.js';

/**
 * What may be kept of a request: the journal records "request sent (redacted)". The PAN keeps
 * its first six and last four digits (what DESIGN allows to be stored), the CVV and the HASH
 * are dropped, and the password is never in params to begin with.
 */
export type RedactedParams = Readonly<Record<string, string | Readonly<Record<string, string>>>>;

const DROPPED = new Set(['CARDCVV', 'HASH', 'PASSWORD']);
const MASKED = new Set(['CARDCODE']);

/** `4111111111111111` -> `411111XXXXXX1111`; a value already masked by the gateway is kept. */
export function maskCardNumber(value: string): string {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^[0-9]{12,19}$/.test(digits)) {
    // Already masked (XXXXXXXXXXXX1234) or not a number at all: still never let a run of
    // twelve or more digits through.
    return value.replace(/[0-9]{12,}/g, (run) => maskCardNumber(run));
  }
  return `${digits.slice(0, 6)}${'X'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

export function redactParams(params: WireParams): RedactedParams {
  const out: Record<string, string | Readonly<Record<string, string>>> = {};
  for (const key of Object.keys(params)) {
    if (DROPPED.has(key)) continue;
    const value = params[key];
    if (value === undefined) continue;
    out[key] = typeof value === 'string' && MASKED.has(key) ? maskCardNumber(value) : value;
  }
  return out;
}
