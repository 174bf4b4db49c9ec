import type { z } from 'zod';
import { accountsOperations } from './accounts.js';
import { appOperations } from './app.js';
import { auditOperations } from './audit.js';
import { OPERATION_NAMES, type OperationName } from './channels.js';
import { composeSlices, type OperationSpec } from './define.js';
import { historyOperations } from './history.js';
import { reconciliationOperations } from './reconciliation.js';
import { reportsOperations } from './reports.js';
import { operatorsOperations } from './operators.js';
import { settingsOperations } from './settings.js';
import { terminalOperations } from './terminal.js';

/**
 * Every operation the renderer can ask of core, declared once, in its capability's slice
 * (`shared/contract/<capability>.ts`); core handles each in the slice of the same name
 * (`electron/core/<capability>/handlers.ts`). The compiler checks that the slices hold every
 * name in `channels.ts` exactly once.
 */
export const operations = composeSlices(OPERATION_NAMES)(
  appOperations,
  settingsOperations,
  accountsOperations,
  terminalOperations,
  historyOperations,
  reportsOperations,
  reconciliationOperations,
  operatorsOperations,
  auditOperations,
) satisfies Record<OperationName, OperationSpec>;

export type Operations = typeof operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;
