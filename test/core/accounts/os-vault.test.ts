import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OsVault } from '../../../electron/core/accounts/os-vault.js';
import { resetStandIn, safeStorage, safeStorageState } from '../../support/electron-stand-in.js';
import { memoryLogger } from '../../support/silent-logger.js';
import { tempDir } from '../../support/temp-dir.js';

const SECRET = 'Gateway-Password-0c77';
let dir: { path: string; remove(): Promise<void> };
const open = () => OsVault.open(safeStorage, { dataDir: dir.path, logger: memoryLogger().logger, now: () => 1_900_000_000_000 });
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

beforeEach(async () => {
  resetStandIn();
  dir = await tempDir();
});
afterEach(() => dir.remove());

describe('the desktop vault (safeStorage, asynchronous API)', () => {
  it('keeps a secret encrypted by the system and reads it back after a restart', async () => {
    const vault = await open();
    expect(vault.status()).toEqual({ kind: 'os', state: 'ready', backend: 'gnome_libsecret' });
    await vault.set('account:2', SECRET);
    expect(await readFile(join(dir.path, 'os-vault.json'), 'utf8')).not.toContain(SECRET);
    expect((await (await open()).load()).get('account:2')).toBe(SECRET);
    expect(safeStorageState.calls).toContain('encryptStringAsync');
    expect(safeStorageState.calls).not.toContain('encryptString');
  });

  it('keeps nothing on Linux basic_text until an administrator consents, and records the consent', async () => {
    safeStorageState.backend = 'basic_text';
    const vault = await open();
    expect(vault.status()).toEqual({ kind: 'os', state: 'needs_consent', backend: 'basic_text' });
    expect(vault.plaintext).toBe(true);
    expect(await code(vault.set('account:2', SECRET))).toBe('VAULT_NEEDS_CONSENT');

    await vault.consentToPlainText();
    expect(vault.status().state).toBe('ready');
    const recorded = JSON.parse(await readFile(join(dir.path, 'os-vault.json'), 'utf8')) as { basicTextConsentAt: number | null };
    expect(recorded.basicTextConsentAt).toBe(1_900_000_000_000);
    await vault.set('account:2', SECRET);
    // The consent outlives a restart; a consent is not asked of a real keyring.
    const reopened = await open();
    expect(reopened.status().state).toBe('ready');
    expect((await reopened.load()).get('account:2')).toBe(SECRET);
  });

  it('refuses consent where a keyring exists, and keeps nothing when encryption is unavailable', async () => {
    expect(await code((await open()).consentToPlainText())).toBe('VAULT_NOT_APPLICABLE');
    safeStorageState.available = false;
    const vault = await open();
    expect(vault.status().state).toBe('unavailable');
    expect(await code(vault.set('account:2', SECRET))).toBe('VAULT_UNAVAILABLE');
  });
});
