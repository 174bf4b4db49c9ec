import type { settingsOperations } from '../../../shared/contract/settings.js';
import type { HandlerSlice } from '../dispatcher.js';
import type { SettingsStore } from './settings-store.js';

/** The settings capability's handlers (contract: `shared/contract/settings.ts`). */
export function settingsHandlers(settings: SettingsStore): HandlerSlice<typeof settingsOperations> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
  };
}
