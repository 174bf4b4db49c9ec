/**
 * Why money was given back: a short list an operator picks from, and free text. "Other"
 * needs the text. Recorded with the refund (an operator action) and printed on its receipt.
 */
export const REFUND_REASONS = ['customer_request', 'returned_goods', 'duplicate_charge', 'order_cancelled', 'goodwill', 'other'] as const;
export type RefundReasonCode = (typeof REFUND_REASONS)[number];

export const REFUND_NOTE_MIN = 3;
export const REFUND_NOTE_MAX = 200;

/** The operator-action word the journal records a refund's reason under. */
export const REFUND_REASON_ACTION = 'refund_reason';
