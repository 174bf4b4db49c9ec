import { signParams } from '../../../../electron/core/gateway/signature.js';
import type { ParamValue } from '../../../../electron/core/notifications/types.js';

export const ACCOUNT = 'COMPTOIR-TEST';
export const PASSWORD = 'p4ss-w0rd-secret';
export const OTHER_ACCOUNT = 'COMPTOIR-OTHER';
export const OTHER_PASSWORD = 'another secret';

export type Params = Record<string, ParamValue>;

/** A notification as the gateway would send it: fields plus a correct HASH. */
export function signed(fields: Params, password = PASSWORD): Params {
  return { ...fields, HASH: signParams(fields, password) };
}

export function notificationFields(overrides: Params = {}): Params {
  return {
    IDENTIFIER: ACCOUNT,
    OPERATIONTYPE: 'payment',
    EXECCODE: '0000',
    MESSAGE: 'The transaction has been accepted.',
    TRANSACTIONID: 'A189063',
    ORDERID: 'ORD-1',
    AMOUNT: '1000',
    CURRENCY: 'EUR',
    CARDCODE: 'XXXXXXXXXXXX1234',
    DESCRIPTOR: 'RENTABILITEST',
    VERSION: '2.0',
    ...overrides,
  };
}

/** application/x-www-form-urlencoded, brackets and all percent-encoded as PHP does. */
export function formEncode(params: Params): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    else for (const [child, v] of Object.entries(value)) parts.push(`${encodeURIComponent(`${key}[${child}]`)}=${encodeURIComponent(v)}`);
  }
  return parts.join('&');
}
