import { mkdir, readFile, rename, writeFile, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Settings, type SettingsPatch } from '../../../shared/contract/settings.js';
import { CoreError } from '../errors.js';
import type { Logger } from '../logging/logger.js';

export const DEFAULT_SETTINGS: Settings = {
  locale: 'en',
  timeZone: 'Europe/Paris',
  duplicateWindowMinutes: 10,
  autoLockMinutes: 15,
  historyFilters: [],
};

/**
 * Profile settings in `settings.json`. Writes go to a temporary file that is flushed and
 * renamed, so a crash leaves either the old file or the new one, never half of each.
 */
export class SettingsStore {
  private cached: Settings | undefined;
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.file = join(dataDir, 'settings.json');
  }

  async get(): Promise<Settings> {
    if (this.cached) return this.cached;
    this.cached = await this.load();
    return this.cached;
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const next = Settings.parse({ ...(await this.get()), ...patch });
    try {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      const handle = await open(temporary, 'r+');
      await handle.sync();
      await handle.close();
      await rename(temporary, this.file);
    } catch (error) {
      this.logger.error({ err: error }, 'settings write failed');
      throw new CoreError('SETTINGS_WRITE_FAILED');
    }
    this.cached = next;
    return next;
  }

  private async load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_SETTINGS;
      throw error;
    }
    try {
      // Unknown keys from a newer version are dropped; missing ones take their defaults.
      return Settings.parse({ ...DEFAULT_SETTINGS, ...JSON.parse(text) });
    } catch {
      this.logger.warn({ file: this.file }, 'settings file unreadable; using defaults');
      return DEFAULT_SETTINGS;
    }
  }
}
