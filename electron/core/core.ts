import { mkdir } from 'node:fs/promises';
import type { AppStatus } from '../../shared/contract/schemas.js';
import { appInfo, type RuntimeFacts } from './app/app-info.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';
import { EventBus } from './event-bus.js';
import { createLogger, type Logger } from './logging/logger.js';
import { SettingsStore } from './settings/settings-store.js';

export interface CoreOptions extends RuntimeFacts {
  readonly logger?: Logger;
  readonly now?: () => number;
}

/** Core as every host sees it: one dispatcher, one event bus, one shutdown. */
export interface Core {
  readonly dispatcher: Dispatcher;
  readonly events: EventBus;
  readonly dataDir: string;
  close(): Promise<void>;
}

/**
 * The composition of core services. Hosts (the Electron utility process, the web bridge,
 * tests) call this and wrap a transport around the result; nothing here knows which.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createLogger();
  const now = options.now ?? Date.now;
  await mkdir(options.dataDir, { recursive: true });
  const settings = new SettingsStore(options.dataDir, logger);
  const events = new EventBus();

  const status: AppStatus = {
    environment: 'test',
    activeAccount: null,
    startedAt: now(),
    notifications: { state: 'off', url: null, lastReceivedAt: null, awaitingConfirmation: 0 },
  };
  events.emit('app.status', status);

  const dispatcher = createDispatcher(
    {
      'app.info': (_input, ctx) => appInfo(options, status.environment, ctx),
      'settings.get': () => settings.get(),
      'settings.update': (patch) => settings.update(patch),
    },
    logger,
  );

  return {
    dispatcher,
    events,
    dataDir: options.dataDir,
    async close() {
      // Services with resources (journal, listener, sandbox) close here as they arrive.
    },
  };
}
