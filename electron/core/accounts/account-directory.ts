import { randomBytes } from 'node:crypto';
import type { AccountSummary } from '../../../shared/contract/accounts.js';
import { CoreError } from '../errors.js';
import { createGatewayClient, type GatewayClient, type GatewayTimeouts } from '../gateway/index.js';
import type { Journal } from '../journal/index.js';
import type { Account } from '../journal/types.js';
import type { Logger } from '../logging/logger.js';
import { AccountSettings } from './account-settings.js';
import type { SecretStore } from './secret-store.js';

const SANDBOX_ACCOUNT_NAME = 'Sandbox';
export const SANDBOX_IDENTIFIER = 'COMPTOIR-SANDBOX';

const secretKey = (accountId: number) => `account:${accountId}`;

export interface DirectoryOptions {
  readonly journal: Journal;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly now: () => number;
  readonly timeouts?: Partial<GatewayTimeouts>;
}

/**
 * The accounts this desk can charge: journal rows, their connection settings and their
 * passwords, and one gateway client per account, made on first use.
 */
export class AccountDirectory {
  private passwords = new Map<string, string>();
  private readonly clients = new Map<number, GatewayClient>();
  private sandboxUrl: () => string | undefined = () => undefined;

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

  private async reloadPasswords(): Promise<void> {
    const stored = await this.options.secrets.load();
    const byIdentifier = new Map<string, string>();
    for (const account of this.options.journal.listAccounts()) {
      const password = stored.get(secretKey(account.id));
      if (password) byIdentifier.set(account.identifier, password);
    }
    this.passwords = byIdentifier;
  }

  /** Where the embedded sandbox answers this launch; known once it has started. */
  useSandboxUrl(url: () => string | undefined): void {
    this.sandboxUrl = url;
  }

  /** For the notification listener, which verifies HASH before anything else. */
  passwordFor(identifier: string): string | undefined {
    return this.passwords.get(identifier);
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
    return {
      id: account.id,
      name: account.name,
      environment: account.environment,
      currency: account.currency,
      allowCredit: settings.allowCredit,
      orderIdPrefix: account.orderIdPrefix,
      isSandbox: settings.connection.kind === 'embedded-sandbox',
      largeAmountThreshold: settings.largeAmountThreshold,
    };
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
    const password = this.passwords.get(account.identifier);
    if (!password) throw new CoreError('ACCOUNT_NO_PASSWORD');
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
    await Promise.all([...this.clients.values()].map((client) => client.close()));
    this.clients.clear();
  }
}
