import type { z } from 'zod';
import { GatewayInputError, type GatewayInputIssue } from './errors.js';
import { frenchFor, gatewayErrorMap } from './messages.js';

/** Input field -> gateway parameter, so an error can name both (`card.cvv (CARDCVV)`). */
const PARAM_OF: Readonly<Record<string, string>> = {
  orderId: 'ORDERID',
  orderIds: 'ORDERID',
  description: 'DESCRIPTION',
  clientIdent: 'CLIENTIDENT',
  clientEmail: 'CLIENTEMAIL',
  clientIp: 'CLIENTIP',
  clientUserAgent: 'CLIENTUSERAGENT',
  clientReferrer: 'CLIENTREFERRER',
  clientAddress: 'CLIENTADDRESS',
  clientDob: 'CLIENTDOB',
  language: 'LANGUAGE',
  extraData: 'EXTRADATA',
  threeDSecure: '3DSECURE',
  threeDSecureDisplayMode: '3DSECUREDISPLAYMODE',
  threeDSecurePreference: '3DSECUREPREFERENCE',
  'card.number': 'CARDCODE',
  'card.expiry': 'CARDVALIDITYDATE',
  'card.cvv': 'CARDCVV',
  'card.holder': 'CARDFULLNAME',
  cvv: 'CARDCVV',
  alias: 'ALIAS',
  aliasMode: 'ALIASMODE',
  createAlias: 'CREATEALIAS',
  amount: 'AMOUNT',
  instalments: 'AMOUNTS',
  transactionId: 'TRANSACTIONID',
  transactionIds: 'TRANSACTIONID',
  scheduleId: 'SCHEDULEID',
  mailTo: 'MAILTO',
  callbackUrl: 'CALLBACKURL',
  compression: 'COMPRESSION',
  columns: 'COLUMNS',
  timeZone: 'TIMEZONE',
  date: 'DATE',
  startDate: 'STARTDATE',
  endDate: 'ENDDATE',
  scope: 'SCOPE',
};

const ADDRESS_PREFIX: Readonly<Record<string, string>> = { billing: 'BILLING', shipping: 'SHIPTO' };

function paramFor(path: readonly PropertyKey[]): string | undefined {
  const names = path.filter((part): part is string => typeof part === 'string');
  const [head, child] = names;
  if (head === undefined) return undefined;
  const prefix = ADDRESS_PREFIX[head];
  if (prefix) return child ? `${prefix}${child.toUpperCase()}` : undefined;
  return PARAM_OF[names.join('.')] ?? PARAM_OF[head];
}

function toIssue(issue: z.core.$ZodIssue): GatewayInputIssue {
  const path = issue.path.map(String).join('.') || '(input)';
  const param = paramFor(issue.path);
  const en = issue.message;
  const fr = frenchFor(en) ?? en;
  return param ? { path, message: en, param, en, fr } : { path, message: en, en, fr };
}

/**
 * Parses an operation's input before anything else happens; on failure throws a
 * GatewayInputError carrying paths and words only (zod never reports the input value unless
 * asked to, and it is not asked to).
 */
export function validateInput<S extends z.ZodType>(operation: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input, { error: gatewayErrorMap });
  if (parsed.success) return parsed.data;
  throw new GatewayInputError(operation, parsed.error.issues.map(toIssue));
}
