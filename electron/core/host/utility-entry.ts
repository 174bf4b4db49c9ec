import type { Core } from '../core.js';
import { createCore } from '../core.js';
import { OsVault } from '../accounts/os-vault.js';
import { createLogger } from '../logging/logger.js';
import type { FromCoreHost, ToCoreHost } from './host-messages.js';
import { relayedOsEncryption } from './os-encryption-relay.js';

/**
 * Entry of Electron's utility process that hosts core, so SQLite, signing and the listener
 * never run on the main (UI) thread. `process.parentPort` is Electron's; it is typed here
 * rather than imported because core never imports `electron`.
 */
interface ParentPort {
  on(event: 'message', listener: (message: { data: ToCoreHost }) => void): void;
  postMessage(message: FromCoreHost): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('utility-entry runs only inside an Electron utility process');
const port: ParentPort = parentPort;

let core: Core | undefined;
const logger = createLogger();
let encryption: ReturnType<typeof relayedOsEncryption> | undefined;

/** The desktop vault: safeStorage through main; web mode never comes here. */
async function desktopVault(dataDir: string, backend: string) {
  encryption = relayedOsEncryption((message) => port.postMessage(message), backend);
  return OsVault.open(encryption, { dataDir, logger, now: Date.now });
}

port.on('message', ({ data }) => {
  if (data.type === 'safe-storage-answer') {
    encryption?.answer(data);
  } else if (data.type === 'start' && !core) {
    const osVault = data.osVault;
    (osVault ? desktopVault(data.dataDir, osVault.backend) : Promise.resolve(undefined))
      .then((vault) => createCore({ dataDir: data.dataDir, version: data.version, electronVersion: data.electronVersion, logger, ...(vault ? { vault } : {}) }))
      .then((created) => {
        core = created;
        created.events.subscribe((name, payload) => port.postMessage({ type: 'event', name, payload }));
        port.postMessage({ type: 'ready' });
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'core failed to start');
        port.postMessage({ type: 'failed', message: String((error as Error).message ?? error) });
      });
  } else if (data.type === 'invoke' && core) {
    // Whoever is signed in on that window; the page never names its caller.
    void core
      .linkFor({ session: data.session, transport: 'electron' })
      .invoke(data.channel, data.payload)
      .then((result) => port.postMessage({ type: 'result', id: data.id, result }));
  }
});
