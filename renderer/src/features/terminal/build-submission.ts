import type { z } from 'zod';
import type { PaymentSubmission, RebillSubmission } from '../../../../shared/contract/terminal.js';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import { detectBrand } from '../../../../shared/domain/card.js';
import type { PaymentDraft, RebillSource } from '../../state/terminal-store.js';
import { isCoBadgeable, type CardEntry } from './card-entry.js';
import { checkSchedule } from './instalment-schedule.js';

export type SubmissionInput = z.input<typeof PaymentSubmission>;
export type RebillInput = z.input<typeof RebillSubmission>;
/** What the review sends: a keyed card, or a saved card charged again. */
export type Outgoing =
  { readonly channel: 'payments.submit'; readonly input: SubmissionInput } | { readonly channel: 'payments.rebill'; readonly input: RebillInput };

export interface SubmissionFacts {
  readonly account: AccountSummary;
  readonly amount: number;
  readonly expiryWire: string;
  readonly locale: string;
  readonly now: number;
  readonly duplicateOverride?: string;
  /** The operator confirmed, in words, an amount above the account's threshold. */
  readonly largeAmountConfirmed?: boolean;
}

/** What a keyed and a saved-card charge both carry beyond their own fields. */
function guards(draft: PaymentDraft, facts: Omit<SubmissionFacts, 'expiryWire'>) {
  return {
    // Untouched, the reference is the account's next free one: core takes it (or the next) at send time.
    ...(draft.orderIdEdited ? {} : { orderIdGenerated: true }),
    ...(facts.duplicateOverride ? { duplicateOverride: { reason: facts.duplicateOverride.trim() } } : {}),
    ...(facts.largeAmountConfirmed ? { confirmLargeAmount: true as const } : {}),
  };
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
    ...guards(draft, facts),
  };
}

/** A saved card charged again: no card data at all, the source operation names it. */
export function buildRebill(draft: PaymentDraft & { readonly rebill: RebillSource }, facts: Omit<SubmissionFacts, 'expiryWire'>): RebillInput {
  const description = optional(draft.description);
  return {
    idempotencyKey: draft.idempotencyKey,
    accountId: facts.account.id,
    sourceOperationId: draft.rebill.operationId,
    operation: draft.operation === 'authorization' ? 'authorization' : 'payment',
    aliasMode: draft.rebill.aliasMode,
    amount: facts.amount,
    orderId: draft.orderId,
    ...(description ? { description } : {}),
    ...guards(draft, facts),
  };
}
