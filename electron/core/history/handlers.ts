import type { HistoryRow, historyOperations } from '../../../shared/contract/history.js';
import type { HandlerSlice } from '../dispatcher.js';
import type { Journal, Operation } from '../journal/index.js';
import type { PaymentService } from '../payments/payment-service.js';
import { toOperationFilter } from './history-filter-query.js';
import { SupersedingReads } from './superseding-reads.js';
import { toTimelineEntry } from './timeline.js';

/** What a row shows, by allow-list: never the idempotency key, nor the alias that charges the card again. */
function toHistoryRow(operation: Operation): HistoryRow {
  return {
    id: operation.id,
    accountId: operation.accountId,
    parentId: operation.parentId,
    type: operation.type,
    status: operation.status,
    amount: operation.amount,
    currency: operation.currency,
    orderId: operation.orderId,
    transactionId: operation.transactionId,
    execCode: operation.execCode,
    brand: operation.brand,
    last4: operation.last4,
    holderName: operation.holderName,
    customerIdent: operation.customerIdent,
    customerEmail: operation.customerEmail,
    customerName: operation.customerName,
    operator: operation.operator,
    createdAt: operation.createdAt,
    updatedAt: operation.updatedAt,
  };
}

export interface HistoryServices {
  readonly journal: Journal;
  readonly payments: PaymentService;
}

/**
 * The history capability's handlers (contract: `shared/contract/history.ts`). Pages and
 * totals are read by the journal's reader threads, never on core's thread once one has
 * loaded, so a search over a million operations never delays a payment or a notification.
 */
export function historyHandlers({ journal, payments }: HistoryServices): HandlerSlice<typeof historyOperations> {
  const pages = new SupersedingReads();
  const totals = new SupersedingReads();
  return {
    'history.page': async ({ filter, sort, limit, cursor, stream }) => {
      const page = await pages.run(stream, () => journal.queryOffThread({ filter: toOperationFilter(filter), sort, limit, cursor }));
      return { items: page.items.map(toHistoryRow), nextCursor: page.nextCursor };
    },
    'history.totals': async ({ filter, stream }) => {
      const found = await totals.run(stream, () => journal.totalsOffThread(toOperationFilter(filter)));
      return { count: found.count, byCurrency: [...found.byCurrency] };
    },
    'history.detail': ({ operationId }) => {
      const operation = payments.get(operationId);
      return {
        operation,
        timeline: journal.listEvents(operationId).map(toTimelineEntry),
        parent: operation.parentId === null ? null : payments.get(operation.parentId),
        followUps: journal.listFollowUps(operationId).map((child) => payments.get(child.id)),
      };
    },
  };
}
