import type { ErrorParams } from '../errors/params.js';

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
  /** Values the catalog's words name in braces (`{time}`: epoch ms, shown in the operator's time zone). */
  readonly params?: ErrorParams;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string, issues?: readonly ContractIssue[], params?: ErrorParams): Result<never> => ({
  ok: false,
  error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}), ...(params ? { params } : {}) },
});
