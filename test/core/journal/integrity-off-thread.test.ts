import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../electron/core/journal/index.js';
import { startCore } from '../../support/start-core.js';
import { newJournal, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

const PAGE = 4096;

/**
 * A journal file whose last pages are damaged: they hold a table nothing in the journal
 * reads (written last, so its pages are at the end), so the journal opens and works, and
 * only a check of the whole file can see the damage.
 */
function damagedAtTheEnd(): string {
  const { journal, db, file } = newJournal(temp.dir);
  db.exec('CREATE TABLE scratch (data BLOB)');
  const insert = db.prepare('INSERT INTO scratch (data) VALUES (randomblob(?))');
  for (let i = 0; i < 200; i += 1) insert.run(900);
  // Statistics up to date: opening the file again has no reason to read the scratch table.
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  journal.close();
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(PAGE * 4, 0xa5), 0, PAGE * 4, size - PAGE * 6);
  closeSync(fd);
  return file;
}

/** Issue 18: the start-up check runs after the desk is up, in a thread of its own, and says what it found. */
describe('the journal integrity check off the core thread', () => {
  it('finds nothing wrong with a sound file', async () => {
    const { journal } = newJournal(temp.dir);
    await expect(journal.checkIntegrityOffThread()).resolves.toEqual([]);
    await journal.close();
  });

  it('finds the damage in a file that opened without a check, and the journal keeps working meanwhile', async () => {
    const file = damagedAtTheEnd();
    const journal = openJournal({ file, integrityCheck: 'none' });
    const check = journal.checkIntegrityOffThread();
    expect(journal.listAccounts()).toHaveLength(1);
    const problems = await check;
    expect(problems.length).toBeGreaterThan(0);
    await journal.close();
  });

  it('core starts without waiting for it, then publishes its result in app.status', async () => {
    const f = await startCore();
    try {
      const settled = await new Promise<unknown>((resolve) => {
        const off = f.core.events.subscribe((name, payload) => {
          const check = (payload as { journalCheck?: string }).journalCheck;
          if (name === 'app.status' && check !== 'running') {
            off();
            resolve(check);
          }
        });
      });
      expect(settled).toBe('ok');
    } finally {
      await f.close();
    }
  });
});
