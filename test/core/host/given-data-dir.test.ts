import { spawn } from 'node:child_process';
import { chmod, lstat, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core.js';
import { preparePrivateDataDir } from '../../../electron/core/host/data-dir.js';
import { memoryLogger } from '../../support/silent-logger.js';
import { tempDir } from '../../support/temp-dir.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const NOBODY = 65_534;
const SHARED_WARNING = 'the data folder given with --data-dir is open to other users';

/**
 * A folder given with `--data-dir` that already exists is the operator's (their home, a shared
 * folder, one they do not even own): Comptoir leaves its mode alone and says so once when
 * others can enter it, while its own files and folders inside stay 0600/0700. A folder it
 * creates is 0700. (The default folder is tightened: `private-files.test.ts`.)
 */
describe('a data folder given with --data-dir (POSIX)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function folder(): Promise<string> {
    const dir = await tempDir();
    cleanups.push(() => dir.remove());
    return dir.path;
  }

  /** Every entry below `dir` with its permission bits, folders ending in `/`. */
  async function modesBelow(dir: string): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const walk = async (path: string) => {
      for (const entry of await readdir(path, { withFileTypes: true })) {
        const child = join(path, entry.name);
        found.set(relative(dir, child) + (entry.isDirectory() ? '/' : ''), ((await lstat(child)).mode & 0o777).toString(8));
        if (entry.isDirectory()) await walk(child);
      }
    };
    await walk(dir);
    return found;
  }

  const warnings = (lines: readonly string[]) => lines.filter((line) => line.includes(SHARED_WARNING));

  it('leaves an existing group- and world-readable folder as it is, warns once, and keeps its own files private', async () => {
    const dir = await folder();
    await chmod(dir, 0o755);
    await writeFile(join(dir, 'notes.txt'), 'mine', { mode: 0o644 });
    const { logger, lines } = memoryLogger();
    const core = await createCore({ dataDir: dir, dataDirGiven: true, version: '1.0.0', electronVersion: null, logger });
    cleanups.push(() => core.close());
    await core.sandbox.settled();

    expect(((await stat(dir)).mode & 0o7777).toString(8)).toBe('755');
    expect(warnings(lines)).toHaveLength(1);
    expect(JSON.parse(warnings(lines)[0] as string)).toMatchObject({ level: 40, dataDir: dir, mode: '755', ownedByAnotherUser: false });
    const found = await modesBelow(dir);
    expect([...found.keys()]).toEqual(expect.arrayContaining(['profiles/', 'profiles/default/', 'profiles/default/journal.sqlite', 'secrets.json']));
    for (const [name, mode] of found) {
      if (name !== 'notes.txt') expect(mode, name).toBe(name.endsWith('/') ? '700' : '600');
    }
    expect(found.get('notes.txt')).toBe('644');
  });

  it('creates a folder that does not exist yet 0700 (it is Comptoir’s own), without a warning', async () => {
    const dir = join(await folder(), 'new', 'comptoir-data');
    const { logger, lines } = memoryLogger();
    await preparePrivateDataDir(dir, { given: true, logger });
    expect(((await stat(dir)).mode & 0o777).toString(8)).toBe('700');
    expect(warnings(lines)).toEqual([]);
  });

  it('says nothing of an existing private folder of the user’s own', async () => {
    const dir = await folder();
    await mkdir(join(dir, 'exports'), { mode: 0o755 });
    await chmod(join(dir, 'exports'), 0o755);
    const { logger, lines } = memoryLogger();
    await preparePrivateDataDir(dir, { given: true, logger });
    expect(warnings(lines)).toEqual([]);
    expect(((await stat(join(dir, 'exports'))).mode & 0o777).toString(8)).toBe('700');
  });

  it('starts on a folder another user owns, that we may write in (like /tmp), and leaves it as it is', async () => {
    if (process.getuid?.() !== 0) {
      // Not root: the system's temporary folder is such a folder (another user's, sticky, open
      // to all); only the data-folder step runs there, so nothing is left behind in it.
      const shared = tmpdir();
      const before = await stat(shared);
      expect(before.uid, `${shared} must belong to another user for this test`).not.toBe(process.getuid?.());
      const { logger, lines } = memoryLogger();
      await preparePrivateDataDir(shared, { given: true, logger });
      expect((await stat(shared)).mode).toBe(before.mode);
      expect(warnings(lines)).toHaveLength(1);
      return;
    }
    // Root owns this folder, sticky and open to all like /tmp; web mode runs as `nobody`.
    const dir = await folder();
    await chmod(dir, 0o1777);
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/web/cli.ts'), '--port', '0', '--data-dir', dir], {
      cwd: ROOT,
      uid: NOBODY,
      gid: NOBODY,
      env: { ...process.env, HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The signal too, when it ended by one: a stop that was not handled reads as SIGTERM, not null.
    const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    });
    const ready = await new Promise<boolean>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Comptoir ready at')) resolve(true);
      });
      void exited.then(() => resolve(false));
    });
    expect(ready, stderr).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const after = await stat(dir);
    expect([(after.mode & 0o7777).toString(8), after.uid]).toEqual(['1777', 0]);
    expect(warnings(stderr.split('\n'))).toHaveLength(1);
    expect(JSON.parse(warnings(stderr.split('\n'))[0] as string)).toMatchObject({ mode: '1777', ownedByAnotherUser: true });
    // What web mode wrote there is its own, and private.
    const journal = await stat(join(dir, 'profiles', 'default', 'journal.sqlite'));
    expect([journal.uid, (journal.mode & 0o777).toString(8)]).toEqual([NOBODY, '600']);
    expect(((await stat(join(dir, 'profiles'))).mode & 0o777).toString(8)).toBe('700');
    // A cold start of web mode under tsx, as another user with its own compile cache, takes
    // longer than the default on a loaded machine.
  }, 60_000);
});
