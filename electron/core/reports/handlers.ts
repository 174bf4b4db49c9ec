import type { reportsOperations } from '../../../shared/contract/reports.js';
import type { HandlerSlice } from '../dispatcher.js';
import type { ReportExports } from './report-exports.js';
import type { ReportSummaries } from './report-summaries.js';

/** The reports capability's handlers (contract: `shared/contract/reports.ts`). */
export function reportsHandlers(exports: ReportExports, summaries: ReportSummaries): HandlerSlice<typeof reportsOperations> {
  return {
    'reports.summary': (request) => summaries.summary(request),
    'reports.export': (request) => exports.start(request),
    'reports.cancelExport': ({ exportId }) => ({ cancelled: exports.cancel(exportId) }),
  };
}
