import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { JournalError } from './journal-error.js';
import { migrate } from './migrations.js';

export type IntegrityCheck = 'quick' | 'full' | 'none';

export interface OpenDatabaseOptions {
  readonly readonly?: boolean;
  /** `quick` (default): PRAGMA quick_check, structure only; `full`: integrity_check with constraints; `none`: skip. */
  readonly integrityCheck?: IntegrityCheck;
  /** Apply pending migrations (default true; read-only connections never migrate). */
  readonly migrate?: boolean;
}

/** `<dataDir>/profiles/<profile>/journal.sqlite`: one journal per profile. */
export function journalPath(dataDir: string, profile: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(profile) || profile.includes('..')) {
    throw new JournalError('JOURNAL_INVALID_INPUT', 'profile name');
  }
  return join(dataDir, 'profiles', profile, 'journal.sqlite');
}

const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_INDEX']);

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (CORRUPTION_CODES.has(code) || code.startsWith('SQLITE_CORRUPT'));
}

/**
 * `quick` checks the structure of every page (b-trees, free list, record formats), which is
 * what a torn write or a damaged disk breaks. It skips re-evaluating CHECK constraints on every
 * row: those were enforced when each row was written, and re-running json_valid() over millions
 * of event payloads is most of the cost (measured: 3 s instead of 9 s on 1,000,000 operations).
 */
function runIntegrityCheck(db: Database, mode: Exclude<IntegrityCheck, 'none'>): void {
  const problems = integrityProblems(db, mode);
  if (problems.length > 0) throw new JournalError('JOURNAL_CORRUPT', problems.slice(0, 5).join('; '));
}

/** What the check finds wrong (at most 20 lines), or nothing. Read-only: a reader's connection can run it. */
export function integrityProblems(db: Pick<Database, 'pragma'>, mode: Exclude<IntegrityCheck, 'none'>): string[] {
  if (mode === 'quick') db.pragma('ignore_check_constraints = ON');
  let rows: Array<Record<string, string>>;
  try {
    rows = db.pragma(mode === 'full' ? 'integrity_check(20)' : 'quick_check(20)') as Array<Record<string, string>>;
  } catch (error) {
    // Damage bad enough stops the check itself: that is its finding.
    if (isCorruption(error)) return [(error as Error).message];
    throw error;
  } finally {
    if (mode === 'quick') db.pragma('ignore_check_constraints = OFF');
  }
  const messages = rows.map((row) => Object.values(row)[0] ?? '');
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

/**
 * The journal is owner-only whatever the umask: the folder 0700, the file 0600, created so
 * before SQLite opens it (an empty file is a new database). SQLite gives the -wal and -shm
 * files it creates the mode of the database file; existing ones are tightened here too.
 */
function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  if (process.platform === 'win32') return;
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((statSync(path).mode & 0o777) !== 0o600) chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** What the WAL file is cut back to once checkpointed (SQLite's own default never cuts it). */
export const WAL_SIZE_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Opens (creating if needed) a journal file: WAL, synchronous=FULL so a recorded payment
 * survives a power cut, foreign keys on, integrity checked before anything is written, schema
 * migrated. A damaged file is reported as `JOURNAL_CORRUPT` and left untouched.
 */
export function openJournalDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const readonly = options.readonly ?? false;
  let db: Database;
  try {
    if (!readonly) createPrivately(file);
    db = new BetterSqlite3(file, { readonly, fileMustExist: readonly });
  } catch (error) {
    if (isCorruption(error)) throw new JournalError('JOURNAL_CORRUPT', (error as Error).message, { cause: error });
    throw new JournalError('JOURNAL_OPEN_FAILED', (error as Error).message, { cause: error });
  }
  try {
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    // A burst (a backlog of notifications, a seed) grows the WAL file, and SQLite would keep it
    // at that size for good; past this, the file is cut back each time the WAL starts over.
    if (!readonly) db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    const check = options.integrityCheck ?? 'quick';
    if (check !== 'none') runIntegrityCheck(db, check);
    if (!readonly && options.migrate !== false) {
      migrate(db);
      // Keeps the planner's statistics current as the journal grows (cheap: bounded analysis).
      db.pragma('optimize = 0x10002');
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof JournalError) throw error;
    if (isCorruption(error)) throw new JournalError('JOURNAL_CORRUPT', (error as Error).message, { cause: error });
    throw new JournalError('JOURNAL_OPEN_FAILED', (error as Error).message, { cause: error });
  }
}
