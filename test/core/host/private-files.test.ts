import { chmod, lstat, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/core/journal/index.js';
import { startCore, type TestCore } from '../../support/start-core.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * Issue 13 item 11: the data folder is 0700 and every file Comptoir keeps there 0600, the
 * journal's -wal and -shm included, on a fresh folder and on one an older version left
 * readable by others.
 */
describe('file modes in the data folder (POSIX)', () => {
  let f: TestCore;
  let umask: number;

  async function modes(): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const walk = async (folder: string) => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        found.set(relative(f.dataDir, path) + (entry.isDirectory() ? '/' : ''), (await lstat(path)).mode & 0o777);
        if (entry.isDirectory()) await walk(path);
      }
    };
    found.set('./', (await lstat(f.dataDir)).mode & 0o777);
    await walk(f.dataDir);
    return found;
  }

  beforeAll(async () => {
    // The usual desktop umask: new files readable by everyone unless Comptoir says otherwise.
    umask = process.umask(0o022);
    f = await startCore({
      // An install from before: everything group- and world-readable.
      async prepare(dataDir) {
        await chmod(dataDir, 0o755);
        await writeFile(join(dataDir, 'settings.json'), '{"locale":"fr"}\n', { mode: 0o644 });
        await writeFile(join(dataDir, 'secrets.json'), '{}', { mode: 0o644 });
        await mkdir(join(dataDir, 'profiles', 'default'), { recursive: true, mode: 0o755 });
        await mkdir(join(dataDir, 'exports'), { mode: 0o755 });
        await writeFile(join(dataDir, 'exports', '2020-01-01-old.csv.gz'), 'old', { mode: 0o644 });
        // Not Comptoir's: a file someone put in a folder given with --data-dir is left as it is.
        await writeFile(join(dataDir, 'notes.txt'), 'mine', { mode: 0o644 });
      },
    });
    await f.pay({ amount: 1999, orderId: 'MODES-1' });
    await f.invoke('settings.update', { locale: 'en' });
    const upload = await fetch(f.core.exportCallbackUrl, { method: 'POST', body: 'a;b\n1;2\n', headers: { 'content-type': 'text/csv' } });
    expect(upload.status).toBe(200);
    await f.core.sandbox.settled();
  });
  afterAll(async () => {
    await f.close();
    process.umask(umask);
  });

  it('makes every folder 0700 and every file 0600, while core runs', async () => {
    const found = await modes();
    const names = [...found.keys()];
    for (const expected of [
      'profiles/default/journal.sqlite',
      'profiles/default/journal.sqlite-wal',
      'profiles/default/journal.sqlite-shm',
      'settings.json',
      'secrets.json',
      'sandbox-ledger.json',
      'sandbox-ledger.json.log',
    ]) {
      expect(names, expected).toContain(expected);
    }
    expect(names.filter((name) => name.startsWith('exports/') && name.endsWith('.csv'))).toHaveLength(1);
    for (const [name, mode] of found) {
      if (name === 'notes.txt') continue;
      expect(mode.toString(8), name).toBe(name.endsWith('/') ? '700' : '600');
    }
    expect(found.get('notes.txt')?.toString(8)).toBe('644');
  });

  it('creates the journal, its -wal and -shm 0600 by itself, whatever the umask of its host', async () => {
    const other = await tempDir();
    const previous = process.umask(0o022);
    try {
      const journal = openJournal({ file: journalPath(other.path, 'default') });
      journal.createAccount({ name: 'Shop', identifier: 'SHOP', environment: 'test', currency: 'EUR' });
      for (const suffix of ['', '-wal', '-shm']) {
        const mode = (await lstat(`${journalPath(other.path, 'default')}${suffix}`)).mode & 0o777;
        expect(mode.toString(8), `journal.sqlite${suffix}`).toBe('600');
      }
      expect(((await lstat(join(other.path, 'profiles', 'default'))).mode & 0o777).toString(8)).toBe('700');
      journal.close();
    } finally {
      process.umask(previous);
      await other.remove();
    }
  });
});
