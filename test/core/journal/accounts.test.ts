/** Accounts (`accounts.ts`): creation, settings, ORDERID counters. */
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountPatch, NewAccount } from '../../../electron/core/journal/index.js';
import { codeOf, intent, newJournal, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

describe('accounts', () => {
  it('creates, lists and updates accounts, without any password field', () => {
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
    // Settings under their name before migration 6 are refused, not dropped without a word.
    const oldName = { name: 'Old', identifier: 'OLD', environment: 'live', currency: 'EUR', hosts: { primary: 'https://a' } } as unknown as NewAccount;
    expect(codeOf(() => journal.createAccount(oldName))).toBe('JOURNAL_INVALID_INPUT');
    expect(codeOf(() => journal.updateAccount(london.id, { hosts: { primary: 'https://c' } } as unknown as AccountPatch))).toBe('JOURNAL_INVALID_INPUT');
    expect(journal.listAccounts().map((a) => a.name)).toEqual(['Boutique', 'London desk']);
    expect(journal.getAccount(london.id)?.settings).toEqual({ primary: 'https://b' });
    expect(journal.getAccount(london.id)).toMatchObject({ name: 'London desk' });
    expect(journal.getAccount(999)).toBeUndefined();
    expect(codeOf(() => journal.nextOrderId(999))).toBe('JOURNAL_ACCOUNT_NOT_FOUND');
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
