import { createHash } from 'node:crypto';

/**
 * How an idempotency key is kept: its SHA-256, never the key itself. A key is the caller's
 * opaque token, and only equality matters, so nothing is lost; what a buggy or hostile caller
 * puts in one (a card number glued to letters passes as an id) never reaches the disk.
 * Journals written before keep their keys as they were: `storedForms` finds both.
 */
export function idempotencyKeyAtRest(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** The forms a key may be stored in: digested (from now on), or as sent (older journals). */
export function storedForms(key: string): [string, string] {
  return [idempotencyKeyAtRest(key), key];
}
