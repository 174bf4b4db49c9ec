import type { Environment } from '../../../shared/contract/schemas.js';
import { useAccounts, useAppInfo } from '../contract/client-context.js';
import { useTerminalStore } from './terminal-store.js';

/**
 * The environment money goes to: the terminal's account when known, else the app's. The
 * banner and the status bar both read it, so they can never disagree.
 */
export function useCurrentEnvironment(): { environment: Environment; accountName: string | undefined } {
  const accounts = useAccounts();
  const info = useAppInfo();
  const accountId = useTerminalStore((state) => state.draft.accountId);
  const list = accounts.data?.accounts ?? [];
  const account = list.find((candidate) => candidate.id === accountId) ?? list.find((candidate) => candidate.id === accounts.data?.activeAccountId) ?? list[0];
  return { environment: account?.environment ?? info.data?.environment ?? 'test', accountName: account?.name };
}
