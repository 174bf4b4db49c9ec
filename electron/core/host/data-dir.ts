import { chmod, lstat, mkdir, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Logger } from '../logging/logger.js';

const APP_FOLDER_NAME = 'Comptoir';

/**
 * The same folder Electron's `app.getPath('userData')` gives for this product name, so the
 * desktop app and web mode open the same journal and settings.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER_NAME);
}

const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/**
 * What Comptoir keeps in the data folder: the journal (and its -wal, -shm), settings, secrets,
 * the sandbox's ledger, received export files. Only these are tightened at start: a folder
 * given with `--data-dir` may hold other people's files, which are not ours to change.
 */
const OWN_ENTRIES = ['profiles', 'exports', 'settings.json', 'secrets.json', 'vault.json', 'os-vault.json', 'sandbox-ledger.json', 'sandbox-ledger.json.log'];

/** Owner-only from now on, for every file this process creates (workers cannot change it). */
export function useOwnerOnlyUmask(): void {
  if (process.platform === 'win32' || !isMainThread) return;
  process.umask(0o077);
}

export interface DataDirOptions {
  /**
   * The folder was named by the operator (`--data-dir`). One that already exists is theirs
   * (their home, a shared folder, one they do not own): it is left as it is, with a warning
   * when other users can enter it. A folder Comptoir creates, and the default one, are 0700.
   */
  readonly given?: boolean;
  readonly logger?: Pick<Logger, 'warn'>;
}

/**
 * Creates the data folder owner-only (0700) and tightens what an older version, or a looser
 * umask, left readable by others: our folders to 0700, our files to 0600. Symbolic links are
 * left alone (never followed). Windows has no such modes; its per-user folder does the job.
 */
export async function preparePrivateDataDir(dataDir: string, options: DataDirOptions = {}): Promise<void> {
  // The first folder mkdir created, or undefined when the data folder was already there.
  const created = await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return;
  if (created !== undefined || !options.given) await tighten(dataDir, PRIVATE_DIR_MODE);
  else await warnIfShared(dataDir, options.logger);
  for (const name of OWN_ENTRIES) await tightenTree(join(dataDir, name));
}

/** Our files in it stay private, but other users can list, and perhaps replace, them. */
async function warnIfShared(dataDir: string, logger: DataDirOptions['logger']): Promise<void> {
  const { mode, uid } = await stat(dataDir);
  const open = (mode & 0o077) !== 0;
  const foreign = process.getuid !== undefined && uid !== process.getuid();
  if (!open && !foreign) return;
  logger?.warn(
    { dataDir, mode: (mode & 0o7777).toString(8), ownedByAnotherUser: foreign },
    'the data folder given with --data-dir is open to other users; Comptoir keeps its own files in it private but leaves the folder as it is (a folder of its own, 0700, is safer)',
  );
}

async function tightenTree(path: string): Promise<void> {
  let stats;
  try {
    stats = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (stats.isDirectory()) {
    await tighten(path, PRIVATE_DIR_MODE, stats.mode);
    for (const entry of await readdir(path)) await tightenTree(join(path, entry));
  } else if (stats.isFile()) {
    await tighten(path, PRIVATE_FILE_MODE, stats.mode);
  }
}

async function tighten(path: string, mode: number, current?: number): Promise<void> {
  const now = current ?? (await lstat(path)).mode;
  if ((now & 0o777) !== mode) await chmod(path, mode);
}
