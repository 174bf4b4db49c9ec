/** Notifications (`notification-recording.ts`): inbox, correlation, batches. */
import { afterAll, describe, expect, it } from 'vitest';
import { type JournalOperation } from '../../../electron/core/journal/index.js';
import { keptNotifications } from '../../support/journal-sql.js';
import { answer, codeOf, discrepancies, intent, newJournal, notify, recordNotification, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

describe('notifications', () => {
  it('apply before the synchronous answer, matched by ORDERID, and the agreeing answer adds no discrepancy', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    expect(notify(journal, op, '0000', { TRANSACTIONID: 'A9' })).toMatchObject({ outcome: 'applied', operationId: op.id });
    expect(journal.getOperation(op.id)).toMatchObject({ status: 'approved', transactionId: 'A9' });
    expect(answer(journal, op.id, '0000', { TRANSACTIONID: 'A9' }).status).toBe('approved');
    expect(discrepancies(journal, op.id)).toEqual([]);
    journal.close();
  });

  it('win over a contradicting synchronous answer, with a discrepancy recorded', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    answer(journal, op.id, '0000', { TRANSACTIONID: 'A10' });
    notify(journal, op, '4001', { TRANSACTIONID: 'A10' });
    const view = journal.getOperation(op.id) as JournalOperation;
    expect(view.status).toBe('declined');
    expect(view.actions.refundableAmount).toBe(0);
    expect(discrepancies(journal, op.id)).toEqual([
      expect.objectContaining({ reason: 'gateway_contradiction', previous: 'approved', next: 'declined', trigger: 'notification:declined' }),
    ]);

    const late = intent(journal, { accountId: account.id });
    notify(journal, late, '0000');
    expect(answer(journal, late.id, '4001').status).toBe('approved');
    expect(discrepancies(journal, late.id)).toEqual([expect.objectContaining({ previous: 'approved', next: 'approved', trigger: 'response:declined' })]);
    journal.close();
  });

  it('are deduplicated, stored without HASH, CVV or full PAN, and kept when they match no operation', () => {
    const { journal, account, db } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    const params = {
      IDENTIFIER: 'BOUTIQUE',
      OPERATIONTYPE: 'PAYMENT',
      ORDERID: op.orderId,
      TRANSACTIONID: 'A77',
      EXECCODE: '0000',
      HASH: 'a'.repeat(64),
      CARDCVV: '123',
      CARDCODE: '4111111111111111',
      EXTRADATA: 'card 4111 1111 1111 1111 given by phone',
    };
    const first = recordNotification(journal, { params });
    expect(first.outcome).toBe('applied');
    expect(recordNotification(journal, { params })).toEqual({ outcome: 'duplicate', notificationId: first.notificationId, operationId: op.id });
    expect(journal.listEvents(op.id).filter((e) => e.kind === 'notification')).toHaveLength(1);
    const stored = db.prepare('SELECT params, applied FROM notifications WHERE id = ?').get(first.notificationId) as { params: string; applied: number };
    expect(stored.applied).toBe(1);
    expect(stored.params).not.toMatch(/4111111111111111|4111 1111 1111 1111|"HASH"|"CARDCVV"/);
    expect(JSON.parse(stored.params)).toMatchObject({ CARDCODE: 'XXXXXXXXXXXX1111', EXTRADATA: 'card XXXXXXXXXXXX1111 given by phone' });

    const stranger = recordNotification(journal, {
      params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'payment', ORDERID: 'FROM-BACK-OFFICE', EXECCODE: '0000', TRANSACTIONID: 'Z1' },
    });
    const wrongType = recordNotification(journal, {
      params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'refund', ORDERID: op.orderId, EXECCODE: '0000', TRANSACTIONID: 'Z2' },
    });
    const otherDesk = recordNotification(journal, {
      params: { IDENTIFIER: 'SOMEONE-ELSE', OPERATIONTYPE: 'payment', ORDERID: op.orderId, EXECCODE: '0000', TRANSACTIONID: 'Z3' },
    });
    for (const kept of [stranger, wrongType, otherDesk]) expect(kept).toMatchObject({ outcome: 'kept', operationId: null });
    expect(keptNotifications(db).map((n) => n.transactionId)).toEqual(['Z1', 'Z2', 'Z3']);
    journal.close();
  });

  it('are matched by TRANSACTIONID before ORDERID, and a transition outside the table records nothing', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = answer(journal, intent(journal, { accountId: account.id }).id, '0000', { TRANSACTIONID: 'TX-1' });
    const result = recordNotification(journal, { params: { IDENTIFIER: 'BOUTIQUE', TRANSACTIONID: 'TX-1', ORDERID: 'unrelated', EXECCODE: '0000' } });
    expect(result).toMatchObject({ outcome: 'applied', operationId: op.id });

    const recovered = intent(journal, { accountId: account.id });
    journal.recoverInterrupted();
    const before = journal.listEvents(recovered.id);
    expect(codeOf(() => answer(journal, recovered.id, '0000'))).toBe('JOURNAL_INVALID_TRANSITION');
    const fresh = intent(journal, { accountId: account.id });
    expect(codeOf(() => journal.recordLookup(fresh.id, { found: false }))).toBe('JOURNAL_INVALID_TRANSITION');
    expect(journal.listEvents(recovered.id)).toEqual(before);
    expect(journal.listEvents(fresh.id).map((e) => e.kind)).toEqual(['intent_recorded']);
    expect(journal.getOperation(recovered.id)?.status).toBe('unknown');
    journal.close();
  });

  it('leave the stored row (what history and reports read) equal to the derived view after every kind of answer', () => {
    const { journal, account, clock, db } = newJournal(temp.dir);
    const stored = (id: number) =>
      db
        .prepare(
          'SELECT status, expires_at AS expiresAt, transaction_id AS transactionId, exec_code AS execCode, message, brand, last4, updated_at AS updatedAt FROM operations WHERE id = ?',
        )
        .get(id) as Record<string, unknown>;
    const agrees = (id: number) => {
      const view = journal.getOperation(id) as JournalOperation;
      expect(stored(id)).toMatchObject({ status: view.status, expiresAt: view.expiresAt, transactionId: view.transactionId, execCode: view.execCode });
      return stored(id);
    };
    const auth = intent(journal, { accountId: account.id, type: 'authorization' });
    clock.advance(1_000);
    answer(journal, auth.id, '0000', { TRANSACTIONID: 'AU-1', CARDCODE: 'XXXXXXXXXXXX4242', CARDTYPE: 'VISA' });
    expect(agrees(auth.id)).toMatchObject({ status: 'authorized', transactionId: 'AU-1', last4: '4242', brand: 'visa', message: 'code 0000' });
    expect(agrees(auth.id).expiresAt).toBeGreaterThan(clock.value);
    // A notification that agrees fills nothing new but the message, and keeps the card columns.
    clock.advance(1_000);
    notify(journal, auth, '0000', { TRANSACTIONID: 'AU-1', MESSAGE: 'confirmed', CARDCODE: 'XXXXXXXXXXXX1881' });
    expect(agrees(auth.id)).toMatchObject({ status: 'authorized', last4: '4242', message: 'confirmed', updatedAt: clock.value });
    // A capture settles its parent's stored status too.
    const capture = intent(journal, { accountId: account.id, type: 'capture', parentId: auth.id, amount: auth.amount });
    notify(journal, capture, '0000', { TRANSACTIONID: 'CA-1' });
    expect(agrees(capture.id)).toMatchObject({ status: 'approved', transactionId: 'CA-1' });
    expect(agrees(auth.id)).toMatchObject({ status: 'captured', expiresAt: null });
    // A contradiction rewrites the stored status, not the TRANSACTIONID already known.
    const pay = intent(journal, { accountId: account.id });
    answer(journal, pay.id, '0000', { TRANSACTIONID: 'PA-1' });
    notify(journal, pay, '4001', { TRANSACTIONID: 'PA-2' });
    expect(agrees(pay.id)).toMatchObject({ status: 'declined', transactionId: 'PA-1', execCode: '4001' });
    expect(
      discrepancies(journal, pay.id)
        .map((d) => d.reason)
        .sort(),
    ).toEqual(['gateway_contradiction', 'transaction_id_changed']);
    journal.close();
  });

  it('give confirmation signals that agree with the events they are read from, at every step', () => {
    const { journal, account } = newJournal(temp.dir);
    // The signals, as the events say them when read in full.
    const lookupSaid = (id: number, outcomes: readonly string[]) =>
      journal.listEvents(id).some((e) => e.kind === 'status_lookup' && outcomes.includes(e.payload.outcome as string));
    const fromEvents = (id: number) => {
      const events = journal.listEvents(id);
      return {
        discrepancy: events.some((e) => e.kind === 'discrepancy'),
        notified: events.some((e) => e.kind === 'notification'),
        lookedUp: lookupSaid(id, ['approved', 'authorized', 'declined', 'error']),
        notFoundYet: lookupSaid(id, ['not_found_yet']),
        notFound: lookupSaid(id, ['not_found']),
        answered: events.some((e) => e.kind === 'response' && typeof e.payload.execCode === 'string'),
      };
    };
    const none = { discrepancy: false, notified: false, lookedUp: false, notFoundYet: false, notFound: false, answered: false };
    const check = (id: number, expected: Partial<typeof none>) => {
      expect(journal.confirmationSignals(id)).toEqual({ ...none, ...expected });
      expect(fromEvents(id)).toEqual({ ...none, ...expected });
    };
    const pay = intent(journal, { accountId: account.id });
    check(pay.id, {});
    answer(journal, pay.id, '0000', { TRANSACTIONID: 'SIG-1' });
    check(pay.id, { answered: true });
    notify(journal, pay, '0000', { TRANSACTIONID: 'SIG-1' });
    check(pay.id, { notified: true, answered: true });
    // An answer that never came (timeout) is not an EXECCODE: no notification is awaited.
    const lost = intent(journal, { accountId: account.id });
    journal.recordResponse(lost.id, { outcome: 'unknown', reason: 'timeout' });
    check(lost.id, {});
    // Lookups: not found (provisional), then found with a final result.
    journal.recordLookup(lost.id, { found: false });
    check(lost.id, { notFoundYet: true });
    journal.recordLookup(lost.id, { found: true, row: { EXECCODE: '0', ORDERID: lost.orderId, TRANSACTIONID: 'SIG-3' } });
    check(lost.id, { notFoundYet: true, lookedUp: true });
    // A lookup that finds the operation still pending is no confirmation of a result.
    const waiting = intent(journal, { accountId: account.id });
    journal.recordResponse(waiting.id, { outcome: 'unknown', reason: 'timeout' });
    journal.recordLookup(waiting.id, { found: true, row: { EXECCODE: '0001', ORDERID: waiting.orderId } });
    check(waiting.id, {});
    // A notification that contradicts the answer leaves a discrepancy.
    const contradicted = intent(journal, { accountId: account.id });
    answer(journal, contradicted.id, '0000', { TRANSACTIONID: 'SIG-2' });
    notify(journal, contradicted, '4001', { TRANSACTIONID: 'SIG-2' });
    check(contradicted.id, { discrepancy: true, notified: true, answered: true });
    journal.close();
  });

  it('a notification applied to a follow-up names the operations above it, which it changes too; others name none', () => {
    const { journal, account } = newJournal(temp.dir);
    const auth = intent(journal, { accountId: account.id, type: 'authorization' });
    answer(journal, auth.id, '0000', { TRANSACTIONID: 'FAM-1' });
    const capture = intent(journal, { accountId: account.id, type: 'capture', parentId: auth.id, amount: 400 });
    const onCapture = notify(journal, capture, '0000', { TRANSACTIONID: 'FAM-2' });
    expect(onCapture).toMatchObject({ outcome: 'applied', operationId: capture.id, ancestorIds: [auth.id] });
    // The parent did change: what the screen fetches for it is a (partly) captured authorization.
    expect(journal.getOperation(auth.id)?.status).toBe('partially_captured');
    // A refund through the capture: two levels up.
    const refund = intent(journal, { accountId: account.id, type: 'refund', parentId: capture.id, amount: 100 });
    expect(notify(journal, refund, '0000', { TRANSACTIONID: 'FAM-3' })).toMatchObject({ operationId: refund.id, ancestorIds: [capture.id, auth.id] });
    const onAuth = notify(journal, auth, '0000', { TRANSACTIONID: 'FAM-1' });
    expect(onAuth).toMatchObject({ outcome: 'applied', operationId: auth.id });
    expect(onAuth).not.toHaveProperty('ancestorIds');
    journal.close();
  });

  it('in a batch, a write that fails midway takes back that notification alone, inbox row included', () => {
    const { journal, account, db } = newJournal(temp.dir);
    const [a, b, c] = [1, 2, 3].map(() => intent(journal, { accountId: account.id }));
    // A real SQLite failure after the inbox row is written: the event insert aborts.
    db.exec(`CREATE TEMP TRIGGER refuse_boom BEFORE INSERT ON events WHEN new.payload LIKE '%BOOM%'
      BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const params = (op: JournalOperation, message: string) => ({
      IDENTIFIER: 'BOUTIQUE',
      OPERATIONTYPE: 'payment',
      ORDERID: op.orderId,
      EXECCODE: '0000',
      MESSAGE: message,
    });
    const results = journal.recordNotifications([
      { key: 'mid-a', params: params(a as JournalOperation, 'fine') },
      { key: 'mid-b', params: params(b as JournalOperation, 'BOOM') },
      { key: 'mid-c', params: params(c as JournalOperation, 'fine') },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'failed', 'applied']);
    expect(db.prepare('SELECT dedupe_key AS k FROM notifications ORDER BY id').all()).toEqual([{ k: 'mid-a' }, { k: 'mid-c' }]);
    expect(journal.getOperation((b as JournalOperation).id)?.status).toBe('sending');
    expect(journal.listEvents((b as JournalOperation).id).map((e) => e.kind)).toEqual(['intent_recorded']);
    expect(journal.getOperation((c as JournalOperation).id)?.status).toBe('approved');
    journal.close();
  });

  it('in a batch, each notification goes to the account its IDENTIFIER names, even with several accounts', () => {
    const { journal, account } = newJournal(temp.dir);
    const other = journal.createAccount({ name: 'Atelier', identifier: 'ATELIER', environment: 'test', currency: 'EUR', orderIdPrefix: 'ATL-' });
    // The same ORDERID in both accounts: only IDENTIFIER tells the operations apart.
    const mine = intent(journal, { accountId: account.id, orderId: 'SAME-ORDER' });
    const theirs = intent(journal, { accountId: other.id, orderId: 'SAME-ORDER' });
    const params = (identifier: string, execCode: string) => ({ IDENTIFIER: identifier, OPERATIONTYPE: 'payment', ORDERID: 'SAME-ORDER', EXECCODE: execCode });
    const results = journal.recordNotifications([
      { key: 'acc-1', params: params('BOUTIQUE', '0000') },
      { key: 'acc-2', params: params('ATELIER', '4001') },
      { key: 'acc-3', params: params('NOBODY', '0000') },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'kept']);
    expect(journal.getOperation(mine.id)?.status).toBe('approved');
    expect(journal.getOperation(theirs.id)?.status).toBe('declined');
    journal.close();
  });

  it('record an AMOUNT that differs from the journal’s as a discrepancy', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id, amount: 1000 });
    notify(journal, op, '0000', { AMOUNT: '999' });
    expect(discrepancies(journal, op.id)).toEqual([expect.objectContaining({ reason: 'amount_mismatch', recorded: 1000, notified: 999 })]);
    journal.close();
  });
});
