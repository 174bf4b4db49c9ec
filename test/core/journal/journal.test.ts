/** The journal facade: the connection it opens and closes. */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isJournalError, type JournalErrorCode } from '../../../electron/core/journal/index.js';
import type { JournalErrorCode as CatalogCode } from '../../../shared/errors/journal.js';
import { codeOf, intent, newJournal, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

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
