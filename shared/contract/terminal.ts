import { Approval } from './operators.js';
import { z } from 'zod';
import { luhnValid } from '../domain/card.js';
import { REFUND_NOTE_MAX, REFUND_NOTE_MIN, REFUND_REASONS } from '../domain/refund-reason.js';
import { OPERATION_STATUSES } from '../domain/operation-status.js';
import { OPERATION_TYPES } from '../domain/operation-type.js';
import { defineOperation } from './define.js';
import { notText } from './not-text.js';
import { AccountId } from './accounts.js';

/*
 * The terminal capability's share of the contract: the payment form's checks, submission,
 * and follow-ups. Card fields are validated here too, so a bad number is
 * refused by every transport before core does anything with it; zod's messages never quote
 * the value.
 */

const IdempotencyKey = notText('id', z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Expected 16 to 64 letters, digits, - or _'));
/** ORDERID: 1 to 40 printable characters (fact sheet 3.2). */
export const OrderId = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[\x21-\x7e][\x20-\x7e]*$/, 'Printable characters only');
const Amount = z.number().int().min(0).max(1_000_000_000);
const AliasMode = z.enum(['oneclick', 'subscription']);

/** The reference shown on the form was the account's next free one: core takes it (or the one after) when sending. */
const OrderIdGenerated = z.boolean().default(false);
/** The operator confirmed, in words, an amount above the account's large-amount threshold. */
const ConfirmLargeAmount = z.literal(true).optional();
const DuplicateOverride = z.object({ reason: z.string().trim().min(3).max(200) }).strict();

const CardInput = z
  .object({
    number: notText(
      'card-data',
      z
        .string()
        .regex(/^\d{12,19}$/, 'Expected 12 to 19 digits')
        .refine(luhnValid, 'The card number is not valid'),
    ),
    /** Wire form MM-YY; core checks that it is not past, with its own clock. */
    expiry: z.string().regex(/^(0[1-9]|1[0-2])-\d{2}$/, 'Expected MM-YY'),
    cvv: notText('card-data', z.string().regex(/^\d{3,4}$/, 'Expected 3 or 4 digits')),
    holder: z.string().trim().min(1).max(255),
    /** For a co-badged card the cardholder picks the network (EU 2015/751 art. 8). */
    network: z.enum(['cb', 'visa', 'mastercard']).optional(),
  })
  .strict();
type CardInput = z.infer<typeof CardInput>;

const CustomerInput = z
  .object({
    ident: z.string().trim().max(255).optional(),
    // CLIENTEMAIL is required by the gateway on card operations (fact sheet 3.3).
    email: z.email().max(255),
    name: z.string().trim().max(255).optional(),
  })
  .strict();

const Instalment = z.object({ date: z.iso.date(), amount: z.number().int().positive() }).strict();

/** An amount of 0 only checks the card: an authorization may be for 0, nothing else. */
function zeroOnlyForAuthorization(submission: { readonly amount: number; readonly operation: string }, context: z.RefinementCtx): void {
  if (submission.amount === 0 && submission.operation !== 'authorization') {
    context.addIssue({ code: 'custom', path: ['amount'], message: 'Only an authorization (card check) may be for 0' });
  }
}

export const PaymentSubmission = z
  .object({
    idempotencyKey: IdempotencyKey,
    accountId: AccountId,
    operation: z.enum(['payment', 'authorization', 'credit']),
    amount: Amount,
    orderId: OrderId,
    orderIdGenerated: OrderIdGenerated,
    description: z.string().trim().max(510).optional(),
    customer: CustomerInput,
    card: CardInput,
    /** Ask the gateway for an ALIAS to charge this card again later (CREATEALIAS=yes). */
    saveCard: z.boolean().default(false),
    /** Payment in instalments (AMOUNTS): the first is today; they add up to `amount`. */
    instalments: z.array(Instalment).min(2).max(12).optional(),
    /** Given when the operator chose to go on despite a possible-duplicate warning. */
    duplicateOverride: DuplicateOverride.optional(),
    confirmLargeAmount: ConfirmLargeAmount,
    /** A second operator's approval, needed for a credit above the caller's ceiling (issue 17). */
    approval: Approval.optional(),
  })
  .strict()
  .superRefine((submission, context) => {
    zeroOnlyForAuthorization(submission, context);
    if (submission.instalments) {
      if (submission.operation !== 'payment') {
        context.addIssue({ code: 'custom', path: ['instalments'], message: 'Instalments apply to payments only' });
      }
      const total = submission.instalments.reduce((sum, instalment) => sum + instalment.amount, 0);
      if (total !== submission.amount) context.addIssue({ code: 'custom', path: ['instalments'], message: 'Instalments must add up to the amount' });
    }
  });
export type PaymentSubmission = z.infer<typeof PaymentSubmission>;

/**
 * Charging a saved card again (ALIAS, no card data): the alias is read by core from the
 * operation that saved the card, never sent by the screen.
 */
export const RebillSubmission = z
  .object({
    idempotencyKey: IdempotencyKey,
    accountId: AccountId,
    /** The payment or authorization whose card was saved (its `actions.rebillAlias`). */
    sourceOperationId: z.number().int().positive(),
    operation: z.enum(['payment', 'authorization']),
    /** `oneclick`: the cardholder asks for this charge; `subscription`: the merchant charges under an earlier consent. */
    aliasMode: AliasMode,
    amount: Amount,
    orderId: OrderId,
    orderIdGenerated: OrderIdGenerated,
    description: z.string().trim().max(510).optional(),
    duplicateOverride: DuplicateOverride.optional(),
    confirmLargeAmount: ConfirmLargeAmount,
  })
  .strict()
  .superRefine(zeroOnlyForAuthorization);
export type RebillSubmission = z.infer<typeof RebillSubmission>;

/** Why a refund was made: one of a short list, with free text (required for "other"). */
export const RefundReason = z
  .object({
    code: z.enum(REFUND_REASONS),
    note: z.string().trim().max(REFUND_NOTE_MAX).optional(),
  })
  .strict()
  .superRefine((reason, context) => {
    if (reason.code === 'other' && (reason.note ?? '').length < REFUND_NOTE_MIN) {
      context.addIssue({ code: 'custom', path: ['note'], message: `Say why in at least ${REFUND_NOTE_MIN} characters` });
    }
  });
export type RefundReason = z.infer<typeof RefundReason>;

/**
 * What the gateway's own record (notification, or a status lookup) says of an operation:
 * `awaiting` an answer's confirmation, `confirmed`, a `discrepancy` with the answer, or that
 * lookups have found nothing yet (`not_found_yet`, provisional) or for good (`not_found`).
 */
export const Confirmation = z.enum(['none', 'awaiting', 'confirmed', 'discrepancy', 'not_found_yet', 'not_found']);

const INSTALMENT_STATES = ['charged', 'scheduled', 'failed', 'stopped'] as const;

/**
 * A payment in instalments as the journal knows it: each date, amount and state, and the
 * operator's last request to stop the rest (stopntimes) with the gateway's answer.
 */
export const InstalmentPlanView = z.object({
  /** The gateway's SCHEDULEID, once it gave one. */
  scheduleId: z.string().nullable(),
  entries: z.array(
    z.object({
      seq: z.number().int().positive(),
      /** UTC day, as sent in AMOUNTS. */
      date: z.iso.date(),
      amount: z.number().int(),
      state: z.enum(INSTALMENT_STATES),
      transactionId: z.string().nullable(),
    }),
  ),
  stop: z.object({ state: z.enum(['requested', 'stopped', 'refused']), execCode: z.string().nullable(), at: z.number().int() }).nullable(),
  /** Stopping the remaining instalments is possible now. */
  stoppable: z.boolean(),
});
export type InstalmentPlanView = z.infer<typeof InstalmentPlanView>;

export const OperationView = z.object({
  id: z.number().int(),
  accountId: AccountId,
  parentId: z.number().int().nullable(),
  type: z.enum(OPERATION_TYPES),
  status: z.enum(OPERATION_STATUSES),
  amount: z.number().int(),
  currency: z.string(),
  orderId: z.string(),
  transactionId: z.string().nullable(),
  execCode: z.string().nullable(),
  message: z.string().nullable(),
  brand: z.string().nullable(),
  bin6: z.string().nullable(),
  last4: z.string().nullable(),
  expiry: z.string().nullable(),
  holderName: z.string().nullable(),
  customerIdent: z.string().nullable(),
  customerEmail: z.string().nullable(),
  customerName: z.string().nullable(),
  description: z.string().nullable(),
  operator: z.string().nullable(),
  alias: z.string().nullable(),
  aliasMode: AliasMode.nullable(),
  expiresAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** What the gateway's record says so far (see `Confirmation`). */
  confirmation: Confirmation,
  actions: z.object({
    capturableAmount: z.number().int(),
    refundableAmount: z.number().int(),
    voidable: z.boolean(),
    rebillAlias: z.string().nullable(),
    checkStatus: z.boolean(),
    /**
     * When a capture, refund, void or charge of the saved card becomes possible (epoch ms):
     * Dalenys refuses these within 5 minutes of their reference transaction. Null when none is
     * possible.
     */
    followUpsFrom: z.number().int().nullable(),
  }),
  /**
   * Money its follow-ups moved, counting those that succeeded: captured (of an
   * authorization) and refunded (of a payment or capture; an authorization counts the refunds
   * of its capture), so the screen can say "Refunded €30.00 of €100.00" and the net.
   */
  settled: z.object({ captured: z.number().int().min(0), refunded: z.number().int().min(0) }),
  /** A refund's reason, as the operator gave it; null for anything else. */
  refundReason: RefundReason.nullable(),
  /** A payment in instalments: its plan. Absent or null for any other operation. */
  instalments: InstalmentPlanView.nullable().optional(),
});
export type OperationView = z.infer<typeof OperationView>;

/** Ids per `operations.changed` event at most (core sends a larger set as several events). */
export const OPERATIONS_CHANGED_MAX = 1000;

/**
 * Operations that changed in the background (a notification, with the parent of a follow-up
 * it settles): ids only, so a burst costs core no reads and the screen fetches just the
 * operations it shows (`operations.get`).
 */
export const OperationsChanged = z.object({ ids: z.array(z.number().int().positive()).min(1).max(OPERATIONS_CHANGED_MAX) }).strict();
export type OperationsChanged = z.infer<typeof OperationsChanged>;

const OperationRef = z.object({ operationId: z.number().int().positive() }).strict();

export const terminalOperations = {
  'terminal.nextOrderId': defineOperation({
    input: z.object({ accountId: AccountId }).strict(),
    output: z.object({ orderId: OrderId }),
    role: 'clerk',
    summary: 'The account’s next free ORDERID, to show on the form; nothing is taken until a payment is sent with it.',
  }),
  'terminal.checkOrderId': defineOperation({
    input: z.object({ accountId: AccountId, orderId: OrderId }).strict(),
    output: z.object({ available: z.boolean() }),
    role: 'clerk',
    summary: 'Whether an ORDERID is still free on this account (Dalenys does not check).',
  }),
  'terminal.findDuplicates': defineOperation({
    input: z.object({ accountId: AccountId, last4: z.string().regex(/^\d{4}$/), amount: Amount }).strict(),
    output: z.object({ windowMinutes: z.number().int(), matches: z.array(OperationView) }),
    role: 'clerk',
    summary: 'Recent operations with the same last four digits and amount.',
  }),
  'payments.submit': defineOperation({
    input: PaymentSubmission,
    output: z.object({ operation: OperationView, replayed: z.boolean() }),
    role: 'clerk',
    summary: 'Record the intent, send a card payment, authorization or credit, and return the outcome.',
  }),
  'payments.rebill': defineOperation({
    input: RebillSubmission,
    output: z.object({ operation: OperationView, replayed: z.boolean() }),
    // Charging a saved card again is a supervisor's (issue 17): a clerk takes the card payments
    // a customer reads out, not charges the customer is not on the line for.
    role: 'supervisor',
    summary: 'Charge a saved card again by its ALIAS (one-click or subscription): a new payment or authorization, no card data.',
  }),
  'operations.get': defineOperation({
    input: OperationRef,
    output: OperationView,
    role: 'viewer',
    summary: 'One operation with its status and the actions still possible.',
  }),
  'operations.capture': defineOperation({
    input: OperationRef.extend({ idempotencyKey: IdempotencyKey, amount: Amount.optional() }).strict(),
    output: z.object({ operation: OperationView, replayed: z.boolean() }),
    role: 'supervisor',
    summary: 'Capture an authorization, fully or partly.',
  }),
  'operations.refund': defineOperation({
    input: OperationRef.extend({
      idempotencyKey: IdempotencyKey,
      amount: Amount.optional(),
      reason: RefundReason,
      /** A second operator's approval, needed above the caller's ceiling on the account (issue 17). */
      approval: Approval.optional(),
    }).strict(),
    output: z.object({ operation: OperationView, replayed: z.boolean() }),
    role: 'supervisor',
    summary: 'Refund a payment or capture, fully or partly.',
  }),
  'operations.void': defineOperation({
    input: OperationRef.extend({ idempotencyKey: IdempotencyKey }).strict(),
    output: z.object({ operation: OperationView, replayed: z.boolean() }),
    role: 'supervisor',
    summary: 'Release an authorization that was not captured.',
  }),
  'operations.checkStatus': defineOperation({
    input: OperationRef,
    output: OperationView,
    role: 'clerk',
    summary: 'Ask the gateway for the result of an operation whose outcome is unknown.',
  }),
  'operations.stopInstalments': defineOperation({
    input: OperationRef,
    output: z.object({ operation: OperationView }),
    role: 'supervisor',
    summary: 'Stop the instalments of a payment not charged yet (stopntimes); those charged stay charged.',
  }),
  'operations.abandon': defineOperation({
    input: OperationRef.extend({ reason: z.string().trim().min(1).max(200).optional() }).strict(),
    output: z.object({ operation: OperationView }),
    role: 'clerk',
    summary: 'Close, on this desk only, an operation that waits for the customer (3-D Secure on a phone order).',
  }),
} as const;
