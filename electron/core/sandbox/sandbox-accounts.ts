import { SandboxError } from './errors.js';
import type { NotificationMethod, SandboxAccountOptions } from './types.js';

/** A sandbox merchant account: one IDENTIFIER, its password, currency and notification target. */
export interface SandboxAccount {
  readonly identifier: string;
  readonly password: string;
  readonly currency: string;
  notificationUrl: string | undefined;
  notificationMethod: NotificationMethod;
  readonly allowCredit: boolean;
  readonly descriptor: string;
  readonly authorizationValidityDays: number;
  disabled: boolean;
}

export function validateNotificationUrl(url: string | undefined): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'notification URL is not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'notification URL must be http or https');
  }
}

export class AccountRegistry {
  private readonly accounts = new Map<string, SandboxAccount>();

  add(options: SandboxAccountOptions): SandboxAccount {
    if (typeof options.identifier !== 'string' || options.identifier === '' || options.identifier.length > 32) {
      throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'account identifier must be 1-32 characters');
    }
    if (typeof options.password !== 'string' || options.password === '') {
      throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'account password must not be empty');
    }
    if (this.accounts.has(options.identifier)) throw new SandboxError('SANDBOX_ACCOUNT_DUPLICATE');
    const currency = options.currency ?? 'EUR';
    if (!/^[A-Z]{3}$/.test(currency)) throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'currency must be an ISO 4217 code');
    validateNotificationUrl(options.notificationUrl);
    const method = options.notificationMethod ?? 'POST';
    if (method !== 'POST' && method !== 'GET') throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'notification method must be POST or GET');
    const days = options.authorizationValidityDays ?? 7;
    if (!Number.isInteger(days) || days < 1) throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'authorization validity must be a whole number of days');
    const descriptor = options.descriptor ?? 'COMPTOIR SANDBOX';
    if (descriptor.length > 32) throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'descriptor is limited to 32 characters');
    const account: SandboxAccount = {
      identifier: options.identifier,
      password: options.password,
      currency,
      notificationUrl: options.notificationUrl,
      notificationMethod: method,
      allowCredit: options.allowCredit ?? false,
      descriptor,
      authorizationValidityDays: days,
      disabled: options.disabled ?? false,
    };
    this.accounts.set(account.identifier, account);
    return account;
  }

  get(identifier: string): SandboxAccount | undefined {
    return this.accounts.get(identifier);
  }

  require(identifier: string): SandboxAccount {
    const account = this.accounts.get(identifier);
    if (account === undefined) throw new SandboxError('SANDBOX_ACCOUNT_UNKNOWN');
    return account;
  }

  list(): SandboxAccount[] {
    return [...this.accounts.values()];
  }
}
