/** A payment in instalments (`instalment-plan.ts`): its plan, each instalment's state, refunds and the stop. */
import { afterAll, describe, expect, it } from 'vitest';
import { deriveStatus, type Journal, type JournalOperation } from '../../../electron/core/journal/index.js';
import { answer, codeOf, created, intent, key, newJournal, notify, recordNotification, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

const PLAN = [
  { date: '2026-01-15', amount: 1000 },
  { date: '2026-02-15', amount: 1000 },
  { date: '2026-03-15', amount: 1500 },
];

function planPayment(journal: Journal, accountId: number): JournalOperation {
  const payment = intent(journal, { accountId, amount: 3500, instalments: PLAN });
  return answer(journal, payment.id, '0000', { TRANSACTIONID: 'A100', SCHEDULEID: 'S7' });
}

describe('an instalment plan in the journal', () => {
  it('is recorded with the intent and shown with each date, amount and state', () => {
    const { journal, account } = newJournal(temp.dir);
    const sending = intent(journal, { accountId: account.id, amount: 3500, instalments: PLAN });
    expect(sending.instalments?.entries.map((entry) => entry.state)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    const approved = answer(journal, sending.id, '0000', { TRANSACTIONID: 'A100', SCHEDULEID: 'S7' });
    expect(approved.instalments).toMatchObject({
      scheduleId: 'S7',
      entries: [
        { seq: 1, date: '2026-01-15', amount: 1000, state: 'charged', transactionId: 'A100', refundable: 1000 },
        { seq: 2, date: '2026-02-15', amount: 1000, state: 'scheduled', transactionId: null, refundable: 0 },
        { seq: 3, date: '2026-03-15', amount: 1500, state: 'scheduled', transactionId: null, refundable: 0 },
      ],
      stop: null,
      stoppable: true,
    });
    expect(approved.actions.refundableAmount).toBe(1000);
    journal.close();
  });

  it('refuses a plan that does not add up, is out of order, or is not on a payment; nothing is recorded', () => {
    const { journal, account } = newJournal(temp.dir);
    for (const input of [
      { amount: 3400, instalments: PLAN },
      {
        amount: 2000,
        instalments: [
          { date: '2026-02-15', amount: 1000 },
          { date: '2026-01-15', amount: 1000 },
        ],
      },
      { amount: 1000, instalments: [{ date: '2026-01-15', amount: 1000 }] },
      { type: 'authorization' as const, amount: 3500, instalments: PLAN },
    ]) {
      expect(codeOf(() => journal.recordIntent({ accountId: account.id, type: 'payment', idempotencyKey: key(), ...input }))).toBe('JOURNAL_INVALID_INPUT');
    }
    expect(journal.count()).toBe(0);
    journal.close();
  });

  it('records a later instalment’s notification on the plan: no transition, no discrepancy, deduplicated', () => {
    const { journal, account } = newJournal(temp.dir);
    const payment = planPayment(journal, account.id);
    const params = { TRANSACTIONID: 'A200', SCHEDULE: '2-3', SCHEDULEID: 'S7', AMOUNT: '1000' };
    const first = recordNotification(journal, {
      key: 'inst-2',
      params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'payment', ORDERID: payment.orderId, EXECCODE: '0000', ...params },
    });
    expect(first).toMatchObject({ outcome: 'applied', operationId: payment.id });
    const again = recordNotification(journal, {
      key: 'inst-2',
      params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'payment', ORDERID: payment.orderId, EXECCODE: '0000', ...params },
    });
    expect(again.outcome).toBe('duplicate');
    const view = journal.getOperation(payment.id) as JournalOperation;
    expect(view).toMatchObject({ status: 'approved', transactionId: 'A100' });
    expect(view.instalments?.entries.map((entry) => [entry.state, entry.transactionId])).toEqual([
      ['charged', 'A100'],
      ['charged', 'A200'],
      ['scheduled', null],
    ]);
    expect(journal.listEvents(payment.id).filter((event) => event.kind === 'discrepancy')).toEqual([]);

    // A declined third instalment fails that one only; an AMOUNT other than the plan's is flagged.
    notify(journal, payment, '4002', { TRANSACTIONID: 'A300', SCHEDULE: '3-3', AMOUNT: '1499' });
    const after = journal.getOperation(payment.id) as JournalOperation;
    expect(after.status).toBe('approved');
    expect(after.instalments?.entries[2]).toMatchObject({ state: 'failed', transactionId: 'A300' });
    expect(
      journal
        .listEvents(payment.id)
        .filter((event) => event.kind === 'discrepancy')
        .map((event) => event.payload.reason),
    ).toEqual(['instalment_mismatch']);
    journal.close();
  });

  it('refunds each instalment’s transaction up to what it charged, and is never refunded while one is scheduled', () => {
    const { journal, account } = newJournal(temp.dir);
    const payment = planPayment(journal, account.id);
    notify(journal, payment, '0000', { TRANSACTIONID: 'A200', SCHEDULE: '2-3', AMOUNT: '1000' });
    expect(
      codeOf(() => journal.recordIntent({ accountId: account.id, type: 'refund', parentId: payment.id, idempotencyKey: key(), amount: 1001, instalment: 2 })),
    ).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    expect(
      codeOf(() => journal.recordIntent({ accountId: account.id, type: 'refund', parentId: payment.id, idempotencyKey: key(), amount: 100, instalment: 3 })),
    ).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    const second = created(
      journal.recordIntent({ accountId: account.id, type: 'refund', parentId: payment.id, idempotencyKey: key(), amount: 1000, instalment: 2 }),
    );
    answer(journal, second.id, '0000');
    const first = created(
      journal.recordIntent({ accountId: account.id, type: 'refund', parentId: payment.id, idempotencyKey: key(), amount: 1000, instalment: 1 }),
    );
    answer(journal, first.id, '0000');
    let view = journal.getOperation(payment.id) as JournalOperation;
    expect(view).toMatchObject({ status: 'partially_refunded', actions: { refundableAmount: 0 } });

    journal.recordInstalmentStop(payment.id, { phase: 'requested', operator: 'ana' });
    expect((journal.getOperation(payment.id) as JournalOperation).status).toBe('partially_refunded');
    journal.recordInstalmentStop(payment.id, { phase: 'unknown', operator: 'ana' });
    expect((journal.getOperation(payment.id) as JournalOperation).instalments).toMatchObject({ stop: { state: 'requested' }, stoppable: true });
    view = journal.recordInstalmentStop(payment.id, { phase: 'stopped', operator: 'ana', execCode: '0000' });
    expect(view.status).toBe('refunded');
    expect(view.instalments).toMatchObject({ stop: { state: 'stopped', execCode: '0000' }, stoppable: false });
    expect(view.instalments?.entries.map((entry) => entry.state)).toEqual(['charged', 'charged', 'stopped']);
    journal.close();
  });

  it('cancels the rest when the first instalment is refused, and refuses a stop on an operation without a plan', () => {
    const { journal, account } = newJournal(temp.dir);
    const payment = intent(journal, { accountId: account.id, amount: 3500, instalments: PLAN });
    const declined = answer(journal, payment.id, '4002');
    expect(declined.instalments).toMatchObject({ entries: [{ state: 'failed' }, { state: 'stopped' }, { state: 'stopped' }], stoppable: false });
    const plain = answer(journal, intent(journal, { accountId: account.id }).id, '0000');
    expect(codeOf(() => journal.recordInstalmentStop(plain.id, { phase: 'requested', operator: 'ana' }))).toBe('JOURNAL_FOLLOW_UP_NOT_ALLOWED');
    expect(plain.instalments).toBeNull();
    journal.close();
  });

  it('derives refunded only once no instalment is left to charge (pure)', () => {
    const facts = {
      type: 'payment' as const,
      amount: 3000,
      alias: null,
      events: [{ kind: 'response', outcome: 'approved', at: 1 }],
      children: [{ id: 2, type: 'refund' as const, amount: 1000, status: 'approved' as const, instalment: 1 }],
    };
    expect(deriveStatus({ ...facts, plan: { charged: [{ seq: 1, amount: 1000 }], open: true } }, 2).status).toBe('partially_refunded');
    expect(deriveStatus({ ...facts, plan: { charged: [{ seq: 1, amount: 1000 }], open: false } }, 2).status).toBe('refunded');
    expect(deriveStatus(facts, 2).status).toBe('partially_refunded');
  });
});
