import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { NotificationWriter, type NotificationInput } from '../../../electron/core/journal/index.js';
import { keptNotifications } from '../../support/journal-sql.js';
import { FakeClock, answer, intent, newJournal, tempDir } from './helpers.js';

const temp = tempDir('comptoir-writer-');
afterAll(() => temp.cleanup());

function notice(orderId: string, execCode: string, extra: Record<string, string> = {}): NotificationInput {
  return { params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'payment', ORDERID: orderId, EXECCODE: execCode, ...extra } };
}

describe('notification writer (its own connection, in a worker thread)', () => {
  it('records a batch in one commit that the owner sees at once: applied, kept, duplicate, a contradiction', async () => {
    const { journal, account, file, db } = newJournal(temp.dir);
    const writer = new NotificationWriter({ file });
    const paid = answer(journal, intent(journal, { accountId: account.id }).id, '0000', { TRANSACTIONID: 'W-1' });
    const waiting = intent(journal, { accountId: account.id });
    const results = await writer.recordNotifications([
      notice(paid.orderId, '4001', { TRANSACTIONID: 'W-1' }),
      notice(waiting.orderId, '0000', { TRANSACTIONID: 'W-2' }),
      notice('FROM-BACK-OFFICE', '0000', { TRANSACTIONID: 'W-3' }),
      notice(waiting.orderId, '0000', { TRANSACTIONID: 'W-2' }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'kept', 'duplicate']);
    expect(results[1]).toMatchObject({ operationId: waiting.id });
    expect(journal.getOperation(paid.id)?.status).toBe('declined');
    expect(journal.listEvents(paid.id).filter((e) => e.kind === 'discrepancy')).toHaveLength(1);
    expect(journal.getOperation(waiting.id)).toMatchObject({ status: 'approved', transactionId: 'W-2' });
    expect(keptNotifications(db).map((n) => n.transactionId)).toEqual(['W-3']);
    await writer.close();
    journal.close();
  });

  it('reports the one item it could not record with its journal code, and keeps the others', async () => {
    const { journal, account, file } = newJournal(temp.dir);
    const writer = new NotificationWriter({ file });
    const op = intent(journal, { accountId: account.id });
    const results = await writer.recordNotifications([
      { ...notice(op.orderId, '0000'), accountId: 999_999 },
      notice(op.orderId, '0000', { TRANSACTIONID: 'W-9' }),
    ]);
    expect(results[0]).toMatchObject({ outcome: 'failed', error: { code: 'JOURNAL_ACCOUNT_NOT_FOUND' } });
    expect(results[1]).toMatchObject({ outcome: 'applied', operationId: op.id });
    await writer.close();
    journal.close();
  });

  it('writes alongside the owner’s own writes without losing or doubling either', async () => {
    const clock = new FakeClock();
    const { journal, account, file, db } = newJournal(temp.dir, clock);
    const writer = new NotificationWriter({ file, now: clock.now });
    const ops = Array.from({ length: 40 }, () => intent(journal, { accountId: account.id }));
    const batches: Array<Promise<unknown>> = [];
    for (const [i, op] of ops.entries()) {
      batches.push(writer.recordNotifications([notice(op.orderId, '0000', { TRANSACTIONID: `C-${i}` })]));
      // The owner keeps writing while the writer's batches are in flight.
      intent(journal, { accountId: account.id });
    }
    await Promise.all(batches);
    expect(ops.map((op) => journal.getOperation(op.id)?.status)).toEqual(ops.map(() => 'approved'));
    expect(journal.count({})).toBe(80);
    expect(db.prepare('SELECT count(*) AS n FROM notifications WHERE applied = 1').get()).toEqual({ n: 40 });
    await writer.close();
    journal.close();
  });

  it('fails the batches a dead worker held, then carries on with a fresh one; nothing after close', async () => {
    const { journal, account, file } = newJournal(temp.dir);
    const writer = new NotificationWriter({ file });
    const op = intent(journal, { accountId: account.id });
    const inFlight = writer.recordNotifications([notice(op.orderId, '0000', { TRANSACTIONID: 'D-1' })]);
    await (writer as unknown as { worker: Worker }).worker.terminate();
    await expect(inFlight).rejects.toMatchObject({ code: 'JOURNAL_WRITE_FAILED' });
    // The gateway retries what was not answered; the journal dedupes whatever did commit.
    const retried = await writer.recordNotifications([notice(op.orderId, '0000', { TRANSACTIONID: 'D-1' })]);
    expect(['applied', 'duplicate']).toContain(retried[0]?.outcome);
    expect(journal.getOperation(op.id)?.status).toBe('approved');
    expect(journal.listEvents(op.id).filter((e) => e.kind === 'notification')).toHaveLength(1);
    await writer.close();
    await expect(writer.recordNotifications([notice(op.orderId, '0000')])).rejects.toMatchObject({ code: 'JOURNAL_CLOSED' });
    journal.close();
  });

  it('after three deaths in a row, records on the owner’s connection instead of refusing notifications', async () => {
    const { journal, account, file } = newJournal(temp.dir);
    const switched: string[] = [];
    const writer = new NotificationWriter({ file, fallback: { recorder: journal, onSwitch: (reason) => switched.push(reason) } });
    const op = intent(journal, { accountId: account.id });
    const kill = () => (writer as unknown as { worker: Worker }).worker.terminate();
    for (let death = 1; death <= 3; death += 1) {
      const inFlight = writer.recordNotifications([notice(op.orderId, '0000', { TRANSACTIONID: 'F-1' })]);
      await kill();
      await expect(inFlight).rejects.toMatchObject({ code: 'JOURNAL_WRITE_FAILED' });
      expect(writer.degraded).toBe(death === 3);
    }
    expect(switched).toEqual([expect.stringContaining('exited')]);
    const [result] = await writer.recordNotifications([notice(op.orderId, '0000', { TRANSACTIONID: 'F-1' })]);
    expect(['applied', 'duplicate']).toContain(result?.outcome);
    expect(journal.getOperation(op.id)).toMatchObject({ status: 'approved', transactionId: 'F-1' });
    expect(journal.listEvents(op.id).filter((e) => e.kind === 'notification')).toHaveLength(1);
    await writer.close();
    journal.close();
  });

  it('expires authorizations by the owner’s clock, not the machine’s', async () => {
    const clock = new FakeClock(Date.UTC(2020, 0, 1));
    const { journal, account, file, db } = newJournal(temp.dir, clock);
    const auth = answer(journal, intent(journal, { accountId: account.id, type: 'authorization' }).id, '0000', { TRANSACTIONID: 'E-1' });
    // Years before the machine's date: the writer's start-up sweep must not expire it.
    const writer = new NotificationWriter({ file, now: clock.now });
    await writer.recordNotifications([notice('NOWHERE', '0000', { TRANSACTIONID: 'E-2' })]);
    expect(db.prepare('SELECT status FROM operations WHERE id = ?').get(auth.id)).toEqual({ status: 'authorized' });
    await writer.close();
    journal.close();
  });
});
