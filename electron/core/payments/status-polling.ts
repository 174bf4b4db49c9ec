import { hasSucceeded, isInFlight } from '../../../shared/domain/operation-status.js';
import type { AccountDirectory } from '../accounts/account-directory.js';
import { CoreError } from '../errors.js';
import { lookupRows } from '../gateway/index.js';
import type { Journal } from '../journal/index.js';
import type { LookupRow, Operation } from '../journal/types.js';
import { confirmationOf } from './operation-view.js';
import type { AwaitingOperation, PollingStore, StatusLookup, StatusRow } from '../notifications/index.js';

/** getTransactions through each account's own gateway client (synchronous `DATA`). */
export function gatewayStatusLookup(accounts: AccountDirectory): StatusLookup {
  return {
    async lookup(accountId, query) {
      const client = accounts.client(Number(accountId));
      const asked = query.orderIds ? { orderIds: [...query.orderIds] } : { transactionIds: [...(query.transactionIds ?? [])] };
      const result = await client.getTransactions(asked);
      // A lookup that did not complete changes nothing; the operator (or the bridge) asks again.
      if (result.outcome === 'failed') throw new CoreError(result.code);
      const rows = result.outcome === 'answered' ? lookupRows(result.response, asked) : undefined;
      // An answer without rows (an error EXECCODE, no DATA), or with rows about other ids, is no
      // "not found" either.
      if (rows === undefined) throw new CoreError('GATEWAY_BAD_RESPONSE');
      return rows.map((row) => row.fields as StatusRow);
    },
  };
}

/**
 * An answer that said "approved" or "authorized" waits for its notification; once the request
 * is this old the polling bridge looks it up as well (then with its usual back-off), so a
 * listener the gateway cannot reach never leaves an operation unconfirmed.
 */
const CONFIRMATION_OVERDUE_MS = 2 * 60_000;
/** How far back unconfirmed answers are picked up when the app starts. */
const CONFIRMATION_LOOKBACK_MS = 30 * 24 * 60 * 60_000;
/** Pending or unknown operations listed per reading (the bridge reads the list every 30 s). */
const LIST_LIMIT = 500;
/**
 * Overdue confirmations listed per reading, oldest first; each costs a view, so a backlog (a
 * listener unreachable for days) is worked through a few hundred at a time.
 */
const OVERDUE_LIMIT = 200;

const STILL_UNCONFIRMED = new Set(['awaiting', 'not_found_yet']);

/**
 * What the polling bridge asks about, as the journal knows it: operations still pending or
 * unknown, and succeeded answers whose confirmation is overdue. Answers go to the journal.
 *
 * Overdue confirmations are watched incrementally, so a reading costs what changed, not the
 * size of the journal: one scan of the last 30 days at the first reading, then only the
 * operations recorded since. A watched operation leaves the watch once it is confirmed,
 * contradicted or failed; the confirmation rule is `confirmationFrom`'s.
 */
export function journalPollingStore(journal: Journal, accounts: AccountDirectory, onSettled: (operationId: number) => void, now: () => number): PollingStore {
  const watched = new Set<number>();
  let watermark: number | undefined;

  const awaiting = (operation: Operation): AwaitingOperation => ({
    id: String(operation.id),
    accountId: String(operation.accountId),
    identifier: accounts.get(operation.accountId).identifier,
    operationType: operation.type,
    orderId: operation.orderId,
    transactionId: operation.transactionId ?? undefined,
  });

  function overdueConfirmations(at: number): Operation[] {
    if (watermark === undefined) {
      watermark = journal.lastOperationId();
      for (const id of journal.listUnconfirmedIds(at - CONFIRMATION_LOOKBACK_MS)) watched.add(id);
    }
    for (const id of journal.listOperationIdsAfter(watermark)) {
      watched.add(id);
      watermark = id;
    }
    const overdue: Operation[] = [];
    for (const id of watched) {
      if (overdue.length >= OVERDUE_LIMIT) break;
      const operation = journal.getOperation(id);
      // Not answered yet, or pending / unknown (listed as such): watched until it is.
      if (operation && isInFlight(operation.status)) continue;
      if (!operation || !hasSucceeded(operation.status) || !STILL_UNCONFIRMED.has(confirmationOf(journal, id))) {
        watched.delete(id);
        continue;
      }
      if (operation.createdAt <= at - CONFIRMATION_OVERDUE_MS) overdue.push(operation);
    }
    return overdue;
  }

  return {
    listAwaiting(): AwaitingOperation[] {
      const page = journal.query({ filter: { statuses: ['pending', 'unknown'] }, limit: LIST_LIMIT });
      return [...page.items, ...overdueConfirmations(now())].map(awaiting);
    },
    applyStatus(operationId, report) {
      const operation = journal.getOperation(Number(operationId));
      if (!operation) return;
      // The whole answer: the journal finds the operation's row in it by the rule the bridge used
      // (`matchLookupRow`), and a second approved one beside it.
      journal.applyLookup(operation.accountId, [operation.orderId], (report.rows ?? [report.row]) as LookupRow[]);
      onSettled(operation.id);
    },
    applyNotFound(operationId) {
      journal.recordLookup(Number(operationId), { found: false });
      onSettled(Number(operationId));
    },
  };
}
