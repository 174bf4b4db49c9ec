import { DAY_MS, parseUtcDay, utcDay } from './sandbox-clock.js';
import { isAmex, luhnValid, validityEnd } from './card-rules.js';
import { FIELD_CHECKS } from './field-rules.js';
import { ParameterError } from './parameter-error.js';
import type { ExportMethodName, Params, SandboxRules } from './types.js';

/**
 * Which parameters each operation requires, and the checks beyond a field's own format
 * (Luhn, expiry, instalment dates…). Presence is checked first (1001), then formats in the
 * order of `FIELD_CHECKS`, then these cross-field rules (1002).
 */
export type CardMethod = 'payment' | 'authorization' | 'credit';
export type FollowUpMethod = 'capture' | 'refund' | 'void';
export type ApiMethod = CardMethod | FollowUpMethod | 'stopntimes' | ExportMethodName;
export type Endpoint = 'process' | 'export' | 'reconciliation';

/**
 * Fact sheet 2.2: which path serves which method. The gateway client has the same table
 * (`gateway/methods.ts`) and this one is kept apart on purpose: an emulator that read the
 * client's table would agree with any mistake in it and could never catch one. A test holds
 * both to the fact sheet (test/core/gateway/method-endpoints.test.ts).
 */
export const METHOD_ENDPOINTS: Readonly<Record<ApiMethod, Endpoint>> = {
  payment: 'process',
  authorization: 'process',
  credit: 'process',
  capture: 'process',
  refund: 'process',
  void: 'process',
  stopntimes: 'process',
  getTransactions: 'export',
  exportTransactions: 'export',
  exportChargebacks: 'export',
  exportReconciliation: 'reconciliation',
  exportReconciledTransactions: 'reconciliation',
};

const METHOD_BY_LOWER = new Map(Object.keys(METHOD_ENDPOINTS).map((m) => [m.toLowerCase(), m as ApiMethod]));

/** The canonical spelling of a `method`, compared case-insensitively. */
export function resolveMethod(name: string): ApiMethod | undefined {
  return METHOD_BY_LOWER.get(name.toLowerCase());
}

const CLIENT_FIELDS = ['ORDERID', 'CLIENTIDENT', 'CLIENTEMAIL', 'CLIENTIP', 'DESCRIPTION', 'CLIENTUSERAGENT'];
const CARD_FIELDS = ['CARDCODE', 'CARDVALIDITYDATE', 'CARDCVV', 'CARDFULLNAME'];

/** Present and not empty: the gateway treats `params[X]=` as a missing X. */
function has(params: Params, name: string): boolean {
  const value = params[name];
  if (value === undefined) return false;
  return typeof value === 'string' ? value !== '' : Object.keys(value).length > 0;
}

export function str(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isYes(params: Params, name: string): boolean {
  return str(params, name)?.toLowerCase() === 'yes';
}

/** Alias operations (oneclick / subscription) carry ALIAS instead of card data. */
export function usesAlias(method: ApiMethod, params: Params): boolean {
  return (method === 'payment' || method === 'authorization') && has(params, 'ALIAS');
}

function requiredFor(method: ApiMethod, params: Params, rules: SandboxRules): string[][] {
  const one = (...names: string[]) => names.map((name) => [name]);
  switch (method) {
    case 'payment':
    case 'authorization':
    case 'credit': {
      const amount = method === 'payment' ? [['AMOUNT', 'AMOUNTS']] : [['AMOUNT']];
      if (usesAlias(method, params)) {
        const referrer = rules.requireClientReferrerForAlias ? ['CLIENTREFERRER'] : [];
        return [...one(...CLIENT_FIELDS), ...amount, ...one('ALIAS', 'ALIASMODE', ...referrer)];
      }
      return [...one(...CLIENT_FIELDS), ...amount, ...one(...CARD_FIELDS)];
    }
    case 'capture':
    case 'refund':
    case 'void':
      return one('TRANSACTIONID', 'ORDERID', 'DESCRIPTION');
    case 'stopntimes':
      return one('SCHEDULEID');
    case 'getTransactions':
      return [['TRANSACTIONID', 'ORDERID']];
    case 'exportTransactions':
    case 'exportChargebacks':
      return [has(params, 'STARTDATE') || has(params, 'ENDDATE') ? ['STARTDATE'] : ['DATE', 'STARTDATE'], ['MAILTO', 'CALLBACKURL'], ['COMPRESSION']];
    case 'exportReconciliation':
      if (rules.reconciliationAcceptsDateRange && (has(params, 'STARTDATE') || has(params, 'ENDDATE'))) {
        return [['STARTDATE'], ['MAILTO', 'CALLBACKURL'], ['COMPRESSION']];
      }
      return [['DATE'], ['MAILTO', 'CALLBACKURL'], ['COMPRESSION']];
    case 'exportReconciledTransactions':
      return [['DATE'], ['MAILTO', 'CALLBACKURL'], ['COMPRESSION']];
  }
}

function checkPresence(method: ApiMethod, params: Params, rules: SandboxRules): void {
  for (const alternatives of requiredFor(method, params, rules)) {
    if (!alternatives.some((name) => has(params, name))) throw new ParameterError('1001', alternatives[0] as string);
  }
  if (method.startsWith('export') && has(params, 'STARTDATE') && !has(params, 'ENDDATE')) {
    throw new ParameterError('1001', 'ENDDATE');
  }
}

/** getTransactions takes `;`-separated lists in these two; each item is checked on its own. */
const LIST_FIELDS = new Set(['TRANSACTIONID', 'ORDERID']);

function checkFormats(method: ApiMethod, params: Params, rules: SandboxRules): void {
  for (const [name, check] of FIELD_CHECKS) {
    if (method === 'getTransactions' && LIST_FIELDS.has(name)) continue;
    const value = params[name];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || !check(value, rules)) throw new ParameterError('1002', name);
  }
}

/** `AMOUNTS`: first date today (UTC), at most 90 days to the last, each amount positive. */
function checkInstalments(params: Params, now: number, cardValidity: string | undefined): void {
  const amounts = params.AMOUNTS;
  if (amounts === undefined) return;
  if (typeof amounts === 'string' || has(params, 'AMOUNT')) throw new ParameterError('1002', 'AMOUNTS');
  const dates = Object.keys(amounts).sort();
  const valid = dates.length > 0 && dates.every((d) => !Number.isNaN(parseUtcDay(d)) && /^[1-9]\d{0,11}$/.test(amounts[d] ?? ''));
  if (!valid) throw new ParameterError('1002', 'AMOUNTS');
  const first = dates[0] as string;
  const last = dates[dates.length - 1] as string;
  if (first !== utcDay(now)) throw new ParameterError('1002', 'AMOUNTS');
  if (parseUtcDay(last) - parseUtcDay(first) > 90 * DAY_MS) throw new ParameterError('1002', 'AMOUNTS');
  // The card must still be valid on the last instalment (QUADRA sees 1002 otherwise).
  if (cardValidity !== undefined && parseUtcDay(last) >= validityEnd(cardValidity)) throw new ParameterError('1002', 'AMOUNTS');
}

function checkCardOperation(method: CardMethod, params: Params, now: number): void {
  const amount = str(params, 'AMOUNT');
  // AMOUNT=0 is a card check, only meaningful as an authorization.
  if (amount !== undefined && Number(amount) === 0 && method !== 'authorization') throw new ParameterError('1002', 'AMOUNT');
  if (method !== 'payment' && params.AMOUNTS !== undefined) throw new ParameterError('1002', 'AMOUNTS');
  if (usesAlias(method, params)) {
    checkInstalments(params, now, undefined);
    return;
  }
  const pan = str(params, 'CARDCODE') as string;
  if (!luhnValid(pan)) throw new ParameterError('1002', 'CARDCODE');
  const validity = str(params, 'CARDVALIDITYDATE') as string;
  if (validityEnd(validity) <= now) throw new ParameterError('1002', 'CARDVALIDITYDATE');
  const cvv = str(params, 'CARDCVV') as string;
  if (cvv.length !== (isAmex(pan) ? 4 : 3)) throw new ParameterError('1002', 'CARDCVV');
  checkInstalments(params, now, validity);
}

function checkExport(method: ExportMethodName, params: Params, rules: SandboxRules): void {
  if (has(params, 'MAILTO') && has(params, 'CALLBACKURL')) throw new ParameterError('1002', 'CALLBACKURL');
  if (method === 'getTransactions') {
    if (has(params, 'TRANSACTIONID') && has(params, 'ORDERID')) throw new ParameterError('1002', 'ORDERID');
    const list = str(params, 'TRANSACTIONID') ?? str(params, 'ORDERID') ?? '';
    const name = has(params, 'TRANSACTIONID') ? 'TRANSACTIONID' : 'ORDERID';
    const ids = list.split(';');
    if (ids.length > 1000 || ids.some((id) => id === '' || id.length > 40)) throw new ParameterError('1002', name);
    return;
  }
  if (has(params, 'DATE') && (has(params, 'STARTDATE') || has(params, 'ENDDATE'))) throw new ParameterError('1002', 'STARTDATE');
  if (method === 'exportReconciliation' && !rules.reconciliationAcceptsDateRange && has(params, 'STARTDATE')) {
    throw new ParameterError('1002', 'STARTDATE');
  }
  // Reconciled transactions go by one paid day, never a month.
  if (method === 'exportReconciledTransactions' && Number.isNaN(parseUtcDay(str(params, 'DATE') ?? ''))) {
    throw new ParameterError('1002', 'DATE');
  }
  const start = str(params, 'STARTDATE');
  const end = str(params, 'ENDDATE');
  if (start !== undefined && end !== undefined && start > end) throw new ParameterError('1002', 'ENDDATE');
}

/** Throws the ParameterError (1001/1002) the gateway would answer, or returns when all is well. */
export function checkParameters(method: ApiMethod, params: Params, rules: SandboxRules, now: number): void {
  checkPresence(method, params, rules);
  checkFormats(method, params, rules);
  switch (method) {
    case 'payment':
    case 'authorization':
    case 'credit':
      checkCardOperation(method, params, now);
      return;
    case 'capture':
    case 'refund':
    case 'void':
    case 'stopntimes':
      return;
    default:
      checkExport(method, params, rules);
  }
}
