import { SANDBOX_ERRORS, type SandboxErrorCode } from '../../../shared/errors/sandbox.js';

/**
 * A failure of the sandbox itself (bad options, unknown account…), never a gateway answer.
 * `detail` is for integrators and logs; it must never carry card data, passwords or HASH values.
 */
export class SandboxError extends Error {
  readonly code: SandboxErrorCode;
  readonly detail: string | undefined;

  constructor(code: SandboxErrorCode, detail?: string) {
    const base = SANDBOX_ERRORS[code].en;
    super(detail === undefined ? base : `${base} ${detail}`);
    this.name = 'SandboxError';
    this.code = code;
    this.detail = detail;
  }
}
