/**
 * Results cross every transport as an envelope, never as thrown errors, so the renderer
 * handles failure as data and a transport cannot leak a stack trace.
 */
export interface ContractIssue {
  /** Dotted path of the offending field (`amount`, `customer.email`); never its value. */
  readonly path: string;
  readonly message: string;
}

export interface ContractError {
  /** Stable, UPPER_SNAKE: the renderer translates it; logs and support quote it. */
  readonly code: string;
  /** English operator-facing words; French comes from the shared catalog by code. */
  readonly message: string;
  readonly issues?: readonly ContractIssue[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string, issues?: readonly ContractIssue[]): Result<never> =>
  issues && issues.length > 0 ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
