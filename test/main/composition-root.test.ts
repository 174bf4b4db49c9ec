import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL } from '../../shared/contract/channels.js';
import { app, recorded, resetStandIn, session } from '../support/electron-stand-in.js';

async function boot(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main/index.js');
  // whenReady() resolves at once in the stand-in; let the start-up chain run to the end.
  for (let i = 0; i < 20 && !recorded.windows[0]?.loadedUrl; i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('electron/main composition root', () => {
  beforeEach(() => resetStandIn());

  it('quits at once when another instance holds the single-instance lock', async () => {
    recorded.singleInstanceLock = false;
    await boot();
    expect(recorded.quitCalls).toBe(1);
    expect(recorded.windows).toHaveLength(0);
    expect(recorded.forks).toHaveLength(0);
  });

  it('starts core in a utility process, then opens one hardened window on app://comptoir', async () => {
    await boot();
    expect(recorded.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(recorded.sandboxEnabled).toBe(true);
    expect(recorded.forks).toHaveLength(1);
    expect(recorded.forks[0]?.modulePath).toMatch(/dist[/\\]electron[/\\]core[/\\]host[/\\]utility-entry\.js$/);
    expect(recorded.forks[0]?.posted[0]).toMatchObject({ type: 'start', dataDir: '/tmp/comptoir-stand-in', version: '0.0.0-test' });
    // Core keeps real accounts' passwords with the system's keyring, and knows which backend it is.
    if (process.platform === 'linux') expect(recorded.forks[0]?.posted[0]).toMatchObject({ osVault: { backend: 'gnome_libsecret' } });
    expect(recorded.protocolHandlers.has('app')).toBe(true);

    const window = recorded.windows[0];
    expect(recorded.windows).toHaveLength(1);
    expect(window?.loadedUrl).toBe('app://comptoir/index.html');
    expect(window?.contentProtection).toBe(true);
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
    expect(String((window?.options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);

    // The window it made is hardened through web-contents-created.
    let prevented = false;
    window?.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);

    let granted: boolean | undefined;
    session.defaultSession.permissionRequest?.({}, 'media', (value) => (granted = value));
    expect(granted).toBe(false);
  });

  it('forwards core events to the window once its page has loaded, and focuses it on a second launch', async () => {
    await boot();
    const child = recorded.forks[0];
    child?.emit('message', { type: 'event', name: 'app.status', payload: { environment: 'test' } });
    expect(recorded.windows[0]?.webContents.sent).toContainEqual([IPC_EVENT_CHANNEL, 'app.status', { environment: 'test' }]);
    const focus = vi.spyOn(recorded.windows[0] as never, 'focus');
    app.emit('second-instance');
    expect(focus).toHaveBeenCalled();
  });
});
