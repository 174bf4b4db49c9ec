/** Recovery (`recovery.ts`): interrupted requests, expired authorizations. */
import { afterAll, describe, expect, it } from 'vitest';
import { openJournalWithConnection } from '../../support/journal-sql.js';
import { answer, authorized, intent, newJournal, tempDir, unknown } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

describe('recovery', () => {
  it('turns sending into unknown, queues every unknown, and settles them by lookup by ORDERID', () => {
    const { journal, account } = newJournal(temp.dir);
    const a = intent(journal, { accountId: account.id });
    const b = intent(journal, { accountId: account.id });
    const c = intent(journal, { accountId: account.id });
    const d = intent(journal, { accountId: account.id });
    answer(journal, d.id, '0000');
    const earlierUnknown = unknown(journal, intent(journal, { accountId: account.id }).id, 'timeout');
    const queue = journal.recoverInterrupted();
    expect(queue.map((q) => [q.operationId, q.interruptedNow])).toEqual([
      [a.id, true],
      [b.id, true],
      [c.id, true],
      [earlierUnknown.id, false],
    ]);
    expect(journal.listEvents(a.id).at(-1)).toMatchObject({ kind: 'interrupted', payload: { outcome: 'unknown' } });
    expect(journal.recoverInterrupted().every((q) => !q.interruptedNow)).toBe(true);
    const results = journal.applyLookup(
      account.id,
      [a.orderId, b.orderId, c.orderId, 'NOPE'],
      [
        { ORDERID: a.orderId, OPERATIONTYPE: 'payment', EXECCODE: '0', TRANSACTIONID: 'A-OLD', DATE: '2026-01-15 09:00:00', AMOUNT: '10.00' },
        { ORDERID: a.orderId, OPERATIONTYPE: 'payment', EXECCODE: '4001', TRANSACTIONID: 'A-NEW', DATE: '2026-01-15 10:00:00' },
        { ORDERID: b.orderId, EXECCODE: '0', TRANSACTIONID: 'B1', OPERATIONTYPE: 'payment' },
      ],
    );
    // c is not found: soon after sending that proves nothing, so it stays unknown and queued.
    expect(results.map((r) => [r.orderId, r.status])).toEqual([
      [a.orderId, 'declined'],
      [b.orderId, 'approved'],
      [c.orderId, 'unknown'],
      ['NOPE', null],
    ]);
    expect(journal.getOperation(b.id)?.transactionId).toBe('B1');
    expect(journal.recoverInterrupted().map((q) => q.operationId)).toEqual([c.id, earlierUnknown.id]);
    journal.close();
  });
});

describe('expired authorizations', () => {
  it('stores the sweep of expired authorizations, which reads already showed', () => {
    const { journal, account, clock, db, file } = newJournal(temp.dir);
    const auth = authorized(journal, account.id);
    clock.advance(8 * 86_400_000);
    expect(journal.query({ filter: { statuses: ['expired'] } }).items.map((o) => o.id)).toEqual([auth.id]);
    expect(db.prepare('SELECT status FROM operations WHERE id = ?').pluck().get(auth.id)).toBe('authorized');
    journal.close();
    // The sweep runs when the journal opens.
    const reopened = openJournalWithConnection({ file, now: clock.now });
    expect(reopened.db.prepare('SELECT status FROM operations WHERE id = ?').pluck().get(auth.id)).toBe('expired');
    expect(reopened.journal.getOperation(auth.id)?.status).toBe('expired');
    reopened.journal.close();
  });
});
