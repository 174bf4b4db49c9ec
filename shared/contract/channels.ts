/**
 * The names alone, with no schema: the sandboxed preload bundles only this file, and the
 * contract (`operations.ts`, `events.ts`) is checked against it by the compiler.
 */
export const OPERATION_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'accounts.list',
  'terminal.nextOrderId',
  'terminal.checkOrderId',
  'terminal.findDuplicates',
  'payments.submit',
  'payments.rebill',
  'accounts.setLargeAmountThreshold',
  'accounts.add',
  'accounts.update',
  'accounts.setPassword',
  'accounts.setDisabled',
  'accounts.remove',
  'accounts.testConnection',
  'accounts.vaultStatus',
  'accounts.setUpVault',
  'accounts.unlockVault',
  'accounts.consentPlainTextVault',
  'operations.get',
  'operations.capture',
  'operations.refund',
  'operations.void',
  'operations.checkStatus',
  'operations.stopInstalments',
  'operations.abandon',
  'history.page',
  'history.totals',
  'history.detail',
  'reports.summary',
  'reports.export',
  'reports.cancelExport',
  'reconciliation.files',
  'reconciliation.request',
  'reconciliation.import',
  'reconciliation.list',
  'reconciliation.exceptions',
  'reconciliation.act',
  'session.get',
  'session.signIn',
  'session.signOut',
  'session.lock',
  'operators.list',
  'operators.create',
  'operators.update',
  'approvals.ceilings',
  'approvals.setCeiling',
  'audit.list',
  'audit.verify',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

export const EVENT_NAMES = ['app.status', 'operation.updated', 'operations.changed', 'reports.exportProgress'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** IPC channel names used by the preload and the ipcMain adapter. */
export const IPC_INVOKE_CHANNEL = 'comptoir:invoke';
export const IPC_EVENT_CHANNEL = 'comptoir:event';

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && (OPERATION_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
