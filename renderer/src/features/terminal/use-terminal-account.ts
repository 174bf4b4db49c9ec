import { useEffect } from 'react';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import { useAccounts } from '../../contract/client-context.js';
import { useTerminalStore } from '../../state/terminal-store.js';
import { useStableCallback } from '../../app/use-stable-callback.js';

/**
 * The account the draft charges: core's active one until the operator picks another. Changing
 * account takes a new ORDERID from that account's counter unless the operator typed one, and
 * drops "credit" where the new account does not allow it.
 */
export function useTerminalAccount() {
  const query = useAccounts();
  const draft = useTerminalStore((state) => state.draft);
  const editDraft = useTerminalStore((state) => state.editDraft);
  // A disabled account takes no new payment: it is not offered.
  const accounts: readonly AccountSummary[] = (query.data?.accounts ?? []).filter((candidate) => !candidate.disabled);
  const account = accounts.find((candidate) => candidate.id === draft.accountId);

  useEffect(() => {
    const data = query.data;
    if (!data || accounts.length === 0 || account) return;
    const fallback = accounts.find((candidate) => candidate.id === data.activeAccountId) ?? accounts[0];
    if (fallback) editDraft({ accountId: fallback.id, ...(draft.orderIdEdited ? {} : { orderId: '' }) });
  }, [query.data, accounts, account, draft.orderIdEdited, editDraft]);

  const changeAccount = useStableCallback((accountId: number) => {
    const next = accounts.find((candidate) => candidate.id === accountId);
    editDraft({
      accountId,
      ...(draft.orderIdEdited ? {} : { orderId: '' }),
      ...(draft.operation === 'credit' && !next?.allowCredit ? { operation: 'payment' as const } : {}),
    });
  });

  return { query, accounts, account, changeAccount };
}
