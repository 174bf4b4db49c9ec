import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OsVault } from '../../electron/core/accounts/os-vault.js';
import type { FromCoreHost, ToCoreHost } from '../../electron/core/host/host-messages.js';
import { relayedOsEncryption } from '../../electron/core/host/os-encryption-relay.js';
import { answerSafeStorage } from '../../electron/main/safe-storage-relay.js';
import { resetStandIn, safeStorage, safeStorageState } from '../support/electron-stand-in.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Core runs in a utility process, where safeStorage does not work: it asks main over the
 * parent port. Both ends are ours; the port is played by two emitters, structured-cloned as
 * Electron's message port would.
 */
function connect(backend: string) {
  const child = new EventEmitter() as EventEmitter & { postMessage(message: ToCoreHost): void };
  const relay = relayedOsEncryption((message: FromCoreHost) => queueMicrotask(() => child.emit('message', structuredClone(message))), backend);
  child.postMessage = (message) => {
    if (message.type === 'safe-storage-answer') queueMicrotask(() => relay.answer(structuredClone(message)));
  };
  answerSafeStorage(child, safeStorage);
  return relay;
}

let dir: { path: string; remove(): Promise<void> };
beforeEach(async () => {
  resetStandIn();
  dir = await tempDir();
});
afterEach(() => dir.remove());

describe('the desktop vault through main', () => {
  it('encrypts with safeStorage’s asynchronous API in main and reads back after a restart', async () => {
    const vault = await OsVault.open(connect('gnome_libsecret'), { dataDir: dir.path, logger: memoryLogger().logger, now: Date.now });
    await vault.set('account:4', 'relay-Secret-31');
    expect(await readFile(join(dir.path, 'os-vault.json'), 'utf8')).not.toContain('relay-Secret-31');
    const reopened = await OsVault.open(connect('gnome_libsecret'), { dataDir: dir.path, logger: memoryLogger().logger, now: Date.now });
    expect((await reopened.load()).get('account:4')).toBe('relay-Secret-31');
    expect(safeStorageState.calls).toEqual(expect.arrayContaining(['isAsyncEncryptionAvailable', 'encryptStringAsync', 'decryptStringAsync']));
  });

  it('asks for consent on basic_text, the backend main read', async () => {
    const vault = await OsVault.open(connect('basic_text'), { dataDir: dir.path, logger: memoryLogger().logger, now: Date.now });
    expect(vault.status()).toEqual({ kind: 'os', state: 'needs_consent', backend: 'basic_text' });
  });

  it('answers a failure as a failure, with nothing else', async () => {
    const relay = connect('gnome_libsecret');
    await expect(relay.decryptStringAsync(Buffer.from('not a ciphertext'))).rejects.toThrow('safeStorage decrypt failed');
  });
});
