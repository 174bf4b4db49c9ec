import { redactCardNumbers, redactPayload } from './card-data-guard.js';
import type { JsonObject } from './types.js';

/**
 * What the journal keeps of what the gateway says: a synchronous answer (fact sheet section
 * 4), a notification (section 6) or a getTransactions row (sections 3.3 and 8). Kept by name,
 * from one list: a gateway that echoes CARDCVV, a full card number or anything else in a field
 * no documentation lists cannot get it into the journal, whatever the value looks like.
 *
 * Kept: what says what happened (status, ids, amounts, dates, 3-D Secure, schedules, refund and
 * chargeback links) and the card summary the journal keeps anyway (type, network, country,
 * masked number, expiry, holder). Values are masked where a card number shows (CARDCODE to its
 * last four). The expiry is kept: it is stored for every operation already, and is no card
 * data without the number.
 */
const KEPT = new Set([
  // The operation and its outcome.
  'IDENTIFIER',
  'OPERATIONTYPE',
  'EXECCODE',
  'MESSAGE',
  'TRANSACTIONID',
  'ORDERID',
  'AMOUNT',
  'CURRENCY',
  'DESCRIPTOR',
  'DESCRIPTION',
  'EXTRADATA',
  'VERSION',
  'LANGUAGE',
  'DATE',
  'NATURE',
  'FINANCIALSTATE',
  'SCHEMETRANSACTIONID',
  'REDIRECTURL',
  'ARN',
  'RULE APPLIED',
  'RETRY',
  // Aliases and instalment schedules.
  'ALIAS',
  'ALIASMODE',
  'SCHEDULEID',
  'SCHEDULE',
  // The customer reference the merchant itself sent.
  'CLIENTIDENT',
  'CLIENTEMAIL',
  // The card summary.
  'CARDTYPE',
  'CARDNETWORK',
  'CARDCOUNTRY',
  'CARDCODE',
  'CARDVALIDITYDATE',
  'CARDFULLNAME',
  // 3-D Secure.
  '3DSECURE',
  '3DSECUREAUTHENTICATIONSTATUS',
  '3DSECURESIGNATURESTATUS',
  '3DSGLOBALSTATUS',
  '3DSLIABILITYSHIFT',
  '3DSECI',
  'CARD3DSECUREENROLLED',
  'CARDENROLLED',
  'AUTHENTICATIONSTATUS',
  'SIGNATURESTATUS',
  // Links between operations (export rows).
  'REFUNDED',
  'REFUNDEDBY',
  'REFUNDTYPE',
  'AUTHORIZEDBY',
  'CAPTUREDBY',
  'CHARGEBACKSTATUS',
  'CHARGEBACKDATE',
]);

/**
 * Documented, and still not kept: bulky base64 pages the operator's browser needs once,
 * personal data a status does not need (addresses, birth date, IP, billing and shipping
 * contacts) and fees. Dropped without a warning; their names are recorded with the rest.
 */
const DOCUMENTED_NOT_KEPT = new Set([
  '3DSECUREHTML',
  'REDIRECTHTML',
  'REDIRECTPOSTPARAMS',
  'CLIENTADDRESS',
  'CLIENTDOB',
  'CLIENTIP',
  'CLIENTREFERRER',
  'CLIENTUSERAGENT',
  'ADDITIONAL DATA',
  'BILLINGFEESHT',
  'BILLINGFEESTTC',
  'BILLINGFEES EX. VAT',
  'BILLING VAT FEES',
  'BILLINGFEES INCL. VAT',
  'AMOUNT IN BILLING CURRENCY',
]);

/** Signed fields are verified, never stored; not worth naming either. */
const NEVER_NAMED = new Set(['HASH']);

/** Billing and shipping contacts of the export layouts ("BILLING FIRST NAME", "SHIP TO PHONE"…). */
const CONTACT_COLUMN = /^(BILLING|SHIPTO|SHIP TO) ?[A-Z ]+$/;

/** At most this many dropped names are recorded, each cut to this length: a flood stays small. */
const MAX_NAMES = 32;
const MAX_NAME_LENGTH = 64;

export interface KeptGatewayFields {
  readonly fields: JsonObject;
  /** Names not kept (never their values), card numbers in them masked. */
  readonly dropped: readonly string[];
  /** Of those, the ones no documentation lists: worth a warning in the log. */
  readonly unexpected: readonly string[];
}

function recordableName(name: string): string {
  return redactCardNumbers(name).slice(0, MAX_NAME_LENGTH);
}

/** The one allow-list: every answer, notification and lookup row goes through it before it is stored. */
export function keepDocumentedFields(raw: Readonly<Record<string, unknown>>): KeptGatewayFields {
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  const unexpected: string[] = [];
  for (const name of Object.keys(raw)) {
    if (KEPT.has(name)) {
      kept[name] = raw[name];
      continue;
    }
    if (NEVER_NAMED.has(name)) continue;
    const documented = DOCUMENTED_NOT_KEPT.has(name) || CONTACT_COLUMN.test(name);
    if (dropped.length < MAX_NAMES) dropped.push(recordableName(name));
    if (!documented && unexpected.length < MAX_NAMES) unexpected.push(recordableName(name));
  }
  return { fields: redactPayload(kept) as JsonObject, dropped, unexpected };
}
