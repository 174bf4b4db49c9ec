import type { AccountDirectory } from '../accounts/account-directory.js';
import { CoreError } from '../errors.js';
import type { Journal } from '../journal/index.js';
import type { LookupRow, Operation } from '../journal/types.js';
import { confirmationFrom } from './operation-view.js';
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

/**
 * An answer that said "approved" or "authorized" waits for its notification; once it is this
 * late the polling bridge looks it up as well (then with its usual back-off), so a listener
 * the gateway cannot reach never leaves an operation unconfirmed.
 */
export const CONFIRMATION_OVERDUE_MS = 2 * 60_000;
/** How far back unconfirmed answers are still looked up (bounds the query on a large journal). */
export const CONFIRMATION_LOOKBACK_MS = 30 * 24 * 60 * 60_000;

const STILL_UNCONFIRMED = new Set(['awaiting', 'not_found_yet']);

/**
 * What the polling bridge asks about, as the journal knows it: operations still pending or
 * unknown, and succeeded answers whose confirmation is overdue. Answers go to the journal.
 */
export function journalPollingStore(journal: Journal, accounts: AccountDirectory, onSettled: (operationId: number) => void, now: () => number): PollingStore {
  const awaiting = (operation: Operation): AwaitingOperation => ({
    id: String(operation.id),
    accountId: String(operation.accountId),
    identifier: accounts.get(operation.accountId).identifier,
    operationType: operation.type,
    orderId: operation.orderId,
    transactionId: operation.transactionId ?? undefined,
    syncState: operation.status === 'unknown' ? 'unknown' : 'answered',
    syncExecCode: operation.execCode ?? undefined,
  });
  return {
    listAwaiting(): AwaitingOperation[] {
      const page = journal.query({ filter: { statuses: ['pending', 'unknown'] }, limit: 500 });
      const at = now();
      const overdue = journal
        .listUnconfirmed({ since: at - CONFIRMATION_LOOKBACK_MS, answeredBefore: at - CONFIRMATION_OVERDUE_MS, limit: 500 })
        .filter(({ signals }) => STILL_UNCONFIRMED.has(confirmationFrom(signals)));
      return [...page.items, ...overdue.map(({ operation }) => operation)].map(awaiting);
    },
    applyStatus(operationId, report) {
      const operation = journal.getOperation(Number(operationId));
      if (!operation) return;
      const row = { ...report.row, EXECCODE: report.execCode, ORDERID: operation.orderId } as LookupRow;
      journal.applyLookup(operation.accountId, [operation.orderId], [row]);
      onSettled(operation.id);
    },
    applyNotFound(operationId) {
      journal.recordLookup(Number(operationId), { found: false });
      onSettled(Number(operationId));
    },
  };
}
