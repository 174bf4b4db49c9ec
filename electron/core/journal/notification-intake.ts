import { createHash } from 'node:crypto';
import { redactPayload } from './card-data-guard.js';
import { normalizeExecCode } from './exec-outcome.js';
import type { JsonObject, NotificationInput, NotificationParamValue } from './types.js';

/** What the journal reads from a received notification (fact sheet section 6). */
export interface ParsedNotification {
  readonly key: string;
  readonly identifier: string | null;
  readonly transactionId: string | null;
  readonly orderId: string | null;
  /** Lower case. */
  readonly operationType: string | null;
  /** Four digits. */
  readonly execCode: string | null;
  readonly message: string | null;
  readonly alias: string | null;
  /** AMOUNT when it is an integer (minor units). */
  readonly amount: number | null;
  readonly brand: string | null;
  readonly last4: string | null;
  readonly expiry: string | null;
  /** SCHEDULE=i-n of an instalment payment: this is instalment `seq` of `of`. */
  readonly schedule: { readonly seq: number; readonly of: number } | null;
  readonly scheduleId: string | null;
  /** Params fit for storage: no HASH, no CVV, no full PAN. */
  readonly storable: JsonObject;
}

function single(params: NotificationInput['params'], key: string): string | null {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The same identity as the listener's `notificationKey`: a gateway retry repeats IDENTIFIER,
 * TRANSACTIONID, OPERATIONTYPE, EXECCODE (and SCHEDULE per instalment); without a
 * TRANSACTIONID the whole signed set is the identity.
 */
export function notificationKey(params: NotificationInput['params']): string {
  const hash = createHash('sha256');
  const transactionId = single(params, 'TRANSACTIONID');
  if (transactionId !== null) {
    hash.update(
      JSON.stringify([
        't',
        single(params, 'IDENTIFIER') ?? '',
        transactionId,
        (single(params, 'OPERATIONTYPE') ?? '').toLowerCase(),
        single(params, 'EXECCODE') ?? '',
        single(params, 'SCHEDULE') ?? '',
      ]),
    );
  } else {
    const canonical = Object.keys(params)
      .filter((key) => key !== 'HASH')
      .sort()
      .map((key): [string, NotificationParamValue] => {
        const value = params[key] as NotificationParamValue;
        if (typeof value === 'string') return [key, value];
        const sorted: Record<string, string> = {};
        for (const child of Object.keys(value).sort()) sorted[child] = value[child] as string;
        return [key, sorted];
      });
    hash.update(JSON.stringify(['p', canonical]));
  }
  return hash.digest('hex');
}

export function parseNotification(input: NotificationInput): ParsedNotification {
  const params = input.params;
  const execCode = single(params, 'EXECCODE');
  const amountText = single(params, 'AMOUNT');
  const cardCode = single(params, 'CARDCODE');
  const expiry = single(params, 'CARDVALIDITYDATE');
  const schedule = /^([1-9][0-9]{0,3})-([1-9][0-9]{0,3})$/.exec(single(params, 'SCHEDULE') ?? '');
  return {
    key: input.key ?? notificationKey(params),
    identifier: single(params, 'IDENTIFIER'),
    transactionId: single(params, 'TRANSACTIONID'),
    orderId: single(params, 'ORDERID'),
    operationType: single(params, 'OPERATIONTYPE')?.toLowerCase() ?? null,
    execCode: execCode === null ? null : normalizeExecCode(execCode),
    message: single(params, 'MESSAGE'),
    alias: single(params, 'ALIAS'),
    amount: amountText !== null && /^[0-9]{1,15}$/.test(amountText) ? Number(amountText) : null,
    brand: single(params, 'CARDTYPE')?.toLowerCase() ?? null,
    last4: cardCode !== null && /[0-9]{4}$/.test(cardCode) ? cardCode.slice(-4) : null,
    expiry: expiry !== null && /^(0[1-9]|1[0-2])-[0-9]{2}$/.test(expiry) ? expiry : null,
    schedule: schedule ? { seq: Number(schedule[1]), of: Number(schedule[2]) } : null,
    scheduleId: single(params, 'SCHEDULEID'),
    storable: redactPayload(params) as JsonObject,
  };
}
