import { describe, expect, it } from 'vitest';
import { notificationKey, readNotificationFields, storableParams } from '../../../electron/core/notifications/received-notification.js';
import { notificationFields, signed } from './support/notifications.js';

function fieldsOf(params: Record<string, string>) {
  const r = readNotificationFields(params);
  if (!r.ok) throw new Error(r.reason);
  return r.fields;
}

describe('received notification', () => {
  it('keys a notification by account, transaction, type, outcome and instalment', () => {
    const a = signed(notificationFields()) as Record<string, string>;
    const retriedWithOtherMessage = signed(notificationFields({ MESSAGE: 'Accepted' })) as Record<string, string>;
    const otherOutcome = signed(notificationFields({ EXECCODE: '4001' })) as Record<string, string>;
    const otherInstalment = signed(notificationFields({ SCHEDULE: '2-3' })) as Record<string, string>;
    const upper = signed(notificationFields({ OPERATIONTYPE: 'PAYMENT' })) as Record<string, string>;
    const key = (p: Record<string, string>) => notificationKey(fieldsOf(p), p);
    expect(key(retriedWithOtherMessage)).toBe(key(a));
    expect(key(upper)).toBe(key(a));
    expect(key(otherOutcome)).not.toBe(key(a));
    expect(key(otherInstalment)).not.toBe(key(a));
  });

  it('keys a notification without TRANSACTIONID by its whole signed content, HASH aside', () => {
    const fields = notificationFields();
    delete fields.TRANSACTIONID;
    const a = signed(fields) as Record<string, string>;
    const sameWithOtherHash = { ...a, HASH: 'x' };
    const differentMessage = signed({ ...fields, MESSAGE: 'other' }) as Record<string, string>;
    expect(notificationKey(fieldsOf(a), a)).toBe(notificationKey(fieldsOf(sameWithOtherHash), sameWithOtherHash));
    expect(notificationKey(fieldsOf(a), a)).not.toBe(notificationKey(fieldsOf(differentMessage), differentMessage));
  });

  it('strips HASH and CARDCVV and masks CARDCODE for storage', () => {
    const stored = storableParams({ HASH: 'h', CARDCVV: '123', CARDCODE: '4111111111111111', AMOUNTS: { a: '1' }, X: 'y' });
    expect(stored).toEqual({ CARDCODE: 'XXXXXXXXXXXX1111', AMOUNTS: { a: '1' }, X: 'y' });
  });

  it('treats an empty TRANSACTIONID or ORDERID as absent', () => {
    const f = fieldsOf({ IDENTIFIER: 'I', EXECCODE: '0000', OPERATIONTYPE: 'payment', TRANSACTIONID: '', ORDERID: '' });
    expect(f.transactionId).toBeUndefined();
    expect(f.orderId).toBeUndefined();
  });
});
