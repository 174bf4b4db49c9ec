import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL_ERRORS } from '../../../shared/errors/journal.js';
import { WAL_SIZE_LIMIT_BYTES } from '../../../electron/core/journal/database.js';
import { JournalError, journalPath, openJournal } from '../../../electron/core/journal/index.js';
import { answer, intent, newJournal, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

function openError(file: string): JournalError {
  try {
    openJournal({ file }).close();
  } catch (error) {
    return error as JournalError;
  }
  throw new Error('the journal opened');
}

/** A closed journal file with enough operations to span many pages. */
function filledJournal(): string {
  const { journal, account, file } = newJournal(temp.dir);
  for (let i = 0; i < 300; i += 1) {
    const op = intent(journal, { accountId: account.id, description: `Commande numéro ${i} `.repeat(4) });
    answer(journal, op.id, '0000', { TRANSACTIONID: `A${i}` });
  }
  journal.close();
  return file;
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

describe('journal file', () => {
  it('lives at <dataDir>/profiles/<profile>/journal.sqlite, with safe profile names only', () => {
    expect(journalPath('/data', 'default')).toBe(join('/data', 'profiles', 'default', 'journal.sqlite'));
    expect(() => journalPath('/data', '../etc')).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_INPUT' }));
    expect(() => journalPath('/data', 'a/b')).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_INPUT' }));
  });

  it('cuts the WAL file back after a burst once it is checkpointed, instead of keeping it at its largest', () => {
    const { journal, account, file, db } = newJournal(temp.dir);
    const wal = `${file}-wal`;
    // A burst far bigger than the limit, in one transaction, so no checkpoint runs meanwhile
    // (a scratch table of this test's file: the limit is the connection's, whatever is written).
    db.exec('CREATE TABLE burst (data BLOB)');
    const insert = db.prepare('INSERT INTO burst (data) VALUES (zeroblob(?))');
    db.transaction(() => {
      for (let i = 0; i < 96; i += 1) insert.run(256 * 1024);
      intent(journal, { accountId: account.id });
    })();
    expect(statSync(wal).size).toBeGreaterThan(2 * WAL_SIZE_LIMIT_BYTES);
    db.pragma('wal_checkpoint(PASSIVE)');
    // The next write starts the WAL over and cuts the file back to the limit.
    intent(journal, { accountId: account.id });
    expect(statSync(wal).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
    expect(journal.count({})).toBe(2);
    journal.close();
  });

  it('reopens a healthy file with its data', () => {
    const file = filledJournal();
    const journal = openJournal({ file, integrityCheck: 'full' });
    expect(journal.count({})).toBe(300);
    journal.close();
  });

  it('reports JOURNAL_CORRUPT when pages inside the file are damaged, and leaves the file as it was', () => {
    const file = filledJournal();
    const pageSize = 4096;
    expect(statSync(file).size).toBeGreaterThan(pageSize * 20);
    overwrite(file, pageSize * 6, Buffer.alloc(pageSize * 6, 0xa5));
    const damaged = readFileSync(file);
    const error = openError(file);
    expect(error).toBeInstanceOf(JournalError);
    expect(error.code).toBe('JOURNAL_CORRUPT');
    expect(error.message).toBe(JOURNAL_ERRORS.JOURNAL_CORRUPT.en);
    expect(JOURNAL_ERRORS.JOURNAL_CORRUPT.fr).toMatch(/endommagé/);
    expect(readFileSync(file).equals(damaged)).toBe(true);
  });

  it('reports JOURNAL_CORRUPT for a damaged header or a file that is not a database', () => {
    const file = filledJournal();
    overwrite(file, 0, Buffer.from('this is not the sqlite header at all, sorry'));
    expect(openError(file).code).toBe('JOURNAL_CORRUPT');
    const text = join(temp.dir, 'notes.sqlite');
    writeFileSync(text, 'Dear diary, '.repeat(1000));
    expect(openError(text).code).toBe('JOURNAL_CORRUPT');
  });

  it('reports JOURNAL_OPEN_FAILED when the folder cannot be created', () => {
    const blocker = join(temp.dir, 'a-file');
    writeFileSync(blocker, 'x');
    expect(openError(join(blocker, 'profiles', 'default', 'journal.sqlite')).code).toBe('JOURNAL_OPEN_FAILED');
  });
});
