import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE_CHANNEL, isOperationName } from '../../shared/contract/channels.js';
import type { CoreLink } from '../../shared/contract/core-link.js';
import { operations } from '../../shared/contract/operations.js';
import { fail, type Result } from '../../shared/contract/result.js';
import { CORE_ERRORS } from '../../shared/errors/core.js';
import { issuesOf } from '../core/dispatcher.js';
import { isAppUrl } from './app-origin.js';

/**
 * Only our own page, in the window's main frame, may call core. An injected iframe or a page
 * that somehow navigated elsewhere is refused before anything is parsed.
 */
export function senderAllowed(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}

/** The session name of a window's web contents: main knows which window called, the page cannot say. */
function windowSession(webContentsId: number): string {
  return `window:${webContentsId}`;
}

/**
 * The ipcMain side of the Electron transport: sender check, contract parse, then core (which
 * parses again: it never trusts its transport), and the envelope back.
 */
export function registerIpcAdapter(ipcMain: Pick<IpcMain, 'handle'>, linkFor: (session: string) => CoreLink): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown): Promise<Result<unknown>> => {
    if (!senderAllowed(event)) return fail('FORBIDDEN', CORE_ERRORS.FORBIDDEN.en);
    if (!isOperationName(channel)) return fail('UNKNOWN_OPERATION', CORE_ERRORS.UNKNOWN_OPERATION.en);
    const parsed = operations[channel].input.safeParse(payload);
    if (!parsed.success) return fail('INVALID_INPUT', CORE_ERRORS.INVALID_INPUT.en, issuesOf(parsed.error));
    // Each window is a desk of its own: who is signed in there is core's to know, by this name.
    return linkFor(windowSession(event.sender.id)).invoke(channel, payload);
  });
}
