/** The one identity of a notification (`notification-key.ts`), which the listener and the journal's inbox must share. */
import { describe, expect, it } from 'vitest';
import { parseNotification } from '../../../electron/core/journal/notification-intake.js';
import { notificationKey } from '../../../electron/core/notifications/notification-key.js';
import { buildReceivedNotification, readNotificationFields } from '../../../electron/core/notifications/received-notification.js';
import type { NotificationParams } from '../../../electron/core/notifications/types.js';
import { notificationFields, signed } from './support/notifications.js';

const base = (): Record<string, string> => signed(notificationFields() as Record<string, string>) as Record<string, string>;
const without = (params: Record<string, string>, name: string): Record<string, string> => {
  const copy = { ...params };
  delete copy[name];
  return copy;
};

/** Notifications as the gateway may send them, and the retries and near misses a dedupe key must tell apart. */
const CASES: Record<string, NotificationParams> = {
  plain: base(),
  retriedWithOtherMessage: signed(notificationFields({ MESSAGE: 'Accepted' })) as Record<string, string>,
  upperCaseType: signed(notificationFields({ OPERATIONTYPE: 'PAYMENT' })) as Record<string, string>,
  otherOutcome: signed(notificationFields({ EXECCODE: '4001' })) as Record<string, string>,
  secondInstalment: signed(notificationFields({ SCHEDULE: '2-3' })) as Record<string, string>,
  otherAccount: signed(notificationFields({ IDENTIFIER: 'OTHER-DESK' })) as Record<string, string>,
  noTransactionId: signed(without(notificationFields() as Record<string, string>, 'TRANSACTIONID')) as Record<string, string>,
  noTransactionIdOtherHash: {
    ...(signed(without(notificationFields() as Record<string, string>, 'TRANSACTIONID')) as Record<string, string>),
    HASH: 'f'.repeat(64),
  },
  noTransactionIdOtherMessage: signed(without(notificationFields({ MESSAGE: 'other' }) as Record<string, string>, 'TRANSACTIONID')) as Record<string, string>,
  emptyTransactionId: signed(notificationFields({ TRANSACTIONID: '' })) as Record<string, string>,
  withAMap: {
    ...(signed(without(notificationFields() as Record<string, string>, 'TRANSACTIONID')) as Record<string, string>),
    AMOUNTS: { '2026-02-15': '1000', '2026-01-15': '1000' },
  },
};

describe('notification identity', () => {
  it('is the same for a retry (another MESSAGE, another HASH, OPERATIONTYPE in capitals), and differs otherwise', () => {
    const key = (name: string) => notificationKey(CASES[name] as NotificationParams);
    expect(key('retriedWithOtherMessage')).toBe(key('plain'));
    expect(key('upperCaseType')).toBe(key('plain'));
    for (const other of ['otherOutcome', 'secondInstalment', 'otherAccount', 'noTransactionId']) expect(key(other), other).not.toBe(key('plain'));
    // Without a TRANSACTIONID, the whole signed set is the identity, HASH aside.
    expect(key('noTransactionIdOtherHash')).toBe(key('noTransactionId'));
    expect(key('noTransactionIdOtherMessage')).not.toBe(key('noTransactionId'));
    expect(key('emptyTransactionId')).not.toBe(key('plain'));
    expect(key('withAMap')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is one: the listener’s dedupe key and the journal inbox’s are equal for every notification', () => {
    for (const [name, params] of Object.entries(CASES)) {
      const fields = readNotificationFields(params);
      if (!fields.ok) throw new Error(`${name}: ${fields.reason}`);
      const heard = buildReceivedNotification(fields.fields, params, 1, 'POST');
      // The journal computes the key itself when it is not handed one (a notification recorded by another path).
      const recorded = parseNotification({ params });
      expect(recorded.key, name).toBe(heard.key);
      expect(recorded.key, name).toBe(notificationKey(params));
    }
  });
});
