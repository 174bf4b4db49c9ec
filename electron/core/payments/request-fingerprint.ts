import { createHash } from 'node:crypto';
import type { PaymentSubmission, RebillSubmission } from '../../../shared/contract/terminal.js';
import { cardSummary } from '../../../shared/domain/card.js';

/**
 * What an idempotency key stands for: a SHA-256 of the request's content, never of card data
 * (BIN, last four and expiry only). The journal keeps it with the operation; the same key with
 * another fingerprint is a conflict, never a replay of something else.
 */
function digest(content: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * The ORDERID the operator asked for. A generated one is the account's next free reference,
 * taken by core when sending: the screen replaces its preview once it is taken (by this
 * request, if its answer was lost), so a retry may show another; it is the same request.
 */
function askedOrderId(input: { readonly orderId: string; readonly orderIdGenerated?: boolean }): string | null {
  return input.orderIdGenerated ? null : input.orderId;
}

/**
 * A card payment, authorization or credit: account, type, amount, ORDERID, card BIN, last four
 * and expiry, instalments. Not the holder's name nor the description: retyped or corrected,
 * they leave the same card charged the same amount.
 */
export function submissionFingerprint(input: PaymentSubmission): string {
  const card = cardSummary(input.card.number);
  return digest([
    'submission',
    input.accountId,
    input.operation,
    input.amount,
    askedOrderId(input),
    card.bin6,
    card.last4,
    input.card.expiry,
    input.instalments?.map((entry) => [entry.date, entry.amount]) ?? null,
  ]);
}

/** A saved card charged again: account, type, amount, ORDERID, the operation that saved the card, one-click or subscription. */
export function rebillFingerprint(input: RebillSubmission): string {
  return digest(['rebill', input.accountId, input.operation, input.amount, askedOrderId(input), input.sourceOperationId, input.aliasMode]);
}

/**
 * A capture, refund or void: scoped to its parent and kind, with the amount as asked (none means
 * "what is left", which a retry must still match after the first one took it). A refund's
 * reason is left out: it moves no money and the screen keeps one key per kind, parent and
 * amount, so a retry after a lost answer whose reason was edited meanwhile is still that refund
 * (replayed, with the reason recorded the first time), not a conflict.
 */
export function followUpFingerprint(kind: 'capture' | 'refund' | 'void', parentId: number, amount: number | undefined): string {
  return digest(['follow-up', kind, parentId, amount ?? null]);
}
