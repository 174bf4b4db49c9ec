/*
 * The confirmation rule's conditions in SQL, in one place: the signals of one operation
 * (`OperationReads.confirmationSignals`) and the history filter by confirmation read the
 * same events the same way. Each is a condition on one event's `kind` and `payload`.
 */

/** A status lookup found the operation with a final result. */
export const LOOKED_UP = `kind = 'status_lookup' AND json_extract(payload, '$.outcome') IN ('approved', 'authorized', 'declined', 'error')`;
/** The gateway answered with an EXECCODE. */
export const ANSWERED = `kind = 'response' AND json_type(payload, '$.execCode') = 'text'`;

export type ConfirmationState = 'none' | 'awaiting' | 'confirmed' | 'discrepancy' | 'not_found_yet' | 'not_found';

/** One signal: some event of operation `o` meets the condition. */
function has(condition: string, column: string): string {
  return `EXISTS (SELECT 1 FROM events WHERE operation_id = ${column} AND (${condition}))`;
}

/**
 * The condition that an operation (its id in `column`) is in this confirmation state, with
 * the rule's precedence (`confirmationFrom` in payments/operation-view.ts): a discrepancy
 * outranks a confirmation, which outranks "not found", which outranks an answer alone.
 */
export function confirmationSql(state: ConfirmationState, column: string): string {
  const discrepancy = has(`kind = 'discrepancy'`, column);
  const confirmed = has(`kind = 'notification' OR (${LOOKED_UP})`, column);
  const notFound = has(`kind = 'status_lookup' AND json_extract(payload, '$.outcome') = 'not_found'`, column);
  const notFoundYet = has(`kind = 'status_lookup' AND json_extract(payload, '$.outcome') = 'not_found_yet'`, column);
  const answered = has(ANSWERED, column);
  const above: Record<ConfirmationState, string[]> = {
    discrepancy: [],
    confirmed: [discrepancy],
    not_found: [discrepancy, confirmed],
    not_found_yet: [discrepancy, confirmed, notFound],
    awaiting: [discrepancy, confirmed, notFound, notFoundYet],
    none: [discrepancy, confirmed, notFound, notFoundYet, answered],
  };
  const own: Record<ConfirmationState, string | null> = {
    discrepancy,
    confirmed,
    not_found: notFound,
    not_found_yet: notFoundYet,
    awaiting: answered,
    none: null,
  };
  const parts = [...(own[state] === null ? [] : [own[state]]), ...above[state].map((condition) => `NOT ${condition}`)];
  return `(${parts.join(' AND ')})`;
}
