import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SandboxError } from './errors.js';

/**
 * Atomic JSON persistence of the ledger: write a temporary file beside the target, fsync it,
 * rename over the target. A crash leaves either the old file or the new one, never half of
 * one. Writes are coalesced: while one is in flight, further changes only mark the state
 * dirty and one more write follows.
 */
export class LedgerFile {
  private writing: Promise<void> | undefined;
  private dirty = false;
  private lastError: unknown;

  constructor(
    readonly path: string,
    private readonly serialize: () => unknown,
  ) {}

  static async read(path: string): Promise<unknown | undefined> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new SandboxError('SANDBOX_LEDGER_FILE_UNREADABLE', (error as NodeJS.ErrnoException).code);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new SandboxError('SANDBOX_LEDGER_FILE_UNREADABLE', 'not JSON');
    }
  }

  /** Marks the ledger changed; a write follows soon. */
  schedule(): void {
    this.dirty = true;
    if (this.writing === undefined) this.writing = this.drain();
  }

  /** Resolves once everything changed so far is on disk; rejects if the last write failed. */
  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
    if (this.lastError !== undefined) {
      const error = this.lastError;
      this.lastError = undefined;
      throw new SandboxError('SANDBOX_LEDGER_FILE_UNWRITABLE', (error as NodeJS.ErrnoException).code ?? String(error));
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        try {
          await this.writeOnce(JSON.stringify(this.serialize(), null, 1));
          this.lastError = undefined;
        } catch (error) {
          this.lastError = error;
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async writeOnce(text: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
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
  }
}
