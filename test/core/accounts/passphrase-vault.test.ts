import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PassphraseVault } from '../../../electron/core/accounts/passphrase-vault.js';
import { memoryLogger } from '../../support/silent-logger.js';
import { tempDir } from '../../support/temp-dir.js';

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'Gateway-Password-9d41';
// scrypt's smallest cost the file accepts, so the tests run fast; the file records it.
const CHEAP = { N: 2 ** 14, r: 8, p: 1 };

let dir: { path: string; remove(): Promise<void> };
let clock: number;
const open = (logger = memoryLogger()) => PassphraseVault.open({ dataDir: dir.path, logger: logger.logger, now: () => clock, scrypt: CHEAP });
const file = () => join(dir.path, 'vault.json');
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

beforeEach(async () => {
  dir = await tempDir();
  clock = Date.UTC(2030, 0, 1);
});
afterEach(() => dir.remove());

describe('the web-mode vault', () => {
  it('keeps a secret across a restart, readable only after the passphrase', async () => {
    const vault = await open();
    expect(vault.status()).toEqual({ kind: 'passphrase', state: 'absent' });
    expect(await code(vault.set('account:2', SECRET))).toBe('VAULT_ABSENT');
    await vault.setUp(PASSPHRASE);
    await vault.set('account:2', SECRET);
    expect((await vault.load()).get('account:2')).toBe(SECRET);

    const text = await readFile(file(), 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PASSPHRASE);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(text) as { kdf: { name: string; N: number; r: number; p: number; salt: string }; cipher: string; keys: string[] };
    expect(stored.kdf).toMatchObject({ name: 'scrypt', ...CHEAP });
    expect(Buffer.from(stored.kdf.salt, 'base64')).toHaveLength(16);
    expect(stored.cipher).toBe('aes-256-gcm');
    expect(stored.keys).toEqual(['account:2']);

    const reopened = await open();
    expect(reopened.status().state).toBe('locked');
    expect(reopened.storedKeys().has('account:2')).toBe(true);
    expect((await reopened.load()).size).toBe(0);
    expect(await code(reopened.set('account:3', 'x'))).toBe('VAULT_LOCKED');
    await reopened.unlock(PASSPHRASE);
    expect(reopened.status().state).toBe('unlocked');
    expect((await reopened.load()).get('account:2')).toBe(SECRET);
  });

  it('refuses a wrong passphrase without a hint, then slows the next tries down', async () => {
    const vault = await open();
    await vault.setUp(PASSPHRASE);
    await vault.set('account:2', SECRET);
    const before = await readFile(file());
    const logs = memoryLogger();
    const reopened = await open(logs);
    for (let attempt = 1; attempt <= 3; attempt++) expect(await code(reopened.unlock(`wrong passphrase ${attempt}`))).toBe('VAULT_WRONG_PASSPHRASE');
    // The third wrong one starts a wait: even the right passphrase waits for it.
    expect(await code(reopened.unlock(PASSPHRASE))).toBe('VAULT_RATE_LIMITED');
    clock += 1_000;
    expect(await code(reopened.unlock(PASSPHRASE))).toBe('resolved');
    expect((await reopened.load()).get('account:2')).toBe(SECRET);
    expect(await readFile(file())).toEqual(before);
    expect(logs.lines.join('\n')).not.toMatch(/wrong passphrase \d/);
  });

  it('takes tries one at a time, so a burst in parallel meets the wait too', async () => {
    const vault = await open();
    await vault.setUp(PASSPHRASE);
    const reopened = await open();
    const answers = await Promise.all([1, 2, 3, 4, 5].map((attempt) => code(reopened.unlock(`wrong passphrase ${attempt}`))));
    expect(answers).toEqual(['VAULT_WRONG_PASSPHRASE', 'VAULT_WRONG_PASSPHRASE', 'VAULT_WRONG_PASSPHRASE', 'VAULT_RATE_LIMITED', 'VAULT_RATE_LIMITED']);
  });

  it('says a damaged file is damaged, keeps it byte for byte, and sets a new vault up beside it', async () => {
    const vault = await open();
    await vault.setUp(PASSPHRASE);
    await vault.set('account:2', SECRET);
    const original = await readFile(file(), 'utf8');
    const damaged = original.slice(0, original.length / 2);
    await writeFile(file(), damaged);

    const reopened = await open();
    expect(reopened.status().state).toBe('damaged');
    expect(await code(reopened.unlock(PASSPHRASE))).toBe('VAULT_DAMAGED');
    expect(await code(reopened.set('account:3', 'x'))).toBe('VAULT_DAMAGED');
    expect(await readFile(file(), 'utf8')).toBe(damaged);

    await reopened.setUp('a brand new passphrase');
    const names = await readdir(dir.path);
    const aside = names.find((name) => name.startsWith('vault.json.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir.path, aside as string), 'utf8')).toBe(damaged);
    expect(reopened.status().state).toBe('unlocked');
  });

  it('refuses a file whose key list or cost was edited by hand (authenticated with the ciphertext)', async () => {
    const vault = await open();
    await vault.setUp(PASSPHRASE);
    await vault.set('account:2', SECRET);
    const stored = JSON.parse(await readFile(file(), 'utf8')) as { keys: string[] };
    stored.keys = ['account:2', 'account:99'];
    await writeFile(file(), JSON.stringify(stored));
    expect(await code((await open()).unlock(PASSPHRASE))).toBe('VAULT_WRONG_PASSPHRASE');
  });
});
