import type { JournalOperation } from './types.js';

export type FollowUpType = 'capture' | 'refund' | 'void';

/**
 * THE rule for what a capture, refund or void of this operation may still move (0: none is
 * possible), from the actions its derived status allows, net of the follow-ups in flight: what
 * the payment service offers and checks before sending, and what the journal refuses to record
 * beyond. A void releases the whole authorization. A payment in instalments is refunded one
 * charged instalment's transaction at a time: named, at most what that one has left; not
 * named, at most what the most any one has left.
 */
export function followUpLeft(parent: JournalOperation, type: FollowUpType, instalment?: number): number {
  const { actions } = parent;
  switch (type) {
    case 'capture':
      return actions.capturableAmount;
    case 'void':
      return actions.voidable ? parent.amount : 0;
    case 'refund':
      if (parent.instalments === null || instalment === undefined || actions.refundableAmount <= 0) return actions.refundableAmount;
      return parent.instalments.entries.find((entry) => entry.seq === instalment)?.refundable ?? 0;
  }
}
