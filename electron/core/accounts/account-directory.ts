import { randomBytes } from 'node:crypto';
import {
  connectionEnvironment,
  type AccountConnection,
  type AccountFields,
  type AccountSummary,
  type ConnectionTest,
  type VaultStatus,
} from '../../../shared/contract/accounts.js';
import { CoreError } from '../errors.js';
import { createGatewayClient, type GatewayClient, type GatewayTimeouts } from '../gateway/index.js';
import type { Journal } from '../journal/index.js';
import type { Account } from '../journal/types.js';
import type { Logger } from '../logging/logger.js';
import { resolveAccount } from '../gateway/config.js';
import { AccountSettings } from './account-settings.js';
import { testConnection } from './connection-test.js';
import type { SecretStore } from './secret-store.js';
import type { Vault } from './vault.js';

const SANDBOX_ACCOUNT_NAME = 'Sandbox';
export const SANDBOX_IDENTIFIER = 'COMPTOIR-SANDBOX';

const secretKey = (accountId: number) => `account:${accountId}`;

export interface DirectoryOptions {
  readonly journal: Journal;
  /** The built-in sandbox's generated password (it guards no money): a plain 0600 file. */
  readonly secrets: SecretStore;
  /** Real accounts' passwords. */
  readonly vault: Vault;
  readonly logger: Logger;
  readonly now: () => number;
  readonly timeouts?: Partial<GatewayTimeouts>;
}

/**
 * The accounts this desk can charge: journal rows, their connection settings and their
 * passwords, and one gateway client per account, made on first use.
 */
export class AccountDirectory {
  /** By account id; `passwordFor` reads them by IDENTIFIER for the listener. */
  private passwords = new Map<number, string>();
  private byIdentifier = new Map<string, string>();
  private readonly clients = new Map<number, GatewayClient>();
  /** Clients replaced by a settings or password change; a call may still be using one. */
  private readonly retired: GatewayClient[] = [];
  private sandboxUrl: () => string | undefined = () => undefined;
  private listenerPath = '/';

  private constructor(private readonly options: DirectoryOptions) {}

  static async open(options: DirectoryOptions): Promise<AccountDirectory> {
    const directory = new AccountDirectory(options);
    await directory.ensureSandboxAccount();
    await directory.reloadPasswords();
    return directory;
  }

  /** First launch: a ready "Sandbox" account, so a newcomer can key a payment at once. */
  private async ensureSandboxAccount(): Promise<void> {
    const { journal, secrets } = this.options;
    let account = journal.listAccounts().find((candidate) => candidate.identifier === SANDBOX_IDENTIFIER);
    if (!account) {
      account = journal.createAccount({
        name: SANDBOX_ACCOUNT_NAME,
        identifier: SANDBOX_IDENTIFIER,
        environment: 'test',
        currency: 'EUR',
        orderIdPrefix: 'SBX-',
        settings: { connection: { kind: 'embedded-sandbox' }, allowCredit: true, motoClientIp: '127.0.0.1' },
      });
      this.options.logger.info({ accountId: account.id }, 'created the built-in sandbox account');
    }
    if (!(await secrets.load()).has(secretKey(account.id))) {
      await secrets.set(secretKey(account.id), randomBytes(24).toString('base64url'));
    }
  }

  /**
   * Real accounts read the vault (while it is locked they have none); the plain file holds the
   * sandbox's, and a real account's only if a tool put it there before the vault existed.
   */
  private async reloadPasswords(): Promise<void> {
    const plain = await this.options.secrets.load();
    const vaulted = await this.options.vault.load();
    const byId = new Map<number, string>();
    const byIdentifier = new Map<string, string>();
    for (const account of this.options.journal.listAccounts()) {
      const key = secretKey(account.id);
      const password = (this.isSandbox(account) ? undefined : vaulted.get(key)) ?? plain.get(key);
      if (!password) continue;
      byId.set(account.id, password);
      if (!byIdentifier.has(account.identifier)) byIdentifier.set(account.identifier, password);
    }
    this.passwords = byId;
    this.byIdentifier = byIdentifier;
  }

  /** Where the embedded sandbox answers this launch; known once it has started. */
  useSandboxUrl(url: () => string | undefined): void {
    this.sandboxUrl = url;
  }

  /** The listener's path, for the NOTIFICATION_URL a listener-mode account shows. */
  useListenerUrl(url: string): void {
    this.listenerPath = new URL(url).pathname;
  }

  /** For the notification listener, which verifies HASH before anything else. */
  passwordFor(identifier: string): string | undefined {
    return this.byIdentifier.get(identifier);
  }

  private isSandbox(account: Account): boolean {
    return this.settings(account).connection.kind === 'embedded-sandbox';
  }

  vaultStatus(): VaultStatus {
    return this.options.vault.status();
  }

  async setUpVault(passphrase: string): Promise<VaultStatus> {
    await this.options.vault.setUp(passphrase);
    await this.reloadPasswords();
    return this.vaultStatus();
  }

  async unlockVault(passphrase: string): Promise<VaultStatus> {
    await this.options.vault.unlock(passphrase);
    await this.reloadPasswords();
    return this.vaultStatus();
  }

  async consentToPlainTextVault(): Promise<VaultStatus> {
    await this.options.vault.consentToPlainText();
    await this.reloadPasswords();
    return this.vaultStatus();
  }

  sandboxAccount(): Account {
    const account = this.options.journal.listAccounts().find((candidate) => candidate.identifier === SANDBOX_IDENTIFIER);
    if (!account) throw new CoreError('INTERNAL_ERROR');
    return account;
  }

  get(accountId: number): Account {
    const account = this.options.journal.getAccount(accountId);
    if (!account) throw new CoreError('ACCOUNT_NOT_FOUND');
    return account;
  }

  settings(account: Account): AccountSettings {
    return AccountSettings.parse(account.settings);
  }

  list(): AccountSummary[] {
    return this.options.journal.listAccounts().map((account) => this.summary(account));
  }

  summary(account: Account): AccountSummary {
    const settings = this.settings(account);
    const connection = contractConnection(settings, account);
    return {
      id: account.id,
      name: account.name,
      identifier: account.identifier,
      colour: settings.colour,
      environment: account.environment,
      currency: account.currency,
      allowCredit: settings.allowCredit,
      orderIdPrefix: account.orderIdPrefix,
      isSandbox: connection.kind === 'embedded-sandbox',
      largeAmountThreshold: settings.largeAmountThreshold,
      connection,
      version: settings.connection.kind === 'gateway' ? (settings.connection.version ?? '2.0') : '2.0',
      motoClientIp: settings.motoClientIp,
      motoUserAgent: settings.motoUserAgent,
      threeDSecure: settings.threeDSecure,
      notifications: settings.notifications,
      notificationUrl: settings.notifications.mode === 'listener' ? `${settings.notifications.publicBaseUrl.replace(/\/+$/, '')}${this.listenerPath}` : null,
      password: this.passwords.has(account.id) ? 'set' : this.options.vault.storedKeys().has(secretKey(account.id)) ? 'locked' : 'missing',
      disabled: settings.disabled,
      hasOperations: this.options.journal.accountHasOperations(account.id),
    };
  }

  /** A new account, checked as the gateway client will read it; its password, if given, goes to the vault. */
  async add(fields: AccountFields, password: string | undefined): Promise<AccountSummary> {
    const settings = settingsFrom(fields, {});
    // Refused before the account exists, rather than an account left without its password.
    if (password !== undefined) this.options.vault.assertWritable();
    const account = this.options.journal.createAccount({
      name: fields.name,
      identifier: fields.identifier,
      environment: connectionEnvironment(fields.connection),
      currency: fields.currency,
      orderIdPrefix: fields.orderIdPrefix,
      settings,
    });
    this.options.logger.info({ accountId: account.id }, 'account added');
    if (password !== undefined) await this.storePassword(account.id, password);
    return this.summary(this.get(account.id));
  }

  /** Everything but the password, the large-amount threshold, credit and the disabled flag. */
  async update(accountId: number, fields: AccountFields): Promise<AccountSummary> {
    const account = this.editable(accountId);
    const settings = settingsFrom(fields, account.settings);
    // Recorded operations were made with this IDENTIFIER, environment and currency.
    const environment = connectionEnvironment(fields.connection);
    if (
      (fields.identifier !== account.identifier || environment !== account.environment || fields.currency !== account.currency) &&
      this.options.journal.accountHasOperations(account.id)
    )
      throw new CoreError('ACCOUNT_HISTORY_FIXED');
    const updated = this.options.journal.updateAccount(account.id, {
      name: fields.name,
      identifier: fields.identifier,
      environment: connectionEnvironment(fields.connection),
      currency: fields.currency,
      orderIdPrefix: fields.orderIdPrefix,
      settings,
    });
    this.retire(account.id);
    // The password map is keyed by IDENTIFIER, which may just have changed.
    await this.reloadPasswords();
    this.options.logger.info({ accountId }, 'account settings changed');
    return this.summary(updated);
  }

  async setPassword(accountId: number, password: string): Promise<AccountSummary> {
    this.editable(accountId);
    await this.storePassword(accountId, password);
    return this.summary(this.get(accountId));
  }

  /**
   * Disabling stops new charges; history, lookups and refunds go on. Refused while a charge of
   * the account is being sent: its outcome must be known first.
   */
  setDisabled(accountId: number, disabled: boolean): AccountSummary {
    const account = this.get(accountId);
    if (disabled && this.options.journal.count({ accountIds: [account.id], statuses: ['sending'] }) > 0) throw new CoreError('ACCOUNT_BUSY');
    const updated = this.options.journal.updateAccount(account.id, { settings: { ...account.settings, disabled } });
    this.options.logger.info({ accountId, disabled }, disabled ? 'account disabled' : 'account enabled');
    return this.summary(updated);
  }

  /** Only an account without history (the journal refuses otherwise); its password goes too. */
  async remove(accountId: number): Promise<number> {
    const account = this.editable(accountId);
    if (this.options.journal.accountHasOperations(account.id)) throw new CoreError('JOURNAL_ACCOUNT_IN_USE');
    // The password first: a locked vault refuses, and the account stays as it was.
    await this.options.vault.delete(secretKey(account.id));
    await this.options.secrets.delete(secretKey(account.id));
    this.options.journal.deleteAccount(account.id);
    this.retire(account.id);
    await this.reloadPasswords();
    this.options.logger.info({ accountId }, 'account deleted');
    return account.id;
  }

  /** A harmless signed request, classified; never journaled, never retried blindly. */
  async testConnection(accountId: number): Promise<ConnectionTest> {
    return testConnection(this.client(accountId), this.options.now);
  }

  /** An account a new charge may use: refused when disabled, before anything else is checked. */
  chargeable(accountId: number): Account {
    const account = this.get(accountId);
    if (this.settings(account).disabled) throw new CoreError('ACCOUNT_DISABLED');
    return account;
  }

  /**
   * The client for a new charge, asked again right before its intent is written (nothing
   * awaits in between): a charge either sees the account disabled, or is `sending` when
   * `setDisabled` looks, which then refuses.
   */
  chargeClient(accountId: number): GatewayClient {
    return this.client(this.chargeable(accountId).id);
  }

  /** The built-in sandbox's account is made by core and cannot be edited or deleted. */
  private editable(accountId: number): Account {
    const account = this.get(accountId);
    if (this.settings(account).connection.kind === 'embedded-sandbox') throw new CoreError('ACCOUNT_SANDBOX_FIXED');
    return account;
  }

  private async storePassword(accountId: number, password: string): Promise<void> {
    await this.options.vault.set(secretKey(accountId), password);
    // A copy an older tool left in the plain file must not outlive the new one.
    await this.options.secrets.delete(secretKey(accountId));
    this.retire(accountId);
    await this.reloadPasswords();
    this.options.logger.info({ accountId }, 'account password set');
  }

  /** Why a stored password cannot be read now. */
  private lockedCode(): string {
    const status = this.vaultStatus();
    if (status.state === 'damaged' || status.state === 'unavailable') return status.kind === 'os' ? 'VAULT_UNAVAILABLE' : 'VAULT_DAMAGED';
    if (status.state === 'needs_consent') return 'VAULT_NEEDS_CONSENT';
    return 'VAULT_LOCKED';
  }

  /** The next call makes a new client; one a call is using now is closed with the directory. */
  private retire(accountId: number): void {
    const client = this.clients.get(accountId);
    if (!client) return;
    this.clients.delete(accountId);
    this.retired.push(client);
  }

  /** Kept with the account's other settings; the contract has checked the value. */
  setLargeAmountThreshold(accountId: number, threshold: number): AccountSummary {
    const account = this.get(accountId);
    const settings = { ...account.settings, largeAmountThreshold: threshold };
    AccountSettings.parse(settings);
    return this.summary(this.options.journal.updateAccount(account.id, { settings }));
  }

  client(accountId: number): GatewayClient {
    const cached = this.clients.get(accountId);
    if (cached) return cached;
    const account = this.get(accountId);
    const settings = this.settings(account);
    const password = this.passwords.get(account.id);
    if (!password) throw new CoreError(this.options.vault.storedKeys().has(secretKey(account.id)) ? this.lockedCode() : 'ACCOUNT_NO_PASSWORD');
    let hosts;
    if (settings.connection.kind === 'embedded-sandbox') {
      const url = this.sandboxUrl();
      if (!url) throw new CoreError('SANDBOX_NOT_RUNNING');
      hosts = { primary: url };
    } else {
      hosts = settings.connection.hosts;
    }
    const client = createGatewayClient(
      { identifier: account.identifier, password, hosts, version: settings.connection.kind === 'gateway' ? settings.connection.version : undefined },
      { logger: this.options.logger, now: this.options.now, timeouts: this.options.timeouts },
    );
    this.clients.set(accountId, client);
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values(), ...this.retired].map((client) => client.close()));
    this.clients.clear();
    this.retired.length = 0;
  }
}

/** The settings JSON for these fields, keeping what other screens set (threshold, credit, disabled). */
function settingsFrom(fields: AccountFields, current: Account['settings']): Account['settings'] {
  const hosts =
    fields.connection.kind === 'dalenys-production'
      ? 'production'
      : fields.connection.kind === 'dalenys-test'
        ? 'sandbox'
        : fields.connection.kind === 'custom'
          ? { primary: fields.connection.primary, ...(fields.connection.secondary ? { secondary: fields.connection.secondary } : {}) }
          : undefined;
  if (hosts === undefined) throw new CoreError('ACCOUNT_SANDBOX_FIXED');
  // The gateway client's own rule (https unless loopback, no credentials, a valid URL), now
  // rather than at the first payment.
  resolveAccount({ identifier: fields.identifier, password: 'unused', hosts, version: fields.version });
  const settings = {
    ...current,
    connection: { kind: 'gateway', hosts, version: fields.version },
    motoClientIp: fields.motoClientIp,
    motoUserAgent: fields.motoUserAgent,
    colour: fields.colour,
    threeDSecure: fields.threeDSecure,
    notifications: fields.notifications,
  };
  AccountSettings.parse(settings);
  return settings;
}

/** The stored connection as the contract names it (presets by name, custom hosts with their environment). */
function contractConnection(settings: AccountSettings, account: Account): AccountConnection {
  const connection = settings.connection;
  if (connection.kind === 'embedded-sandbox') return { kind: 'embedded-sandbox' };
  if (connection.hosts === 'production') return { kind: 'dalenys-production' };
  if (connection.hosts === 'sandbox') return { kind: 'dalenys-test' };
  return {
    kind: 'custom',
    environment: account.environment,
    primary: connection.hosts.primary,
    ...(connection.hosts.secondary ? { secondary: connection.hosts.secondary } : {}),
  };
}
