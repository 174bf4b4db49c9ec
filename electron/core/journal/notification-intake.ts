import { notificationKey } from '../notifications/notification-key.js';
import { keepDocumentedFields } from './gateway-fields.js';
import { normalizeExecCode } from '../../../shared/domain/exec-code-meanings.js';
import type { JsonObject, NotificationInput } from './types.js';

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
  /** The documented params, fit for storage: no HASH, no CVV, no full PAN (`keepDocumentedFields`). */
  readonly storable: JsonObject;
  /** Names of the params not kept (never their values). */
  readonly dropped: readonly string[];
  /** Of those, the ones no documentation lists. */
  readonly unexpected: readonly string[];
}

function single(params: NotificationInput['params'] | JsonObject, key: string): string | null {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function parseNotification(input: NotificationInput): ParsedNotification {
  // Every column is read from what is kept, so nothing the allow-list drops or masks reaches one.
  const { fields, dropped, unexpected } = keepDocumentedFields(input.params);
  const execCode = single(fields, 'EXECCODE');
  const amountText = single(fields, 'AMOUNT');
  const cardCode = single(fields, 'CARDCODE');
  const expiry = single(fields, 'CARDVALIDITYDATE');
  const schedule = /^([1-9][0-9]{0,3})-([1-9][0-9]{0,3})$/.exec(single(fields, 'SCHEDULE') ?? '');
  return {
    key: input.key ?? notificationKey(input.params),
    identifier: single(fields, 'IDENTIFIER'),
    transactionId: single(fields, 'TRANSACTIONID'),
    orderId: single(fields, 'ORDERID'),
    operationType: single(fields, 'OPERATIONTYPE')?.toLowerCase() ?? null,
    execCode: execCode === null ? null : normalizeExecCode(execCode),
    message: single(fields, 'MESSAGE'),
    alias: single(fields, 'ALIAS'),
    amount: amountText !== null && /^[0-9]{1,15}$/.test(amountText) ? Number(amountText) : null,
    brand: single(fields, 'CARDTYPE')?.toLowerCase() ?? null,
    last4: cardCode !== null && /[0-9]{4}$/.test(cardCode) ? cardCode.slice(-4) : null,
    expiry: expiry !== null && /^(0[1-9]|1[0-2])-[0-9]{2}$/.test(expiry) ? expiry : null,
    schedule: schedule ? { seq: Number(schedule[1]), of: Number(schedule[2]) } : null,
    scheduleId: single(fields, 'SCHEDULEID'),
    storable: fields,
    dropped,
    unexpected,
  };
}
