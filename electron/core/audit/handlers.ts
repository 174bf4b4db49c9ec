import type { auditOperations } from '../../../shared/contract/audit.js';
import type { HandlerSlice } from '../dispatcher.js';
import type { Journal } from '../journal/index.js';

/** The audit capability's handlers (contract: `shared/contract/audit.ts`). */
export function auditHandlers(journal: Journal): HandlerSlice<typeof auditOperations> {
  return {
    'audit.list': (query) => ({ entries: journal.audit.list(query ?? { limit: 200 }) }),
    'audit.verify': () => journal.audit.verify(),
  };
}
