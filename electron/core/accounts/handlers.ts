import type { accountsOperations } from '../../../shared/contract/accounts.js';
import type { HandlerSlice } from '../dispatcher.js';
import type { AccountDirectory } from './account-directory.js';

/** The accounts capability's handlers (contract: `shared/contract/accounts.ts`). */
export function accountsHandlers(accounts: AccountDirectory, activeAccountId: number): HandlerSlice<typeof accountsOperations> {
  return {
    'accounts.list': () => ({ accounts: accounts.list(), activeAccountId }),
    'accounts.setLargeAmountThreshold': ({ accountId, threshold }) => accounts.setLargeAmountThreshold(accountId, threshold),
    'accounts.add': ({ account, password }) => accounts.add(account, password),
    'accounts.update': ({ accountId, account }) => accounts.update(accountId, account),
    'accounts.setPassword': ({ accountId, password }) => accounts.setPassword(accountId, password),
    'accounts.setDisabled': ({ accountId, disabled }) => accounts.setDisabled(accountId, disabled),
    'accounts.remove': async ({ accountId }) => ({ removed: await accounts.remove(accountId) }),
    'accounts.testConnection': ({ accountId }) => accounts.testConnection(accountId),
    'accounts.vaultStatus': () => accounts.vaultStatus(),
    'accounts.setUpVault': ({ passphrase }) => accounts.setUpVault(passphrase),
    'accounts.unlockVault': ({ passphrase }) => accounts.unlockVault(passphrase),
    'accounts.consentPlainTextVault': () => accounts.consentToPlainTextVault(),
  };
}
