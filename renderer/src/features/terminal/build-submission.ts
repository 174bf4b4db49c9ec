import type { z } from 'zod';
import type { AccountSummary, PaymentSubmission } from '../../../../shared/contract/terminal.js';
import { detectBrand } from '../../../../shared/domain/card.js';
import type { PaymentDraft } from '../../state/terminal-store.js';
import { isCoBadgeable, type CardEntry } from './card-entry.js';
import { checkSchedule } from './instalment-schedule.js';

export type SubmissionInput = z.input<typeof PaymentSubmission>;

export interface SubmissionFacts {
  readonly account: AccountSummary;
  readonly amount: number;
  readonly expiryWire: string;
  readonly locale: string;
  readonly now: number;
  readonly duplicateOverride?: string;
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The one object that crosses to core; built at the moment of confirmation and not kept. */
export function buildSubmission(draft: PaymentDraft, card: CardEntry, facts: SubmissionFacts): SubmissionInput {
  const brand = detectBrand(card.digits);
  const network = isCoBadgeable(brand) ? (card.network === 'cb' ? 'cb' : brand) : undefined;
  const ident = optional(draft.customerIdent);
  const name = optional(draft.customerName);
  const instalments =
    draft.operation === 'payment' && draft.instalments
      ? checkSchedule(draft.instalments, facts.amount, facts.account.currency, facts.locale, facts.now, facts.expiryWire).parsed.map((row) => ({ ...row }))
      : undefined;
  const description = optional(draft.description);
  return {
    idempotencyKey: draft.idempotencyKey,
    accountId: facts.account.id,
    operation: draft.operation,
    amount: facts.amount,
    orderId: draft.orderId,
    ...(description ? { description } : {}),
    customer: { email: draft.customerEmail.trim(), ...(ident ? { ident } : {}), ...(name ? { name } : {}) },
    card: {
      number: card.digits,
      expiry: facts.expiryWire,
      cvv: card.cvv,
      holder: card.holder.trim(),
      ...(network ? { network } : {}),
    },
    saveCard: draft.operation !== 'credit' && draft.saveCard,
    ...(instalments ? { instalments } : {}),
    ...(facts.duplicateOverride ? { duplicateOverride: { reason: facts.duplicateOverride.trim() } } : {}),
  };
}
