import type { appOperations } from '../../../shared/contract/app.js';
import type { Environment } from '../../../shared/contract/schemas.js';
import type { HandlerSlice } from '../dispatcher.js';
import { appInfo, type RuntimeFacts } from './app-info.js';

/** The app capability's handlers (contract: `shared/contract/app.ts`). */
export function appHandlers(facts: RuntimeFacts, environment: Environment): HandlerSlice<typeof appOperations> {
  return {
    'app.info': (_input, ctx) => appInfo(facts, environment, ctx),
  };
}
