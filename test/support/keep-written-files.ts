import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename, join, resolve, sep } from 'node:path';

/*
 * For the card-data scan of a whole test run (`npm test`): tests and the app delete their
 * temporary folders as they go, which would leave nothing to scan. While `COMPTOIR_KEEP_WRITTEN`
 * names a folder, a deletion of anything under the run's temporary folder (`TMPDIR`) moves it
 * there instead, so that what the app wrote is still there to be searched at the end. To the
 * code that deleted it, the path is gone either way.
 */

const INSTALLED = Symbol.for('comptoir.keepWrittenFiles');

function keepWrittenFiles(temporaryRoot: string, keptDir: string): void {
  const state = globalThis as { [INSTALLED]?: boolean };
  if (state[INSTALLED]) return;
  state[INSTALLED] = true;
  const root = resolve(temporaryRoot) + sep;
  let count = 0;

  /** Moves `path` aside when it is under the run's temporary folder; false when it should be deleted as asked. */
  const keep = (path: fs.PathLike): boolean => {
    const full = resolve(String(path));
    if (!full.startsWith(root) || full.startsWith(resolve(keptDir) + sep) || !fs.existsSync(full)) return false;
    fs.renameSync(full, join(keptDir, `${process.pid}-${++count}-${basename(full)}`));
    return true;
  };

  const rmSync = fs.rmSync;
  const unlinkSync = fs.unlinkSync;
  const rm = fs.promises.rm;
  const unlink = fs.promises.unlink;
  const rmCallback = fs.rm;
  const unlinkCallback = fs.unlink;
  fs.rmSync = (path, options) => (keep(path) ? undefined : rmSync(path, options));
  fs.unlinkSync = (path) => (keep(path) ? undefined : unlinkSync(path));
  fs.promises.rm = async (path, options) => (keep(path) ? undefined : rm(path, options));
  fs.promises.unlink = async (path) => (keep(path) ? undefined : unlink(path));
  fs.rm = ((path: fs.PathLike, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (error: NodeJS.ErrnoException | null) => void;
    if (keep(path)) return void process.nextTick(() => callback(null));
    return (rmCallback as (...args: unknown[]) => void)(path, ...rest);
  }) as typeof fs.rm;
  fs.unlink = ((path: fs.PathLike, callback: (error: NodeJS.ErrnoException | null) => void) => {
    if (keep(path)) return void process.nextTick(() => callback(null));
    unlinkCallback(path, callback);
  }) as typeof fs.unlink;
  // Named imports (`import { rm } from 'node:fs/promises'`) see the replacements too.
  syncBuiltinESMExports();
}

/** Installs the above when the test run asked for it (`npm test` does); otherwise nothing changes. */
export function keepWrittenFilesIfAsked(): void {
  const kept = process.env.COMPTOIR_KEEP_WRITTEN;
  const temporary = process.env.TMPDIR;
  if (kept && temporary) keepWrittenFiles(temporary, kept);
}
