import { DAY_MS } from '../sandbox-clock.js';
import type { ChargebackRecord, SandboxRules, TransactionRecord } from '../types.js';
import { formatDateTime, formatDecimalAmount, formatExecCode, localDay } from './formats.js';

/**
 * Every column value the sandbox can put in an export row, computed once per record; the
 * layouts and `COLUMNS` then pick from it. Column names are the documented spellings,
 * spaces included (fact sheet section 8).
 */
export type Row = Readonly<Record<string, string>>;

export interface RowContext {
  readonly timeZone: string;
  readonly amountStyle: 'decimal' | 'cents';
  readonly now: number;
  readonly rules: SandboxRules;
  readonly chargebacksOf: (transactionId: string) => readonly ChargebackRecord[];
}

const SETTLED_OPERATIONS = new Set(['payment', 'capture', 'credit', 'refund']);

/** Settlement ("paid") instant of a money movement, or undefined when nothing moves. */
export function paidAt(tx: TransactionRecord, rules: SandboxRules): number | undefined {
  if (tx.status !== 'succeeded' || !SETTLED_OPERATIONS.has(tx.operationType)) return undefined;
  return tx.createdAt + rules.settlementDelayDays * DAY_MS;
}

interface Fees {
  readonly exVat: number;
  readonly vat: number;
  readonly inclVat: number;
}

function feesFor(tx: TransactionRecord, rules: SandboxRules): Fees {
  if (paidAt(tx, rules) === undefined) return { exVat: 0, vat: 0, inclVat: 0 };
  const exVat = rules.feeFixedMinor + Math.round((tx.amount * rules.feeRateBasisPoints) / 10_000);
  const vat = Math.round((exVat * rules.vatRateBasisPoints) / 10_000);
  return { exVat, vat, inclVat: exVat + vat };
}

function amountText(minor: number, currency: string, style: RowContext['amountStyle']): string {
  return style === 'cents' ? String(minor) : formatDecimalAmount(minor, currency);
}

function financialState(tx: TransactionRecord, ctx: RowContext): string {
  if (tx.status === 'pending') return 'Pending';
  if (tx.status === 'refused') return 'Refused';
  if (tx.operationType === 'void') return 'Cancelled';
  if (tx.operationType === 'authorization') {
    if (tx.voided) return 'Cancelled';
    return tx.capturedAmount > 0 ? 'Captured' : 'Authorized';
  }
  const paid = paidAt(tx, ctx.rules);
  return paid !== undefined && paid <= ctx.now ? 'Paid' : 'Being processed';
}

function threeDsGlobalStatus(tx: TransactionRecord): string {
  if (!tx.threeDSecure) return 'not_required';
  if (tx.status === 'pending') return '';
  if (tx.execCode === '4008' || tx.execCode === '4009') return 'rejected';
  return 'ok';
}

export function transactionRow(tx: TransactionRecord, ctx: RowContext): Row {
  const fees = feesFor(tx, ctx.rules);
  const money = (minor: number) => amountText(minor, tx.currency, ctx.amountStyle);
  const chargeback = ctx.chargebacksOf(tx.transactionId)[0];
  const a = tx.address;
  const threeDs = tx.threeDSecure ? 'yes' : 'no';
  return {
    IDENTIFIER: tx.identifier,
    TRANSACTIONID: tx.transactionId,
    ORDERID: tx.orderId,
    DATE: formatDateTime(tx.createdAt, ctx.timeZone),
    OPERATIONTYPE: tx.operationType,
    NATURE: tx.operationType,
    DESCRIPTION: tx.description ?? '',
    AMOUNT: money(tx.amount),
    CURRENCY: tx.currency,
    FINANCIALSTATE: financialState(tx, ctx),
    BILLINGFEESHT: money(fees.exVat),
    BILLINGFEESTTC: money(fees.inclVat),
    'BILLINGFEES EX. VAT': money(fees.exVat),
    'BILLING VAT FEES': money(fees.vat),
    'BILLINGFEES INCL. VAT': money(fees.inclVat),
    EXECCODE: formatExecCode(tx.execCode),
    MESSAGE: tx.message,
    CLIENTIP: tx.clientIp ?? '',
    CLIENTIDENT: tx.clientIdent ?? '',
    CLIENTEMAIL: tx.clientEmail ?? '',
    CLIENTREFERRER: tx.clientReferrer ?? '',
    '3DSECURE': threeDs,
    LANGUAGE: tx.language ?? '',
    VERSION: tx.version,
    REFUNDEDBY: tx.refundIds.join(','),
    DESCRIPTOR: tx.descriptor ?? '',
    REFUNDED: tx.operationType === 'refund' ? (tx.referenceId ?? '') : '',
    REFUNDTYPE: tx.operationType === 'refund' ? 'refund' : '',
    CHARGEBACKSTATUS: chargeback ? 'chargeback' : '',
    CHARGEBACKDATE: chargeback ? formatDateTime(chargeback.date, ctx.timeZone) : '',
    ALIAS: tx.alias ?? '',
    ALIASMODE: tx.aliasMode ?? '',
    CARDCODE: tx.card?.masked ?? '',
    CARDVALIDITYDATE: tx.card?.validity ?? '',
    CARDFULLNAME: tx.card?.fullName ?? '',
    CARDTYPE: tx.card?.type ?? '',
    CARDENROLLED: tx.threeDSecure ? 'Y' : '',
    CARDCOUNTRY: tx.card?.country ?? '',
    AUTHENTICATIONSTATUS: tx.threeDSecure && tx.status === 'succeeded' ? 'Y' : '',
    SIGNATURESTATUS: tx.threeDSecure && tx.status === 'succeeded' ? 'Y' : '',
    '3DSGLOBALSTATUS': threeDsGlobalStatus(tx),
    '3DSECI': '',
    '3DSECUREAUTHENTICATIONSTATUS': tx.threeDSecure ? (tx.execCode === '4008' ? 'n' : 'y') : '',
    '3DSECURESIGNATURESTATUS': tx.threeDSecure ? 'y' : '',
    '3DSLIABILITYSHIFT': tx.threeDSecure && tx.status === 'succeeded' ? 'yes' : 'no',
    EXTRADATA: tx.extraData ?? '',
    CLIENTDOB: tx.clientDob ?? '',
    CLIENTADDRESS: tx.clientAddress ?? '',
    'BILLING FIRST NAME': a.BILLINGFIRSTNAME ?? '',
    'BILLING LAST NAME': a.BILLINGLASTNAME ?? '',
    'BILLING ADDRESS': a.BILLINGADDRESS ?? '',
    'BILLING POSTAL CODE': a.BILLINGPOSTALCODE ?? '',
    'BILLING CITY': a.BILLINGCITY ?? '',
    'BILLING COUNTRY': a.BILLINGCOUNTRY ?? '',
    'BILLING PHONE': a.BILLINGPHONE ?? '',
    'SHIP TO FIRST NAME': a.SHIPTOFIRSTNAME ?? '',
    'SHIP TO LAST NAME': a.SHIPTOLASTNAME ?? '',
    'SHIP TO ADDRESS': a.SHIPTOADDRESS ?? '',
    'SHIP TO POSTAL CODE': a.SHIPTOPOSTALCODE ?? '',
    'SHIP TO CITY': a.SHIPTOCITY ?? '',
    'SHIP TO COUNTRY': a.SHIPTOCOUNTRY ?? '',
    'SHIP TO PHONE': a.SHIPTOPHONE ?? '',
    'RULE APPLIED': '',
    SCHEDULE: tx.schedule ?? '',
    RETRY: '',
    'ADDITIONAL DATA': '',
    'AMOUNT IN BILLING CURRENCY': money(tx.amount),
    ARN: '',
    AUTHORIZEDBY: tx.operationType === 'capture' ? (tx.referenceId ?? '') : '',
    CAPTUREDBY: tx.captureId ?? '',
  };
}

export function chargebackRow(chargeback: ChargebackRecord, tx: TransactionRecord, ctx: RowContext): Row {
  const money = (minor: number) => amountText(minor, chargeback.currency, ctx.amountStyle);
  return {
    IDENTIFIER: chargeback.identifier,
    TRANSACTIONID: tx.transactionId,
    ORDERID: tx.orderId,
    DATE: formatDateTime(tx.createdAt, ctx.timeZone),
    OPERATIONTYPE: tx.operationType,
    AMOUNT: money(tx.amount),
    CURRENCY: chargeback.currency,
    CHARGEBACKSTATUS: 'chargeback',
    CHARGEBACKDATE: formatDateTime(chargeback.date, ctx.timeZone),
    CHARGEBACKAMOUNT: money(chargeback.amount),
    CHARGEBACKREASON: chargeback.reason,
    CLIENTIDENT: tx.clientIdent ?? '',
    CLIENTEMAIL: tx.clientEmail ?? '',
    CARDFULLNAME: tx.card?.fullName ?? '',
    CARDTYPE: tx.card?.type ?? '',
    CARDCOUNTRY: tx.card?.country ?? '',
    DESCRIPTION: tx.description ?? '',
  };
}

/**
 * The consolidated reconciliation: one row per paid day, operation type and currency. Its real
 * column set is unknown (Q6); this is the sandbox's own, documented in the README.
 */
export function reconciliationRows(transactions: readonly TransactionRecord[], ctx: RowContext, day: (d: string) => boolean): Row[] {
  interface Group {
    date: string;
    identifier: string;
    operationType: string;
    currency: string;
    count: number;
    amount: number;
    exVat: number;
    vat: number;
  }
  const groups = new Map<string, Group>();
  for (const tx of transactions) {
    const paid = paidAt(tx, ctx.rules);
    if (paid === undefined) continue;
    const date = localDay(paid, ctx.timeZone);
    if (!day(date)) continue;
    const key = `${date}|${tx.identifier}|${tx.operationType}|${tx.currency}`;
    const group = groups.get(key) ?? {
      date,
      identifier: tx.identifier,
      operationType: tx.operationType,
      currency: tx.currency,
      count: 0,
      amount: 0,
      exVat: 0,
      vat: 0,
    };
    const fees = feesFor(tx, ctx.rules);
    group.count += 1;
    group.amount += tx.amount;
    group.exVat += fees.exVat;
    group.vat += fees.vat;
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((x, y) => `${x.date}|${x.operationType}`.localeCompare(`${y.date}|${y.operationType}`))
    .map((g) => {
      const money = (minor: number) => amountText(minor, g.currency, ctx.amountStyle);
      const signed = g.operationType === 'refund' || g.operationType === 'credit' ? -g.amount : g.amount;
      return {
        DATE: g.date,
        IDENTIFIER: g.identifier,
        OPERATIONTYPE: g.operationType,
        CURRENCY: g.currency,
        COUNT: String(g.count),
        AMOUNT: money(g.amount),
        'BILLINGFEES EX. VAT': money(g.exVat),
        'BILLING VAT FEES': money(g.vat),
        'BILLINGFEES INCL. VAT': money(g.exVat + g.vat),
        'NET AMOUNT': money(signed - g.exVat - g.vat),
      };
    });
}
