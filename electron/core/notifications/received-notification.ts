import { notificationKey } from './notification-key.js';
import type { NotificationParams, ParamValue, ReceivedNotification } from './types.js';

/** The fields the listener needs before it can check or record a notification. */
export interface NotificationFields {
  readonly identifier: string;
  readonly operationType: string;
  readonly execCode: string;
  readonly transactionId?: string;
  readonly orderId?: string;
  readonly schedule?: string;
}

export type FieldsResult = { readonly ok: true; readonly fields: NotificationFields } | { readonly ok: false; readonly reason: string };

const EXECCODE = /^[0-9]{4}$/;
const OPERATIONTYPE = /^[A-Za-z]{1,40}$/;

function optional(params: NotificationParams, key: string, max: number): string | undefined | null {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) return null;
  return value === '' ? undefined : value;
}

/** Reads and shape-checks IDENTIFIER, EXECCODE, OPERATIONTYPE (required) and the ids. */
export function readNotificationFields(params: NotificationParams): FieldsResult {
  const identifier = params.IDENTIFIER;
  const execCode = params.EXECCODE;
  const operationType = params.OPERATIONTYPE;
  if (typeof identifier !== 'string' || identifier === '' || identifier.length > 64) {
    return { ok: false, reason: 'IDENTIFIER missing or invalid' };
  }
  if (typeof execCode !== 'string' || !EXECCODE.test(execCode)) {
    return { ok: false, reason: 'EXECCODE missing or invalid' };
  }
  if (typeof operationType !== 'string' || !OPERATIONTYPE.test(operationType)) {
    return { ok: false, reason: 'OPERATIONTYPE missing or invalid' };
  }
  const transactionId = optional(params, 'TRANSACTIONID', 128);
  const orderId = optional(params, 'ORDERID', 128);
  const schedule = optional(params, 'SCHEDULE', 32);
  if (transactionId === null || orderId === null || schedule === null) {
    return { ok: false, reason: 'TRANSACTIONID, ORDERID or SCHEDULE invalid' };
  }
  const fields: NotificationFields = {
    identifier,
    // The 2013 doc shows upper case on the wire, everything else lower case (fact sheet Q13).
    operationType: operationType.toLowerCase(),
    execCode,
    ...(transactionId !== undefined ? { transactionId } : {}),
    ...(orderId !== undefined ? { orderId } : {}),
    ...(schedule !== undefined ? { schedule } : {}),
  };
  return { ok: true, fields };
}

function maskCardCode(value: string): string {
  return value.length <= 4 ? value : 'X'.repeat(value.length - 4) + value.slice(-4);
}

/**
 * What may be kept of the received params: HASH goes (it is a secret-derived value), CARDCVV
 * goes (the simulator sends one), CARDCODE is masked to its last four digits even if a sender
 * put a full PAN in it.
 */
export function storableParams(params: NotificationParams): NotificationParams {
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(params)) {
    if (key === 'HASH' || key === 'CARDCVV') continue;
    const value = params[key] as ParamValue;
    if (key === 'CARDCODE') {
      if (typeof value === 'string') out[key] = maskCardCode(value);
      continue;
    }
    out[key] = typeof value === 'string' ? value : { ...value };
  }
  return out;
}

export function buildReceivedNotification(
  fields: NotificationFields,
  params: NotificationParams,
  receivedAt: number,
  method: 'GET' | 'POST',
): ReceivedNotification {
  return {
    key: notificationKey(params),
    identifier: fields.identifier,
    operationType: fields.operationType,
    execCode: fields.execCode,
    ...(fields.transactionId !== undefined ? { transactionId: fields.transactionId } : {}),
    ...(fields.orderId !== undefined ? { orderId: fields.orderId } : {}),
    params: storableParams(params),
    receivedAt,
    method,
  };
}
