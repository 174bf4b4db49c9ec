import type { reportsOperations } from '../../../shared/contract/reports.js';
import type { HandlerSlice } from '../dispatcher.js';
import type { ReportExports } from './report-exports.js';

/** The reports capability's handlers (contract: `shared/contract/reports.ts`). */
export function reportsHandlers(exports: ReportExports): HandlerSlice<typeof reportsOperations> {
  return {
    'reports.export': (request) => exports.start(request),
    'reports.cancelExport': ({ exportId }) => ({ cancelled: exports.cancel(exportId) }),
  };
}
