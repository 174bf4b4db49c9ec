import type { ExportMethodName, SandboxRules } from '../types.js';

/**
 * Column layouts of the export files (fact sheet section 8). `COLUMNS` may pick any name a
 * row of that export knows; the defaults below are the documented layouts.
 */

/** The "older" layout of the 2014-02 CSV sample: amounts in cents, file starts with a BOM. */
const LEGACY_2014_COLUMNS = [
  'TRANSACTIONID',
  'ORDERID',
  'DATE',
  'OPERATIONTYPE',
  'NATURE',
  'DESCRIPTION',
  'AMOUNT',
  'CURRENCY',
  'FINANCIALSTATE',
  'BILLINGFEESHT',
  'BILLINGFEESTTC',
  'EXECCODE',
  'MESSAGE',
  '3DSECURE',
  'CARDVALIDITYDATE',
  'CARDFULLNAME',
  'CARDTYPE',
  'CARDCOUNTRY',
  'CLIENTIDENT',
  'CLIENTEMAIL',
  'CLIENTIP',
  'CLIENTREFERRER',
  'LANGUAGE',
  'VERSION',
  'REFUNDEDBY',
  'DESCRIPTOR',
  'REFUNDED',
  'REFUNDTYPE',
  'CHARGEBACKSTATUS',
  'CHARGEBACKDATE',
  'ALIAS',
  'ALIASMODE',
  'CARDENROLLED',
  'AUTHENTICATIONSTATUS',
  'SIGNATURESTATUS',
  '3DSGLOBALSTATUS',
  'EXTRADATA',
  'CLIENTDOB',
  'CLIENTADDRESS',
] as const;

/** The "newer" layout of the 2014-02-20 CSV sample: decimal amounts. */
const CURRENT_COLUMNS = [
  'TRANSACTIONID',
  'ORDERID',
  'OPERATIONTYPE',
  'NATURE',
  'DESCRIPTION',
  'AMOUNT',
  'CURRENCY',
  'FINANCIALSTATE',
  'BILLINGFEES EX. VAT',
  'BILLING VAT FEES',
  'BILLINGFEES INCL. VAT',
  'EXECCODE',
  'MESSAGE',
  'CLIENTIP',
  'CLIENTIDENT',
  'CLIENTEMAIL',
  'CLIENTREFERRER',
  '3DSECURE',
  'DATE',
  'LANGUAGE',
  'VERSION',
  'REFUNDEDBY',
  'DESCRIPTOR',
  'REFUNDED',
  'REFUNDTYPE',
  'CHARGEBACKSTATUS',
  'CHARGEBACKDATE',
  'ALIAS',
  'ALIASMODE',
  'CARDVALIDITYDATE',
  'CARDFULLNAME',
  'CARDTYPE',
  'CARDENROLLED',
  'CARDCOUNTRY',
  'AUTHENTICATIONSTATUS',
  'SIGNATURESTATUS',
  '3DSGLOBALSTATUS',
  'EXTRADATA',
  'CLIENTDOB',
  'CLIENTADDRESS',
  'BILLING FIRST NAME',
  'BILLING LAST NAME',
  'BILLING ADDRESS',
  'BILLING POSTAL CODE',
  'BILLING CITY',
  'BILLING COUNTRY',
  'BILLING PHONE',
  'SHIP TO FIRST NAME',
  'SHIP TO LAST NAME',
  'SHIP TO ADDRESS',
  'SHIP TO POSTAL CODE',
  'SHIP TO CITY',
  'SHIP TO COUNTRY',
  'SHIP TO PHONE',
] as const;

/** Dalenys' example list for getTransactions, plus MESSAGE and ALIAS that a status lookup needs. */
const GET_TRANSACTIONS_COLUMNS = [
  'IDENTIFIER',
  'DATE',
  'TRANSACTIONID',
  'ORDERID',
  'OPERATIONTYPE',
  'AMOUNT',
  'CURRENCY',
  'BILLINGFEES INCL. VAT',
  'EXECCODE',
  'MESSAGE',
  'CLIENTEMAIL',
  'CLIENTADDRESS',
  'CARDFULLNAME',
  'CARDTYPE',
  'CARDCOUNTRY',
  '3DSECURE',
  '3DSGLOBALSTATUS',
  'RULE APPLIED',
  'SCHEDULE',
  'RETRY',
  'ALIAS',
] as const;

const CHARGEBACK_COLUMNS = [
  'IDENTIFIER',
  'TRANSACTIONID',
  'ORDERID',
  'DATE',
  'OPERATIONTYPE',
  'AMOUNT',
  'CURRENCY',
  'CHARGEBACKSTATUS',
  'CHARGEBACKDATE',
  'CHARGEBACKAMOUNT',
  'CHARGEBACKREASON',
  'CLIENTIDENT',
  'CLIENTEMAIL',
  'CARDFULLNAME',
  'CARDTYPE',
  'CARDCOUNTRY',
  'DESCRIPTION',
] as const;

export const RECONCILIATION_COLUMNS = [
  'DATE',
  'IDENTIFIER',
  'OPERATIONTYPE',
  'CURRENCY',
  'COUNT',
  'AMOUNT',
  'BILLINGFEES EX. VAT',
  'BILLING VAT FEES',
  'BILLINGFEES INCL. VAT',
  'NET AMOUNT',
] as const;

export function defaultColumns(method: ExportMethodName, rules: SandboxRules): readonly string[] {
  switch (method) {
    case 'getTransactions':
      return GET_TRANSACTIONS_COLUMNS;
    case 'exportChargebacks':
      return CHARGEBACK_COLUMNS;
    case 'exportReconciliation':
      return RECONCILIATION_COLUMNS;
    case 'exportTransactions':
    case 'exportReconciledTransactions':
      return rules.csvLayout === 'legacy-2014' ? LEGACY_2014_COLUMNS : CURRENT_COLUMNS;
  }
}

/**
 * The columns named in `COLUMNS` (`;`-separated, exact spelling), or undefined when one of
 * them is not a column this export has.
 */
export function selectColumns(requested: string, known: ReadonlySet<string>): string[] | undefined {
  const names = requested
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) return undefined;
  return names.every((name) => known.has(name)) ? names : undefined;
}
