import type { HistoryFilter } from '../../../shared/contract/history-filter.js';
import { CoreError } from '../errors.js';
import { toOperationFilter } from '../history/history-filter-query.js';
import type { OperationFilter } from '../journal/query-types.js';

/**
 * The screen's filter as an export's query: History's own reading of it (one rule for what a
 * filter matches, so an export holds what History shows), except the gateway's confirmation,
 * which the export's single read does not apply yet: an export refuses it rather than ignore it.
 */
export function operationFilterOf(filter: HistoryFilter): OperationFilter {
  if (filter.confirmations !== undefined && filter.confirmations.length > 0) throw new CoreError('REPORT_FILTER_UNSUPPORTED');
  return toOperationFilter(filter);
}
