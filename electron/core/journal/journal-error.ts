import { JOURNAL_ERRORS, type JournalErrorCode } from '../../../shared/errors/journal.js';
import { CoreError } from '../errors.js';

/**
 * A journal failure with a stable code from `JOURNAL_ERRORS`. `detail` is for the log only
 * (ids, field names, SQLite's words); it never holds card data, and is not shown to operators.
 */
export class JournalError extends CoreError {
  override readonly code: JournalErrorCode;

  constructor(
    code: JournalErrorCode,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(code, JOURNAL_ERRORS[code].en);
    this.code = code;
    this.name = 'JournalError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export function isJournalError(error: unknown, code?: JournalErrorCode): error is JournalError {
  return error instanceof JournalError && (code === undefined || error.code === code);
}

/** A journal failure as it crosses a thread boundary (workers post plain data). */
export interface WireJournalError {
  readonly code: string;
  readonly detail: string;
}

/** In a worker: the code and detail of what failed, `fallback` for anything not a journal error. */
export function toWireError(error: unknown, fallback: JournalErrorCode): WireJournalError {
  if (error instanceof JournalError) return { code: error.code, detail: error.detail ?? '' };
  const code = (error as { code?: unknown } | null)?.code;
  const message = String((error as Error | null)?.message ?? error);
  // SQLite's own code (SQLITE_FULL, SQLITE_BUSY…) goes into the detail, for the log.
  return { code: fallback, detail: typeof code === 'string' ? `${code}: ${message}` : message };
}

/** On the owner's side: the `JournalError` again, `fallback` for a code this build does not know. */
export function fromWireError(wire: WireJournalError, fallback: JournalErrorCode): JournalError {
  return new JournalError(wire.code in JOURNAL_ERRORS ? (wire.code as JournalErrorCode) : fallback, wire.detail);
}
