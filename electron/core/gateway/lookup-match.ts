/** One getTransactions DATA row, as the gateway spells it (`ORDERID`, `TRANSACTIONID`, `OPERATIONTYPE`, `DATE`…). */
type GatewayRow = Readonly<Record<string, unknown>>;

/** What a lookup needs to know of the operation it asked about. */
export interface LookedUpOperation {
  readonly orderId?: string;
  /** payment, authorization, capture… (any case). */
  readonly type: string;
  /** The gateway's id for it, once known. */
  readonly transactionId?: string | null;
}

/**
 * What one getTransactions answer says about one operation: its row (`found`), rows that name
 * it without being it (`mentioned`: neither found nor proof of absence), or nothing (`absent`).
 * `alongside`: the answer's other rows of its ORDERID and OPERATIONTYPE, where a second
 * approved transaction shows a second charge (`journal/duplicate-charge.ts`).
 */
export type LookupMatch<R extends GatewayRow> =
  { readonly kind: 'found'; readonly row: R; readonly alongside: readonly R[] } | { readonly kind: 'mentioned' } | { readonly kind: 'absent' };

function sameType(row: GatewayRow, type: string): boolean {
  return typeof row.OPERATIONTYPE === 'string' && row.OPERATIONTYPE.toLowerCase() === type.toLowerCase();
}

/** The latest by DATE ("YYYY-MM-DD HH:MM:SS" sorts as text); a later row wins a tie (the gateway lists in order). */
function latest<R extends GatewayRow>(rows: readonly R[]): R | undefined {
  let best: R | undefined;
  for (const row of rows) if (best === undefined || String(row.DATE ?? '') >= String(best.DATE ?? '')) best = row;
  return best;
}

/**
 * THE rule for which getTransactions row is an operation's (docs/architecture.md, "Failover and
 * lookups"), for the client's own lookup after a doubt, the journal's `applyLookup` and the
 * polling bridge alike:
 * 1. once its TRANSACTIONID is known, the row carrying it (the gateway's record of that very
 *    transaction), unless the row says it is of another OPERATIONTYPE;
 * 2. else a row with its ORDERID and its OPERATIONTYPE, the latest by DATE: a TRANSACTIONID the
 *    journal holds that no row carries does not make the ORDERID's row "not found";
 * 3. else, a row that carries its ORDERID or TRANSACTIONID under another (or no) OPERATIONTYPE
 *    (a back-office operation may reuse an ORDERID) is not this operation, yet no proof that
 *    it is absent either;
 * 4. else it is absent from this answer.
 */
export function matchLookupRow<R extends GatewayRow>(rows: readonly R[], operation: LookedUpOperation): LookupMatch<R> {
  const { orderId, transactionId, type } = operation;
  const carriesId = (row: R) => transactionId != null && row.TRANSACTIONID === transactionId;
  const carriesOrder = (row: R) => orderId !== undefined && row.ORDERID === orderId;
  const ofOrder = rows.filter((row) => carriesOrder(row) && sameType(row, type));
  const found = (row: R): LookupMatch<R> => ({ kind: 'found', row, alongside: ofOrder.filter((other) => other !== row) });
  const byId = latest(rows.filter((row) => carriesId(row) && (row.OPERATIONTYPE === undefined || sameType(row, type))));
  if (byId !== undefined) return found(byId);
  const byOrder = latest(ofOrder);
  if (byOrder !== undefined) return found(byOrder);
  return rows.some((row) => carriesId(row) || carriesOrder(row)) ? { kind: 'mentioned' } : { kind: 'absent' };
}
