import { z } from 'zod';
import { defineOperation } from './define.js';
import { HistoryFilter } from './history-filter.js';
import { TimeZone } from './schemas.js';

/** The reports capability's share of the contract: exports of any history filter. */

const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportRequest = z
  .object({
    filter: HistoryFilter,
    format: ExportFormat,
    /** Every date of the file is written in this zone, which its header and name state. */
    timeZone: TimeZone,
    /** CSV only. */
    delimiter: z.enum([',', ';']).optional(),
    /** CSV only: a UTF-8 byte-order mark, for Excel. */
    bom: z.boolean().optional(),
    /** What the file holds, in words (the period, the account); shown on its first page or sheet. */
    title: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type ExportRequest = z.infer<typeof ExportRequest>;

const ExportId = z.string().regex(/^[a-z0-9]{12}$/);

export const ExportProgress = z.object({
  exportId: ExportId,
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The file's name in the data folder's `reports/` (it exists once `done`). */
  fileName: z.string(),
  /** A catalog code when it failed or was cancelled. */
  code: z.string().nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

const SummaryRow = z.object({ key: z.string().nullable(), currency: z.string(), count: z.number().int(), amount: z.number().int() });

const ReportSummaryRequest = z
  .object({
    /** created_at >= from, < to (UTC ms): the screen cuts the days in the operator's zone. */
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    timeZone: TimeZone,
    accountIds: z.array(z.number().int().positive()).max(100).optional(),
  })
  .strict()
  .refine((request) => request.from < request.to, { path: ['to'], message: 'The end must come after the start' });

export const ReportSummary = z.object({
  byCurrency: z.array(SummaryRow),
  byStatus: z.array(SummaryRow),
  byType: z.array(SummaryRow),
  byBrand: z.array(SummaryRow),
  byOperator: z.array(SummaryRow),
  byDay: z.array(SummaryRow),
  /** Succeeded of those the gateway decided (succeeded, declined, error); null when none. */
  approvalRate: z.number().min(0).max(1).nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const reportsOperations = {
  'reports.summary': defineOperation({
    input: ReportSummaryRequest,
    output: ReportSummary,
    role: 'supervisor',
    summary: 'Totals of a period by currency, status, type, brand, operator and day, and the approval rate.',
  }),
  'reports.export': defineOperation({
    input: ExportRequest,
    output: z.object({ exportId: ExportId, fileName: z.string() }),
    role: 'supervisor',
    summary: 'Start an export of the operations a history filter selects; progress comes as reports.exportProgress events.',
  }),
  'reports.cancelExport': defineOperation({
    input: z.object({ exportId: ExportId }).strict(),
    output: z.object({ cancelled: z.boolean() }),
    role: 'supervisor',
    summary: 'Stop an export under way; it leaves no file.',
  }),
} as const;
