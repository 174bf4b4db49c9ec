/** Follow-ups: what an operation still allows, and the journal refusing anything more. */
import { afterAll, describe, expect, it } from 'vitest';
import type { Journal, JournalOperation } from '../../../electron/core/journal/index.js';
import { followUpLeft, type FollowUpType } from '../../../electron/core/journal/follow-up-bounds.js';
import { answer, authorized, codeOf, intent, key, newJournal, tempDir, unknown } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

describe('follow-ups and actions', () => {
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
    unknown(journal, inFlight.id, 'timeout');
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
});

describe('what is left to capture, refund or void', () => {
  /** Parents in every state that bounds a follow-up, and what each kind may still move, by hand from docs/architecture.md. */
  const PARENTS: ReadonlyArray<{ name: string; make: (journal: Journal, accountId: number) => JournalOperation; left: Record<FollowUpType, number> }> = [
    { name: 'an authorization', make: (j, a) => authorized(j, a), left: { capture: 1000, refund: 0, void: 1000 } },
    {
      name: 'an authorization with a capture under way',
      make: (j, a) => {
        const auth = authorized(j, a);
        intent(j, { accountId: a, type: 'capture', parentId: auth.id, amount: 600 });
        return auth;
      },
      left: { capture: 0, refund: 0, void: 0 },
    },
    {
      name: 'an approved payment',
      make: (j, a) => answer(j, intent(j, { accountId: a }).id, '0000', { TRANSACTIONID: `P${key()}` }),
      left: { capture: 0, refund: 1000, void: 0 },
    },
    {
      name: 'a payment refunded 300, with 200 more under way',
      make: (j, a) => {
        const payment = answer(j, intent(j, { accountId: a }).id, '0000', { TRANSACTIONID: `P${key()}` });
        answer(j, intent(j, { accountId: a, type: 'refund', parentId: payment.id, amount: 300 }).id, '0000');
        intent(j, { accountId: a, type: 'refund', parentId: payment.id, amount: 200 });
        return payment;
      },
      left: { capture: 0, refund: 500, void: 0 },
    },
    { name: 'a card check (AMOUNT=0 authorization)', make: (j, a) => authorized(j, a, 0), left: { capture: 0, refund: 0, void: 0 } },
    {
      name: 'a payment in instalments, the first of three charged',
      make: (j, a) => {
        const plan = [
          { date: '2026-01-15', amount: 1000 },
          { date: '2026-02-15', amount: 1000 },
          { date: '2026-03-15', amount: 1500 },
        ];
        return answer(j, intent(j, { accountId: a, amount: 3500, instalments: plan }).id, '0000', { TRANSACTIONID: `P${key()}` });
      },
      left: { capture: 0, refund: 1000, void: 0 },
    },
    { name: 'a declined payment', make: (j, a) => answer(j, intent(j, { accountId: a }).id, '4001'), left: { capture: 0, refund: 0, void: 0 } },
  ];

  it('is one rule: the amount offered is the most the journal records, and a minor unit more is refused', () => {
    const { journal, account, db } = newJournal(temp.dir);
    const rollback = new Error('rollback');
    /** Whether the journal records this follow-up; rolled back either way, so the parent is left as it was. */
    const records = (parent: JournalOperation, type: FollowUpType, amount: number): boolean => {
      try {
        db.transaction(() => {
          journal.recordIntent({ accountId: account.id, type, parentId: parent.id, idempotencyKey: key(), amount });
          throw rollback;
        })();
      } catch (error) {
        if (error === rollback) return true;
        if ((error as { code?: string }).code === 'JOURNAL_FOLLOW_UP_NOT_ALLOWED') return false;
        throw error;
      }
      return false;
    };
    for (const { name, make, left } of PARENTS) {
      const parent = journal.getOperation(make(journal, account.id).id) as JournalOperation;
      for (const type of ['capture', 'refund', 'void'] as const) {
        const label = `${type} of ${name}`;
        expect(followUpLeft(parent, type), label).toBe(left[type]);
        if (left[type] > 0) expect(records(parent, type, left[type]), label).toBe(true);
        expect(records(parent, type, left[type] + 1), label).toBe(false);
      }
    }
    journal.close();
  });

  it('bounds a refund of a payment in instalments by the instalment it names', () => {
    const { journal, account } = newJournal(temp.dir);
    const plan = [
      { date: '2026-01-15', amount: 1000 },
      { date: '2026-02-15', amount: 1500 },
    ];
    const payment = answer(journal, intent(journal, { accountId: account.id, amount: 2500, instalments: plan }).id, '0000', { TRANSACTIONID: 'I1' });
    expect([
      followUpLeft(payment, 'refund'),
      followUpLeft(payment, 'refund', 1),
      followUpLeft(payment, 'refund', 2),
      followUpLeft(payment, 'refund', 9),
    ]).toEqual([1000, 1000, 0, 0]);
    expect(codeOf(() => intent(journal, { accountId: account.id, type: 'refund', parentId: payment.id, amount: 1, instalment: 2 }))).toBe(
      'JOURNAL_FOLLOW_UP_NOT_ALLOWED',
    );
    expect(intent(journal, { accountId: account.id, type: 'refund', parentId: payment.id, instalment: 1 }).amount).toBe(1000);
    journal.close();
  });
});
