import { describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext, type Handlers } from '../../electron/core/dispatcher.js';
import { CoreError } from '../../electron/core/errors.js';
import { memoryLogger } from '../support/silent-logger.js';

const settings = { locale: 'en' as const, timeZone: 'UTC', duplicateWindowMinutes: 10, autoLockMinutes: 15, historyFilters: [] };
const admin: CallContext = { role: 'admin', operator: null, transport: 'memory' };
const viewer: CallContext = { role: 'viewer', operator: null, transport: 'memory' };

/** Only the operations these tests call; the others are never reached. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => ({
      name: 'Comptoir',
      version: '1',
      dataDir: '/d',
      environment: 'test',
      transport: 'memory',
      platform: 'x',
      versions: { node: '20', electron: null, sqlite: null },
    }),
    'settings.get': () => settings,
    'settings.update': (patch: object) => ({ ...settings, ...patch }),
    ...overrides,
  } as Handlers;
}

describe('dispatcher', () => {
  it('checks the role an operation declares: a viewer cannot change settings', async () => {
    let called = false;
    const { logger } = memoryLogger();
    const dispatcher = createDispatcher(handlers({ 'settings.update': () => ((called = true), settings) }), logger);
    expect(await dispatcher.invoke('settings.update', { locale: 'fr' }, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(called).toBe(false);
    expect(await dispatcher.invoke('settings.get', undefined, viewer)).toMatchObject({ ok: true });
  });

  it('turns a CoreError into its code and words', async () => {
    const { logger } = memoryLogger();
    const dispatcher = createDispatcher(
      handlers({
        'settings.get': () => {
          throw new CoreError('SETTINGS_WRITE_FAILED');
        },
      }),
      logger,
    );
    expect(await dispatcher.invoke('settings.get', undefined, admin)).toEqual({
      ok: false,
      error: { code: 'SETTINGS_WRITE_FAILED', message: 'The settings could not be saved to the data folder.' },
    });
  });

  it('hides an unexpected exception behind INTERNAL_ERROR and logs it', async () => {
    const { logger, lines } = memoryLogger();
    const dispatcher = createDispatcher(
      handlers({
        'settings.get': () => {
          throw new Error('disk on fire at /secret/path');
        },
      }),
      logger,
    );
    const result = await dispatcher.invoke('settings.get', undefined, admin);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
    expect(JSON.stringify(result)).not.toContain('disk on fire');
    expect(lines.join('')).toContain('disk on fire');
  });

  it('refuses a handler answer outside the declared output schema', async () => {
    const { logger } = memoryLogger();
    const dispatcher = createDispatcher(handlers({ 'settings.get': () => ({ locale: 'klingon' }) as never }), logger);
    expect(await dispatcher.invoke('settings.get', undefined, admin)).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
  });

  it('passes the parsed input, not the raw payload, to the handler', async () => {
    const { logger } = memoryLogger();
    const seen: unknown[] = [];
    const dispatcher = createDispatcher(handlers({ 'settings.update': (patch) => (seen.push(patch), settings) }), logger);
    await dispatcher.invoke('settings.update', { locale: 'fr' }, admin);
    expect(seen).toEqual([{ locale: 'fr' }]);
  });
});
