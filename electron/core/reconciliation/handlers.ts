import type { reconciliationOperations } from '../../../shared/contract/reconciliation.js';
import type { HandlerSlice } from '../dispatcher.js';
import type { ReconciliationService } from './reconciliation-service.js';

/** The reconciliation capability's handlers (contract: `shared/contract/reconciliation.ts`). */
export function reconciliationHandlers(service: ReconciliationService): HandlerSlice<typeof reconciliationOperations> {
  return {
    'reconciliation.files': async () => ({ files: await service.receivedFiles() }),
    'reconciliation.request': async ({ accountId, date }) => {
      await service.requestExport(accountId, date);
      return { requested: true as const };
    },
    'reconciliation.import': async ({ fileName }, ctx) => {
      const result = await service.importReceived(fileName, ctx.operator);
      const listed = service.imports().find((entry) => entry.importId === result.importId);
      return {
        import: listed ?? {
          importId: result.importId,
          fileName,
          layout: result.layout,
          importedAt: result.importedAt,
          operator: ctx.operator,
          summary: result.summary,
        },
        alreadyImported: result.alreadyImported,
        exceptions: [...result.exceptions],
      };
    },
    'reconciliation.list': () => ({ imports: service.imports() }),
    'reconciliation.exceptions': ({ importId }) => ({ exceptions: service.exceptions(importId) }),
    // No operator on this desk yet (issue 17): the action is recorded as the desk's, as payments are.
    'reconciliation.act': ({ exceptionId, action, note }, ctx) => service.act(exceptionId, action, ctx.operator ?? 'desk', note ?? null),
  };
}
