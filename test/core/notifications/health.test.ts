import { describe, expect, it } from 'vitest';
import { NotificationHealth, notificationStatus, type HealthSnapshot } from '../../../electron/core/notifications/health.js';
import { FakeClock } from './support/fake-clock.js';

describe('NotificationHealth', () => {
  it('coalesces a burst of changes into one snapshot with a fresh awaiting count', async () => {
    const clock = new FakeClock();
    let awaiting = 3;
    let counted = 0;
    const health = new NotificationHealth({ clock, coalesceMs: 250, countAwaiting: () => (counted++, awaiting) });
    const seen: HealthSnapshot[] = [];
    health.subscribe((s) => seen.push(s));
    health.setListenerState('listening', { url: 'http://127.0.0.1:1', notifyUrl: 'http://127.0.0.1:1/dalenys/notify' });
    for (let i = 0; i < 1000; i += 1) health.notificationRecorded('ACC', i % 10 === 0 ? 'duplicate' : 'applied', clock.now() + i);
    health.requestRejected('NOTIFY_BAD_SIGNATURE');
    awaiting = 2;
    await clock.advance(249);
    expect(seen).toHaveLength(0);
    await clock.advance(1);
    expect(seen).toHaveLength(1);
    expect(counted).toBe(1);
    expect(seen[0]).toMatchObject({
      listener: { state: 'listening', notifyUrl: 'http://127.0.0.1:1/dalenys/notify' },
      lastNotificationAt: { ACC: clock.now() - 250 + 999 },
      awaitingConfirmation: 2,
      accepted: 900,
      duplicates: 100,
      rejected: { NOTIFY_BAD_SIGNATURE: 1 },
    });
  });

  it('keeps the newest time per account even when calls finish out of order', () => {
    const health = new NotificationHealth();
    health.notificationRecorded('A', 'applied', 200);
    health.notificationRecorded('A', 'kept', 100);
    health.notificationRecorded('B', 'applied', 50);
    expect(health.snapshot().lastNotificationAt).toEqual({ A: 200, B: 50 });
  });

  it('reports a failed listener with its code', () => {
    const clock = new FakeClock();
    const health = new NotificationHealth({ clock });
    expect(health.snapshot().listener.state).toBe('stopped');
    health.setListenerState('starting');
    health.setListenerState('failed', { errorCode: 'NOTIFY_LISTEN_ADDRESS_IN_USE' });
    expect(health.snapshot().listener).toEqual({ state: 'failed', errorCode: 'NOTIFY_LISTEN_ADDRESS_IN_USE', since: clock.now() });
  });

  it('unsubscribes, and survives a throwing subscriber and a failing count', async () => {
    const health = new NotificationHealth({ countAwaiting: () => Promise.reject(new Error('db busy')) });
    const got: number[] = [];
    health.subscribe(() => {
      throw new Error('renderer gone');
    });
    const off = health.subscribe((s) => got.push(s.accepted));
    health.notificationRecorded('A', 'applied', 1);
    await health.flush();
    off();
    health.notificationRecorded('A', 'applied', 2);
    await health.flush();
    expect(got).toEqual([1]);
    expect(health.snapshot().awaitingConfirmation).toBe(0);
  });

  it('reads as the status line: the newest time of any account, and a closed listener as off', async () => {
    const clock = new FakeClock();
    const health = new NotificationHealth({ clock, countAwaiting: () => 4 });
    expect(notificationStatus(health.snapshot())).toEqual({
      state: 'off',
      url: null,
      lastReceivedAt: null,
      lastReceivedByAccount: {},
      awaitingConfirmation: 0,
    });
    health.setListenerState('listening', { url: 'http://127.0.0.1:1', notifyUrl: 'http://127.0.0.1:1/dalenys/notify' });
    health.notificationRecorded('A', 'applied', 300);
    health.notificationRecorded('B', 'duplicate', 500);
    health.notificationRecorded('A', 'kept', 200);
    expect(notificationStatus(await health.flush())).toEqual({
      state: 'listening',
      url: 'http://127.0.0.1:1/dalenys/notify',
      lastReceivedAt: 500,
      lastReceivedByAccount: { A: 300, B: 500 },
      awaitingConfirmation: 4,
    });
    health.setListenerState('closed', { url: 'http://127.0.0.1:1', notifyUrl: 'http://127.0.0.1:1/dalenys/notify' });
    expect(notificationStatus(health.snapshot()).state).toBe('off');
  });

  it('tells nobody anything once closed, the snapshot that was due included', async () => {
    const clock = new FakeClock();
    let counted = 0;
    const health = new NotificationHealth({ clock, coalesceMs: 100, countAwaiting: () => (counted += 1) });
    const seen: HealthSnapshot[] = [];
    health.subscribe((snapshot) => seen.push(snapshot));
    health.notificationRecorded('A', 'applied', 1);
    health.close();
    await clock.advance(1_000);
    health.notificationRecorded('A', 'applied', 2);
    await health.flush();
    await clock.advance(1_000);
    expect(seen).toEqual([]);
    expect(counted).toBe(0);
  });
});
