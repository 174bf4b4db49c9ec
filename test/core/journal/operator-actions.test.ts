/** Operator actions (`operator-actions.ts`): notes and overrides, closing an operation, stopping instalments. */
import { afterAll, describe, expect, it } from 'vitest';
import { answer, codeOf, intent, newJournal, notify, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

describe('operator actions', () => {
  it('records operator actions, refusing card numbers in notes', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    const event = journal.recordOperatorAction(op.id, { operator: 'alice', action: 'note', note: 'customer called back' });
    expect(event).toMatchObject({ kind: 'operator_action', payload: { operator: 'alice', action: 'note', note: 'customer called back' } });
    expect(codeOf(() => journal.recordOperatorAction(op.id, { operator: 'alice', action: 'note', note: 'pan 4111 1111 1111 1111' }))).toBe(
      'JOURNAL_CARD_DATA_REFUSED',
    );
    expect(journal.listEvents(op.id).map((e) => e.kind)).toEqual(['intent_recorded', 'operator_action']);
    journal.close();
  });
});

describe('abandoning an operation that waits for the customer', () => {
  it('goes from pending to abandoned through the state machine, recorded as the operator’s action', () => {
    const { journal, account } = newJournal(temp.dir);
    const payment = answer(journal, intent(journal, { accountId: account.id }).id, '0001', { TRANSACTIONID: 'A1' });
    expect(payment.status).toBe('pending');
    const abandoned = journal.recordAbandon(payment.id, { operator: 'ana', note: 'payment link sent' });
    expect(abandoned).toMatchObject({ status: 'abandoned', actions: { checkStatus: false } });
    expect(journal.listEvents(payment.id).at(-1)).toMatchObject({
      kind: 'operator_action',
      payload: { action: 'abandon', operator: 'ana', note: 'payment link sent' },
    });
    // The gateway's expiry agrees; a success would win, flagged.
    notify(journal, payment, '4009');
    expect(journal.getOperation(payment.id)).toMatchObject({ status: 'abandoned', execCode: '4009' });
    journal.close();
  });

  it('refuses to abandon an operation that is not pending, recording nothing', () => {
    const { journal, account } = newJournal(temp.dir);
    const payment = answer(journal, intent(journal, { accountId: account.id }).id, '0000');
    const before = journal.listEvents(payment.id);
    expect(codeOf(() => journal.recordAbandon(payment.id, { operator: 'ana' }))).toBe('JOURNAL_INVALID_TRANSITION');
    expect(journal.listEvents(payment.id)).toEqual(before);
    journal.close();
  });
  it('refuses a card number in the note or the operator as typed, glued to letters too, recording nothing', () => {
    const { journal, account } = newJournal(temp.dir);
    const payment = answer(journal, intent(journal, { accountId: account.id }).id, '0001', { TRANSACTIONID: 'A1' });
    const before = journal.listEvents(payment.id);
    for (const input of [{ operator: 'ana', note: 'carte4111111111111111' }, { operator: 'ana4111111111111111' }]) {
      expect(codeOf(() => journal.recordAbandon(payment.id, input))).toBe('JOURNAL_CARD_DATA_REFUSED');
    }
    expect(journal.listEvents(payment.id)).toEqual(before);
    expect(journal.getOperation(payment.id)?.status).toBe('pending');
    journal.close();
  });
});
