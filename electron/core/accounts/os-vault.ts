import { join } from 'node:path';
import { z } from 'zod';
import type { VaultStatus } from '../../../shared/contract/accounts.js';
import { CoreError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { readPrivateJson, writePrivateFile } from './private-file.js';
import type { Vault } from './vault.js';

/**
 * What core needs of Electron's safeStorage (its asynchronous API), as the desktop host
 * relays it: core never imports `electron`.
 */
export interface OsEncryption {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ readonly result: string; readonly shouldReEncrypt: boolean }>;
  /** Linux only: `basic_text` means no keyring, a fixed key. */
  getSelectedStorageBackend?(): string;
}

/** Linux's fallback when no keyring answers: "encrypted" with a hard-coded key. */
const INSECURE_BACKEND = 'basic_text';

const FileSchema = z.strictObject({
  format: z.literal('comptoir-os-vault'),
  version: z.literal(1),
  /** When an administrator accepted `basic_text` (epoch ms), or null. */
  basicTextConsentAt: z.number().int().nullable(),
  secrets: z.record(z.string().max(64), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});
type OsVaultFile = z.infer<typeof FileSchema>;

/**
 * The desktop vault: `os-vault.json` (0600) holds each secret encrypted by the operating system
 * (Keychain, DPAPI, a Linux keyring). On Linux without a keyring, Electron falls back to
 * `basic_text`; this vault then keeps nothing until an administrator accepted it after the
 * warning, and that consent is recorded in the file.
 */
export class OsVault implements Vault {
  private readonly file: string;
  private content: OsVaultFile = { format: 'comptoir-os-vault', version: 1, basicTextConsentAt: null, secrets: {} };
  private secrets = new Map<string, string>();
  private state: 'ready' | 'needs_consent' | 'unavailable' = 'unavailable';
  private backend = 'unknown';
  private damaged = false;

  private constructor(
    private readonly encryption: OsEncryption,
    private readonly options: { readonly dataDir: string; readonly logger: Logger; readonly now: () => number },
  ) {
    this.file = join(options.dataDir, 'os-vault.json');
  }

  static async open(encryption: OsEncryption, options: { dataDir: string; logger: Logger; now: () => number }): Promise<OsVault> {
    const vault = new OsVault(encryption, options);
    await vault.read();
    await vault.refresh();
    return vault;
  }

  get plaintext(): boolean {
    return this.backend === INSECURE_BACKEND;
  }

  private async read(): Promise<void> {
    const found = await readPrivateJson(this.file, FileSchema);
    if (found.kind === 'read') this.content = found.value;
    else if (found.kind === 'damaged') {
      this.damaged = true;
      this.options.logger.error({ file: this.file }, 'the OS vault file cannot be read: real accounts stay locked; the file is left as it is');
    }
  }

  private async refresh(): Promise<void> {
    this.backend = this.encryption.getSelectedStorageBackend?.() ?? 'os';
    if (!(await this.encryption.isAsyncEncryptionAvailable())) {
      this.state = 'unavailable';
    } else if (this.backend === INSECURE_BACKEND && this.content.basicTextConsentAt === null) {
      this.state = 'needs_consent';
    } else {
      this.state = 'ready';
    }
    if (this.state !== 'ready' || this.damaged) return;
    const secrets = new Map<string, string>();
    for (const [key, encrypted] of Object.entries(this.content.secrets)) {
      try {
        secrets.set(key, (await this.encryption.decryptStringAsync(Buffer.from(encrypted, 'base64'))).result);
      } catch {
        // Another user's or machine's: that account asks for its password again.
        this.options.logger.warn({ key }, 'a vault entry cannot be decrypted on this system');
      }
    }
    this.secrets = secrets;
  }

  status(): VaultStatus {
    return { kind: 'os', state: this.damaged ? 'unavailable' : this.state, backend: this.backend };
  }

  storedKeys(): ReadonlySet<string> {
    return new Set(Object.keys(this.content.secrets));
  }

  load(): Promise<ReadonlyMap<string, string>> {
    return Promise.resolve(new Map(this.secrets));
  }

  setUp(): Promise<void> {
    return Promise.reject(new CoreError('VAULT_NOT_APPLICABLE'));
  }

  unlock(): Promise<void> {
    return Promise.reject(new CoreError('VAULT_NOT_APPLICABLE'));
  }

  async consentToPlainText(): Promise<void> {
    if (this.backend !== INSECURE_BACKEND) throw new CoreError('VAULT_NOT_APPLICABLE');
    if (this.damaged) throw new CoreError('VAULT_DAMAGED');
    await this.write({ ...this.content, basicTextConsentAt: this.options.now() });
    this.options.logger.warn({ backend: this.backend }, 'an administrator accepted the insecure basic_text backend for gateway passwords');
    await this.refresh();
  }

  async set(key: string, secret: string): Promise<void> {
    this.assertWritable();
    const encrypted = await this.encryption.encryptStringAsync(secret);
    await this.write({ ...this.content, secrets: { ...this.content.secrets, [key]: encrypted.toString('base64') } });
    this.secrets.set(key, secret);
  }

  async delete(key: string): Promise<void> {
    if (!Object.hasOwn(this.content.secrets, key)) return;
    this.assertWritable();
    const secrets = { ...this.content.secrets };
    delete secrets[key];
    await this.write({ ...this.content, secrets });
    this.secrets.delete(key);
  }

  assertWritable(): void {
    if (this.damaged) throw new CoreError('VAULT_DAMAGED');
    if (this.state === 'needs_consent') throw new CoreError('VAULT_NEEDS_CONSENT');
    if (this.state === 'unavailable') throw new CoreError('VAULT_UNAVAILABLE');
  }

  private async write(content: OsVaultFile): Promise<void> {
    await writePrivateFile(this.file, JSON.stringify(content));
    this.content = content;
  }
}
