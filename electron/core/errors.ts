import { CORE_ERRORS } from '../../shared/errors/core.js';
import { ERRORS } from '../../shared/errors/index.js';

/**
 * A failure core reports to the operator: a stable code from the shared catalogs and, by
 * default, the catalog's English words. Never put card data, passwords or HASH values in it.
 */
export class CoreError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly issues?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(message ?? ERRORS[code]?.en ?? CORE_ERRORS.INTERNAL_ERROR.en);
    this.name = 'CoreError';
  }
}
