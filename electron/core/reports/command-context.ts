import { existsSync } from 'node:fs';
import { CoreError } from '../errors.js';
import { defaultDataDir } from '../host/data-dir.js';
import { journalPath, openJournal, type Journal } from '../journal/index.js';
import { createLogger } from '../logging/logger.js';
import { SettingsStore } from '../settings/settings-store.js';

/**
 * What the headless commands (`npm run report`, `npm run reconcile`) share: the data folder,
 * its journal (opened as the app opens it, so it is migrated the same way), the operator's
 * time zone from its settings, and accounts by name.
 */
export interface CommandContext {
  readonly dataDir: string;
  readonly journal: Journal;
  readonly timeZone: string;
  /** The account with this name, or every account when none is named. */
  accountIds(name: string | undefined): number[];
}

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export async function openCommandContext(dataDirOption: string | undefined): Promise<CommandContext> {
  const dataDir = dataDirOption ?? defaultDataDir();
  const file = journalPath(dataDir, 'default');
  if (!existsSync(file)) throw new CommandError(`No Comptoir journal in ${dataDir} (looked for ${file}); give --data-dir DIR.`);
  const journal = openJournal({ file });
  // Warnings (a damaged settings file falls back to the defaults) go to stderr, never stdout.
  const settings = await new SettingsStore(dataDir, createLogger({ level: 'warn', destination: process.stderr })).get();
  return {
    dataDir,
    journal,
    timeZone: settings.timeZone,
    accountIds(name) {
      const accounts = journal.listAccounts();
      if (name === undefined) return accounts.map((account) => account.id);
      const found = accounts.find((account) => account.name === name);
      if (!found) throw new CoreError('REPORT_UNKNOWN_ACCOUNT', `No gateway account is named "${name}" (known: ${accounts.map((a) => a.name).join(', ')}).`);
      return [found.id];
    },
  };
}

/** One line for stderr: a catalog error's English words, or the error's message. */
export function commandFailure(error: unknown): string {
  if (error instanceof CoreError) return `${error.code}: ${error.message}`;
  const code = (error as { code?: unknown } | null)?.code;
  return `${typeof code === 'string' ? `${code}: ` : ''}${(error as Error | null)?.message ?? String(error)}`;
}
