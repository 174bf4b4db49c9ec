import type { VaultStatus } from '../../../shared/contract/accounts.js';
import type { SecretStore } from './secret-store.js';

/**
 * Where real accounts' gateway passwords live. A `SecretStore` (core reads secrets through
 * nothing else) that may be locked: while locked, `load()` holds nothing and `set` refuses.
 * Two kinds: a passphrase vault (web mode: scrypt + AES-256-GCM file) and the operating
 * system's (desktop: Electron safeStorage, given to core by the host).
 */
export interface Vault extends SecretStore {
  status(): VaultStatus;
  /** Keys stored, readable even while locked (they name accounts, never secrets). */
  storedKeys(): ReadonlySet<string>;
  /** Refuses (VAULT_ABSENT, VAULT_LOCKED, VAULT_DAMAGED, VAULT_NEEDS_CONSENT…) when `set` would. */
  assertWritable(): void;
  /** Passphrase vault: chooses the passphrase, once (or after a damaged file was set aside). */
  setUp(passphrase: string): Promise<void>;
  /** Passphrase vault: derives the key and proves it on the file; refusals reveal nothing. */
  unlock(passphrase: string): Promise<void>;
  /** OS vault on Linux without a keyring: the operator accepted `basic_text` after the warning. */
  consentToPlainText(): Promise<void>;
}
