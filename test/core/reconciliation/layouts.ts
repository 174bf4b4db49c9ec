/**
 * The two column layouts of the Dalenys CSV samples, typed from the fact sheet (section 8), and
 * a writer of hand-made files in them: `;`, every field quoted, `\n`, the older with a BOM.
 */
const CENTS_LAYOUT = [
  'TRANSACTIONID', 'ORDERID', 'DATE', 'OPERATIONTYPE', 'NATURE', 'DESCRIPTION', 'AMOUNT', 'CURRENCY', 'FINANCIALSTATE', 'BILLINGFEESHT', 'BILLINGFEESTTC',
  'EXECCODE', 'MESSAGE', '3DSECURE', 'CARDVALIDITYDATE', 'CARDFULLNAME', 'CARDTYPE', 'CARDCOUNTRY', 'CLIENTIDENT', 'CLIENTEMAIL', 'CLIENTIP',
  'CLIENTREFERRER', 'LANGUAGE', 'VERSION', 'REFUNDEDBY', 'DESCRIPTOR', 'REFUNDED', 'REFUNDTYPE', 'CHARGEBACKSTATUS', 'CHARGEBACKDATE', 'ALIAS',
  'ALIASMODE', 'CARDENROLLED', 'AUTHENTICATIONSTATUS', 'SIGNATURESTATUS', '3DSGLOBALSTATUS', 'EXTRADATA', 'CLIENTDOB', 'CLIENTADDRESS',
]; // prettier-ignore

const DECIMAL_LAYOUT = [
  'TRANSACTIONID', 'ORDERID', 'OPERATIONTYPE', 'NATURE', 'DESCRIPTION', 'AMOUNT', 'CURRENCY', 'FINANCIALSTATE', 'BILLINGFEES EX. VAT',
  'BILLING VAT FEES', 'BILLINGFEES INCL. VAT', 'EXECCODE', 'MESSAGE', 'CLIENTIP', 'CLIENTIDENT', 'CLIENTEMAIL', 'CLIENTREFERRER', '3DSECURE', 'DATE',
  'LANGUAGE', 'VERSION', 'REFUNDEDBY', 'DESCRIPTOR', 'REFUNDED', 'REFUNDTYPE', 'CHARGEBACKSTATUS', 'CHARGEBACKDATE', 'ALIAS', 'ALIASMODE',
  'CARDVALIDITYDATE', 'CARDFULLNAME', 'CARDTYPE', 'CARDENROLLED', 'CARDCOUNTRY', 'AUTHENTICATIONSTATUS', 'SIGNATURESTATUS', '3DSGLOBALSTATUS',
  'EXTRADATA', 'CLIENTDOB', 'CLIENTADDRESS', 'BILLING FIRST NAME', 'SHIP TO PHONE',
]; // prettier-ignore

export interface HandLine {
  readonly TRANSACTIONID: string;
  readonly ORDERID: string;
  readonly OPERATIONTYPE: string;
  /** Minor units; written as cents or as a decimal, as the layout says. */
  readonly amount: number;
  readonly fees: number;
  readonly EXECCODE: string;
  readonly DATE: string;
}

function decimal(minor: number): string {
  return `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;

export function handWrittenCsv(layout: 'cents' | 'decimal', lines: readonly HandLine[]): string {
  const columns = layout === 'cents' ? CENTS_LAYOUT : DECIMAL_LAYOUT;
  const rows = lines.map((line) => {
    const values: Record<string, string> = {
      TRANSACTIONID: line.TRANSACTIONID,
      ORDERID: line.ORDERID,
      OPERATIONTYPE: line.OPERATIONTYPE,
      NATURE: line.OPERATIONTYPE,
      AMOUNT: layout === 'cents' ? String(line.amount) : decimal(line.amount),
      CURRENCY: 'EUR',
      FINANCIALSTATE: layout === 'cents' ? 'Being processed' : 'Paid',
      BILLINGFEESHT: String(line.fees - 5),
      BILLINGFEESTTC: String(line.fees),
      'BILLINGFEES EX. VAT': decimal(line.fees - 5),
      'BILLING VAT FEES': decimal(5),
      'BILLINGFEES INCL. VAT': decimal(line.fees),
      EXECCODE: line.EXECCODE,
      MESSAGE: line.EXECCODE === '0' ? 'The transaction has been accepted.' : 'The bank refused the transaction.',
      DATE: line.DATE,
      CARDTYPE: 'VISA',
      CARDFULLNAME: 'ANA LIMA',
      DESCRIPTION: 'Order; with "quotes"',
    };
    return columns.map((column) => quote(values[column] ?? '')).join(';');
  });
  return `${layout === 'cents' ? '\uFEFF' : ''}${[columns.map(quote).join(';'), ...rows].join('\n')}\n`;
}
