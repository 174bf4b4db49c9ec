import { beforeEach, describe, expect, it } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../shared/contract/channels.js';
import type { CoreLink } from '../../shared/contract/core-link.js';
import { ok } from '../../shared/contract/result.js';
import { registerIpcAdapter, senderAllowed } from '../../electron/main/ipc-adapter.js';
import { invokeEvent, ipcMain, resetStandIn } from '../support/electron-stand-in.js';

function recordingLink() {
  const calls: unknown[][] = [];
  const link: CoreLink = {
    invoke: async (channel, payload) => {
      calls.push([channel, payload]);
      return ok('from core');
    },
    subscribe: () => () => undefined,
  };
  return { link, calls };
}

async function call(event: ReturnType<typeof invokeEvent>, channel: unknown, payload?: unknown) {
  let handler: ((event: unknown, ...args: unknown[]) => unknown) | undefined;
  const spy = { handle: (name: string, fn: typeof handler) => name === IPC_INVOKE_CHANNEL && (handler = fn) };
  const { link, calls } = recordingLink();
  const sessions: string[] = [];
  registerIpcAdapter(spy as never, (session) => (sessions.push(session), link));
  return { result: await handler?.(event, channel, payload), calls, sessions };
}

describe('ipcMain adapter', () => {
  beforeEach(() => resetStandIn());

  it('accepts only the app:// main frame as sender', () => {
    expect(senderAllowed(invokeEvent('app://comptoir/index.html') as never)).toBe(true);
    expect(senderAllowed(invokeEvent('https://evil.example/') as never)).toBe(false);
    expect(senderAllowed(invokeEvent('file:///index.html') as never)).toBe(false);
    expect(senderAllowed(invokeEvent('app://comptoir/index.html', false) as never)).toBe(false);
    expect(senderAllowed({ senderFrame: null, sender: { mainFrame: null } } as never)).toBe(false);
  });

  it('refuses a foreign sender before core sees anything', async () => {
    const { result, calls } = await call(invokeEvent('https://evil.example/'), 'settings.get');
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
  });

  it('refuses unknown channels and malformed payloads without reaching core', async () => {
    const unknown = await call(invokeEvent(), 'app.explode', {});
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    const malformed = await call(invokeEvent(), 'settings.update', { locale: 42 });
    expect(malformed.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'locale' }] } });
    expect([...unknown.calls, ...malformed.calls]).toEqual([]);
  });

  it('passes a valid call to core with the payload as sent', async () => {
    const event = invokeEvent();
    const { result, calls, sessions } = await call(event, 'settings.update', { locale: 'fr' });
    expect(result).toEqual({ ok: true, value: 'from core' });
    expect(calls).toEqual([['settings.update', { locale: 'fr' }]]);
    // Core runs it as whoever is signed in on the window that sent it, named by main.
    expect(sessions).toEqual([`window:${(event as { sender: { id: number } }).sender.id}`]);
  });

  it('registers exactly one invoke channel', () => {
    const { link } = recordingLink();
    registerIpcAdapter(ipcMain as never, () => link);
    expect(() => registerIpcAdapter(ipcMain as never, () => link)).toThrow(/second handler/);
  });
});
