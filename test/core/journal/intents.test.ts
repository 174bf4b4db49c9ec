/** Write-ahead intents (`intents.ts`): recorded before sending, once per idempotency key. */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openJournal, type IntentInput } from '../../../electron/core/journal/index.js';
import { operationIdBy } from '../../support/journal-sql.js';
import { answer, codeOf, created, intent, key, newJournal, tempDir } from './helpers.js';

const temp = tempDir();
/** How the spec keeps a key: `sha256:` and the hex SHA-256 of its UTF-8 bytes. */
const digest = (key: string) => `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
afterAll(() => temp.cleanup());

describe('write-ahead intent', () => {
  it('records the row as sending with its intent event, durably, before any answer', () => {
    const { journal, account, file, db } = newJournal(temp.dir);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
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
    const { journal, account, db } = newJournal(temp.dir);
    const input = { accountId: account.id, type: 'payment' as const, amount: 1500, idempotencyKey: key(), description: 'x' };
    const first = created(journal.recordIntent(input));
    answer(journal, first.id, '0000', { TRANSACTIONID: 'A100' });
    const again = journal.recordIntent(input);
    expect(again.kind).toBe('existing');
    if (again.kind !== 'existing') return;
    expect(again.existing).toMatchObject({ id: first.id, status: 'approved', transactionId: 'A100' });
    expect(journal.count({})).toBe(1);
    expect(operationIdBy(db, 'idempotency_key', digest(input.idempotencyKey))).toBe(first.id);
    journal.close();
  });

  it('keeps only a digest of the key: a card number glued inside one never reaches the file', () => {
    const { journal, account, file, db } = newJournal(temp.dir);
    // An id may hold digits glued to letters (the contract lets it through as an id, not text).
    const glued = 'key4111111111111111x';
    const first = created(journal.recordIntent({ accountId: account.id, type: 'payment', amount: 700, idempotencyKey: glued }));
    expect(journal.recordIntent({ accountId: account.id, type: 'payment', amount: 700, idempotencyKey: glued })).toMatchObject({ kind: 'existing' });
    expect(operationIdBy(db, 'idempotency_key', digest(glued))).toBe(first.id);
    db.pragma('wal_checkpoint(TRUNCATE)');
    journal.close();
    expect(readFileSync(file).includes('4111111111111111')).toBe(false);
  });

  it('still finds a key an older version kept as it was sent, so a retry across an upgrade sends nothing', () => {
    const { journal, account, db } = newJournal(temp.dir);
    const first = created(journal.recordIntent({ accountId: account.id, type: 'payment', amount: 900, idempotencyKey: key() }));
    // What an older version wrote: the key itself.
    const older = 'older-version-key-0001';
    db.prepare('UPDATE operations SET idempotency_key = ? WHERE id = ?').run(older, first.id);
    expect(journal.recordIntent({ accountId: account.id, type: 'payment', amount: 900, idempotencyKey: older })).toMatchObject({
      kind: 'existing',
      existing: { id: first.id },
    });
    expect(journal.count({})).toBe(1);
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

  it('dedupes within one outer transaction too, where a refused intent leaves nothing behind', () => {
    const { journal, account, db } = newJournal(temp.dir);
    const same = { accountId: account.id, type: 'payment' as const, amount: 100, idempotencyKey: key() };
    const inputs = [same, same, { ...same, idempotencyKey: key(), currency: 'GBP' }, { ...same, idempotencyKey: key() }];
    const outcome = (input: IntentInput): string | undefined => {
      try {
        return journal.recordIntent(input).kind;
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    const results = db.transaction(() => inputs.map(outcome))();
    expect(results).toEqual(['created', 'existing', 'JOURNAL_INVALID_INPUT', 'created']);
    expect(journal.count({})).toBe(2);
    journal.close();
  });
});

describe('idempotency fingerprints', () => {
  const FP = (c: string) => c.repeat(64);

  it('replays the same fingerprint, refuses another, and refuses a key recorded without one', () => {
    const { journal, account } = newJournal(temp.dir);
    const k = key();
    const first = created(journal.recordIntent({ accountId: account.id, type: 'payment', amount: 100, idempotencyKey: k, fingerprint: FP('a') }));
    expect(journal.findReplay(k, FP('a'))?.id).toBe(first.id);
    expect(journal.recordIntent({ accountId: account.id, type: 'payment', amount: 100, idempotencyKey: k, fingerprint: FP('a') })).toMatchObject({
      kind: 'existing',
    });
    expect(codeOf(() => journal.findReplay(k, FP('b')))).toBe('JOURNAL_IDEMPOTENCY_CONFLICT');
    expect(codeOf(() => journal.recordIntent({ accountId: account.id, type: 'payment', amount: 100, idempotencyKey: k, fingerprint: FP('b') }))).toBe(
      'JOURNAL_IDEMPOTENCY_CONFLICT',
    );
    expect(journal.findReplay(key(), FP('a'))).toBeUndefined();
    const legacy = intent(journal, { accountId: account.id });
    expect(codeOf(() => journal.findReplay(legacy.idempotencyKey, FP('a')))).toBe('JOURNAL_IDEMPOTENCY_CONFLICT');
    expect(codeOf(() => journal.recordIntent({ accountId: account.id, type: 'payment', amount: 1, idempotencyKey: key(), fingerprint: 'short' }))).toBe(
      'JOURNAL_INVALID_INPUT',
    );
    journal.close();
  });
});
