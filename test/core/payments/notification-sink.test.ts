import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { journalSink } from '../../../electron/core/payments/notification-sink.js';
import type { Database } from 'better-sqlite3';
import { journalPath, NotificationWriter, type Journal } from '../../../electron/core/journal/index.js';
import type { ReceivedNotification } from '../../../electron/core/notifications/index.js';
import { keptNotifications, openJournalWithConnection } from '../../support/journal-sql.js';
import { memoryLogger } from '../../support/silent-logger.js';
import { tempDir } from '../../support/temp-dir.js';

function notification(i: number, params: Record<string, string> = {}): ReceivedNotification {
  return {
    key: `key-${i}`,
    identifier: 'SINK-TEST',
    operationType: 'payment',
    execCode: '0000',
    transactionId: `A${i}`,
    orderId: `ORD-${i}`,
    receivedAt: 1_800_000_000_000 + i,
    method: 'POST',
    params: { IDENTIFIER: 'SINK-TEST', OPERATIONTYPE: 'payment', EXECCODE: '0000', TRANSACTIONID: `A${i}`, ORDERID: `ORD-${i}`, ...params },
  };
}

describe('journal sink', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let journal: Journal;
  let db: Database;
  beforeEach(async () => {
    dir = await tempDir();
    ({ journal, db } = openJournalWithConnection({ file: journalPath(dir.path, 'default') }));
    journal.createAccount({ name: 'Sink', identifier: 'SINK-TEST', environment: 'test', currency: 'EUR' });
  });
  afterEach(async () => {
    journal.close();
    await dir.remove();
  });

  it('writes notifications that arrive together in one commit, and answers each once it is written', async () => {
    const batches: number[] = [];
    const counted = new Proxy(journal, {
      get(target, property, receiver) {
        if (property === 'recordNotifications') {
          return (inputs: unknown[]) => {
            batches.push(inputs.length);
            return target.recordNotifications(inputs as never);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const sink = journalSink(counted, memoryLogger().logger, () => undefined);
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => sink.record(notification(i))));
    expect(outcomes).toEqual(Array.from({ length: 40 }, () => 'kept'));
    expect(batches).toEqual([40]);
    expect(keptNotifications(db)).toHaveLength(40);
    expect(await sink.record(notification(3))).toBe('duplicate');
  });

  it('gathers what arrives while a batch is being written into the next one (the writer thread in the app)', async () => {
    const writer = new NotificationWriter({ file: journal.file });
    const batches: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = {
      async recordNotifications(inputs: Parameters<NotificationWriter['recordNotifications']>[0]) {
        batches.push(inputs.length);
        if (batches.length === 1) await gate;
        return writer.recordNotifications(inputs);
      },
    };
    const applied: Array<readonly number[]> = [];
    const sink = journalSink(gated, memoryLogger().logger, (changedIds) => applied.push(changedIds));
    const first = sink.record(notification(0));
    await new Promise((resolve) => setImmediate(resolve));
    const rest = Array.from({ length: 25 }, (_, i) => sink.record(notification(i + 1)));
    release();
    expect(await Promise.all([first, ...rest])).toEqual(Array.from({ length: 26 }, () => 'kept'));
    expect(batches).toEqual([1, 25]);
    // Kept (no operation to apply them to): recorded, so told, but nothing on screen changed.
    expect(applied).toEqual(Array.from({ length: 26 }, () => []));
    expect(keptNotifications(db)).toHaveLength(26);
    await writer.close();
  });

  it('hands the next batch over while one is being written, never a third, and answers in order', async () => {
    const calls: number[] = [];
    const gates: Array<() => void> = [];
    const gated = {
      async recordNotifications(inputs: Parameters<Journal['recordNotifications']>[0]) {
        calls.push(inputs.length);
        await new Promise<void>((resolve) => gates.push(resolve));
        return journal.recordNotifications(inputs);
      },
    };
    const sink = journalSink(gated, memoryLogger().logger, () => undefined);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const answered: number[] = [];
    const record = (i: number) => Promise.resolve(sink.record(notification(i))).then(() => answered.push(i));
    const first = record(0);
    await turn();
    const second = [1, 2, 3].map(record);
    await turn();
    // The second batch is already with the writer while the first is being written.
    expect(calls).toEqual([1, 3]);
    const third = [4, 5].map(record);
    await turn();
    expect(calls).toEqual([1, 3]);
    gates.shift()?.();
    await first;
    await vi.waitFor(() => expect(calls).toEqual([1, 3, 2]));
    gates.shift()?.();
    gates.shift()?.();
    await Promise.all([...second, ...third]);
    expect(answered).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('after a batch that failed as a whole, goes on recording the next ones (and caps each commit at 64)', async () => {
    const batches: number[] = [];
    let calls = 0;
    const flaky = {
      recordNotifications(inputs: Parameters<Journal['recordNotifications']>[0]) {
        calls += 1;
        batches.push(inputs.length);
        if (calls === 1) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
        return journal.recordNotifications(inputs);
      },
    };
    const sink = journalSink(flaky, memoryLogger().logger, () => {
      throw new Error('the UI is gone');
    });
    const first = await Promise.allSettled([sink.record(notification(0)), sink.record(notification(1))]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => sink.record(notification(i))));
    expect(burst.every((outcome) => outcome === 'kept')).toBe(true);
    expect(batches).toEqual([2, 64, 36]);
    expect(keptNotifications(db)).toHaveLength(100);
  });

  it('rejects only the notification that cannot be recorded; the others of its batch are kept', async () => {
    // Gateway data never makes the journal refuse a notification (it masks, it does not
    // refuse), so the one failure here is a write that SQLite aborts, for that row only.
    db.exec(`CREATE TEMP TRIGGER fail_key_2 BEFORE INSERT ON notifications
      WHEN NEW.dedupe_key = 'key-2' BEGIN SELECT RAISE(ABORT, 'write failed'); END`);
    const sink = journalSink(journal, memoryLogger().logger, () => undefined);
    const settled = await Promise.allSettled([sink.record(notification(1)), sink.record(notification(2)), sink.record(notification(3))]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(
      keptNotifications(db)
        .map((kept) => kept.transactionId)
        .sort(),
    ).toEqual(['A1', 'A3']);
  });
});
