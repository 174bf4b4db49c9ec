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
