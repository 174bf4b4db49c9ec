import { IPC_EVENT_CHANNEL } from '../../shared/contract/channels.js';
import type { ComptoirBridge } from '../../shared/contract/bridge-api.js';
import { createMemoryTransport } from '../../shared/contract/memory-transport.js';
import type { Transport } from '../../shared/contract/transport.js';
import { registerIpcAdapter } from '../../electron/main/ipc-adapter.js';
import { startWebBridge } from '../../electron/web/bridge.js';
import { openFetchEventStream, type EventStream } from '../../renderer/src/transport/fetch-event-stream.js';
import { createWebTransport } from '../../renderer/src/transport/web-transport.js';
import { createElectronTransport } from '../../renderer/src/transport/electron-transport.js';
import * as standIn from '../support/electron-stand-in.js';
import { memoryLogger } from '../support/silent-logger.js';
import { startCore } from '../support/start-core.js';
import { tempDir } from '../support/temp-dir.js';

export interface TransportUnderTest {
  readonly transport: Transport;
  readonly kind: 'memory' | 'web' | 'electron';
  close(): Promise<void>;
}

async function freshCore() {
  // The suite captures and refunds at once: no 5-minute wait here (core's own tests prove it).
  const started = await startCore({ version: '9.9.9', followUpDelayMs: 0 });
  return { core: started.core, logger: memoryLogger().logger, close: started.close };
}

export async function memoryTransport(): Promise<TransportUnderTest> {
  const { core, close } = await freshCore();
  const transport = createMemoryTransport(core.linkFor({ session: 'memory', transport: 'memory' }));
  return { transport, kind: 'memory', close };
}

/** The real bridge on a real loopback port, driven by the renderer's own web transport. */
export async function webTransport(): Promise<TransportUnderTest> {
  const { core, logger, close } = await freshCore();
  // No page is fetched here: any folder will do as the renderer's.
  const rendererDir = await tempDir();
  const bridge = await startWebBridge({
    link: core.linkFor({ session: 'web', transport: 'web' }),
    rendererDir: rendererDir.path,
    logger,
  });
  // The renderer's own event stream (fetch with the token header), which Node 20 runs too.
  const streams: EventStream[] = [];
  const transport = createWebTransport(bridge.token, `http://127.0.0.1:${bridge.port}`, (url, headers) => {
    const stream = openFetchEventStream(url, headers);
    streams.push(stream);
    return stream;
  });
  return {
    transport,
    kind: 'web',
    close: async () => {
      for (const stream of streams) stream.close?.();
      await bridge.close();
      await close();
      await rendererDir.remove();
    },
  };
}

/**
 * Renderer transport -> the real preload -> (stand-in) ipcRenderer/ipcMain -> the real IPC
 * adapter -> core. Only Electron's message passing is played by the stand-in.
 */
export async function electronTransport(importPreload: () => Promise<unknown>): Promise<TransportUnderTest> {
  standIn.resetStandIn();
  const { core, close: closeCore } = await freshCore();
  // Main names the window's session; core runs each call as whoever is signed in there.
  const link = core.linkFor({ session: 'events', transport: 'electron' });
  registerIpcAdapter(standIn.ipcMain as never, (session) => core.linkFor({ session, transport: 'electron' }));
  await importPreload();
  const contents = new standIn.FakeWebContents();
  const unsubscribe = link.subscribe((name, payload) => contents.send(IPC_EVENT_CHANNEL, name, payload));
  const bridge = standIn.recorded.exposed.get('comptoir') as ComptoirBridge;
  return {
    transport: createElectronTransport(bridge),
    kind: 'electron',
    close: async () => {
      unsubscribe();
      await closeCore();
    },
  };
}
