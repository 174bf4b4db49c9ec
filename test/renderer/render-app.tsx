import { render } from '@testing-library/react';
import { createClient } from '../../shared/contract/client.js';
import { createMemoryTransport } from '../../shared/contract/memory-transport.js';
import type { SettingsPatch } from '../../shared/contract/settings.js';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core.js';
import { inProcessLink } from '../../electron/core/host/in-process-link.js';
import { Root } from '../../renderer/src/app/root.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';

/** The whole renderer over the in-memory transport, with a real core on a temp folder. */
export async function renderApp(
  options: Partial<CoreOptions> = {},
  settings?: SettingsPatch,
): Promise<{ core: Core; dataDir: string; cleanup(): Promise<void> }> {
  const dir = await tempDir();
  const core = await createCore({ dataDir: dir.path, version: '4.5.6', electronVersion: null, logger: memoryLogger().logger, ...options });
  // Saved before the first render, as a desk that was set up earlier opens.
  if (settings) await core.dispatcher.invoke('settings.update', settings, { role: 'admin', operator: null, transport: 'memory' });
  const client = createClient(createMemoryTransport(inProcessLink(core, { role: 'admin', operator: null, transport: 'memory' })));
  const view = render(<Root client={client} />);
  return {
    core,
    dataDir: dir.path,
    async cleanup() {
      view.unmount();
      await core.close();
      await dir.remove();
    },
  };
}
