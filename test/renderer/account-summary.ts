import type { AccountSummary } from '../../shared/contract/accounts.js';

/**
 * An account as core lists it, for pure tests of what the screen makes of one: the Sandbox
 * account core creates on first launch, changed by `patch`. `fixtures-match-core.test.ts`
 * checks it against a real core's.
 */
export function accountSummary(patch: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id: 1,
    name: 'Sandbox',
    environment: 'test',
    currency: 'EUR',
    allowCredit: true,
    orderIdPrefix: 'SBX-',
    isSandbox: true,
    largeAmountThreshold: 500_000,
    identifier: 'COMPTOIR-SANDBOX',
    colour: '#1c7ed6',
    connection: { kind: 'embedded-sandbox' },
    version: '2.0',
    motoClientIp: '127.0.0.1',
    motoUserAgent: '',
    threeDSecure: 'never',
    notifications: { mode: 'polling' },
    notificationUrl: null,
    password: 'set',
    disabled: false,
    hasOperations: false,
    ...patch,
  };
}
