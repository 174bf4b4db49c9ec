import { z } from 'zod';
import { defineOperation } from './define.js';
import { NoInput } from './schemas.js';

/** The reconciliation capability's share of the contract: Dalenys' files against the journal. */

const Minor = z.number().int();

const Payout = z.object({
  currency: z.string(),
  gross: Minor,
  refunds: Minor,
  fees: Minor,
  chargebacks: Minor,
  /** gross − refunds − fees − chargebacks. */
  payout: Minor,
  journalNet: Minor,
  /** What the exceptions account for; 0 when the file and Comptoir agree. */
  gap: Minor,
});

const ReconciliationSummary = z.object({
  lines: z.number().int(),
  matched: z.number().int(),
  amountDiffers: z.number().int(),
  statusDiffers: z.number().int(),
  missingInComptoir: z.number().int(),
  missingAtDalenys: z.number().int(),
  payouts: z.array(Payout),
});

const ReconciliationImport = z.object({
  importId: z.number().int(),
  fileName: z.string(),
  layout: z.enum(['cents', 'decimal']),
  importedAt: z.number().int(),
  operator: z.string().nullable(),
  summary: ReconciliationSummary,
});

export const ReconciliationException = z.object({
  id: z.number().int(),
  importId: z.number().int(),
  kind: z.enum(['amount_differs', 'status_differs', 'missing_in_comptoir', 'missing_at_dalenys']),
  operationId: z.number().int().nullable(),
  transactionId: z.string().nullable(),
  orderId: z.string().nullable(),
  currency: z.string(),
  fileAmount: Minor.nullable(),
  journalAmount: Minor.nullable(),
  /** The file's EXECCODE. */
  fileStatus: z.string().nullable(),
  journalStatus: z.string().nullable(),
  state: z.enum(['open', 'acknowledged', 'resolved', 'accepted']),
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: z.number().int().nullable(),
});
export type ReconciliationException = z.infer<typeof ReconciliationException>;

const ImportId = z.number().int().positive();

export const reconciliationOperations = {
  'reconciliation.files': defineOperation({
    input: NoInput,
    output: z.object({ files: z.array(z.string()) }),
    role: 'supervisor',
    summary: 'The export files Dalenys posted to the listener, newest first.',
  }),
  'reconciliation.request': defineOperation({
    input: z
      .object({
        accountId: z.number().int().positive(),
        /** A day `YYYY-MM-DD` or a month `YYYY-MM` (fact sheet section 8), in UTC. */
        date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
      })
      .strict(),
    output: z.object({ requested: z.literal(true) }),
    role: 'supervisor',
    summary: 'Ask Dalenys for the transactions export of a day or month; the file arrives on the listener.',
  }),
  'reconciliation.import': defineOperation({
    input: z.object({ fileName: z.string().min(1).max(200) }).strict(),
    output: z.object({ import: ReconciliationImport, alreadyImported: z.boolean(), exceptions: z.array(ReconciliationException) }),
    role: 'supervisor',
    summary: 'Reconcile a received file against the journal; the same file again changes nothing.',
  }),
  'reconciliation.list': defineOperation({
    input: NoInput,
    output: z.object({ imports: z.array(ReconciliationImport) }),
    role: 'supervisor',
    summary: 'The latest reconciliation imports, newest first.',
  }),
  'reconciliation.exceptions': defineOperation({
    input: z.object({ importId: ImportId }).strict(),
    output: z.object({ exceptions: z.array(ReconciliationException) }),
    role: 'supervisor',
    summary: 'The exceptions an import found, with their state.',
  }),
  'reconciliation.act': defineOperation({
    input: z
      .object({
        exceptionId: z.number().int().positive(),
        action: z.enum(['acknowledged', 'resolved', 'accepted']),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
    output: ReconciliationException,
    role: 'supervisor',
    summary: 'Acknowledge an exception, then resolve or accept it with a note; recorded with the operator.',
  }),
} as const;
