import { describe, expect, it } from 'vitest';
import { PollingBridge } from '../../../electron/core/notifications/polling-bridge.js';
import { TokenBucket } from '../../../electron/core/notifications/token-bucket.js';
import { FakeClock, settle } from './support/fake-clock.js';
import { FakeLookup } from './support/fake-lookup.js';
import { MemoryPollingStore } from './support/memory-polling-store.js';

function pendingPayment(store: MemoryPollingStore, n: number, account = 'acc-1', withTransaction = true) {
  store.addOperation({ id: `op-${account}-${n}`, accountId: account, identifier: `ID-${account}`, operationType: 'payment', orderId: `O-${account}-${n}` });
  store.answer(`op-${account}-${n}`, '0001', withTransaction ? `T-${account}-${n}` : undefined);
}

const MIN = 60_000;

async function bridgeSweep(bridge: PollingBridge, clock: FakeClock): Promise<void> {
  const sweep = bridge.sweepNow();
  await clock.advance(0);
  await sweep;
}

describe('PollingBridge', () => {
  it('waits firstDelay for a new operation, then backs off exponentially up to the cap', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const store = new MemoryPollingStore();
    pendingPayment(store, 1);
    const lookup = new FakeLookup(clock);
    const bridge = new PollingBridge({ lookup, store, clock, firstDelayMs: 30_000, baseDelayMs: 10_000, maxDelayMs: 60_000, rescanMs: 5 * MIN });
    bridge.start();
    await clock.advance(10 * MIN);
    await bridge.stop();
    const offsets = lookup.calls.map((c) => c.at - start);
    expect(offsets.slice(0, 6)).toEqual([30_000, 40_000, 60_000, 100_000, 160_000, 220_000]);
    expect(lookup.calls.every((c) => c.query.transactionIds?.[0] === 'T-acc-1-1')).toBe(true);
  });

  it('stops asking once an operation is final, and records the status once', async () => {
    const clock = new FakeClock();
    const store = new MemoryPollingStore();
    pendingPayment(store, 1);
    const lookup = new FakeLookup(clock);
    const settled: string[] = [];
    const bridge = new PollingBridge({ lookup, store, clock, firstDelayMs: 1_000, baseDelayMs: 1_000, onSettled: (op) => settled.push(op.id) });
    bridge.start();
    await clock.advance(2_500);
    expect(lookup.calls.length).toBe(2);
    lookup.results.set('T-acc-1-1', { TRANSACTIONID: 'T-acc-1-1', EXECCODE: '0', OPERATIONTYPE: 'payment' });
    await clock.advance(10 * MIN);
    await bridge.stop();
    expect(lookup.calls.length).toBe(3);
    const row = { TRANSACTIONID: 'T-acc-1-1', EXECCODE: '0', OPERATIONTYPE: 'payment' };
    // The whole answer goes with the row, for the store to see a second charge beside it.
    expect(store.get('op-acc-1-1').statusReports).toEqual([{ execCode: '0000', row, rows: [row] }]);
    expect(settled).toEqual(['op-acc-1-1']);
    expect(store.countAwaiting()).toBe(0);
  });

  it('keeps asking while the gateway still reports a pending code', async () => {
    const clock = new FakeClock();
    const store = new MemoryPollingStore();
    pendingPayment(store, 1);
    const lookup = new FakeLookup(clock);
    lookup.results.set('T-acc-1-1', { TRANSACTIONID: 'T-acc-1-1', EXECCODE: '0001' });
    const bridge = new PollingBridge({ lookup, store, clock, firstDelayMs: 1_000, baseDelayMs: 1_000, maxDelayMs: 1_000 });
    bridge.start();
    await clock.advance(10_500);
    await bridge.stop();
    expect(lookup.calls.length).toBe(10);
    expect(store.countAwaiting()).toBe(1);
  });

  it('batches ids per account and per kind, at most batchSize per call, under the rate limit', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const store = new MemoryPollingStore();
    for (let i = 0; i < 120; i += 1) pendingPayment(store, i, 'acc-1');
    for (let i = 0; i < 30; i += 1) pendingPayment(store, i, 'acc-2', false);
    const lookup = new FakeLookup(clock);
    const bridge = new PollingBridge({ lookup, store, clock, batchSize: 50, ratePerSecond: 2, burst: 2 });
    const sweep = bridge.sweepNow();
    await clock.advance(5_000);
    const summary = await sweep;
    expect(summary).toEqual({ checked: 150, settled: 0, lookups: 4, failedLookups: 0 });
    expect(lookup.calls.map((c) => [c.accountId, c.query.transactionIds?.length ?? 0, c.query.orderIds?.length ?? 0])).toEqual([
      ['acc-1', 50, 0],
      ['acc-1', 50, 0],
      ['acc-1', 20, 0],
      ['acc-2', 0, 30],
    ]);
    expect(lookup.calls.map((c) => c.at - start)).toEqual([0, 0, 500, 1_000]);
    expect(lookup.calls[3]?.query.orderIds?.[0]).toBe('O-acc-2-0');
  });

  it('backs off after a failed lookup, then settles', async () => {
    const clock = new FakeClock();
    const store = new MemoryPollingStore();
    pendingPayment(store, 1);
    const lookup = new FakeLookup(clock);
    lookup.failNext = 1;
    lookup.results.set('T-acc-1-1', { TRANSACTIONID: 'T-acc-1-1', EXECCODE: '4001' });
    const warnings: object[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (o: object) => warnings.push(o), error: () => undefined };
    const bridge = new PollingBridge({ lookup, store, clock, logger, firstDelayMs: 1_000, baseDelayMs: 7_000 });
    bridge.start();
    await clock.advance(1_000);
    expect(lookup.calls.length).toBe(1);
    expect(warnings).toMatchObject([{ code: 'NOTIFY_LOOKUP_FAILED', reason: 'GATEWAY_TIMEOUT' }]);
    await clock.advance(6_999);
    expect(lookup.calls.length).toBe(1);
    await clock.advance(1);
    expect(lookup.calls.length).toBe(2);
    await bridge.stop();
    expect(store.get('op-acc-1-1').confirmedExecCode).toBe('4001');
  });

  it('sweepNow ignores back-off, works without start, and picks up operations added since', async () => {
    const clock = new FakeClock();
    const store = new MemoryPollingStore();
    pendingPayment(store, 1);
    const lookup = new FakeLookup(clock);
    const bridge = new PollingBridge({ lookup, store, clock, firstDelayMs: MIN });
    expect((await bridge.sweepNow()).checked).toBe(1);
    pendingPayment(store, 2);
    const second = bridge.sweepNow();
    await clock.advance(1_000);
    expect((await second).checked).toBe(2);
    expect(bridge.running).toBe(false);
    expect(clock.pending()).toBe(0);
  });

  it('stop() cuts short a rate-limit wait and schedules nothing more', async () => {
    const clock = new FakeClock();
    const store = new MemoryPollingStore();
    for (let i = 0; i < 5; i += 1) pendingPayment(store, i, `acc-${i}`);
    const lookup = new FakeLookup(clock);
    const bridge = new PollingBridge({ lookup, store, clock, firstDelayMs: 0, ratePerSecond: 1, burst: 1 });
    bridge.start();
    await clock.advance(0);
    expect(lookup.calls.length).toBe(1);
    await bridge.stop();
    await settle();
    expect(clock.pending()).toBe(0);
    await clock.advance(10 * MIN);
    expect(lookup.calls.length).toBe(1);
  });

  it('reports each lookup that answered without the operation, and keeps asking with back-off', async () => {
    const clock = new FakeClock();
    const store = new MemoryPollingStore();
    store.addOperation({ id: 'lost', accountId: 'acc-1', identifier: 'ID', operationType: 'payment', orderId: 'O-LOST', syncState: 'unknown' });
    const lookup = new FakeLookup(clock);
    lookup.failNext = 1;
    const bridge = new PollingBridge({ lookup, store, clock, firstDelayMs: 1_000, baseDelayMs: 1_000, maxDelayMs: 8_000 });
    bridge.start();
    await clock.advance(1_000);
    // A failed lookup says nothing: not reported.
    expect([lookup.calls.length, store.get('lost').notFound]).toEqual([1, 0]);
    await clock.advance(30_000);
    await bridge.stop();
    expect(lookup.calls.map((c) => c.query.orderIds?.[0])).toEqual(['O-LOST', 'O-LOST', 'O-LOST', 'O-LOST', 'O-LOST', 'O-LOST']);
    expect(store.get('lost').notFound).toBe(5);
    expect(store.countAwaiting()).toBe(1);
  });

  it('a row with the ORDERID but another OPERATIONTYPE is not reported as "not found"', async () => {
    const clock = new FakeClock();
    const store = new MemoryPollingStore();
    store.addOperation({ id: 'lost', accountId: 'acc-1', identifier: 'ID', operationType: 'payment', orderId: 'O-1', syncState: 'unknown' });
    const lookup = new FakeLookup(clock);
    lookup.results.set('O-1', { ORDERID: 'O-1', OPERATIONTYPE: 'refund', EXECCODE: '0' });
    await bridgeSweep(new PollingBridge({ lookup, store, clock }), clock);
    expect(lookup.calls).toHaveLength(1);
    expect(store.get('lost').notFound).toBe(0);
  });

  it('drops operations that left the awaiting list (settled by a notification meanwhile)', async () => {
    const clock = new FakeClock();
    const store = new MemoryPollingStore();
    pendingPayment(store, 1);
    const lookup = new FakeLookup(clock);
    const bridge = new PollingBridge({ lookup, store, clock, firstDelayMs: 10_000, rescanMs: 5_000 });
    bridge.start();
    await clock.advance(5_000);
    store.confirmByNotification('op-acc-1-1', '0000');
    await clock.advance(MIN);
    await bridge.stop();
    expect(lookup.calls).toHaveLength(0);
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then one token per 1/rate seconds', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 2, () => now);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([0, 0, 500]);
    now = 499;
    expect(bucket.tryTake()).toBe(1);
    now = 500;
    expect(bucket.tryTake()).toBe(0);
    now = 60_000;
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([0, 0, 500]);
  });
});
