import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../electron/core/settings/settings-store.js';
import { memoryLogger } from '../../support/silent-logger.js';
import { tempDir } from '../../support/temp-dir.js';

describe('settings store', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  it('starts from the defaults and persists an update across instances', async () => {
    const store = new SettingsStore(dir.path, memoryLogger().logger);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    await store.update({ locale: 'fr', timeZone: 'America/Montreal' });
    const reopened = new SettingsStore(dir.path, memoryLogger().logger);
    expect(await reopened.get()).toEqual({ ...DEFAULT_SETTINGS, locale: 'fr', timeZone: 'America/Montreal' });
    expect(await readdir(dir.path)).toEqual(['settings.json']);
  });

  it('falls back to the defaults on a damaged file, and logs it', async () => {
    await writeFile(join(dir.path, 'settings.json'), '{"locale": "fr", ');
    const { logger, lines } = memoryLogger();
    expect(await new SettingsStore(dir.path, logger).get()).toEqual(DEFAULT_SETTINGS);
    expect(lines.join('')).toContain('settings file unreadable');
  });

  it('keeps valid keys of an older file and drops unknown ones', async () => {
    await writeFile(join(dir.path, 'settings.json'), JSON.stringify({ locale: 'fr', legacy: true }));
    expect(await new SettingsStore(dir.path, memoryLogger().logger).get()).toEqual({ ...DEFAULT_SETTINGS, locale: 'fr' });
  });

  it('refuses an invalid patch without touching the file', async () => {
    const store = new SettingsStore(dir.path, memoryLogger().logger);
    await store.update({ locale: 'fr' });
    const before = await readFile(join(dir.path, 'settings.json'), 'utf8');
    await expect(store.update({ timeZone: 'Nowhere/Atlantis' })).rejects.toThrow();
    expect(await readFile(join(dir.path, 'settings.json'), 'utf8')).toBe(before);
  });
});
