import { z } from 'zod';
import { luhnValid } from '../domain/card.js';
import { OPERATION_STATUSES } from '../domain/operation-status.js';
import { OPERATION_TYPES } from '../domain/operation-type.js';
import { defineOperation } from './define.js';
import { Environment, NoInput } from './schemas.js';

/*
 * The terminal capability's share of the contract: accounts to charge, the payment form's
 * checks, submission, and follow-ups. Card fields are validated here too, so a bad number is
 * refused by every transport before core does anything with it; zod's messages never quote
 * the value.
 */

export const AccountId = z.number().int().positive();

export const AccountSummary = z.object({
  id: AccountId,
  name: z.string(),
  environment: Environment,
  currency: z.string().regex(/^[A-Z]{3}$/),
  allowCredit: z.boolean(),
  orderIdPrefix: z.string(),
  isSandbox: z.boolean(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Expected 16 to 64 letters, digits, - or _');
/** ORDERID: 1 to 40 printable characters (fact sheet 3.2). */
export const OrderId = z.string().min(1).max(40).regex(/^[\x21-\x7e][\x20-\x7e]*$/, 'Printable characters only');
export const Amount = z.number().int().min(0).max(1_000_000_000);

export const CardInput = z
  .object({
    number: z.string().regex(/^\d{12,19}$/, 'Expected 12 to 19 digits').refine(luhnValid, 'The card number is not valid'),
    /** Wire form MM-YY; core checks that it is not past, with its own clock. */
    expiry: z.string().regex(/^(0[1-9]|1[0-2])-\d{2}$/, 'Expected MM-YY'),
    cvv: z.string().regex(/^\d{3,4}$/, 'Expected 3 or 4 digits'),
    holder: z.string().trim().min(1).max(255),
    /** For a co-badged card the cardholder picks the network (EU 2015/751 art. 8). */
    network: z.enum(['cb', 'visa', 'mastercard']).optional(),
  })
  .strict();
export type CardInput = z.infer<typeof CardInput>;

export const CustomerInput = z
  .object({
    ident: z.string().trim().max(255).optional(),
    // CLIENTEMAIL is required by the gateway on card operations (fact sheet 3.3).
    email: z.email().max(255),
    name: z.string().trim().max(255).optional(),
  })
  .strict();

export const Instalment = z.object({ date: z.iso.date(), amount: z.number().int().positive() }).strict();

export const PaymentSubmission = z
  .object({
    idempotencyKey: IdempotencyKey,
    accountId: AccountId,
    operation: z.enum(['payment', 'authorization', 'credit']),
    amount: Amount,
    orderId: OrderId,
    description: z.string().trim().max(510).optional(),
    customer: CustomerInput,
    card: CardInput,
    /** Ask the gateway for an ALIAS to charge this card again later (CREATEALIAS=yes). */
    saveCard: z.boolean().default(false),
    /** Payment in instalments (AMOUNTS): the first is today; they add up to `amount`. */
    instalments: z.array(Instalment).min(2).max(12).optional(),
    /** Given when the operator chose to go on despite a possible-duplicate warning. */
    duplicateOverride: z.object({ reason: z.string().trim().min(3).max(200) }).strict().optional(),
  })
  .strict()
  .superRefine((submission, context) => {
    if (submission.amount === 0 && submission.operation !== 'authorization') {
      context.addIssue({ code: 'custom', path: ['amount'], message: 'Only an authorization (card check) may be for 0' });
    }
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
 * What the gateway's own record (notification, or a status lookup) says of an operation:
 * `awaiting` an answer's confirmation, `confirmed`, a `discrepancy` with the answer, or that
 * lookups have found nothing yet (`not_found_yet`, provisional) or for good (`not_found`).
 */
export const Confirmation = z.enum(['none', 'awaiting', 'confirmed', 'discrepancy', 'not_found_yet', 'not_found']);

export const INSTALMENT_STATES = ['charged', 'scheduled', 'failed', 'stopped'] as const;

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
     * When a capture, refund or void becomes possible (epoch ms): Dalenys refuses follow-ups
     * within 5 minutes of their reference transaction. Null when none is possible.
     */
    followUpsFrom: z.number().int().nullable(),
  }),
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
export const OperationsChanged = z
  .object({ ids: z.array(z.number().int().positive()).min(1).max(OPERATIONS_CHANGED_MAX) })
  .strict();
export type OperationsChanged = z.infer<typeof OperationsChanged>;

const OperationRef = z.object({ operationId: z.number().int().positive() }).strict();

export const terminalOperations = {
  'accounts.list': defineOperation({
    input: NoInput,
    output: z.object({ accounts: z.array(AccountSummary), activeAccountId: AccountId.nullable() }),
    role: 'viewer',
    summary: 'The gateway accounts this desk can charge, and the one selected.',
  }),
  'terminal.nextOrderId': defineOperation({
    input: z.object({ accountId: AccountId }).strict(),
    output: z.object({ orderId: OrderId }),
    role: 'operator',
    summary: 'A fresh ORDERID from the account’s prefix and counter.',
  }),
  'terminal.checkOrderId': defineOperation({
    input: z.object({ accountId: AccountId, orderId: OrderId }).strict(),
    output: z.object({ available: z.boolean() }),
    role: 'operator',
    summary: 'Whether an ORDERID is still free on this account (Dalenys does not check).',
  }),
  'terminal.findDuplicates': defineOperation({
    input: z.object({ accountId: AccountId, last4: z.string().regex(/^\d{4}$/), amount: Amount }).strict(),
    output: z.object({ windowMinutes: z.number().int(), matches: z.array(OperationView) }),
    role: 'operator',
    summary: 'Recent operations with the same last four digits and amount.',
  }),
  'payments.submit': defineOperation({
    input: PaymentSubmission,
    output: z.object({ operation: OperationView, replayed: z.boolean() }),
    role: 'operator',
    summary: 'Record the intent, send a card payment, authorization or credit, and return the outcome.',
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
    role: 'operator',
    summary: 'Capture an authorization, fully or partly.',
  }),
  'operations.refund': defineOperation({
    input: OperationRef.extend({ idempotencyKey: IdempotencyKey, amount: Amount.optional() }).strict(),
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
    role: 'operator',
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
    role: 'operator',
    summary: 'Close, on this desk only, an operation that waits for the customer (3-D Secure on a phone order).',
  }),
} as const;
