import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, utilityProcess } from 'electron';
import { join } from 'node:path';
import { IPC_EVENT_CHANNEL } from '../../shared/contract/channels.js';
import { packageRoot } from '../core/host/package-root.js';
import { registerAppProtocol, registerAppScheme } from './app-protocol.js';
import { APP_ENTRY_URL } from './app-origin.js';
import { utilityProcessLink } from './core-process.js';
import { answerSafeStorage } from './safe-storage-relay.js';
import { denyAllPermissions, hardenApp } from './hardening.js';
import { registerIpcAdapter } from './ipc-adapter.js';
import { mainWindowOptions } from './window.js';

/*
 * The composition root: the only module that wires Electron to core. Core itself runs in a
 * utility process so that nothing it does (SQLite, signing, the listener) can freeze the UI.
 */
const root = packageRoot();
const distDir = join(root, 'dist');

// The data folder (userData) is owner-only: Chromium's own files there too, not only core's.
process.umask(0o077);

registerAppScheme(protocol);
hardenApp(app);

if (!app.requestSingleInstanceLock()) {
  // Two instances on one journal would race on the write-ahead intents: the second one quits.
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    registerAppProtocol(session.defaultSession.protocol, join(distDir, 'renderer'));

    const child = utilityProcess.fork(join(distDir, 'electron', 'core', 'host', 'utility-entry.js'), [], {
      serviceName: 'Comptoir core',
    });
    const link = utilityProcessLink(child);
    answerSafeStorage(child, safeStorage);
    // The backend is known once the asynchronous encryptor has started; on Linux it may be basic_text.
    await safeStorage.isAsyncEncryptionAvailable();
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform;
    child.postMessage({
      type: 'start',
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      electronVersion: process.versions.electron ?? null,
      osVault: { backend },
    });
    registerIpcAdapter(ipcMain, (session) => link.forSession(session));
    await link.ready;

    mainWindow = new BrowserWindow(mainWindowOptions(join(distDir, 'electron', 'preload', 'index.cjs'), !app.isPackaged));
    // Card numbers are on this window: keep it out of screenshots and screen sharing.
    mainWindow.setContentProtection(true);
    const window = mainWindow;
    // (Re)subscribe once the page and its preload exist, so the replayed latest state lands.
    let unsubscribe: (() => void) | undefined;
    window.webContents.on('did-finish-load', () => {
      unsubscribe?.();
      unsubscribe = link.subscribe((name, payload) => {
        if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
      });
    });
    window.on('closed', () => unsubscribe?.());
    window.once('ready-to-show', () => window.show());
    await window.loadURL(APP_ENTRY_URL);
  });
}
