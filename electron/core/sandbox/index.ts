/**
 * Public API of the built-in Dalenys sandbox (see README.md in this folder).
 */
export { startSandbox, Sandbox } from './sandbox.js';
export type { SandboxOptions } from './options.js';
export { createManualClock, type ManualClock } from './sandbox-clock.js';
export { readExportFile } from './exports/read-export-file.js';
export type { RequestRecord } from './types.js';
