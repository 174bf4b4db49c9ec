import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { VaultStatus } from '../../../shared/contract/accounts.js';
import { CoreError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { readPrivateJson, writePrivateFile } from './private-file.js';
import type { Vault } from './vault.js';

const scrypt = (passphrase: string, salt: Buffer, keyLength: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCallback(passphrase, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));

/** OWASP's scrypt floor (2^17, 8, 1) costs 128 MiB and about half a second: once per start. */
const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

/** Wrong passphrases: three tries at once, then a wait that doubles up to a minute. */
const FREE_TRIES = 3;
const MAX_WAIT_MS = 60_000;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const VaultFileSchema = z.strictObject({
  format: z.literal('comptoir-vault'),
  version: z.literal(1),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: Base64,
  }),
  cipher: z.literal('aes-256-gcm'),
  /** Which keys are stored, in clear (they name accounts): authenticated as the cipher's AAD. */
  keys: z.array(z.string().max(64)).max(10_000),
  iv: Base64,
  tag: Base64,
  data: Base64,
});
type VaultFile = z.infer<typeof VaultFileSchema>;

const SecretsSchema = z.record(z.string(), z.string());

export interface PassphraseVaultOptions {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly now: () => number;
  /** Tests use a cheaper cost; the file records what was used. */
  readonly scrypt?: { readonly N: number; readonly r: number; readonly p: number };
}

/**
 * Web mode's vault: `vault.json` (0600), one AES-256-GCM ciphertext of every secret under a key
 * scrypt derives from a passphrase chosen in the browser (per-vault random salt; N, r and p in
 * the file). The passphrase is never kept; the derived key stays in memory while unlocked
 * (this process's life). A wrong passphrase fails GCM's authentication, which says nothing
 * about the passphrase or the content. A file that cannot be read is a clear error: it is
 * never overwritten, and setting up a new vault first moves it aside.
 */
export class PassphraseVault implements Vault {
  readonly plaintext = false;
  private readonly file: string;
  private header: VaultFile | undefined;
  private damaged = false;
  private key: Buffer | undefined;
  private secrets = new Map<string, string>();
  private failures = 0;
  private retryAt = 0;
  /** Writes one at a time: each re-encrypts the whole map. */
  private writing: Promise<void> = Promise.resolve();
  /**
   * Set-ups and unlocks one at a time: parallel tries would each see no wait yet (the rate
   * limit) and each hold scrypt's memory.
   */
  private deriving: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: PassphraseVaultOptions) {
    this.file = join(options.dataDir, 'vault.json');
  }

  static async open(options: PassphraseVaultOptions): Promise<PassphraseVault> {
    const vault = new PassphraseVault(options);
    await vault.read();
    return vault;
  }

  private async read(): Promise<void> {
    const found = await readPrivateJson(this.file, VaultFileSchema);
    if (found.kind === 'read') this.header = found.value;
    else if (found.kind === 'damaged') {
      this.damaged = true;
      this.options.logger.error({ file: this.file }, 'the vault file cannot be read: real accounts stay locked; the file is left as it is');
    }
  }

  status(): VaultStatus {
    if (this.damaged) return { kind: 'passphrase', state: 'damaged' };
    if (!this.header) return { kind: 'passphrase', state: 'absent' };
    return { kind: 'passphrase', state: this.key ? 'unlocked' : 'locked' };
  }

  storedKeys(): ReadonlySet<string> {
    return new Set(this.header?.keys ?? []);
  }

  load(): Promise<ReadonlyMap<string, string>> {
    return Promise.resolve(new Map(this.secrets));
  }

  setUp(passphrase: string): Promise<void> {
    return this.oneAtATime(() => this.setUpNow(passphrase));
  }

  unlock(passphrase: string): Promise<void> {
    return this.oneAtATime(() => this.unlockNow(passphrase));
  }

  private oneAtATime(work: () => Promise<void>): Promise<void> {
    const next = this.deriving.then(work, work);
    this.deriving = next.catch(() => undefined);
    return next;
  }

  private async setUpNow(passphrase: string): Promise<void> {
    if (this.header && !this.damaged) throw new CoreError('VAULT_EXISTS');
    if (this.damaged) {
      // Never overwritten: whoever can repair it still can.
      const aside = `${this.file}.damaged-${this.options.now()}`;
      await rename(this.file, aside);
      this.options.logger.warn({ file: aside }, 'the damaged vault file was set aside; a new vault is set up');
      this.damaged = false;
    }
    const params = this.options.scrypt ?? DEFAULT_SCRYPT;
    const salt = randomBytes(16);
    const key = await derive(passphrase, salt, params);
    this.key = key;
    this.secrets = new Map();
    await this.write({ N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') });
    this.options.logger.info('vault set up');
  }

  private async unlockNow(passphrase: string): Promise<void> {
    if (this.damaged) throw new CoreError('VAULT_DAMAGED');
    const header = this.header;
    if (!header) throw new CoreError('VAULT_ABSENT');
    if (this.key) return;
    const now = this.options.now();
    if (now < this.retryAt) throw new CoreError('VAULT_RATE_LIMITED', undefined, undefined, { seconds: Math.ceil((this.retryAt - now) / 1000) });
    const key = await derive(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
    let plain: string;
    try {
      plain = decrypt(header, key);
    } catch {
      this.failures += 1;
      if (this.failures >= FREE_TRIES) this.retryAt = this.options.now() + Math.min(MAX_WAIT_MS, 1000 * 2 ** (this.failures - FREE_TRIES));
      this.options.logger.warn({ failures: this.failures }, 'vault: wrong passphrase');
      throw new CoreError('VAULT_WRONG_PASSPHRASE');
    }
    const parsed = SecretsSchema.safeParse(safeJson(plain));
    if (!parsed.success) {
      // Authenticated, yet not ours: written by something else with this key. Left as it is.
      this.damaged = true;
      throw new CoreError('VAULT_DAMAGED');
    }
    this.failures = 0;
    this.retryAt = 0;
    this.key = key;
    this.secrets = new Map(Object.entries(parsed.data));
    this.options.logger.info('vault unlocked');
  }

  consentToPlainText(): Promise<void> {
    return Promise.reject(new CoreError('VAULT_NOT_APPLICABLE'));
  }

  async set(key: string, secret: string): Promise<void> {
    this.assertWritable();
    const next = new Map(this.secrets);
    next.set(key, secret);
    await this.commit(next);
  }

  async delete(key: string): Promise<void> {
    if (!this.header?.keys.includes(key)) return;
    this.assertWritable();
    const next = new Map(this.secrets);
    next.delete(key);
    await this.commit(next);
  }

  assertWritable(): void {
    if (this.damaged) throw new CoreError('VAULT_DAMAGED');
    if (!this.header) throw new CoreError('VAULT_ABSENT');
    if (!this.key) throw new CoreError('VAULT_LOCKED');
  }

  private async commit(next: Map<string, string>): Promise<void> {
    const previous = this.secrets;
    this.secrets = next;
    try {
      await this.write((this.header as VaultFile).kdf);
    } catch (error) {
      this.secrets = previous;
      throw error;
    }
  }

  private write(kdf: { N: number; r: number; p: number; salt: string }): Promise<void> {
    const run = async () => {
      const key = this.key as Buffer;
      const keys = [...this.secrets.keys()].sort();
      const iv = randomBytes(12);
      const header = { format: 'comptoir-vault', version: 1, kdf: { name: 'scrypt', ...kdf }, cipher: 'aes-256-gcm', keys } as const;
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(header));
      const data = Buffer.concat([cipher.update(JSON.stringify(Object.fromEntries(this.secrets)), 'utf8'), cipher.final()]);
      const file: VaultFile = { ...header, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
      await writePrivateFile(this.file, JSON.stringify(file));
      this.header = file;
    };
    const next = this.writing.then(run, run);
    this.writing = next.catch(() => undefined);
    return next;
  }
}

function derive(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return scrypt(passphrase.normalize('NFC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p });
}

/** Everything but the ciphertext is authenticated: a key list or cost edited by hand fails. */
function aad(header: Pick<VaultFile, 'format' | 'version' | 'kdf' | 'cipher' | 'keys'>): Buffer {
  const { kdf } = header;
  return Buffer.from(JSON.stringify([header.format, header.version, kdf.name, kdf.N, kdf.r, kdf.p, kdf.salt, header.cipher, header.keys]), 'utf8');
}

function decrypt(file: VaultFile, key: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
  decipher.setAAD(aad(file));
  decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]).toString('utf8');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
