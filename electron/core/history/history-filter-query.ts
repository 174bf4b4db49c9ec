import type { HistoryFilter } from '../../../shared/contract/history-filter.js';
import type { OperationFilter } from '../journal/index.js';

/**
 * The screen's filter as the journal reads it. One difference only: the screen has one
 * "customer" box, which is an e-mail when it holds an `@`, and otherwise words of the
 * customer's name (the free-text box already finds a customer ident).
 */
export function toOperationFilter(filter: HistoryFilter): OperationFilter {
  const { customer, ...rest } = filter;
  if (customer === undefined) return rest;
  return customer.includes('@') ? { ...rest, customerEmail: customer } : { ...rest, customerName: customer };
}
