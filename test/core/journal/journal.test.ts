/** The journal facade: the connection it opens and closes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isJournalError, Journal, type JournalErrorCode } from '../../../electron/core/journal/index.js';
import type { JournalErrorCode as CatalogCode } from '../../../shared/errors/journal.js';
import { answer, codeOf, intent, key, newJournal, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

/** The facade's public methods, read from the class itself. */
function publicMethods(): string[] {
  return Object.getOwnPropertyNames(Journal.prototype).filter((name) => name !== 'constructor' && !['ensureOpen'].includes(name));
}

describe('lifecycle', () => {
  it('reports JOURNAL_WRITE_FAILED when the file is locked by another program, recording nothing', () => {
    const { journal, account, file, db } = newJournal(temp.dir);
    db.pragma('busy_timeout = 20');
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    expect(codeOf(() => intent(journal, { accountId: account.id }))).toBe('JOURNAL_WRITE_FAILED');
    other.exec('ROLLBACK');
    other.close();
    expect(journal.count({})).toBe(0);
    expect(intent(journal, { accountId: account.id }).status).toBe('sending');
    journal.close();
  });

  it('refuses every call once closed, each method of the facade alike', () => {
    const { journal, account } = newJournal(temp.dir);
    journal.close();
    const code: CatalogCode = 'JOURNAL_CLOSED';
    const calls: Record<string, () => unknown> = {
      createAccount: () => journal.createAccount({ name: 'Other', identifier: 'OTHER', environment: 'test', currency: 'EUR' }),
      updateAccount: () => journal.updateAccount(account.id, { name: 'Renamed' }),
      deleteAccount: () => journal.deleteAccount(account.id),
      accountHasOperations: () => journal.accountHasOperations(account.id),
      getAccount: () => journal.getAccount(account.id),
      listAccounts: () => journal.listAccounts(),
      nextOrderId: () => journal.nextOrderId(account.id),
      peekOrderId: () => journal.peekOrderId(account.id),
      recordIntent: () => intent(journal, { accountId: account.id }),
      findReplay: () => journal.findReplay(key(), 'a'.repeat(64)),
      recordRequestSent: () => journal.recordRequestSent(1, { params: {} }),
      recordResponse: () => journal.recordResponse(1, { outcome: 'unknown', reason: 'timeout' }),
      recordLookup: () => journal.recordLookup(1, { found: false }),
      applyLookup: () => journal.applyLookup(account.id, ['CPT-000001'], []),
      recordNotifications: () => journal.recordNotifications([{ params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'payment', EXECCODE: '0000' } }]),
      recordOperatorAction: () => journal.recordOperatorAction(1, { operator: 'ana', action: 'note' }),
      recordAbandon: () => journal.recordAbandon(1, { operator: 'ana' }),
      recordInstalmentStop: () => journal.recordInstalmentStop(1, { phase: 'requested', operator: 'ana' }),
      recoverInterrupted: () => journal.recoverInterrupted(),
      getOperation: () => journal.getOperation(1),
      getOperationByOrderId: () => journal.getOperationByOrderId(account.id, 'CPT-000001'),
      readTogether: () => journal.readTogether(() => 1),
      listEvents: () => journal.listEvents(1),
      confirmationSignals: () => journal.confirmationSignals(1),
      listUnconfirmedIds: () => journal.listUnconfirmedIds(0),
      listOperationIdsAfter: () => journal.listOperationIdsAfter(0),
      lastOperationId: () => journal.lastOperationId(),
      listFollowUps: () => journal.listFollowUps(1),
      query: () => journal.query({}),
      count: () => journal.count({}),
      queryOffThread: () => journal.queryOffThread({}),
      totalsOffThread: () => journal.totalsOffThread({}),
      checkIntegrityOffThread: () => journal.checkIntegrityOffThread(),
    };
    expect(Object.keys(calls).sort()).toEqual(
      publicMethods()
        .filter((name) => name !== 'close')
        .sort(),
    );
    for (const [name, call] of Object.entries(calls)) expect(codeOf(call), name).toBe(code);
    expect(() => journal.close()).not.toThrow();
    expect(isJournalError(new Error('x'))).toBe(false);
    const typed: JournalErrorCode = 'JOURNAL_CORRUPT';
    expect(typed).toBe('JOURNAL_CORRUPT');
  });

  it('reads pages off this thread as it reads them here, and stops those threads when it closes', async () => {
    const { journal, account } = newJournal(temp.dir);
    for (let i = 0; i < 12; i += 1) answer(journal, intent(journal, { accountId: account.id, amount: 100 + i }).id, i % 3 ? '0000' : '4001');
    const filter = { statuses: ['approved' as const], amountMin: 101 };
    expect(await journal.queryOffThread({ filter, limit: 5 })).toEqual(journal.query({ filter, limit: 5 }));
    // What the owner commits is there for the next read.
    intent(journal, { accountId: account.id, amount: 999 });
    expect((await journal.queryOffThread({ filter: { amountMin: 999 } })).items).toHaveLength(1);
    await expect(journal.queryOffThread({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'JOURNAL_INVALID_CURSOR' });
    await expect(journal.close()).resolves.toBeUndefined();
    expect(codeOf(() => journal.queryOffThread({}))).toBe('JOURNAL_CLOSED');
  });

  it('offers only what the app uses: every public method has a caller outside the journal facade', () => {
    const root = fileURLToPath(new URL('../../../electron/', import.meta.url));
    const app = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !path.endsWith(join('journal', 'journal.ts')))
      .map((path) => readFileSync(join(root, path), 'utf8'))
      .join('\n');
    const unused = publicMethods().filter((name) => !app.includes(`.${name}(`));
    expect(unused).toEqual([]);
  });
});
