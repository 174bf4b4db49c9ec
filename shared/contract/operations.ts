import type { z } from 'zod';
import type { OperationName } from './channels.js';
import { defineOperation, type OperationSpec } from './define.js';
import { AppInfo, NoInput, Settings, SettingsPatch } from './schemas.js';
import { terminalOperations } from './terminal.js';

/** Every operation the renderer can ask of core, declared once. */
export const operations = {
  'app.info': defineOperation({
    input: NoInput,
    output: AppInfo,
    role: 'viewer',
    summary: 'Version, data folder, environment and transport of the running app.',
  }),
  'settings.get': defineOperation({
    input: NoInput,
    output: Settings,
    role: 'viewer',
    summary: 'The profile settings.',
  }),
  'settings.update': defineOperation({
    input: SettingsPatch,
    output: Settings,
    role: 'admin',
    summary: 'Change some settings; returns the settings as saved.',
  }),
  ...terminalOperations,
} as const satisfies Record<OperationName, OperationSpec>;

export type Operations = typeof operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;
