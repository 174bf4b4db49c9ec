import { z } from 'zod';
import { cvvLength, detectBrand } from '../../../shared/domain/card.js';
import {
  amount,
  callbackUrl,
  cardExpiry,
  cardNumber,
  cardValidUntil,
  columns,
  countryCode,
  cvv,
  dateOfBirth,
  email,
  epochDay,
  idList,
  ipv4,
  isoDate,
  isoMonthOrDate,
  optionalEmail,
  optionalText,
  phone,
  requiredText,
  timeZone,
  utcToday,
  type Clock,
} from './fields.js';
import { M } from './messages.js';

/**
 * Typed inputs of every gateway operation (fact sheet sections 3.2 and 3.3). Field names are
 * camelCase; `wire-params.ts` maps them to the gateway's names. Rules that depend on "today"
 * (card expiry, instalment dates) read the clock at parse time, so the client can be given a
 * fixed clock in tests.
 */
const LANGUAGES = ['FR', 'EN', 'DE', 'ES', 'IT', 'NL', 'CN', 'RU', 'PT', 'CZ'] as const;
const THREE_D_SECURE_DISPLAY_MODES = ['main', 'popup', 'top', 'raw'] as const;
const THREE_D_SECURE_PREFERENCES = ['sca', 'frictionless', 'nopref', 'scamandate'] as const;
const ALIAS_MODES = ['oneclick', 'subscription'] as const;
const COMPRESSIONS = ['ZIP', 'GZIP', 'BZIP'] as const;

/** Instalment rules of DOC-INT p.29. */
const INSTALMENT_MAX_SPAN_DAYS = 90;
const MAX_INSTALMENTS = INSTALMENT_MAX_SPAN_DAYS + 1;
const MAX_LOOKUP_IDS = 500;

function buildSchemas(clock: Clock) {
  const customer = {
    orderId: requiredText(40),
    description: requiredText(510, { multiline: true }),
    clientIdent: requiredText(255),
    clientEmail: email(),
    clientIp: ipv4(),
    clientUserAgent: requiredText(255),
    clientReferrer: optionalText(255),
    clientAddress: optionalText(510, { multiline: true }),
    clientDob: dateOfBirth(clock).optional(),
    language: z.enum(LANGUAGES).optional(),
    extraData: optionalText(255, { multiline: true }),
  };

  // 20 vs 50 characters for addresses and 10 vs 32 for phones disagree between sources
  // (Q10); the newer, larger limits are used and the gateway has the last word.
  const postalAddress = z
    .strictObject({
      firstName: optionalText(15),
      lastName: optionalText(30),
      address: optionalText(50),
      postalCode: optionalText(9),
      city: optionalText(255),
      country: countryCode().optional(),
      phone: phone().optional(),
    })
    .optional();

  const extras = {
    threeDSecure: z.boolean().optional(),
    threeDSecureDisplayMode: z.enum(THREE_D_SECURE_DISPLAY_MODES).optional(),
    threeDSecurePreference: z.enum(THREE_D_SECURE_PREFERENCES).optional(),
    billing: postalAddress,
    shipping: postalAddress,
  };

  const card = z
    .strictObject({
      number: cardNumber(),
      expiry: cardExpiry(clock),
      cvv: cvv(),
      holder: requiredText(255),
    })
    .superRefine((value, ctx) => {
      const want = cvvLength(detectBrand(value.number));
      if (value.cvv.length !== want) {
        ctx.addIssue({ code: 'custom', path: ['cvv'], message: want === 4 ? M.cvvAmex : M.cvvNotAmex });
      }
    });

  const byCard = { source: z.literal('card'), card, createAlias: z.boolean().optional() };
  const byAlias = {
    source: z.literal('alias'),
    alias: requiredText(40),
    aliasMode: z.enum(ALIAS_MODES),
    /** Re-checked by the gateway when given. */
    cvv: cvv().optional(),
  };

  const instalments = z.array(z.strictObject({ date: isoDate(), amount: amount(1) })).max(MAX_INSTALMENTS);

  const paymentAmounts = { amount: amount(1).optional(), instalments: instalments.optional() };

  const Payment = z
    .discriminatedUnion('source', [
      z.strictObject({ ...byCard, ...customer, ...extras, ...paymentAmounts }),
      z.strictObject({ ...byAlias, ...customer, ...extras, ...paymentAmounts }),
    ])
    .superRefine((value, ctx) => {
      if (value.amount !== undefined && value.instalments !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['instalments'], message: M.amountOrInstalments });
        return;
      }
      if (value.amount === undefined && value.instalments === undefined) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: M.amountMissing });
        return;
      }
      if (value.instalments) {
        const validUntil = value.source === 'card' ? cardValidUntil(value.card.expiry) : null;
        for (const problem of instalmentProblems(value.instalments, clock, validUntil)) {
          ctx.addIssue({ code: 'custom', path: ['instalments'], message: problem });
        }
      }
    });

  // The SDK never sends AMOUNTS with an authorization; AMOUNT=0 only checks the card.
  const Authorization = z.discriminatedUnion('source', [
    z.strictObject({ ...byCard, ...customer, ...extras, amount: amount(0) }),
    z.strictObject({ ...byAlias, ...customer, ...extras, amount: amount(0) }),
  ]);

  // Pays out to a card: no 3-D Secure (REZZZA strips it from everything but payment and
  // authorization), no alias.
  const Credit = z.strictObject({ card, ...customer, billing: postalAddress, shipping: postalAddress, amount: amount(1) });

  const followUp = {
    transactionId: requiredText(32),
    orderId: requiredText(40),
    description: requiredText(510, { multiline: true }),
    /** Partial capture/refund/void; the whole amount when absent. */
    amount: amount(1).optional(),
    extraData: optionalText(255, { multiline: true }),
  };
  const Capture = z.strictObject(followUp);
  const Refund = z.strictObject(followUp);
  const Void = z.strictObject(followUp);

  const StopNTimes = z.strictObject({ scheduleId: requiredText(255) });

  const delivery = {
    mailTo: optionalEmail(),
    callbackUrl: callbackUrl(),
  };
  const reportShape = {
    ...delivery,
    compression: z.enum(COMPRESSIONS).default('GZIP'),
    columns: columns().optional(),
    timeZone: timeZone().optional(),
  };

  const GetTransactions = z
    .strictObject({
      transactionIds: idList(32, MAX_LOOKUP_IDS).optional(),
      orderIds: idList(40, MAX_LOOKUP_IDS).optional(),
      ...delivery,
      compression: z.enum(COMPRESSIONS).optional(),
      columns: columns().optional(),
      timeZone: timeZone().optional(),
    })
    .superRefine((value, ctx) => {
      if (value.transactionIds && value.orderIds) {
        ctx.addIssue({ code: 'custom', path: ['orderIds'], message: M.oneIdKind });
      } else if (!value.transactionIds && !value.orderIds) {
        ctx.addIssue({ code: 'custom', path: ['transactionIds'], message: M.idKindMissing });
      }
      const hasMail = Boolean(value.mailTo);
      const hasCallback = Boolean(value.callbackUrl);
      if (hasMail && hasCallback) ctx.addIssue({ code: 'custom', path: ['callbackUrl'], message: M.deliveryExclusive });
      if (value.compression !== undefined && !hasMail && !hasCallback) {
        ctx.addIssue({ code: 'custom', path: ['compression'], message: M.compressionWithoutDelivery });
      }
    });

  const ExportTransactions = z
    .strictObject({
      date: isoMonthOrDate().optional(),
      startDate: isoDate().optional(),
      endDate: isoDate().optional(),
      ...reportShape,
    })
    .superRefine((value, ctx) => {
      const ranged = value.startDate !== undefined || value.endDate !== undefined;
      if (value.date !== undefined && ranged) {
        ctx.addIssue({ code: 'custom', path: ['date'], message: M.periodExclusive });
      } else if (value.date === undefined && !ranged) {
        ctx.addIssue({ code: 'custom', path: ['date'], message: M.periodMissing });
      } else if (ranged && (value.startDate === undefined || value.endDate === undefined)) {
        ctx.addIssue({ code: 'custom', path: [value.startDate === undefined ? 'startDate' : 'endDate'], message: M.periodIncomplete });
      } else if (value.startDate !== undefined && value.endDate !== undefined && value.startDate > value.endDate) {
        ctx.addIssue({ code: 'custom', path: ['endDate'], message: M.periodOrder });
      }
      deliveryProblem(value, ctx);
    });

  const ExportChargebacks = ExportTransactions;

  // DATE excludes STARTDATE/ENDDATE for reconciliation, and the SDK says ranges are refused.
  const ExportReconciliation = z.strictObject({ date: isoMonthOrDate(), scope: optionalText(64), ...reportShape }).superRefine(deliveryProblem);

  const ExportReconciledTransactions = z.strictObject({ date: isoDate(), ...reportShape }).superRefine(deliveryProblem);

  return {
    Payment,
    Authorization,
    Credit,
    Capture,
    Refund,
    Void,
    StopNTimes,
    GetTransactions,
    ExportTransactions,
    ExportChargebacks,
    ExportReconciliation,
    ExportReconciledTransactions,
  };
}

function deliveryProblem(value: { mailTo?: string | undefined; callbackUrl?: string | undefined }, ctx: z.RefinementCtx): void {
  const hasMail = Boolean(value.mailTo);
  const hasCallback = Boolean(value.callbackUrl);
  if (hasMail && hasCallback) ctx.addIssue({ code: 'custom', path: ['callbackUrl'], message: M.deliveryExclusive });
  else if (!hasMail && !hasCallback) ctx.addIssue({ code: 'custom', path: ['mailTo'], message: M.deliveryMissing });
}

/** Every broken instalment rule, as English messages (registered with their French). */
function instalmentProblems(instalments: ReadonlyArray<{ date: string }>, clock: Clock, cardValidUntilMs: number | null): string[] {
  if (instalments.length < 2) return [M.instalmentsCount];
  const days = instalments.map((entry) => epochDay(entry.date) ?? Number.NaN);
  if (days.some(Number.isNaN)) return [];
  const problems: string[] = [];
  if (new Set(days).size !== days.length) problems.push(M.instalmentsDuplicate);
  const first = Math.min(...days);
  const last = Math.max(...days);
  if (first !== utcToday(clock)) problems.push(M.instalmentsFirstToday);
  if (last - first > INSTALMENT_MAX_SPAN_DAYS) problems.push(M.instalmentsSpan);
  if (cardValidUntilMs !== null && (last + 1) * 86_400_000 > cardValidUntilMs) problems.push(M.instalmentsAfterExpiry);
  return problems;
}

export type GatewaySchemas = ReturnType<typeof buildSchemas>;

/** Schemas bound to a clock (tests, or a client given `now`). */
export function createGatewaySchemas(clock: Clock = Date.now): GatewaySchemas {
  return buildSchemas(clock);
}

const defaults = buildSchemas(() => Date.now());

export const PaymentInput = defaults.Payment;
export type PaymentInput = z.input<typeof PaymentInput>;
export const AuthorizationInput = defaults.Authorization;
export type AuthorizationInput = z.input<typeof AuthorizationInput>;
export const CreditInput = defaults.Credit;
export type CreditInput = z.input<typeof CreditInput>;
export const CaptureInput = defaults.Capture;
export type CaptureInput = z.input<typeof CaptureInput>;
export const RefundInput = defaults.Refund;
export type RefundInput = z.input<typeof RefundInput>;
export const VoidInput = defaults.Void;
export type VoidInput = z.input<typeof VoidInput>;
export const StopNTimesInput = defaults.StopNTimes;
export type StopNTimesInput = z.input<typeof StopNTimesInput>;
export const GetTransactionsInput = defaults.GetTransactions;
export type GetTransactionsInput = z.input<typeof GetTransactionsInput>;
export const ExportTransactionsInput = defaults.ExportTransactions;
export type ExportTransactionsInput = z.input<typeof ExportTransactionsInput>;
export const ExportChargebacksInput = defaults.ExportChargebacks;
export type ExportChargebacksInput = z.input<typeof ExportChargebacksInput>;
export const ExportReconciliationInput = defaults.ExportReconciliation;
export type ExportReconciliationInput = z.input<typeof ExportReconciliationInput>;
export const ExportReconciledTransactionsInput = defaults.ExportReconciledTransactions;
export type ExportReconciledTransactionsInput = z.input<typeof ExportReconciledTransactionsInput>;

export type ParsedPayment = z.output<GatewaySchemas['Payment']>;
export type ParsedAuthorization = z.output<GatewaySchemas['Authorization']>;
export type ParsedCredit = z.output<GatewaySchemas['Credit']>;
export type ParsedFollowUp = z.output<GatewaySchemas['Capture']>;
export type ParsedStopNTimes = z.output<GatewaySchemas['StopNTimes']>;
export type ParsedGetTransactions = z.output<GatewaySchemas['GetTransactions']>;
export type ParsedExportTransactions = z.output<GatewaySchemas['ExportTransactions']>;
export type ParsedExportReconciliation = z.output<GatewaySchemas['ExportReconciliation']>;
export type ParsedExportReconciledTransactions = z.output<GatewaySchemas['ExportReconciledTransactions']>;
