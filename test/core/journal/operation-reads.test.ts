/** Reads (`operation-reads.ts`): what the polling bridge watches. */
import { afterAll, describe, expect, it } from 'vitest';
import { answer, intent, newJournal, notify, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

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
