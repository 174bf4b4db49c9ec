import { z } from 'zod';
import { OrderId } from '../../../../shared/contract/terminal.js';
import { cvvLength, cvvValid, detectBrand, panProblem, parseExpiry } from '../../../../shared/domain/card.js';
import { parseAmount } from '../../../../shared/domain/money.js';
import type { FieldError } from '../../app/field-error.js';
import type { PaymentDraft } from '../../state/terminal-store.js';
import { amountFieldError } from '../../app/amount-error.js';
import type { CardEntry } from './card-entry.js';
import { checkSchedule } from './instalment-schedule.js';

/** The fields that can be wrong, in the order a phone call fills them (and focus goes back to). */
export const FIELD_ORDER = ['amount', 'orderId', 'customerEmail', 'cardNumber', 'expiry', 'cvv', 'holder', 'instalments'] as const;
export type FieldName = (typeof FIELD_ORDER)[number];

/** DOM ids, so a failed review can put the caret in the first field to fix. */
export const FIELD_IDS: Readonly<Record<FieldName, string>> = {
  amount: 'terminal-amount',
  orderId: 'terminal-order-id',
  customerEmail: 'terminal-customer-email',
  cardNumber: 'terminal-card-number',
  expiry: 'terminal-card-expiry',
  cvv: 'terminal-card-cvv',
  holder: 'terminal-card-holder',
  instalments: 'terminal-instalments-count',
};
/** The review button's id: the focus goes back to it when a review is left or refused. */
export const REVIEW_BUTTON_ID = 'terminal-review';

export type FieldErrors = Partial<Record<FieldName, FieldError>>;

export type OrderIdAvailability = 'checking' | 'available' | 'taken' | 'unknown';

export interface ValidationContext {
  readonly currency: string;
  readonly locale: string;
  readonly now: number;
  readonly orderIdAvailability: OrderIdAvailability;
}

export interface Validated {
  readonly errors: FieldErrors;
  /** Present when the amount parses: minor units. */
  readonly amount?: number;
  /** Present when the expiry is valid: wire form `MM-YY`. */
  readonly expiryWire?: string;
}

const Email = z.email();

function amountError(draft: PaymentDraft, context: ValidationContext): { error?: FieldError; amount?: number } {
  const parsed = parseAmount(draft.amountText, context.currency, context.locale);
  if (!parsed.ok) return { error: amountFieldError(parsed, context.currency, context.locale) };
  if (parsed.minor === 0 && draft.operation !== 'authorization') return { error: { id: 'terminal.error.amount.zero' }, amount: 0 };
  return { amount: parsed.minor };
}

function orderIdError(draft: PaymentDraft, context: ValidationContext): FieldError | undefined {
  if (draft.orderId.trim() === '') return { id: 'terminal.error.orderId.empty' };
  if (!OrderId.safeParse(draft.orderId).success) return { id: 'terminal.error.orderId.format' };
  // A generated reference taken meanwhile is replaced by core at send time; only a typed one is the operator's to change.
  if (context.orderIdAvailability === 'taken' && draft.orderIdEdited) return { id: 'terminal.error.orderId.taken' };
  return undefined;
}

/**
 * Every problem the form can see before anything is sent; core checks again on its side. A
 * saved card being charged again has no card fields, and its customer is the one who saved it.
 */
export function validatePayment(draft: PaymentDraft, card: CardEntry, context: ValidationContext): Validated {
  const errors: FieldErrors = {};
  const { error: amount, amount: minor } = amountError(draft, context);
  if (amount) errors.amount = amount;
  const orderId = orderIdError(draft, context);
  if (orderId) errors.orderId = orderId;
  if (draft.rebill) return { errors, ...(minor !== undefined ? { amount: minor } : {}) };
  // CLIENTEMAIL is required by the gateway on card operations.
  if (draft.customerEmail.trim() === '') errors.customerEmail = { id: 'terminal.error.email.empty' };
  else if (!Email.safeParse(draft.customerEmail.trim()).success) errors.customerEmail = { id: 'terminal.error.email.invalid' };

  const pan = panProblem(card.digits);
  if (pan) errors.cardNumber = { id: `terminal.error.card.${pan}` };
  const expiry = card.expiry.trim() === '' ? undefined : parseExpiry(card.expiry, context.now);
  if (!expiry) errors.expiry = { id: 'terminal.error.expiry.empty' };
  else if (!expiry.ok) errors.expiry = { id: `terminal.error.expiry.${expiry.problem}` };
  const brand = detectBrand(card.digits);
  if (!cvvValid(card.cvv, brand)) errors.cvv = { id: 'terminal.error.cvv', values: { length: cvvLength(brand) } };
  if (card.holder.trim() === '') errors.holder = { id: 'terminal.error.holder' };

  const expiryWire = expiry?.ok ? expiry.wire : undefined;
  if (draft.instalments && minor !== undefined) {
    const check = checkSchedule(draft.instalments, minor, context.currency, context.locale, context.now, expiryWire);
    if (check.schedule) errors.instalments = { id: `terminal.error.instalments.${check.schedule}` };
    else if (check.rows.some(Boolean)) errors.instalments = { id: 'terminal.error.instalments.rows' };
  }
  return { errors, ...(minor !== undefined ? { amount: minor } : {}), ...(expiryWire ? { expiryWire } : {}) };
}

export function firstInvalidField(errors: FieldErrors): FieldName | undefined {
  return FIELD_ORDER.find((field) => errors[field]);
}
