/**
 * One key per intent (a payment draft, a capture, a refund…): core answers a repeated key with
 * the first result instead of charging again, so a double click or a retry after a lost answer
 * is harmless. 32 hex characters fit the contract's 16-to-64 rule.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replaceAll('-', '');
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
