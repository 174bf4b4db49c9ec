import type { TransactionRecord } from './types.js';

/**
 * The params of a transaction notification (DOC-INT p.34, plus 3DSECURE, SCHEDULE and
 * SCHEDULEID seen in the field). Only non-empty values are sent, and the HASH is computed
 * over exactly this set. CARDCODE is the masked `XXXXXXXXXXXX1234`.
 */
export function notificationParams(tx: TransactionRecord): Record<string, string> {
  const fields: Array<readonly [string, string | undefined]> = [
    ['IDENTIFIER', tx.identifier],
    ['OPERATIONTYPE', tx.operationType],
    ['TRANSACTIONID', tx.transactionId],
    ['CLIENTIDENT', tx.clientIdent],
    ['CLIENTEMAIL', tx.clientEmail],
    ['ORDERID', tx.orderId],
    ['AMOUNT', String(tx.amount)],
    ['VERSION', tx.version],
    ['LANGUAGE', tx.language],
    ['EXTRADATA', tx.extraData],
    ['CARDCODE', tx.card?.masked],
    ['CARDVALIDITYDATE', tx.card?.validity],
    ['CARDFULLNAME', tx.card?.fullName],
    ['CARDTYPE', tx.card?.type],
    ['CARDCOUNTRY', tx.card?.country],
    ['EXECCODE', tx.execCode],
    ['MESSAGE', tx.message],
    ['DESCRIPTOR', tx.status === 'succeeded' ? tx.descriptor : undefined],
    ['CURRENCY', tx.currency],
    ['ALIAS', tx.alias],
    ['3DSECURE', tx.threeDSecure ? 'yes' : undefined],
    ['SCHEDULE', tx.schedule],
    ['SCHEDULEID', tx.scheduleId],
  ];
  const params: Record<string, string> = {};
  for (const [key, value] of fields) if (value !== undefined && value !== '') params[key] = value;
  return params;
}
