import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';

/**
 * A thin stand-in for the `electron` module (no Electron binary runs here). It records what
 * main-process code asks of Electron, and routes ipcRenderer.invoke to ipcMain.handle the
 * way Electron does, with a sender frame whose URL the test chooses. It decides nothing:
 * every assertion is about what our code did with it.
 */
type Handler = (event: unknown, ...args: unknown[]) => unknown;

// Kept on globalThis so that a module reset (to re-run the preload) still sees one Electron.
const shared = ((globalThis as Record<string, unknown>).__electronStandIn ??= {
  recorded: {
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    windows: [] as FakeBrowserWindow[],
    forks: [] as FakeUtilityProcess[],
    exposed: new Map<string, unknown>(),
    singleInstanceLock: true,
    quitCalls: 0,
    sandboxEnabled: false,
  },
  frame: { url: 'app://comptoir/index.html' },
  mainHandlers: new Map<string, Handler>(),
  rendererListeners: new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>(),
  app: undefined as unknown,
  session: undefined as unknown,
}) as {
  recorded: {
    schemes: unknown[];
    protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
    windows: FakeBrowserWindow[];
    forks: FakeUtilityProcess[];
    exposed: Map<string, unknown>;
    singleInstanceLock: boolean;
    quitCalls: number;
    sandboxEnabled: boolean;
  };
  frame: { url: string };
  mainHandlers: Map<string, Handler>;
  rendererListeners: Map<string, Set<(event: unknown, ...args: unknown[]) => void>>;
  app: unknown;
  session: unknown;
};

export const recorded = shared.recorded;
export const frame = shared.frame;
const mainHandlers = shared.mainHandlers;
const rendererListeners = shared.rendererListeners;

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = {
    get url() {
      return frame.url;
    },
  };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: unknown[][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
    for (const listener of rendererListeners.get(channel) ?? []) listener({}, ...args);
  }
}

export class FakeSession {
  permissionRequest: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheck: ((...args: unknown[]) => boolean) | undefined;
  devicePermission: ((...args: unknown[]) => boolean) | undefined;
  displayMedia: ((request: unknown, callback: (streams: object) => void) => void) | undefined;
  readonly protocol = {
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => recorded.protocolHandlers.set(scheme, handler),
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']) {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']) {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermission']) {
    this.devicePermission = handler;
  }
  setDisplayMediaRequestHandler(handler: FakeSession['displayMedia']) {
    this.displayMedia = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  contentProtection = false;
  loadedUrl: string | undefined;
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  setContentProtection(on: boolean) {
    this.contentProtection = on;
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.emit('did-finish-load');
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
}

export class FakeUtilityProcess extends EventEmitter {
  readonly posted: unknown[] = [];
  constructor(
    readonly modulePath: string,
    readonly options: unknown,
  ) {
    super();
    recorded.forks.push(this);
  }
  postMessage(message: { type: string }) {
    this.posted.push(message);
    if (message.type === 'start') queueMicrotask(() => this.emit('message', { type: 'ready' }));
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  getVersion() {
    return '0.0.0-test';
  }
  getPath(_name: string) {
    return '/tmp/comptoir-stand-in';
  }
  enableSandbox() {
    recorded.sandboxEnabled = true;
  }
  requestSingleInstanceLock() {
    return recorded.singleInstanceLock;
  }
  quit() {
    recorded.quitCalls++;
  }
  whenReady() {
    return Promise.resolve();
  }
}

export const app = (shared.app ??= new FakeApp()) as FakeApp;
export const session = (shared.session ??= { defaultSession: new FakeSession() }) as { defaultSession: FakeSession };
export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.schemes.push(...schemes),
};
export const BrowserWindow = FakeBrowserWindow;
export const utilityProcess = {
  fork: (modulePath: string, _args: string[], options: unknown) => new FakeUtilityProcess(modulePath, options),
};

export const ipcMain = {
  handle(channel: string, handler: Handler) {
    if (mainHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    mainHandlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    mainHandlers.delete(channel);
  },
};

/** What Electron gives an ipcMain handler: the sending frame and its web contents. */
/** An invoke event from the window whose web contents has `id` (main names the caller's session by it). */
export function invokeEvent(url = frame.url, mainFrame = true, id = 1) {
  const senderFrame = { url };
  return { senderFrame, sender: { id, mainFrame: mainFrame ? senderFrame : { url } } };
}

export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]) {
    const handler = mainHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Electron structured-clones arguments and results across the process boundary.
    return structuredClone(await handler(invokeEvent(), ...structuredClone(args)));
  },
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    const set = rendererListeners.get(channel) ?? new Set();
    rendererListeners.set(channel, set);
    set.add(listener);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    if (recorded.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    recorded.exposed.set(key, api);
  },
};

/**
 * safeStorage's asynchronous API. The test chooses the Linux backend and whether encryption
 * is available; the "OS key" is random per stand-in, so what it encrypts is not readable text.
 */
const osKey = randomBytes(32);
export const safeStorageState = { backend: 'gnome_libsecret', available: true, calls: [] as string[] };
export const safeStorage = {
  isAsyncEncryptionAvailable: async () => {
    safeStorageState.calls.push('isAsyncEncryptionAvailable');
    return safeStorageState.available;
  },
  getSelectedStorageBackend: () => {
    safeStorageState.calls.push('getSelectedStorageBackend');
    return safeStorageState.backend;
  },
  encryptStringAsync: async (plainText: string) => {
    safeStorageState.calls.push('encryptStringAsync');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', osKey, iv);
    const data = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]);
  },
  decryptStringAsync: async (encrypted: Buffer) => {
    safeStorageState.calls.push('decryptStringAsync');
    const decipher = createDecipheriv('aes-256-gcm', osKey, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return { result: Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8'), shouldReEncrypt: false };
  },
};

export function resetStandIn(): void {
  safeStorageState.backend = 'gnome_libsecret';
  safeStorageState.available = true;
  safeStorageState.calls.length = 0;
  recorded.schemes.length = 0;
  recorded.protocolHandlers.clear();
  recorded.windows.length = 0;
  recorded.forks.length = 0;
  recorded.exposed.clear();
  recorded.singleInstanceLock = true;
  recorded.quitCalls = 0;
  recorded.sandboxEnabled = false;
  app.removeAllListeners();
  session.defaultSession = new FakeSession();
  mainHandlers.clear();
  rendererListeners.clear();
  frame.url = 'app://comptoir/index.html';
}

export default { app, session, protocol, BrowserWindow, utilityProcess, ipcMain, ipcRenderer, contextBridge, safeStorage };
