import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isJournalError,
  openJournal,
  type Journal,
  type JournalErrorCode,
  type JournalOperation,
} from '../../../electron/core/journal/index.js';
import type { JournalErrorCode as CatalogCode } from '../../../shared/errors/journal.js';
import { answer, created, intent, key, newJournal, notify, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

function discrepancies(journal: Journal, id: number) {
  return journal.listEvents(id).filter((e) => e.kind === 'discrepancy').map((e) => e.payload);
}

describe('accounts', () => {
  it('creates, lists, updates and deletes accounts, without any password field', () => {
    const { journal, account } = newJournal(temp.dir);
    expect(Object.keys(account)).not.toContain('password');
    expect(account).toMatchObject({ identifier: 'BOUTIQUE', environment: 'test', currency: 'EUR', orderIdCounter: 0, settings: {} });
    const london = journal.createAccount({ name: 'London', identifier: 'LDN', environment: 'live', currency: 'GBP', settings: { primary: 'https://a' } });
    expect(journal.listAccounts().map((a) => a.name)).toEqual(['Boutique', 'London']);
    expect(journal.updateAccount(london.id, { name: 'London desk', settings: { primary: 'https://b' } })).toMatchObject({
      name: 'London desk',
      settings: { primary: 'https://b' },
      currency: 'GBP',
    });
    expect(codeOf(() => journal.createAccount({ name: 'Again', identifier: 'LDN', environment: 'live', currency: 'GBP' }))).toBe('JOURNAL_ACCOUNT_EXISTS');
    expect(codeOf(() => journal.createAccount({ name: 'Bad', identifier: 'X', environment: 'live', currency: 'eur' }))).toBe('JOURNAL_INVALID_INPUT');
    intent(journal, { accountId: account.id });
    expect(codeOf(() => journal.deleteAccount(account.id))).toBe('JOURNAL_ACCOUNT_IN_USE');
    journal.deleteAccount(london.id);
    expect(journal.getAccount(london.id)).toBeUndefined();
    expect(codeOf(() => journal.nextOrderId(london.id))).toBe('JOURNAL_ACCOUNT_NOT_FOUND');
    journal.close();
  });

  it('hands out ORDERIDs from a per-account counter, skipping taken ones and any that look like a card number', () => {
    const { journal } = newJournal(temp.dir);
    const numeric = journal.createAccount({ name: 'N', identifier: 'N', environment: 'test', currency: 'EUR', orderIdPrefix: '411111111' });
    intent(journal, { accountId: numeric.id, orderId: '411111111000002' });
    const ids = Array.from({ length: 40 }, () => journal.nextOrderId(numeric.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('411111111000002');
    const counters = ids.map((id) => Number(id.slice(9)));
    expect(counters).toEqual([...counters].sort((a, b) => a - b));
    // 40 values handed out from a counter that had to skip some: the skipped ones are the PAN-like ones.
    expect(counters.at(-1)).toBeGreaterThan(41);
    for (const id of ids) expect(codeOf(() => intent(journal, { accountId: numeric.id, orderId: id }))).toBeUndefined();
    journal.close();
  });
});

describe('write-ahead intent', () => {
  it('records the row as sending with its intent event, durably, before any answer', () => {
    const { journal, account, file } = newJournal(temp.dir);
    expect(journal.database.pragma('synchronous', { simple: true })).toBe(2);
    expect(journal.database.pragma('journal_mode', { simple: true })).toBe('wal');
    const op = intent(journal, {
      accountId: account.id,
      type: 'authorization',
      amount: 2500,
      card: { brand: 'VISA', bin6: '497010', last4: '4242', expiry: '09-28', holderName: 'Jeanne Doe' },
      customer: { ident: 'C-1', email: 'jeanne@example.com', name: 'Jeanne Doe' },
      description: 'Phone order',
      operator: 'alice',
    });
    expect(op).toMatchObject({ status: 'sending', orderId: 'CPT-000001', brand: 'visa', bin6: '497010', last4: '4242', currency: 'EUR' });
    expect(op.actions).toEqual({ capturableAmount: 0, refundableAmount: 0, voidable: false, rebillAlias: null, checkStatus: false });
    // Another connection (as after a crash) sees it already.
    const other = openJournal({ file });
    expect(other.getOperation(op.id)?.status).toBe('sending');
    expect(other.listEvents(op.id).map((e) => e.kind)).toEqual(['intent_recorded']);
    other.close();
    journal.close();
  });

  it('refuses a currency other than the account’s, and bad card summaries', () => {
    const { journal, account } = newJournal(temp.dir);
    expect(codeOf(() => intent(journal, { accountId: account.id, currency: 'USD' }))).toBe('JOURNAL_INVALID_INPUT');
    expect(codeOf(() => intent(journal, { accountId: account.id, card: { expiry: '2028-09' } }))).toBe('JOURNAL_INVALID_INPUT');
    expect(codeOf(() => intent(journal, { accountId: account.id, card: { last4: '42' } }))).toBe('JOURNAL_INVALID_INPUT');
    expect(codeOf(() => intent(journal, { accountId: account.id, amount: -1 }))).toBe('JOURNAL_INVALID_INPUT');
    expect(codeOf(() => intent(journal, { accountId: 999 }))).toBe('JOURNAL_ACCOUNT_NOT_FOUND');
    expect(journal.count({})).toBe(0);
    journal.close();
  });

  it('keeps ORDERID unique per account but not across accounts', () => {
    const { journal, account } = newJournal(temp.dir);
    const second = journal.createAccount({ name: 'B', identifier: 'B', environment: 'test', currency: 'EUR' });
    intent(journal, { accountId: account.id, orderId: 'ORDER-1' });
    expect(codeOf(() => intent(journal, { accountId: account.id, orderId: 'ORDER-1' }))).toBe('JOURNAL_ORDER_ID_TAKEN');
    expect(intent(journal, { accountId: second.id, orderId: 'ORDER-1' }).orderId).toBe('ORDER-1');
    journal.close();
  });

  it('never lets created_at go backwards, so ids stay in date order', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const first = intent(journal, { accountId: account.id });
    const backdated = intent(journal, { accountId: account.id, at: clock.value - 60_000 });
    expect(backdated.createdAt).toBe(first.createdAt);
    expect(backdated.id).toBeGreaterThan(first.id);
    journal.close();
  });
});

describe('idempotency', () => {
  it('returns the first operation and its result for a resubmission with the same key and content', () => {
    const { journal, account } = newJournal(temp.dir);
    const input = { accountId: account.id, type: 'payment' as const, amount: 1500, idempotencyKey: key(), description: 'x' };
    const first = created(journal.recordIntent(input));
    answer(journal, first.id, '0000', { TRANSACTIONID: 'A100' });
    const again = journal.recordIntent(input);
    expect(again.kind).toBe('existing');
    if (again.kind !== 'existing') return;
    expect(again.existing).toMatchObject({ id: first.id, status: 'approved', transactionId: 'A100' });
    expect(journal.count({})).toBe(1);
    expect(journal.getOperationByIdempotencyKey(input.idempotencyKey)?.id).toBe(first.id);
    journal.close();
  });

  it('refuses the same key with different content, and records nothing', () => {
    const { journal, account } = newJournal(temp.dir);
    const idempotencyKey = key();
    created(journal.recordIntent({ accountId: account.id, type: 'payment', amount: 1500, idempotencyKey }));
    for (const changed of [{ amount: 1600 }, { description: 'other' }, { type: 'credit' as const }, { card: { last4: '1111' } }]) {
      expect(codeOf(() => journal.recordIntent({ accountId: account.id, type: 'payment', amount: 1500, idempotencyKey, ...changed }))).toBe(
        'JOURNAL_IDEMPOTENCY_CONFLICT',
      );
    }
    expect(journal.count({})).toBe(1);
    journal.close();
  });

  it('dedupes within one group-commit batch too, and refuses only the bad intent of a batch', () => {
    const { journal, account } = newJournal(temp.dir);
    const same = { accountId: account.id, type: 'payment' as const, amount: 100, idempotencyKey: key() };
    const results = journal.recordIntents([same, same, { ...same, idempotencyKey: key(), currency: 'GBP' }, { ...same, idempotencyKey: key() }]);
    expect(results.map((r) => r.kind)).toEqual(['created', 'existing', 'rejected', 'created']);
    const rejected = results[2];
    expect(rejected?.kind === 'rejected' && rejected.error.code).toBe('JOURNAL_INVALID_INPUT');
    expect(journal.count({})).toBe(2);
    journal.close();
  });
});

describe('answers', () => {
  it('stores what the response says, drops bulky HTML and masks card numbers', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id, createAlias: true });
    const view = answer(journal, op.id, '0000', {
      TRANSACTIONID: 'A200',
      ALIAS: 'AL200',
      CARDTYPE: 'MasterCard',
      CARDCODE: '5555556778250000',
      CARDVALIDITYDATE: '11-29',
      '3DSECUREHTML': 'PGh0bWw+',
    });
    expect(view).toMatchObject({ status: 'approved', transactionId: 'A200', alias: 'AL200', brand: 'mastercard', last4: '0000', expiry: '11-29', execCode: '0000' });
    expect(view.actions).toMatchObject({ refundableAmount: 1000, rebillAlias: 'AL200' });
    const response = journal.listEvents(op.id).find((e) => e.kind === 'response');
    const json = JSON.stringify(response?.payload);
    expect(json).not.toContain('5555556778250000');
    expect(json).toContain('XXXXXXXXXXXX0000');
    expect(json).not.toContain('PGh0bWw+');
    expect(response?.payload.dropped).toEqual(['3DSECUREHTML']);
    expect(journal.getOperationByTransactionId('A200')?.id).toBe(op.id);
    expect(journal.getOperationByOrderId(account.id, op.orderId)?.id).toBe(op.id);
    journal.close();
  });

  it('takes the gateway client’s own result shape (normalised response, pending 5004, request summary)', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    const clientResult = {
      outcome: 'answered' as const,
      host: 'primary',
      attempts: 1,
      response: {
        execCode: '0000',
        category: 'approved',
        message: 'The transaction has been accepted.',
        transactionId: 'A900',
        fields: { EXECCODE: '0000', MESSAGE: 'The transaction has been accepted.', TRANSACTIONID: 'A900', ALIAS: 'AL9', CARDCODE: 'XXXXXXXXXXXX4242', REDIRECTHTML: 'PGh0bWw+' },
      },
      request: { method: 'payment', path: '/front/service/rest/process', params: { CARDCODE: '497010XXXXXX4242', AMOUNT: '1000', ORDERID: op.orderId } },
    };
    const view = journal.recordResponse(op.id, clientResult, { request: { params: clientResult.request.params, host: 'primary', attempts: [{ host: 'primary', result: 'answered' }] } });
    expect(view).toMatchObject({ status: 'approved', transactionId: 'A900', alias: 'AL9', last4: '4242' });
    expect(journal.listEvents(op.id).map((e) => e.kind)).toEqual(['intent_recorded', 'request_sent', 'response']);
    expect(journal.listEvents(op.id)[1]?.payload).toMatchObject({ host: 'primary', params: { AMOUNT: '1000' }, attempts: [{ result: 'answered' }] });

    const slow = intent(journal, { accountId: account.id });
    const pending = journal.recordResponse(slow.id, { outcome: 'pending', response: { execCode: '5004', fields: { EXECCODE: '5004', TRANSACTIONID: 'A901' } } });
    expect(pending).toMatchObject({ status: 'pending', transactionId: 'A901' });
    expect(pending.actions.checkStatus).toBe(true);
    journal.close();
  });

  it('maps failed and unknown outcomes, and refuses a second answer', () => {
    const { journal, account } = newJournal(temp.dir);
    const failed = intent(journal, { accountId: account.id });
    const view = journal.recordResponse(failed.id, { outcome: 'failed', code: 'GATEWAY_UNREACHABLE', retryable: true });
    expect(view.status).toBe('error');
    expect(journal.listEvents(failed.id).at(-1)?.payload).toMatchObject({ outcome: 'error', failure: 'GATEWAY_UNREACHABLE', retryable: true });
    expect(codeOf(() => answer(journal, failed.id, '0000'))).toBe('JOURNAL_ALREADY_ANSWERED');

    const timedOut = intent(journal, { accountId: account.id });
    const unknown = journal.recordUnknown(timedOut.id, 'timeout after 30 s');
    expect(unknown.status).toBe('unknown');
    expect(unknown.actions.checkStatus).toBe(true);
    expect(codeOf(() => journal.recordUnknown(timedOut.id, 'again'))).toBe('JOURNAL_ALREADY_ANSWERED');
    expect(codeOf(() => answer(journal, 12345, '0000'))).toBe('JOURNAL_OPERATION_NOT_FOUND');
    journal.close();
  });

  it('treats 0001, 0002, 0003 and 5004 as pending, to be checked at the gateway', () => {
    const { journal, account } = newJournal(temp.dir);
    for (const code of ['0001', '0002', '0003', '5004']) {
      const view = answer(journal, intent(journal, { accountId: account.id }).id, code);
      expect(view.status).toBe('pending');
      expect(view.actions.checkStatus).toBe(true);
    }
    expect(answer(journal, intent(journal, { accountId: account.id }).id, '5001').status).toBe('error');
    expect(answer(journal, intent(journal, { accountId: account.id }).id, '6002').status).toBe('declined');
    journal.close();
  });

  it('records the request as sent without HASH, CVV or PAN, only while sending', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    journal.recordRequestSent(op.id, { host: 'secure-test.dalenys.com', params: { CARDCODE: '4111111111111111', CARDCVV: '123', HASH: 'f'.repeat(64), AMOUNT: '1000', CARDFULLNAME: 'J DOE' } });
    const sent = journal.listEvents(op.id).find((e) => e.kind === 'request_sent');
    expect(sent?.payload).toEqual({ host: 'secure-test.dalenys.com', params: { CARDCODE: 'XXXXXXXXXXXX1111', AMOUNT: '1000', CARDFULLNAME: 'J DOE' } });
    answer(journal, op.id, '0000');
    expect(codeOf(() => journal.recordRequestSent(op.id, { params: {} }))).toBe('JOURNAL_INVALID_TRANSITION');
    journal.close();
  });

  it('refuses to store a gateway TRANSACTIONID already used by another operation of the account', () => {
    const { journal, account } = newJournal(temp.dir);
    const first = intent(journal, { accountId: account.id });
    answer(journal, first.id, '0000', { TRANSACTIONID: 'A1' });
    const second = intent(journal, { accountId: account.id });
    const view = answer(journal, second.id, '0000', { TRANSACTIONID: 'A1' });
    expect(view.transactionId).toBeNull();
    expect(discrepancies(journal, second.id)).toEqual([expect.objectContaining({ reason: 'transaction_id_taken', received: 'A1' })]);
    journal.close();
  });
});

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
    const { journal, account } = newJournal(temp.dir);
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
    const first = journal.recordNotification({ params });
    expect(first.outcome).toBe('applied');
    expect(journal.recordNotification({ params })).toEqual({ outcome: 'duplicate', notificationId: first.notificationId, operationId: op.id });
    expect(journal.listEvents(op.id).filter((e) => e.kind === 'notification')).toHaveLength(1);
    const stored = journal.database.prepare('SELECT params, applied FROM notifications WHERE id = ?').get(first.notificationId) as { params: string; applied: number };
    expect(stored.applied).toBe(1);
    expect(stored.params).not.toMatch(/4111111111111111|4111 1111 1111 1111|"HASH"|"CARDCVV"/);
    expect(JSON.parse(stored.params)).toMatchObject({ CARDCODE: 'XXXXXXXXXXXX1111', EXTRADATA: 'card XXXXXXXXXXXX1111 given by phone' });

    const stranger = journal.recordNotification({ params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'payment', ORDERID: 'FROM-BACK-OFFICE', EXECCODE: '0000', TRANSACTIONID: 'Z1' } });
    const wrongType = journal.recordNotification({ params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'refund', ORDERID: op.orderId, EXECCODE: '0000', TRANSACTIONID: 'Z2' } });
    const otherDesk = journal.recordNotification({ params: { IDENTIFIER: 'SOMEONE-ELSE', OPERATIONTYPE: 'payment', ORDERID: op.orderId, EXECCODE: '0000', TRANSACTIONID: 'Z3' } });
    for (const kept of [stranger, wrongType, otherDesk]) expect(kept).toMatchObject({ outcome: 'kept', operationId: null });
    expect(journal.listKeptNotifications().map((n) => n.transactionId)).toEqual(['Z1', 'Z2', 'Z3']);
    journal.close();
  });

  it('are matched by TRANSACTIONID before ORDERID, and a transition outside the table records nothing', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = answer(journal, intent(journal, { accountId: account.id }).id, '0000', { TRANSACTIONID: 'TX-1' });
    const result = journal.recordNotification({ params: { IDENTIFIER: 'BOUTIQUE', TRANSACTIONID: 'TX-1', ORDERID: 'unrelated', EXECCODE: '0000' } });
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
    const { journal, account, clock } = newJournal(temp.dir);
    const stored = (id: number) =>
      journal.database
        .prepare('SELECT status, expires_at AS expiresAt, transaction_id AS transactionId, exec_code AS execCode, message, brand, last4, updated_at AS updatedAt FROM operations WHERE id = ?')
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
    expect(discrepancies(journal, pay.id).map((d) => d.reason).sort()).toEqual(['gateway_contradiction', 'transaction_id_changed']);
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
    const { journal, account } = newJournal(temp.dir);
    const [a, b, c] = [1, 2, 3].map(() => intent(journal, { accountId: account.id }));
    // A real SQLite failure after the inbox row is written: the event insert aborts.
    journal.database.exec(`CREATE TEMP TRIGGER refuse_boom BEFORE INSERT ON events WHEN new.payload LIKE '%BOOM%'
      BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const params = (op: JournalOperation, message: string) => ({ IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'payment', ORDERID: op.orderId, EXECCODE: '0000', MESSAGE: message });
    const results = journal.recordNotifications([
      { key: 'mid-a', params: params(a as JournalOperation, 'fine') },
      { key: 'mid-b', params: params(b as JournalOperation, 'BOOM') },
      { key: 'mid-c', params: params(c as JournalOperation, 'fine') },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'failed', 'applied']);
    expect(journal.database.prepare('SELECT dedupe_key AS k FROM notifications ORDER BY id').all()).toEqual([{ k: 'mid-a' }, { k: 'mid-c' }]);
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

describe('follow-ups and actions', () => {
  function authorized(journal: Journal, accountId: number, amount = 1000): JournalOperation {
    const op = intent(journal, { accountId, type: 'authorization', amount });
    return answer(journal, op.id, '0000', { TRANSACTIONID: `T${op.id}` });
  }

  it('offers capture and void on an authorization until a capture or void is under way', () => {
    const { journal, account } = newJournal(temp.dir);
    const auth = authorized(journal, account.id);
    expect(auth.actions).toEqual({ capturableAmount: 1000, refundableAmount: 0, voidable: true, rebillAlias: null, checkStatus: false });
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'capture', parentId: auth.id, amount: 1001 }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    const capture = intent(journal, { accountId: account.id, type: 'capture', parentId: auth.id, amount: 600 });
    expect(capture).toMatchObject({ parentId: auth.id, currency: 'EUR', amount: 600 });
    expect(journal.getOperation(auth.id)?.actions).toMatchObject({ capturableAmount: 0, voidable: false });
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'void', parentId: auth.id }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    answer(journal, capture.id, '4001');
    // The capture was refused: the authorization can be captured again.
    expect(journal.getOperation(auth.id)?.actions).toMatchObject({ capturableAmount: 1000, voidable: true });
    answer(journal, intent(journal, { accountId: account.id, type: 'capture', parentId: auth.id, amount: 600 }).id, '0000');
    expect(journal.getOperation(auth.id)?.status).toBe('partially_captured');
    expect(journal.listFollowUps(auth.id).map((f) => f.status)).toEqual(['declined', 'approved']);
    journal.close();
  });

  it('refunds up to what is left, counting refunds in flight', () => {
    const { journal, account } = newJournal(temp.dir);
    const payment = answer(journal, intent(journal, { accountId: account.id, amount: 1000 }).id, '0000');
    expect(payment.actions.refundableAmount).toBe(1000);
    const inFlight = intent(journal, { accountId: account.id, type: 'refund', parentId: payment.id, amount: 700 });
    expect(journal.getOperation(payment.id)?.actions.refundableAmount).toBe(300);
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'refund', parentId: payment.id, amount: 301 }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    journal.recordUnknown(inFlight.id, 'timeout');
    expect(journal.getOperation(payment.id)?.actions.refundableAmount).toBe(300);
    journal.recordLookup(inFlight.id, { found: true, row: { EXECCODE: '4001' } });
    expect(journal.getOperation(payment.id)?.actions.refundableAmount).toBe(1000);
    journal.close();
  });

  it('refunds a capture, not its authorization', () => {
    const { journal, account } = newJournal(temp.dir);
    const auth = authorized(journal, account.id);
    const capture = answer(journal, intent(journal, { accountId: account.id, type: 'capture', parentId: auth.id }).id, '0000');
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'refund', parentId: auth.id }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    answer(journal, intent(journal, { accountId: account.id, type: 'refund', parentId: capture.id, amount: 250 }).id, '0000');
    expect(journal.getOperation(capture.id)?.status).toBe('partially_refunded');
    expect(journal.getOperation(auth.id)?.status).toBe('captured');
    journal.close();
  });

  it('treats an approved AMOUNT=0 authorization as a card check: nothing to capture or void, alias re-billable', () => {
    const { journal, account } = newJournal(temp.dir);
    const check = intent(journal, { accountId: account.id, type: 'authorization', amount: 0, createAlias: true });
    const view = answer(journal, check.id, '0000', { ALIAS: 'AL-CHECK' });
    expect(view.status).toBe('approved');
    expect(view.expiresAt).toBeNull();
    expect(view.actions).toEqual({ capturableAmount: 0, refundableAmount: 0, voidable: false, rebillAlias: 'AL-CHECK', checkStatus: false });
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'capture', parentId: check.id, amount: 1 }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'void', parentId: check.id }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    const rebill = intent(journal, { accountId: account.id, type: 'payment', amount: 4200, alias: 'AL-CHECK', aliasMode: 'subscription' });
    expect(rebill).toMatchObject({ alias: 'AL-CHECK', aliasMode: 'subscription' });
    journal.close();
  });

  it('refuses follow-ups on the wrong type, in another account, or without a parent', () => {
    const { journal, account } = newJournal(temp.dir);
    const other = journal.createAccount({ name: 'Other', identifier: 'OTHER', environment: 'test', currency: 'EUR' });
    const payment = answer(journal, intent(journal, { accountId: account.id }).id, '0000');
    const credit = answer(journal, intent(journal, { accountId: account.id, type: 'credit' }).id, '0000');
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'capture', parentId: payment.id, amount: 1 }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'void', parentId: payment.id }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'refund', parentId: credit.id, amount: 1 }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    expect(codeOf(() => intent(journal, { accountId: other.id, type: 'refund', parentId: payment.id, amount: 1 }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'refund', amount: 1 }))).toBe('JOURNAL_INVALID_INPUT');
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'refund', parentId: 999, amount: 1 }))).toBe('JOURNAL_OPERATION_NOT_FOUND');
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'payment', parentId: payment.id }))).toBe('JOURNAL_INVALID_INPUT');
    journal.close();
  });

  it('stores the sweep of expired authorizations, which reads already showed', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const auth = authorized(journal, account.id);
    clock.advance(8 * 86_400_000);
    expect(journal.query({ filter: { statuses: ['expired'] } }).items.map((o) => o.id)).toEqual([auth.id]);
    expect(journal.database.prepare('SELECT status FROM operations WHERE id = ?').pluck().get(auth.id)).toBe('authorized');
    expect(journal.sweepExpired()).toBe(1);
    expect(journal.database.prepare('SELECT status FROM operations WHERE id = ?').pluck().get(auth.id)).toBe('expired');
    journal.close();
  });
});

describe('events', () => {
  it('are append-only: the database refuses updates and deletes', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    expect(() => journal.database.prepare(`UPDATE events SET payload = '{}' WHERE operation_id = ?`).run(op.id)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(() => journal.database.prepare('DELETE FROM events WHERE operation_id = ?').run(op.id)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(journal.listEvents(op.id)).toHaveLength(1);
    journal.close();
  });

  it('records operator actions, refusing card numbers in notes', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    const event = journal.recordOperatorAction(op.id, { operator: 'alice', action: 'note', note: 'customer called back' });
    expect(event).toMatchObject({ kind: 'operator_action', payload: { operator: 'alice', action: 'note', note: 'customer called back' } });
    expect(codeOf(() => journal.recordOperatorAction(op.id, { operator: 'alice', action: 'note', note: 'pan 4111 1111 1111 1111' }))).toBe('JOURNAL_CARD_DATA_REFUSED');
    expect(journal.listEvents(op.id).map((e) => e.kind)).toEqual(['intent_recorded', 'operator_action']);
    journal.close();
  });
});

describe('recovery', () => {
  it('turns sending into unknown, queues every unknown, and settles them by lookup by ORDERID', () => {
    const { journal, account } = newJournal(temp.dir);
    const a = intent(journal, { accountId: account.id });
    const b = intent(journal, { accountId: account.id });
    const c = intent(journal, { accountId: account.id });
    const d = intent(journal, { accountId: account.id });
    answer(journal, d.id, '0000');
    const earlierUnknown = journal.recordUnknown(intent(journal, { accountId: account.id }).id, 'timeout');
    const queue = journal.recoverInterrupted();
    expect(queue.map((q) => [q.operationId, q.interruptedNow])).toEqual([
      [a.id, true],
      [b.id, true],
      [c.id, true],
      [earlierUnknown.id, false],
    ]);
    expect(journal.listEvents(a.id).at(-1)).toMatchObject({ kind: 'interrupted', payload: { outcome: 'unknown' } });
    expect(journal.recoverInterrupted().every((q) => !q.interruptedNow)).toBe(true);
    const results = journal.applyLookup(account.id, [a.orderId, b.orderId, c.orderId, 'NOPE'], [
      { ORDERID: a.orderId, EXECCODE: '0', TRANSACTIONID: 'A-OLD', DATE: '2026-01-15 09:00:00', AMOUNT: '10.00' },
      { ORDERID: a.orderId, EXECCODE: '4001', TRANSACTIONID: 'A-NEW', DATE: '2026-01-15 10:00:00' },
      { ORDERID: b.orderId, EXECCODE: '0', TRANSACTIONID: 'B1', OPERATIONTYPE: 'payment' },
    ]);
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

describe('not found at the gateway', () => {
  it('stays unknown while provisional, and fails only on the 3rd answer at least 15 minutes after the request', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    journal.recordRequestSent(op.id, { params: { method: 'payment' } });
    journal.recordUnknown(op.id, 'timeout');
    const lookUp = () => journal.applyLookup(account.id, [op.orderId], [])[0]?.status;
    clock.advance(30_000);
    expect(lookUp()).toBe('unknown');
    clock.advance(60_000);
    expect(lookUp()).toBe('unknown');
    // Three answers now, but only 90 s after the request: still provisional.
    clock.advance(60_000);
    expect(lookUp()).toBe('unknown');
    expect(journal.getOperation(op.id)?.actions.checkStatus).toBe(true);
    clock.advance(15 * 60_000 - 150_000 - 1);
    expect(lookUp()).toBe('unknown');
    clock.advance(1);
    expect(lookUp()).toBe('error');
    expect(journal.listEvents(op.id).filter((e) => e.kind === 'status_lookup').map((e) => e.payload.outcome)).toEqual([
      'not_found_yet',
      'not_found_yet',
      'not_found_yet',
      'not_found_yet',
      'not_found',
    ]);
    journal.close();
  });

  it('a row found after provisional "not found" answers settles the operation as that row says', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    journal.recordUnknown(op.id, 'timeout');
    journal.recordLookup(op.id, { found: false });
    clock.advance(20 * 60_000);
    journal.recordLookup(op.id, { found: false });
    const found = journal.applyLookup(account.id, [op.orderId], [{ ORDERID: op.orderId, EXECCODE: '0', TRANSACTIONID: 'LATE-1', OPERATIONTYPE: 'payment' }]);
    expect(found[0]?.status).toBe('approved');
    expect(journal.getOperation(op.id)?.transactionId).toBe('LATE-1');
    journal.close();
  });

  it('a pending operation stays pending however long it is not found (the gateway acknowledged it)', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    answer(journal, op.id, '0001', { TRANSACTIONID: 'P-1' });
    for (let n = 0; n < 5; n += 1) {
      clock.advance(10 * 60_000);
      journal.recordLookup(op.id, { found: false });
    }
    expect(journal.getOperation(op.id)?.status).toBe('pending');
    expect(journal.listEvents(op.id).some((e) => e.kind === 'discrepancy')).toBe(false);
    journal.close();
  });

  it('a row with the ORDERID but another OPERATIONTYPE is not "not found": nothing is recorded', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    journal.recordUnknown(op.id, 'timeout');
    const before = journal.listEvents(op.id);
    const result = journal.applyLookup(account.id, [op.orderId], [{ ORDERID: op.orderId, EXECCODE: '0', OPERATIONTYPE: 'refund', TRANSACTIONID: 'R-1' }]);
    expect(result).toEqual([{ orderId: op.orderId, operationId: op.id, status: 'unknown' }]);
    expect(journal.listEvents(op.id)).toEqual(before);
    journal.close();
  });
});

describe('answers awaiting their confirmation', () => {
  it('lists, from a date on, succeeded answers that nothing confirmed, contradicted or found yet', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const t0 = clock.value;
    const old = answer(journal, intent(journal, { accountId: account.id }).id, '0000', { TRANSACTIONID: 'W-0' });
    clock.advance(60_000);
    const awaiting = answer(journal, intent(journal, { accountId: account.id }).id, '0000', { TRANSACTIONID: 'W-1' });
    const notified = intent(journal, { accountId: account.id });
    answer(journal, notified.id, '0000', { TRANSACTIONID: 'W-2' });
    notify(journal, notified, '0000', { TRANSACTIONID: 'W-2' });
    const declined = answer(journal, intent(journal, { accountId: account.id }).id, '4001', { TRANSACTIONID: 'W-3' });
    const authorized = answer(journal, intent(journal, { accountId: account.id, type: 'authorization' }).id, '0000', { TRANSACTIONID: 'W-4' });
    const provisional = answer(journal, intent(journal, { accountId: account.id }).id, '0000', { TRANSACTIONID: 'W-5' });
    journal.recordLookup(provisional.id, { found: false });
    const confirmedByLookup = answer(journal, intent(journal, { accountId: account.id }).id, '0000', { TRANSACTIONID: 'W-6' });
    journal.recordLookup(confirmedByLookup.id, { found: true, row: { EXECCODE: '0', TRANSACTIONID: 'W-6', ORDERID: confirmedByLookup.orderId } });
    const unanswered = intent(journal, { accountId: account.id });
    expect(journal.listUnconfirmedIds(t0 + 1)).toEqual([awaiting.id, authorized.id, provisional.id]);
    expect(journal.listUnconfirmedIds(t0)).toEqual([old.id, awaiting.id, authorized.id, provisional.id]);
    expect(journal.listUnconfirmedIds(t0)).not.toContain(declined.id);
    expect(journal.lastOperationId()).toBe(unanswered.id);
    expect(journal.listOperationIdsAfter(provisional.id)).toEqual([confirmedByLookup.id, unanswered.id]);
    journal.close();
  });
});


describe('lifecycle', () => {
  it('reports JOURNAL_WRITE_FAILED when the file is locked by another program, recording nothing', () => {
    const { journal, account, file } = newJournal(temp.dir);
    journal.database.pragma('busy_timeout = 20');
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    expect(codeOf(() => intent(journal, { accountId: account.id }))).toBe('JOURNAL_WRITE_FAILED');
    other.exec('ROLLBACK');
    other.close();
    expect(journal.count({})).toBe(0);
    expect(intent(journal, { accountId: account.id }).status).toBe('sending');
    journal.close();
  });


  it('refuses every call once closed', () => {
    const { journal, account } = newJournal(temp.dir);
    journal.close();
    const code: CatalogCode = 'JOURNAL_CLOSED';
    expect(codeOf(() => intent(journal, { accountId: account.id }))).toBe(code);
    expect(codeOf(() => journal.query({}))).toBe(code);
    expect(codeOf(() => journal.getOperation(1))).toBe(code);
    expect(isJournalError(new Error('x'))).toBe(false);
    const typed: JournalErrorCode = 'JOURNAL_CORRUPT';
    expect(typed).toBe('JOURNAL_CORRUPT');
  });
});
