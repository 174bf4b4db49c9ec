import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SandboxError } from './errors.js';

/**
 * The sandbox's ledger on disk, durable before the sandbox answers, like a real gateway: a
 * charge it confirmed survives a kill -9 of the process the moment after.
 *
 * Two files: a snapshot (`<path>`, the whole ledger as JSON, replaced atomically: temporary
 * file, fsync, rename, fsync of the folder) and a log beside it (`<path>.log`, one JSON line
 * per change, appended and fdatasync'ed). Each change costs one small append, not a rewrite of
 * the whole ledger; changes made together share one fdatasync. The log is folded into a new
 * snapshot at start, when it grows past `compactBytes`, and at close. Every line has an
 * ordinal and the snapshot says up to which one it holds, so a crash between writing a
 * snapshot and emptying the log replays nothing twice. A line cut short by a crash is the
 * last one, and is ignored: its change was never confirmed to anyone.
 */
export interface LedgerLogLine {
  /** Ordinal, from 1, across the life of the ledger. */
  readonly n: number;
  readonly kind: string;
  readonly record: unknown;
  /** The id sequence when the change was made, so ids keep increasing after a restart. */
  readonly sequence: number;
}

export interface StoredLedger {
  readonly snapshot: unknown | undefined;
  /** The log lines the snapshot does not hold yet, in order. */
  readonly lines: readonly LedgerLogLine[];
  /** The highest ordinal seen, in the snapshot or the log. */
  readonly lastOrdinal: number;
}

/** Past this, the log is folded into the snapshot (a few hundred payments' worth). */
const DEFAULT_COMPACT_BYTES = 4 * 1024 * 1024;

interface Waiter {
  readonly ordinal: number;
  resolve(): void;
  reject(error: SandboxError): void;
}

export class LedgerFile {
  private readonly logPath: string;
  private log: FileHandle | undefined;
  private logBytes = 0;
  /** Lines appended but not yet written, with their ordinals. */
  private pending: Array<{ readonly ordinal: number; readonly text: string }> = [];
  private lastOrdinal: number;
  private durableThrough: number;
  private compactRequested = false;
  private writing: Promise<void> | undefined;
  private waiters: Waiter[] = [];
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly serialize: () => object,
    lastOrdinal: number,
    private readonly compactBytes: number,
  ) {
    this.logPath = `${path}.log`;
    this.lastOrdinal = lastOrdinal;
    this.durableThrough = lastOrdinal;
  }

  /** What is on disk: the snapshot and the log lines after it. */
  static async read(path: string): Promise<StoredLedger> {
    const snapshotText = await readOptional(path);
    let snapshot: unknown;
    if (snapshotText !== undefined) {
      try {
        snapshot = JSON.parse(snapshotText) as unknown;
      } catch {
        throw new SandboxError('SANDBOX_LEDGER_FILE_UNREADABLE', 'not JSON');
      }
    }
    const appliedThrough = Number((snapshot as { appliedThrough?: unknown } | undefined)?.appliedThrough) || 0;
    const lines: LedgerLogLine[] = [];
    let lastOrdinal = appliedThrough;
    const logText = (await readOptional(`${path}.log`)) ?? '';
    const rows = logText.split('\n');
    rows.forEach((row, index) => {
      if (row === '') return;
      let line: LedgerLogLine;
      try {
        line = JSON.parse(row) as LedgerLogLine;
      } catch {
        // Only the last line can be cut short (a crash while appending); anything else is damage.
        if (rows.slice(index + 1).every((rest) => rest === '')) return;
        throw new SandboxError('SANDBOX_LEDGER_FILE_UNREADABLE', 'damaged log');
      }
      lastOrdinal = Math.max(lastOrdinal, line.n);
      if (line.n > appliedThrough) lines.push(line);
    });
    return { snapshot, lines, lastOrdinal };
  }

  /**
   * Opens the files for `serialize` (the ledger's full state, every change so far included)
   * and folds the log into a fresh snapshot at once.
   */
  static async open(path: string, serialize: () => object, lastOrdinal: number, compactBytes = DEFAULT_COMPACT_BYTES): Promise<LedgerFile> {
    const file = new LedgerFile(path, serialize, lastOrdinal, compactBytes);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    file.log = await open(file.logPath, 'a', 0o600);
    file.logBytes = (await file.log.stat()).size;
    file.compactRequested = true;
    await file.flush();
    return file;
  }

  /** Records one change; `flush()` says when it is on disk. */
  append(kind: string, record: unknown, sequence: number): void {
    if (this.closed) return;
    this.lastOrdinal += 1;
    const line: LedgerLogLine = { n: this.lastOrdinal, kind, record, sequence };
    this.pending.push({ ordinal: this.lastOrdinal, text: `${JSON.stringify(line)}\n` });
    this.start();
  }

  /** A change that cannot be named record by record: the next write is a whole snapshot. */
  appendWholeState(): void {
    if (this.closed) return;
    this.lastOrdinal += 1;
    this.compactRequested = true;
    this.start();
  }

  /** Resolves once every change recorded so far is on disk; rejects if writing failed. */
  flush(): Promise<void> {
    if (this.durableThrough >= this.lastOrdinal) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ ordinal: this.lastOrdinal, resolve, reject });
      this.start();
    });
  }

  /** Folds the log into the snapshot and closes the log. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.appendWholeState();
    await this.flush();
    this.closed = true;
    await this.writing;
    await this.log?.close();
    this.log = undefined;
  }

  private start(): void {
    this.writing ??= this.drain().then((ok) => {
      this.writing = undefined;
      // After a failure, the next change (or flush) tries again: no busy loop on a full disk.
      if (ok && (this.pending.length > 0 || this.compactRequested)) this.start();
    });
  }

  private async drain(): Promise<boolean> {
    while (this.pending.length > 0 || this.compactRequested) {
      try {
        if (this.compactRequested || this.logBytes >= this.compactBytes) await this.compact();
        else await this.writePending();
      } catch (error) {
        // What is pending stays pending.
        this.settle(this.durableThrough, new SandboxError('SANDBOX_LEDGER_FILE_UNWRITABLE', (error as NodeJS.ErrnoException).code ?? String(error)));
        return false;
      }
      this.settle(this.durableThrough);
    }
    return true;
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const text = batch.map((line) => line.text).join('');
    const log = this.requireLog();
    try {
      await log.write(text);
      await log.datasync();
    } catch (error) {
      // Written in part, perhaps: cut back, so a retry never leaves half a line mid-log.
      await log.truncate(this.logBytes).catch(() => undefined);
      this.pending = batch.concat(this.pending);
      throw error;
    }
    this.logBytes += Buffer.byteLength(text);
    this.durableThrough = Math.max(this.durableThrough, (batch.at(-1) as { ordinal: number }).ordinal);
  }

  /** A snapshot of the whole state (every change so far), then an empty log. */
  private async compact(): Promise<void> {
    this.compactRequested = false;
    try {
      await this.writeSnapshot();
    } catch (error) {
      this.compactRequested = true;
      throw error;
    }
  }

  private async writeSnapshot(): Promise<void> {
    const through = this.lastOrdinal;
    const text = JSON.stringify({ ...this.serialize(), appliedThrough: through }, null, 1);
    const temporary = `${this.path}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await syncFolder(dirname(this.path));
    // The snapshot holds every pending line: they need not be written any more.
    this.pending = this.pending.filter((line) => line.ordinal > through);
    const log = this.requireLog();
    await log.truncate(0);
    await log.datasync();
    this.logBytes = 0;
    this.durableThrough = Math.max(this.durableThrough, through);
  }

  private requireLog(): FileHandle {
    if (!this.log) throw new SandboxError('SANDBOX_LEDGER_FILE_UNWRITABLE', 'closed');
    return this.log;
  }

  private settle(through: number, error?: SandboxError): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (error) waiter.reject(error);
      else if (waiter.ordinal <= through) waiter.resolve();
      else this.waiters.push(waiter);
    }
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SandboxError('SANDBOX_LEDGER_FILE_UNREADABLE', (error as NodeJS.ErrnoException).code);
  }
}

async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open or fsync a folder; NTFS journals the rename itself.
  } finally {
    await handle?.close();
  }
}
