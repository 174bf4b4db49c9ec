import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDirectory } from '../../../electron/core/accounts/account-directory.js';
import { PassphraseVault } from '../../../electron/core/accounts/passphrase-vault.js';
import { FileSecretStore } from '../../../electron/core/accounts/secret-store.js';
import { journalPath, openJournal, type Journal } from '../../../electron/core/journal/index.js';
import { PollingBridge } from '../../../electron/core/notifications/polling-bridge.js';
import { confirmationOf } from '../../../electron/core/payments/operation-view.js';
import { journalPollingStore } from '../../../electron/core/payments/status-polling.js';
import { memoryLogger } from '../../support/silent-logger.js';
import { recordNotification, unknown } from '../journal/helpers.js';
import { tempDir } from '../../support/temp-dir.js';
import { FakeClock } from '../notifications/support/fake-clock.js';
import { FakeLookup } from '../notifications/support/fake-lookup.js';

/**
 * The polling bridge on the real journal (a SQLite file) through the app's own store, on a
 * fake clock. The gateway is a stand-in answering from a table (real HTTP cannot run on a
 * fake clock); the rules under test are the journal's and the store's.
 */
const SEC = 1_000;
const MIN = 60 * SEC;

describe('the polling bridge on the journal', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let clock: FakeClock;
  let journal: Journal;
  let accounts: AccountDirectory;
  let accountId: number;
  let lookup: FakeLookup;
  let bridge: PollingBridge;
  let published: number[];
  let counter = 0;

  beforeEach(async () => {
    dir = await tempDir();
    clock = new FakeClock(Date.UTC(2026, 2, 15, 10, 0, 0));
    journal = openJournal({ file: journalPath(dir.path, 'default'), now: () => clock.now() });
    const logger = memoryLogger().logger;
    const vault = await PassphraseVault.open({ dataDir: dir.path, logger, now: () => clock.now() });
    accounts = await AccountDirectory.open({ journal, secrets: new FileSecretStore(dir.path), vault, logger, now: () => clock.now() });
    accountId = accounts.sandboxAccount().id;
    lookup = new FakeLookup(clock);
    published = [];
    const store = journalPollingStore(
      journal,
      accounts,
      (id) => published.push(id),
      () => clock.now(),
    );
    // The app's defaults: first lookup 30 s after an operation is seen, then 15 s doubling up
    // to 15 min, the awaiting list read again every 30 s.
    bridge = new PollingBridge({ lookup, store, clock });
  });

  afterEach(async () => {
    await bridge.stop();
    await accounts.close();
    journal.close();
    await dir.remove();
  });

  function sent(type: 'payment' | 'authorization' = 'payment') {
    counter += 1;
    const created = journal.recordIntent({ accountId, type, amount: 1000, idempotencyKey: `poll-key-${counter}-0000000` });
    if (created.kind !== 'created') throw new Error('expected a new operation');
    journal.recordRequestSent(created.operation.id, { params: { method: type } });
    return created.operation;
  }

  const view = (id: number) => ({ status: journal.getOperation(id)?.status, confirmation: confirmationOf(journal, id) });

  it('an unknown payment never found stays unknown ("not found yet") for 15 minutes and 3 answers, then fails, then is left alone', async () => {
    const op = sent();
    unknown(journal, op.id, 'timeout');
    bridge.start();
    await clock.advance(15 * MIN - 1);
    expect(view(op.id)).toEqual({ status: 'unknown', confirmation: 'not_found_yet' });
    const early = lookup.calls.map((call) => (call.at - (op.createdAt as number)) / SEC);
    // 30 s, then 15 s doubling: 45, 75, 135, 255, 495 s; each one asked by ORDERID.
    expect(early).toEqual([30, 45, 75, 135, 255, 495]);
    expect(lookup.calls.every((call) => call.query.orderIds?.[0] === op.orderId)).toBe(true);
    await clock.advance(2 * MIN);
    expect(view(op.id)).toEqual({ status: 'error', confirmation: 'not_found' });
    expect(published.filter((id) => id === op.id)).toHaveLength(7);
    const asked = lookup.calls.length;
    await clock.advance(60 * MIN);
    expect(lookup.calls).toHaveLength(asked);
  });

  it('an unknown payment not found at first, then found, takes the row’s result', async () => {
    const op = sent();
    unknown(journal, op.id, 'timeout');
    bridge.start();
    await clock.advance(50 * SEC);
    expect(view(op.id)).toEqual({ status: 'unknown', confirmation: 'not_found_yet' });
    lookup.results.set(op.orderId, { ORDERID: op.orderId, OPERATIONTYPE: 'payment', TRANSACTIONID: 'A-LATE', EXECCODE: '0' });
    await clock.advance(MIN);
    expect(view(op.id)).toEqual({ status: 'approved', confirmation: 'confirmed' });
    expect(journal.getOperation(op.id)?.transactionId).toBe('A-LATE');
  });

  it('a pending payment keeps being asked about, and stays pending, however long it is not found', async () => {
    const op = sent();
    journal.recordResponse(op.id, { outcome: 'answered', response: { EXECCODE: '0001', TRANSACTIONID: 'A-3DS', MESSAGE: '3-D Secure' } });
    bridge.start();
    await clock.advance(3 * 60 * MIN);
    expect(view(op.id).status).toBe('pending');
    const late = lookup.calls.filter((call) => call.at - (op.createdAt as number) > 2 * 60 * MIN);
    expect(late.length).toBeGreaterThan(0);
  });

  it('an approved answer whose notification is 2 minutes overdue is looked up by TRANSACTIONID; a row that agrees confirms it', async () => {
    const op = sent();
    journal.recordResponse(op.id, { outcome: 'answered', response: { EXECCODE: '0000', TRANSACTIONID: 'A-OK', MESSAGE: 'ok' } });
    lookup.results.set('A-OK', { TRANSACTIONID: 'A-OK', ORDERID: op.orderId, OPERATIONTYPE: 'payment', EXECCODE: '0' });
    bridge.start();
    await clock.advance(2 * MIN);
    expect(lookup.calls).toHaveLength(0);
    expect(view(op.id)).toEqual({ status: 'approved', confirmation: 'awaiting' });
    await clock.advance(MIN);
    expect(lookup.calls.map((call) => call.query)).toEqual([{ transactionIds: ['A-OK'] }]);
    expect(view(op.id)).toEqual({ status: 'approved', confirmation: 'confirmed' });
    expect(journal.listEvents(op.id).some((event) => event.kind === 'discrepancy')).toBe(false);
    await clock.advance(60 * MIN);
    expect(lookup.calls).toHaveLength(1);
  });

  it('an approval answered after the bridge started is watched too, and looked up once overdue', async () => {
    bridge.start();
    await clock.advance(45 * SEC);
    const op = sent();
    journal.recordResponse(op.id, { outcome: 'answered', response: { EXECCODE: '0000', TRANSACTIONID: 'A-NEW', MESSAGE: 'ok' } });
    lookup.results.set('A-NEW', { TRANSACTIONID: 'A-NEW', ORDERID: op.orderId, OPERATIONTYPE: 'payment', EXECCODE: '0' });
    await clock.advance(2 * MIN);
    expect(lookup.calls).toHaveLength(0);
    await clock.advance(MIN);
    expect(lookup.calls.map((call) => call.query)).toEqual([{ transactionIds: ['A-NEW'] }]);
    expect(view(op.id)).toEqual({ status: 'approved', confirmation: 'confirmed' });
  });

  it('an overdue authorization found declined by the lookup shows the discrepancy', async () => {
    const op = sent('authorization');
    journal.recordResponse(op.id, { outcome: 'answered', response: { EXECCODE: '0000', TRANSACTIONID: 'A-AUTH', MESSAGE: 'ok' } });
    lookup.results.set('A-AUTH', { TRANSACTIONID: 'A-AUTH', ORDERID: op.orderId, OPERATIONTYPE: 'authorization', EXECCODE: '4001' });
    bridge.start();
    await clock.advance(5 * MIN);
    expect(view(op.id)).toEqual({ status: 'declined', confirmation: 'discrepancy' });
  });

  it('an overdue approval the gateway does not list is "not found yet", then a discrepancy after the window', async () => {
    const op = sent();
    journal.recordResponse(op.id, { outcome: 'answered', response: { EXECCODE: '0000', TRANSACTIONID: 'A-GHOST', MESSAGE: 'ok' } });
    bridge.start();
    await clock.advance(3 * MIN);
    expect(view(op.id)).toEqual({ status: 'approved', confirmation: 'not_found_yet' });
    await clock.advance(30 * MIN);
    expect(view(op.id)).toEqual({ status: 'approved', confirmation: 'discrepancy' });
    const asked = lookup.calls.length;
    await clock.advance(60 * MIN);
    expect(lookup.calls).toHaveLength(asked);
  });

  it('a notification in time, or a declined answer, is never looked up for its confirmation', async () => {
    const notified = sent();
    journal.recordResponse(notified.id, { outcome: 'answered', response: { EXECCODE: '0000', TRANSACTIONID: 'A-N', MESSAGE: 'ok' } });
    recordNotification(journal, {
      accountId,
      params: { IDENTIFIER: 'x', TRANSACTIONID: 'A-N', ORDERID: notified.orderId, OPERATIONTYPE: 'payment', EXECCODE: '0000' },
    });
    const declined = sent();
    journal.recordResponse(declined.id, { outcome: 'answered', response: { EXECCODE: '4001', TRANSACTIONID: 'A-D', MESSAGE: 'no' } });
    bridge.start();
    await clock.advance(30 * MIN);
    expect(lookup.calls).toHaveLength(0);
    expect(view(notified.id).confirmation).toBe('confirmed');
  });
});
