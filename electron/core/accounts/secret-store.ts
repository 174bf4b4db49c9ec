import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePrivateFile } from './private-file.js';

/**
 * Where gateway passwords live. Core sees only this interface; the desktop app will give it
 * one backed by Electron's safeStorage (the accounts capability), while web mode and tests
 * use the file store below. Passwords never go out through the contract.
 */
export interface SecretStore {
  /** All secrets, loaded once: the notification listener verifies HASH synchronously. */
  load(): Promise<ReadonlyMap<string, string>>;
  set(key: string, secret: string): Promise<void>;
  /** Forgets a secret (an account deleted); nothing to do when there is none. */
  delete(key: string): Promise<void>;
  /** True when secrets are kept readable on disk (the sandbox's generated one is). */
  readonly plaintext: boolean;
}

/**
 * `secrets.json` in the data folder, owner-only (0600), written atomically. Fit for the
 * built-in sandbox's generated password, which guards no money; live accounts need the vault.
 */
export class FileSecretStore implements SecretStore {
  readonly plaintext = true;
  private readonly file: string;
  private cache: Map<string, string> | undefined;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'secrets.json');
  }

  async load(): Promise<ReadonlyMap<string, string>> {
    if (this.cache) return this.cache;
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as Record<string, unknown>;
      this.cache = new Map(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.cache = new Map();
    }
    return this.cache;
  }

  async set(key: string, secret: string): Promise<void> {
    const next = new Map(await this.load());
    next.set(key, secret);
    await this.write(next);
  }

  async delete(key: string): Promise<void> {
    const next = new Map(await this.load());
    if (!next.delete(key)) return;
    await this.write(next);
  }

  private async write(next: Map<string, string>): Promise<void> {
    await writePrivateFile(this.file, JSON.stringify(Object.fromEntries(next)));
    this.cache = next;
  }
}
