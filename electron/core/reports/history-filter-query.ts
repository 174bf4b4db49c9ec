import type { HistoryFilter } from '../../../shared/contract/history-filter.js';
import { CoreError } from '../errors.js';
import type { OperationFilter } from '../journal/query-types.js';

/**
 * The screen's filter as the journal's query. `customer` (ident, e-mail or name) joins the free
 * text, which already searches all three. The gateway's confirmation is derived from events,
 * which the journal's query cannot filter on yet: an export refuses it rather than ignore it.
 */
export function operationFilterOf(filter: HistoryFilter): OperationFilter {
  if (filter.confirmations !== undefined && filter.confirmations.length > 0) throw new CoreError('REPORT_FILTER_UNSUPPORTED');
  const { confirmations: _confirmations, customer, text, ...rest } = filter;
  const words = [text, customer].filter((part): part is string => part !== undefined).join(' ');
  return { ...rest, ...(words === '' ? {} : { text: words }) };
}
