import { createHash } from 'node:crypto';
import type { NotificationParams, ParamValue } from './types.js';

function single(params: NotificationParams, key: string): string | null {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * THE identity of a notification, the listener's dedupe key and the journal inbox's alike. A
 * gateway retry repeats IDENTIFIER, TRANSACTIONID, OPERATIONTYPE and EXECCODE (plus SCHEDULE for
 * each instalment of an N-times payment), so those identify it even if a cosmetic field such as
 * MESSAGE changes between attempts. Without a TRANSACTIONID nothing narrower is reliable, so
 * the whole signed set (HASH aside) is the identity.
 */
export function notificationKey(params: NotificationParams): string {
  const hash = createHash('sha256');
  const transactionId = single(params, 'TRANSACTIONID');
  if (transactionId !== null) {
    hash.update(
      JSON.stringify([
        't',
        single(params, 'IDENTIFIER') ?? '',
        transactionId,
        // The 2013 doc shows upper case on the wire, everything else lower case (fact sheet Q13).
        (single(params, 'OPERATIONTYPE') ?? '').toLowerCase(),
        single(params, 'EXECCODE') ?? '',
        single(params, 'SCHEDULE') ?? '',
      ]),
    );
  } else {
    hash.update(JSON.stringify(['p', canonicalParams(params)]));
  }
  return hash.digest('hex');
}

function canonicalParams(params: NotificationParams): Array<[string, ParamValue]> {
  return Object.keys(params)
    .filter((key) => key !== 'HASH')
    .sort()
    .map((key): [string, ParamValue] => {
      const value = params[key] as ParamValue;
      if (typeof value === 'string') return [key, value];
      const sorted: Record<string, string> = {};
      for (const child of Object.keys(value).sort()) sorted[child] = value[child] as string;
      return [key, sorted];
    });
}
