import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** An export file the gateway posted to a CALLBACKURL. */
export interface ExportFile {
  /** Sanitised file name (no folders), e.g. `transactions-2025-01.csv.gz`. */
  readonly name: string;
  readonly contentType: string;
  readonly data: Buffer;
  /** UTC epoch ms. */
  readonly receivedAt: number;
  /** The CALLBACKURL's query parameters, e.g. a reference Comptoir put there to match the request. */
  readonly query: Readonly<Record<string, string>>;
}

export interface StoredExport {
  /** Where the file now is (a path for the folder store). */
  readonly location: string;
}

export interface ExportFileStore {
  /** Must be durable when it resolves: the listener answers `OK` right after. */
  save(file: ExportFile): Promise<StoredExport>;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/gzip': '.gz',
  'application/x-gzip': '.gz',
  'application/zip': '.zip',
  'application/x-zip-compressed': '.zip',
  'application/x-bzip2': '.bz2',
  'text/csv': '.csv',
};

/** A file name safe on every OS: no folders, no reserved characters, bounded length. */
export function safeFileName(raw: string | undefined, contentType: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  if (cleaned !== '' && /[A-Za-z0-9]/.test(cleaned)) return cleaned;
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return `export${EXTENSIONS[mime] ?? '.bin'}`;
}

/** `2025-01-31T12-00-00-123Z`: sortable, and free of `:` which Windows refuses. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/**
 * Writes each file to `<dir>/exports/<timestamp>-<name>` atomically: a temporary file in the
 * same folder is written and fsync'd, then hard-linked to its final name (which, unlike a
 * rename, never replaces a file that arrived in the same millisecond), then the folder is
 * fsync'd so the new entry survives a power cut.
 */
export class FolderExportStore implements ExportFileStore {
  readonly folder: string;

  constructor(dir: string) {
    this.folder = path.join(dir, 'exports');
  }

  async save(file: ExportFile): Promise<StoredExport> {
    await fs.mkdir(this.folder, { recursive: true, mode: 0o700 });
    const name = safeFileName(file.name, file.contentType);
    const tmp = path.join(this.folder, `.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(file.data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      const location = await this.publish(tmp, stamp(file.receivedAt), name);
      await syncFolder(this.folder);
      return { location };
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  private async publish(tmp: string, timestamp: string, name: string): Promise<string> {
    for (let n = 1; n < 1000; n += 1) {
      const final = path.join(this.folder, n === 1 ? `${timestamp}-${name}` : `${timestamp}-${n}-${name}`);
      try {
        await fs.link(tmp, final);
        return final;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw err;
        // No hard links on this file system (FAT, some network shares): rename if free.
        if (await exists(final)) continue;
        await fs.rename(tmp, final);
        return final;
      }
    }
    throw new Error('no free export file name');
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open or fsync a directory; NTFS journals the entry itself.
  } finally {
    await handle?.close();
  }
}
