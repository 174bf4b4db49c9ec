import { z } from 'zod';
import { defineOperation } from './define.js';
import { SavedHistoryFilter } from './history-filter.js';
import { Locale, NoInput, TimeZone } from './schemas.js';

/** The settings capability's share of the contract: the profile's preferences. */

export const Settings = z.object({
  locale: Locale,
  timeZone: TimeZone,
  /** How far back the terminal looks for a "possible duplicate" (same last four and amount). */
  duplicateWindowMinutes: z.number().int().min(0).max(1440),
  autoLockMinutes: z.number().int().min(1).max(240),
  /** History's saved filters, by name (names are unique). */
  historyFilters: z
    .array(SavedHistoryFilter)
    .max(30)
    .refine((saved) => new Set(saved.map((entry) => entry.name)).size === saved.length, { message: 'Each saved filter needs a name of its own' }),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const settingsOperations = {
  'settings.get': defineOperation({
    input: NoInput,
    output: Settings,
    // The sign-in screen speaks the desk's language: settings hold no secret.
    role: 'public',
    summary: 'The profile settings.',
  }),
  'settings.update': defineOperation({
    input: SettingsPatch,
    output: Settings,
    role: 'admin',
    summary: 'Change some settings; returns the settings as saved.',
  }),
} as const;
