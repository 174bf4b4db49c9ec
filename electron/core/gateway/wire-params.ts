import type { GatewayMethod } from './methods.js';
import type {
  ParsedAuthorization,
  ParsedCredit,
  ParsedExportReconciledTransactions,
  ParsedExportReconciliation,
  ParsedExportTransactions,
  ParsedFollowUp,
  ParsedGetTransactions,
  ParsedPayment,
  ParsedStopNTimes,
} from './schemas.js';

/**
 * Validated inputs become the exact string params that are signed and sent. Only non-empty
 * strings are ever put in (fact sheet 1.1 item 7 and Q14): a value that is not sent must not
 * be signed either, so absence is decided here, once.
 */
export type WireParams = Record<string, string | Record<string, string>>;

export interface AccountParams {
  readonly identifier: string;
  readonly version: string;
}

function put(params: WireParams, key: string, value: string | number | undefined): void {
  if (value === undefined) return;
  const text = typeof value === 'number' ? String(value) : value;
  if (text !== '') params[key] = text;
}

function yesNo(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'yes' : 'no';
}

/** IDENTIFIER, VERSION and OPERATIONTYPE (which always equals `method`) open every call. */
function base(account: AccountParams, method: GatewayMethod): WireParams {
  return { IDENTIFIER: account.identifier, VERSION: account.version, OPERATIONTYPE: method };
}

type Customer = Pick<
  ParsedPayment,
  | 'orderId'
  | 'description'
  | 'clientIdent'
  | 'clientEmail'
  | 'clientIp'
  | 'clientUserAgent'
  | 'clientReferrer'
  | 'clientAddress'
  | 'clientDob'
  | 'language'
  | 'extraData'
  | 'threeDSecure'
  | 'threeDSecureDisplayMode'
  | 'threeDSecurePreference'
  | 'billing'
  | 'shipping'
>;

type PostalAddress = NonNullable<ParsedPayment['billing']>;

function putAddress(params: WireParams, prefix: 'BILLING' | 'SHIPTO', address: PostalAddress | undefined): void {
  if (!address) return;
  put(params, `${prefix}FIRSTNAME`, address.firstName);
  put(params, `${prefix}LASTNAME`, address.lastName);
  put(params, `${prefix}ADDRESS`, address.address);
  put(params, `${prefix}POSTALCODE`, address.postalCode);
  put(params, `${prefix}CITY`, address.city);
  put(params, `${prefix}COUNTRY`, address.country);
  put(params, `${prefix}PHONE`, address.phone);
}

function putCustomer(params: WireParams, input: Customer): void {
  put(params, 'ORDERID', input.orderId);
  put(params, 'DESCRIPTION', input.description);
  put(params, 'CLIENTIDENT', input.clientIdent);
  put(params, 'CLIENTEMAIL', input.clientEmail);
  put(params, 'CLIENTIP', input.clientIp);
  put(params, 'CLIENTUSERAGENT', input.clientUserAgent);
  put(params, 'CLIENTREFERRER', input.clientReferrer);
  put(params, 'CLIENTADDRESS', input.clientAddress);
  put(params, 'CLIENTDOB', input.clientDob);
  put(params, 'LANGUAGE', input.language);
  put(params, 'EXTRADATA', input.extraData);
  put(params, '3DSECURE', yesNo(input.threeDSecure));
  put(params, '3DSECUREDISPLAYMODE', input.threeDSecureDisplayMode);
  put(params, '3DSECUREPREFERENCE', input.threeDSecurePreference);
  putAddress(params, 'BILLING', input.billing);
  putAddress(params, 'SHIPTO', input.shipping);
}

interface CardFields {
  readonly number: string;
  readonly expiry: string;
  readonly cvv: string;
  readonly holder: string;
}

function putCard(params: WireParams, card: CardFields): void {
  put(params, 'CARDCODE', card.number);
  put(params, 'CARDVALIDITYDATE', card.expiry);
  put(params, 'CARDCVV', card.cvv);
  put(params, 'CARDFULLNAME', card.holder);
}

type Sourced = ParsedPayment | ParsedAuthorization;

function putSource(params: WireParams, input: Sourced): void {
  if (input.source === 'card') {
    putCard(params, input.card);
    if (input.createAlias) put(params, 'CREATEALIAS', 'yes');
  } else {
    put(params, 'ALIAS', input.alias);
    put(params, 'ALIASMODE', input.aliasMode);
    put(params, 'CARDCVV', input.cvv);
  }
}

export function paymentParams(account: AccountParams, input: ParsedPayment): WireParams {
  const params = base(account, 'payment');
  putSource(params, input);
  putCustomer(params, input);
  if (input.instalments) {
    const amounts: Record<string, string> = {};
    for (const entry of input.instalments) amounts[entry.date] = String(entry.amount);
    params.AMOUNTS = amounts;
  } else {
    put(params, 'AMOUNT', input.amount);
  }
  return params;
}

export function authorizationParams(account: AccountParams, input: ParsedAuthorization): WireParams {
  const params = base(account, 'authorization');
  putSource(params, input);
  putCustomer(params, input);
  put(params, 'AMOUNT', input.amount);
  return params;
}

export function creditParams(account: AccountParams, input: ParsedCredit): WireParams {
  const params = base(account, 'credit');
  putCard(params, input.card);
  putCustomer(params, input);
  put(params, 'AMOUNT', input.amount);
  return params;
}

export function followUpParams(account: AccountParams, method: 'capture' | 'refund' | 'void', input: ParsedFollowUp): WireParams {
  const params = base(account, method);
  put(params, 'TRANSACTIONID', input.transactionId);
  put(params, 'ORDERID', input.orderId);
  put(params, 'DESCRIPTION', input.description);
  put(params, 'AMOUNT', input.amount);
  put(params, 'EXTRADATA', input.extraData);
  return params;
}

export function stopNTimesParams(account: AccountParams, input: ParsedStopNTimes): WireParams {
  const params = base(account, 'stopntimes');
  put(params, 'SCHEDULEID', input.scheduleId);
  return params;
}

interface ReportOptions {
  readonly mailTo?: string | undefined;
  readonly callbackUrl?: string | undefined;
  readonly compression?: string | undefined;
  readonly columns?: readonly string[] | undefined;
  readonly timeZone?: string | undefined;
}

function putReportOptions(params: WireParams, input: ReportOptions): void {
  put(params, 'MAILTO', input.mailTo);
  put(params, 'CALLBACKURL', input.callbackUrl);
  put(params, 'COMPRESSION', input.compression);
  put(params, 'COLUMNS', input.columns?.join(';'));
  put(params, 'TIMEZONE', input.timeZone);
}

export function getTransactionsParams(account: AccountParams, input: ParsedGetTransactions): WireParams {
  const params = base(account, 'getTransactions');
  put(params, 'TRANSACTIONID', input.transactionIds?.join(';'));
  put(params, 'ORDERID', input.orderIds?.join(';'));
  putReportOptions(params, input);
  return params;
}

export function exportTransactionsParams(
  account: AccountParams,
  method: 'exportTransactions' | 'exportChargebacks',
  input: ParsedExportTransactions,
): WireParams {
  const params = base(account, method);
  put(params, 'DATE', input.date);
  put(params, 'STARTDATE', input.startDate);
  put(params, 'ENDDATE', input.endDate);
  putReportOptions(params, input);
  return params;
}

export function exportReconciliationParams(account: AccountParams, input: ParsedExportReconciliation): WireParams {
  const params = base(account, 'exportReconciliation');
  put(params, 'DATE', input.date);
  put(params, 'SCOPE', input.scope);
  putReportOptions(params, input);
  return params;
}

export function exportReconciledTransactionsParams(account: AccountParams, input: ParsedExportReconciledTransactions): WireParams {
  const params = base(account, 'exportReconciledTransactions');
  put(params, 'DATE', input.date);
  putReportOptions(params, input);
  return params;
}
