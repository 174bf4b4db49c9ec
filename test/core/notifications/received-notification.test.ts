import { describe, expect, it } from 'vitest';
import { readNotificationFields, storableParams } from '../../../electron/core/notifications/received-notification.js';

function fieldsOf(params: Record<string, string>) {
  const r = readNotificationFields(params);
  if (!r.ok) throw new Error(r.reason);
  return r.fields;
}

// Its identity (the dedupe key) is `notification-key.ts`'s, tested in notification-key.test.ts.
describe('received notification', () => {
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
