import { createHash } from 'node:crypto';
import type { PaymentSubmission } from '../../../shared/contract/terminal.js';
import { cardSummary } from '../../../shared/domain/card.js';

/**
 * What an idempotency key stands for: a SHA-256 of the request's content, never of card data
 * (BIN and last four only). The journal keeps it with the operation; the same key with another
 * fingerprint is a conflict, never a replay of something else.
 */
function digest(content: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** A card payment, authorization or credit: account, type, amount, ORDERID, card BIN and last four, instalments. */
export function submissionFingerprint(input: PaymentSubmission): string {
  const card = cardSummary(input.card.number);
  return digest([
    'submission',
    input.accountId,
    input.operation,
    input.amount,
    input.orderId,
    card.bin6,
    card.last4,
    input.instalments?.map((entry) => [entry.date, entry.amount]) ?? null,
  ]);
}

/**
 * A capture, refund or void: scoped to its parent and kind, with the amount as asked (none means
 * "what is left", which a retry must still match after the first one took it).
 */
export function followUpFingerprint(kind: 'capture' | 'refund' | 'void', parentId: number, amount: number | undefined): string {
  return digest(['follow-up', kind, parentId, amount ?? null]);
}
