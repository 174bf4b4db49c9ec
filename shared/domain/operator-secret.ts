/**
 * What an operator's secret must be, decided once for the form and for core: a PIN of 4 to 12
 * digits, or a password of at least 8 characters (at most 200). Five failed sign-ins in a row
 * lock the operator out (`SIGN_IN_ATTEMPTS`, `LOCK_OUT_MS`), which is what makes a 4-digit PIN
 * acceptable on a desk.
 */
const PIN_PATTERN = /^\d{4,12}$/;
const PASSWORD_MIN = 8;
const SECRET_MAX = 200;
export const SIGN_IN_ATTEMPTS = 5;
export const LOCK_OUT_MS = 15 * 60_000;

export function secretAcceptable(kind: 'pin' | 'password', secret: string): boolean {
  if (kind === 'pin') return PIN_PATTERN.test(secret);
  return secret.length >= PASSWORD_MIN && secret.length <= SECRET_MAX && secret.trim().length > 0;
}
