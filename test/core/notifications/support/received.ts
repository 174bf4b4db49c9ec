import { buildReceivedNotification, readNotificationFields } from '../../../../electron/core/notifications/received-notification.js';
import type { ReceivedNotification } from '../../../../electron/core/notifications/types.js';
import { notificationFields, type Params } from './notifications.js';

let clock = 1_700_000_000_000;

/** A verified notification as the listener would hand it to the sink. */
export function received(overrides: Params = {}, method: 'GET' | 'POST' = 'POST'): ReceivedNotification {
  const params = notificationFields(overrides);
  for (const [k, v] of Object.entries(params)) if (v === '') delete params[k];
  const read = readNotificationFields(params);
  if (!read.ok) throw new Error(read.reason);
  clock += 1;
  return buildReceivedNotification(read.fields, params, clock, method);
}
