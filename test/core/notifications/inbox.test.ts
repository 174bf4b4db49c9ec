import { afterEach, describe, expect, it } from 'vitest';
import type { Discrepancy } from '../../../electron/core/notifications/correlate.js';
import { Inbox } from '../../../electron/core/notifications/inbox.js';
import { MemoryOperationStore } from '../../../electron/core/notifications/memory-operation-store.js';
import { PollingBridge, type StatusLookup, type StatusQuery } from '../../../electron/core/notifications/polling-bridge.js';
import { FakeClock } from './support/fake-clock.js';
import { closeAll, startHarness, type Harness } from './support/listener-harness.js';
import { ACCOUNT, formEncode, notificationFields, signed } from './support/notifications.js';
import { buildRequest, rawRequest } from './support/raw-http.js';
import { received } from './support/received.js';

function setup() {
  const store = new MemoryOperationStore();
  const discrepancies: Discrepancy[] = [];
  const inbox = new Inbox(store, { now: () => 42, onDiscrepancy: (d) => discrepancies.push(d) });
  return { store, inbox, discrepancies };
}

function newPayment(store: MemoryOperationStore, id = 'op-1', orderId = 'ORD-1') {
  return store.addOperation({ id, accountId: 'acc-1', identifier: ACCOUNT, operationType: 'payment', orderId });
}

describe('Inbox: notification after the synchronous answer', () => {
  it('applies it to the operation found by TRANSACTIONID', async () => {
    const { store, inbox, discrepancies } = setup();
    newPayment(store);
    store.answer('op-1', '0000', 'A189063');
    expect(await inbox.record(received())).toBe('applied');
    const op = store.get('op-1');
    expect(op.notifications).toHaveLength(1);
    expect(op.confirmedExecCode).toBe('0000');
    expect(discrepancies).toEqual([]);
    expect(store.countAwaiting()).toBe(0);
  });

  it('finds the operation by IDENTIFIER + ORDERID + OPERATIONTYPE when the answer carried no TRANSACTIONID', async () => {
    const { store, inbox } = setup();
    newPayment(store);
    store.answer('op-1', '0001');
    expect(await inbox.record(received({ EXECCODE: '0000' }))).toBe('applied');
    expect(store.get('op-1').confirmedExecCode).toBe('0000');
  });

  it('keeps partial refunds of one order apart by TRANSACTIONID', async () => {
    const { store, inbox } = setup();
    for (const [id, tx] of [
      ['r-1', 'R1'],
      ['r-2', 'R2'],
    ] as const) {
      store.addOperation({ id, accountId: 'acc-1', identifier: ACCOUNT, operationType: 'refund', orderId: 'ORD-1' });
      store.answer(id, '0000', tx);
    }
    expect(await inbox.record(received({ OPERATIONTYPE: 'refund', TRANSACTIONID: 'R2' }))).toBe('applied');
    expect(store.get('r-1').notifications).toHaveLength(0);
    expect(store.get('r-2').notifications).toHaveLength(1);
  });
});

describe('Inbox: notification before the synchronous answer', () => {
  it('keeps it while the operation awaits its answer, and applies it once the answer is recorded', async () => {
    const { store, inbox } = setup();
    newPayment(store);
    expect(await inbox.record(received())).toBe('kept');
    expect(store.get('op-1').notifications).toHaveLength(0);
    expect(store.keptNotifications()).toHaveLength(1);

    const answered = store.answer('op-1', '0000', 'A189063');
    expect(await inbox.applyPending(answered)).toEqual({ applied: 1, duplicates: 0, discrepancies: [] });
    expect(store.get('op-1').notifications).toHaveLength(1);
    expect(store.keptNotifications()).toHaveLength(0);
    expect(await inbox.applyPending(answered)).toEqual({ applied: 0, duplicates: 0, discrepancies: [] });
  });

  it('keeps it when no operation exists yet, and applies it when the operation appears', async () => {
    const { store, inbox } = setup();
    expect(await inbox.record(received())).toBe('kept');
    newPayment(store);
    const op = store.answer('op-1', '0000', 'A189063');
    expect((await inbox.applyPending(op)).applied).toBe(1);
    expect(store.get('op-1').confirmedExecCode).toBe('0000');
  });

  it('applies kept notifications oldest first and leaves other operations’ notifications kept', async () => {
    const { store, inbox } = setup();
    const pending = received({ EXECCODE: '0001' });
    const final = received({ EXECCODE: '0000' });
    const unrelated = received({ TRANSACTIONID: 'ZZ', ORDERID: 'ORD-9' });
    await inbox.record(final);
    await inbox.record(unrelated);
    await inbox.record(pending);
    newPayment(store);
    const op = store.answer('op-1', '0001', 'A189063');
    expect((await inbox.applyPending(op)).applied).toBe(2);
    expect(store.get('op-1').notifications.map((n) => n.execCode)).toEqual(['0001', '0000']);
    expect(store.keptNotifications().map((n) => n.transactionId)).toEqual(['ZZ']);
  });

  it('does nothing for an operation still awaiting its answer', async () => {
    const { store, inbox } = setup();
    await inbox.record(received());
    const op = newPayment(store);
    expect((await inbox.applyPending(op)).applied).toBe(0);
    expect(store.keptNotifications()).toHaveLength(1);
  });

  it('applies to an operation marked unknown after a crash, recording that the answer was unknown', async () => {
    const { store, inbox, discrepancies } = setup();
    newPayment(store);
    await inbox.record(received());
    const op = store.markUnknown('op-1');
    const summary = await inbox.applyPending(op);
    expect(summary.applied).toBe(1);
    expect(summary.discrepancies).toMatchObject([{ kind: 'sync_unknown', operationId: 'op-1', reportedExecCode: '0000' }]);
    expect(discrepancies).toHaveLength(1);
  });
});

describe('Inbox: duplicated notifications have one effect', () => {
  it('after the answer', async () => {
    const { store, inbox } = setup();
    newPayment(store);
    store.answer('op-1', '0000', 'A189063');
    const n = received();
    expect(await inbox.record(n)).toBe('applied');
    expect(await inbox.record(received())).toBe('duplicate');
    expect(await inbox.record(n)).toBe('duplicate');
    expect(store.get('op-1').notifications).toHaveLength(1);
  });

  it('before the answer, then replayed after it', async () => {
    const { store, inbox } = setup();
    newPayment(store);
    expect(await inbox.record(received())).toBe('kept');
    expect(await inbox.record(received())).toBe('duplicate');
    const op = store.answer('op-1', '0000', 'A189063');
    expect(await inbox.record(received())).toBe('applied');
    expect(await inbox.applyPending(op)).toEqual({ applied: 0, duplicates: 0, discrepancies: [] });
    expect(await inbox.record(received())).toBe('duplicate');
    expect(store.get('op-1').notifications).toHaveLength(1);
    expect(store.keptNotifications()).toHaveLength(0);
  });

  it('when record and applyPending race', async () => {
    const { store, inbox } = setup();
    newPayment(store);
    await inbox.record(received());
    const op = store.answer('op-1', '0000', 'A189063');
    const [replay, summary] = await Promise.all([inbox.record(received()), inbox.applyPending(op)]);
    expect([replay, summary.applied + summary.duplicates]).toEqual(['applied', 0]);
    expect(store.get('op-1').notifications).toHaveLength(1);
  });
});

describe('Inbox: a contradicting notification wins and leaves a discrepancy', () => {
  it('sync 0000, notification 4001', async () => {
    const { store, inbox, discrepancies } = setup();
    newPayment(store);
    store.answer('op-1', '0000', 'A189063');
    expect(await inbox.record(received({ EXECCODE: '4001' }))).toBe('applied');
    const op = store.get('op-1');
    expect(op.confirmedExecCode).toBe('4001');
    expect(op.discrepancies).toEqual([
      {
        kind: 'category_mismatch',
        operationId: 'op-1',
        source: 'notification',
        syncExecCode: '0000',
        syncCategory: 'approved',
        reportedExecCode: '4001',
        reportedCategory: 'declined',
        detectedAt: 42,
      },
    ]);
    expect(await inbox.record(received({ EXECCODE: '4001' }))).toBe('duplicate');
    expect(discrepancies).toHaveLength(1);
  });

  it('sync 4001, notification 0000 arriving before the answer was handled', async () => {
    const { store, inbox } = setup();
    newPayment(store);
    await inbox.record(received({ EXECCODE: '0000' }));
    const op = store.answer('op-1', '4001', 'A189063');
    const summary = await inbox.applyPending(op);
    expect(summary.discrepancies).toMatchObject([{ kind: 'category_mismatch', syncExecCode: '4001', reportedExecCode: '0000' }]);
    expect(store.get('op-1').confirmedExecCode).toBe('0000');
  });

  it('sync unknown (timeout), then the notification', async () => {
    const { store, inbox } = setup();
    newPayment(store);
    store.markUnknown('op-1');
    expect(await inbox.record(received())).toBe('applied');
    expect(store.get('op-1').discrepancies).toMatchObject([{ kind: 'sync_unknown' }]);
  });

  it('but the expected end of a 3-D Secure answer is no discrepancy', async () => {
    const { store, inbox } = setup();
    newPayment(store);
    store.answer('op-1', '0001', 'A189063');
    await inbox.record(received({ EXECCODE: '4008' }));
    expect(store.get('op-1').discrepancies).toEqual([]);
    expect(store.get('op-1').confirmedExecCode).toBe('4008');
  });
});

describe('Inbox: a notification that never comes', () => {
  it('is replaced by the polling bridge, which settles the operation', async () => {
    const { store, inbox } = setup();
    newPayment(store, 'op-3ds');
    store.answer('op-3ds', '0001', 'A3DS');
    newPayment(store, 'op-crash', 'ORD-CRASH');
    store.markUnknown('op-crash');
    expect(store.countAwaiting()).toBe(2);

    const calls: StatusQuery[] = [];
    const lookup: StatusLookup = {
      lookup: (_account, query) => {
        calls.push(query);
        return Promise.resolve([
          { TRANSACTIONID: 'A3DS', ORDERID: 'ORD-1', OPERATIONTYPE: 'payment', EXECCODE: '0', DATE: '2025-01-01 10:00:00' },
          { TRANSACTIONID: 'ACR', ORDERID: 'ORD-CRASH', OPERATIONTYPE: 'payment', EXECCODE: '4001', DATE: '2025-01-01 10:00:00' },
        ]);
      },
    };
    const clock = new FakeClock();
    const bridge = new PollingBridge({ lookup, store, clock });
    const summary = await bridge.sweepNow();
    expect(summary).toEqual({ checked: 2, settled: 2, lookups: 2, failedLookups: 0 });
    expect(calls).toEqual([{ transactionIds: ['A3DS'] }, { orderIds: ['ORD-CRASH'] }]);
    expect(store.get('op-3ds').confirmedExecCode).toBe('0000');
    expect(store.get('op-crash').confirmedExecCode).toBe('4001');
    expect(store.get('op-crash').discrepancies).toMatchObject([{ kind: 'sync_unknown', source: 'status_lookup' }]);
    expect(store.countAwaiting()).toBe(0);

    // A late notification for a settled operation is still recorded once, and changes no count.
    expect(await inbox.record(received({ TRANSACTIONID: 'A3DS' }))).toBe('applied');
    expect(store.countAwaiting()).toBe(0);
  });
});

describe('Inbox behind the listener (real loopback HTTP)', () => {
  const open: Harness[] = [];
  afterEach(() => closeAll(open));

  it('keeps a notification that beats the synchronous answer, applies it once the answer lands, and dedupes replays', async () => {
    const { store, inbox } = setup();
    const h = await startHarness(open, { sink: inbox });
    newPayment(store);
    const body = formEncode(signed(notificationFields()));
    const send = () =>
      rawRequest(h.port, buildRequest({ path: '/dalenys/notify', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body }));

    expect((await send()).body).toBe('OK');
    expect(store.keptNotifications()).toHaveLength(1);
    expect((await send()).body).toBe('OK');

    const op = store.answer('op-1', '0000', 'A189063');
    expect((await inbox.applyPending(op)).applied).toBe(1);
    expect((await send()).body).toBe('OK');
    expect(store.get('op-1').notifications).toHaveLength(1);
    const snapshot = await h.health.flush();
    expect(snapshot).toMatchObject({ accepted: 1, duplicates: 2 });
  });
});
