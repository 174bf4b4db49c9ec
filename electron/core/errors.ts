import { CORE_ERRORS } from '../../shared/errors/core.js';
import { ERRORS } from '../../shared/errors/index.js';
import type { ErrorParams } from '../../shared/errors/params.js';

/**
 * A failure core reports to the operator: a stable code from the shared catalogs and, by
 * default, the catalog's English words. Never put card data, passwords or HASH values in it.
 */
export class CoreError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly issues?: ReadonlyArray<{ path: string; message: string }>,
    /** Values the catalog's words name in braces (see `shared/errors/params.ts`). */
    readonly params?: ErrorParams,
  ) {
    super(message ?? ERRORS[code]?.en ?? CORE_ERRORS.INTERNAL_ERROR.en);
    this.name = 'CoreError';
  }
}
