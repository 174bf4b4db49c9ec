import type { EventName, OperationName } from './channels.js';
import type { Result } from './result.js';

/**
 * What the preload exposes as `window.comptoir`: one named function per operation and one
 * subscriber per event, nothing else (no raw ipcRenderer, no generic send).
 */
export interface ComptoirBridge {
  readonly operations: Readonly<Record<OperationName, (input?: unknown) => Promise<Result<unknown>>>>;
  readonly events: Readonly<Record<EventName, (listener: (payload: unknown) => void) => () => void>>;
}

export const BRIDGE_GLOBAL = 'comptoir';
