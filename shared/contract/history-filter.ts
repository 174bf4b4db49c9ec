import { z } from 'zod';
import { OPERATION_STATUSES } from '../domain/operation-status.js';
import { OPERATION_TYPES } from '../domain/operation-type.js';
import { AccountId } from './accounts.js';
import { Confirmation } from './terminal.js';

/*
 * The one filter of operations that History, reports and exports share: what the operator
 * narrowed the journal to. Every field is optional and they combine with AND; a list matches
 * any of its values. Times are UTC epoch milliseconds: the screen turns "today" or "this week"
 * into bounds in the operator's time zone, so core never guesses a zone.
 */

const ShortText = z.string().trim().min(1).max(255);

export const HistoryFilter = z
  .object({
    /** created_at >= from. */
    from: z.number().int().nonnegative().optional(),
    /** created_at < to. */
    to: z.number().int().nonnegative().optional(),
    statuses: z.array(z.enum(OPERATION_STATUSES)).max(20).optional(),
    confirmations: z.array(Confirmation).max(10).optional(),
    types: z.array(z.enum(OPERATION_TYPES)).max(20).optional(),
    accountIds: z.array(AccountId).max(100).optional(),
    operators: z.array(ShortText).max(100).optional(),
    currencies: z
      .array(z.string().regex(/^[A-Z]{3}$/))
      .max(20)
      .optional(),
    /** Inclusive bounds, minor units. */
    amountMin: z.number().int().nonnegative().optional(),
    amountMax: z.number().int().nonnegative().optional(),
    /** As the gateway spells CARDTYPE (`visa`, `mastercard`, …). */
    brands: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    last4: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    orderId: ShortText.optional(),
    transactionId: ShortText.optional(),
    /** Customer ident, e-mail or name. */
    customer: ShortText.optional(),
    /** Free text over every field above that holds text (each word starts a word). */
    text: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((filter) => filter.from === undefined || filter.to === undefined || filter.from < filter.to, {
    path: ['to'],
    message: 'The end must come after the start',
  })
  .refine((filter) => filter.amountMin === undefined || filter.amountMax === undefined || filter.amountMin <= filter.amountMax, {
    path: ['amountMax'],
    message: 'The largest amount must not be below the smallest',
  });
export type HistoryFilter = z.infer<typeof HistoryFilter>;

/** How a saved filter's dates are kept: a preset moves with the clock ("today" stays today). */
const HISTORY_DATE_PRESETS = ['all', 'today', 'yesterday', 'thisWeek', 'thisMonth', 'custom'] as const;

/**
 * A filter the operator saved by name, in the profile's settings. Its dates are a preset (or
 * custom days), never fixed bounds; its `filter` holds no `from`/`to`. No card data: a last
 * four is what every screen shows anyway, and a card number in any text is refused.
 */
export const SavedHistoryFilter = z
  .object({
    name: z.string().trim().min(1).max(60),
    preset: z.enum(HISTORY_DATE_PRESETS),
    customFrom: z.iso.date().optional(),
    customTo: z.iso.date().optional(),
    filter: HistoryFilter,
  })
  .strict()
  .refine((saved) => saved.filter.from === undefined && saved.filter.to === undefined, {
    path: ['filter'],
    message: 'A saved filter keeps its dates as a preset',
  });
export type SavedHistoryFilter = z.infer<typeof SavedHistoryFilter>;
