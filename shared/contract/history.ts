import { z } from 'zod';
import { defineOperation } from './define.js';
import { HistoryFilter } from './history-filter.js';
import { OperationView } from './terminal.js';

/*
 * The history capability's share of the contract: pages of the journal under a filter, its
 * count and totals per currency, and one operation's detail (timeline, parent, follow-ups).
 * Reads only: follow-ups from the detail view are the terminal's own operations.
 */

/** A list row: the operation as the journal keeps it; what it allows is in its detail. */
export const HistoryRow = OperationView.pick({
  id: true,
  accountId: true,
  parentId: true,
  type: true,
  status: true,
  amount: true,
  currency: true,
  orderId: true,
  transactionId: true,
  execCode: true,
  brand: true,
  last4: true,
  holderName: true,
  customerIdent: true,
  customerEmail: true,
  customerName: true,
  operator: true,
  createdAt: true,
  updatedAt: true,
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const HistorySort = z.object({ by: z.enum(['date', 'amount']), direction: z.enum(['asc', 'desc']) }).strict();
export type HistorySort = z.infer<typeof HistorySort>;

/**
 * Names the screen's stream of reads: a newer read on the same stream cancels the one still
 * running (the operator typed on), so a superseded search stops costing a reader thread.
 */
const Stream = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional();

const HISTORY_PAGE_MAX = 200;

const Totals = z.object({
  count: z.number().int().nonnegative(),
  byCurrency: z.array(z.object({ currency: z.string(), count: z.number().int().nonnegative(), amount: z.number().int() })),
});
export type HistoryTotals = z.infer<typeof Totals>;

/** One line of an operation's timeline; `detail` holds the event's recorded fields (never card data). */
export const TimelineEntry = z.object({
  id: z.number().int(),
  kind: z.enum(['intent_recorded', 'request_sent', 'response', 'notification', 'status_lookup', 'interrupted', 'operator_action', 'discrepancy']),
  at: z.number().int(),
  execCode: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const OperationDetail = z.object({
  operation: OperationView,
  timeline: z.array(TimelineEntry),
  parent: OperationView.nullable(),
  followUps: z.array(OperationView),
});
export type OperationDetail = z.infer<typeof OperationDetail>;

export const historyOperations = {
  'history.page': defineOperation({
    input: z
      .object({
        filter: HistoryFilter,
        sort: HistorySort.default({ by: 'date', direction: 'desc' }),
        limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
        cursor: z.string().max(512).nullable().default(null),
        stream: Stream,
      })
      .strict(),
    output: z.object({ items: z.array(HistoryRow), nextCursor: z.string().nullable() }),
    role: 'viewer',
    summary: 'One page of the journal under a filter, newest first or by amount, read off the core thread.',
  }),
  'history.totals': defineOperation({
    input: z.object({ filter: HistoryFilter, stream: Stream }).strict(),
    output: Totals,
    role: 'viewer',
    summary: 'How many operations a filter matches, and their totals per currency.',
  }),
  'history.detail': defineOperation({
    input: z.object({ operationId: z.number().int().positive() }).strict(),
    output: OperationDetail,
    role: 'viewer',
    summary: 'One operation with its timeline, its parent and its follow-ups.',
  }),
} as const;
