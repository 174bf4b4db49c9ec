import type { AccountDirectory } from '../accounts/account-directory.js';
import { CoreError } from '../errors.js';
import type { Journal } from '../journal/index.js';
import type { LookupRow } from '../journal/types.js';
import type { AwaitingOperation, PollingStore, StatusLookup, StatusRow } from '../notifications/index.js';

/** getTransactions through each account's own gateway client (synchronous `DATA`). */
export function gatewayStatusLookup(accounts: AccountDirectory): StatusLookup {
  return {
    async lookup(accountId, query) {
      const client = accounts.client(Number(accountId));
      const result = await client.getTransactions(query.orderIds ? { orderIds: [...query.orderIds] } : { transactionIds: [...(query.transactionIds ?? [])] });
      // A lookup that did not complete changes nothing; the operator (or the bridge) asks again.
      if (result.outcome === 'failed') throw new CoreError(result.code);
      if (result.outcome !== 'answered') throw new CoreError('GATEWAY_OUTCOME_UNKNOWN');
      return (result.response.transactions ?? []).map((row) => row.fields as StatusRow);
    },
  };
}

/** Operations still pending or unknown, as the polling bridge sees them; answers go to the journal. */
export function journalPollingStore(journal: Journal, accounts: AccountDirectory, onSettled: (operationId: number) => void): PollingStore {
  return {
    listAwaiting(): AwaitingOperation[] {
      const page = journal.query({ filter: { statuses: ['pending', 'unknown'] }, limit: 500 });
      return page.items.map((operation) => ({
        id: String(operation.id),
        accountId: String(operation.accountId),
        identifier: accounts.get(operation.accountId).identifier,
        operationType: operation.type,
        orderId: operation.orderId,
        transactionId: operation.transactionId ?? undefined,
        syncState: operation.status === 'unknown' ? 'unknown' : 'answered',
        syncExecCode: operation.execCode ?? undefined,
      }));
    },
    applyStatus(operationId, report) {
      const operation = journal.getOperation(Number(operationId));
      if (!operation) return;
      const row = { ...report.row, EXECCODE: report.execCode, ORDERID: operation.orderId } as LookupRow;
      journal.applyLookup(operation.accountId, [operation.orderId], [row]);
      onSettled(operation.id);
    },
  };
}
