import type { FaultSpec } from '../../electron/core/sandbox/faults.js';

/**
 * The fault matrix of issue 21 item 2, written by hand from the documented rules
 * (docs/architecture.md "Failover and lookups", "The lifecycle of an operation", "Moving money";
 * the fact sheet sections 2, 5 and 6), never read from the code under test.
 */

/** Each operation the contract offers that moves money. `rebill` charges a saved card by its ALIAS. */
export const COLUMNS = ['payment', 'authorization', 'capture', 'refund', 'void', 'credit', 'rebill'] as const;
export type Column = (typeof COLUMNS)[number];

/** The API method the gateway receives for each column (a rebill is a payment by ALIAS). */
export const METHOD: Readonly<Record<Column, string>> = {
  payment: 'payment',
  authorization: 'authorization',
  capture: 'capture',
  refund: 'refund',
  void: 'void',
  credit: 'credit',
  rebill: 'payment',
};

export interface Expected {
  /** The journal's status once lookups have run. */
  readonly status: string;
  /** The confirmation the screen shows beside it. */
  readonly confirmation: string;
  /** The headline the outcome panel shows (its message key). */
  readonly headline: string;
  /** Successful transactions the sandbox ledger holds for this intent's ORDERID and method. */
  readonly charges: 0 | 1;
  /**
   * Requests of the operation the sandbox received, both listeners together: 2 when the first
   * host certainly did not process it and the second did; never a resend after a doubt.
   */
  readonly requests: 1 | 2;
}

/** A combination that cannot exist, and why (printed in the table, never skipped silently). */
export interface NotApplicable {
  readonly notApplicable: string;
}

/** How a cell's run differs from a plain call, besides the sandbox fault on its request. */
type Script =
  /** A correctly signed notification with a decline (4001) replaces the gateway's own. */
  | 'contradicting-notification'
  /** A notification with a bad HASH, claiming a decline, reaches the listener after the answer. */
  | 'forged-notification'
  /** The gateway's notifications go to a port nobody listens on. */
  | 'listener-unreachable';

export interface Row {
  readonly id: string;
  readonly label: string;
  /** The fault on the cell's own request (matched on its ORDERID and method), if any. */
  readonly fault?: FaultSpec;
  /** Which listener the fault hits: the first one that receives the request unless said. */
  readonly target?: 'primary';
  /** How many of the cell's requests it hits (1 unless said: 2 is both hosts). */
  readonly times?: 2;
  readonly script?: Script;
  readonly expect: Readonly<Record<Column, Expected | NotApplicable>>;
}

/** Success of each column's operation, as the status vocabulary and the outcome panel name it. */
const SUCCESS: Readonly<Record<Column, { status: string; headline: string }>> = {
  payment: { status: 'approved', headline: 'terminal.outcome.approved.payment' },
  authorization: { status: 'authorized', headline: 'terminal.outcome.approved.authorization' },
  capture: { status: 'approved', headline: 'terminal.outcome.approved.capture' },
  refund: { status: 'approved', headline: 'terminal.outcome.approved.refund' },
  void: { status: 'approved', headline: 'terminal.outcome.approved.void' },
  credit: { status: 'approved', headline: 'terminal.outcome.approved.credit' },
  rebill: { status: 'approved', headline: 'terminal.outcome.approved.payment' },
};

function everyColumn(cell: (column: Column) => Expected | NotApplicable): Record<Column, Expected | NotApplicable> {
  return Object.fromEntries(COLUMNS.map((column) => [column, cell(column)])) as Record<Column, Expected | NotApplicable>;
}

/** Charged once and confirmed (by notification or by a lookup row with a final result), sent once. */
const chargedOnceConfirmed = everyColumn((column) => ({ ...SUCCESS[column], confirmation: 'confirmed', charges: 1, requests: 1 }));
/** The first host did not process it, the second charged it: still one charge. */
const failedOverOnce = everyColumn((column) => ({ ...SUCCESS[column], confirmation: 'confirmed', charges: 1, requests: 2 }));

export const ROWS: readonly Row[] = [
  {
    id: 'latency',
    label: 'latency (300 ms, under the client timeout)',
    fault: { kind: 'latency', ms: 300 },
    // A slow answer is still the answer.
    expect: chargedOnceConfirmed,
  },
  {
    id: 'timeout',
    label: 'timeout after processing (charged, never answered)',
    fault: { kind: 'timeout' },
    // A doubt is looked up first: the row with this ORDERID is the outcome (looked_up), never resent.
    expect: chargedOnceConfirmed,
  },
  {
    id: 'reset-before',
    label: 'TCP reset before processing',
    fault: { kind: 'reset' },
    // Doubt, lookup answers an empty list (nothing recorded): only then is the next host tried, which charges.
    expect: failedOverOnce,
  },
  {
    id: 'reset-after',
    label: 'TCP reset after processing',
    fault: { kind: 'reset', afterProcessing: true },
    expect: chargedOnceConfirmed,
  },
  {
    id: 'http-5xx-before',
    label: 'HTTP 503 before processing',
    fault: { kind: 'http-error', status: 503 },
    expect: failedOverOnce,
  },
  {
    id: 'http-5xx-after',
    label: 'HTTP 502 after processing (a proxy gave up)',
    fault: { kind: 'http-error', status: 502, afterProcessing: true },
    expect: chargedOnceConfirmed,
  },
  {
    id: 'non-json',
    label: 'HTTP 200 with an HTML body, after processing',
    fault: { kind: 'non-json', afterProcessing: true },
    // Not an answer (no JSON EXECCODE): a doubt, resolved by the lookup.
    expect: chargedOnceConfirmed,
  },
  {
    id: 'non-json-before',
    label: 'HTTP 200 with an HTML body, before processing',
    fault: { kind: 'non-json' },
    expect: failedOverOnce,
  },
  {
    id: 'http-5xx-before-both',
    label: 'HTTP 503 before processing, on both hosts',
    fault: { kind: 'http-error', status: 503 },
    times: 2,
    // Two doubts: `unknown`, never resent. Lookups find nothing; "not found" is final only 15
    // minutes after the request (3 minutes have passed here): not found yet, nothing charged.
    expect: everyColumn(() => ({ status: 'unknown', confirmation: 'not_found_yet', headline: 'terminal.outcome.unknown', charges: 0, requests: 2 })),
  },
  {
    id: '5001-primary',
    label: 'EXECCODE 5001 on the primary',
    fault: { kind: 'platform-error', code: '5001' },
    target: 'primary',
    // The host says it did not process it: straight to the secondary.
    expect: failedOverOnce,
  },
  {
    id: '5003-primary',
    label: 'EXECCODE 5003 on the primary',
    fault: { kind: 'platform-error', code: '5003' },
    target: 'primary',
    expect: failedOverOnce,
  },
  {
    id: '5004',
    label: 'EXECCODE 5004 (processed, result by notification)',
    fault: { kind: 'deferred' },
    // Pending on the answer; the notification carries the real result and settles it.
    expect: chargedOnceConfirmed,
  },
  {
    id: '0001-unasked',
    label: 'EXECCODE 0001 without a request for 3-D Secure (the gateway’s rule engine)',
    fault: { kind: 'outcome', execCode: '0001' },
    // The operation waits for the customer, who cannot authenticate on the phone: nothing charged yet.
    expect: {
      payment: { status: 'pending', confirmation: 'awaiting', headline: 'terminal.outcome.awaitingCustomer', charges: 0, requests: 1 },
      authorization: { status: 'pending', confirmation: 'awaiting', headline: 'terminal.outcome.awaitingCustomer', charges: 0, requests: 1 },
      capture: { notApplicable: 'fact sheet: 3-D Secure applies to payment and authorization only; a follow-up has no cardholder' },
      refund: { notApplicable: 'fact sheet: 3-D Secure applies to payment and authorization only; a follow-up has no cardholder' },
      void: { notApplicable: 'fact sheet: 3-D Secure applies to payment and authorization only; a follow-up has no cardholder' },
      credit: { notApplicable: 'fact sheet: 3-D Secure applies to payment and authorization only; a credit pays out' },
      // A charge by ALIAS is a payment: the rule engine may ask for authentication there too.
      rebill: { status: 'pending', confirmation: 'awaiting', headline: 'terminal.outcome.awaitingCustomer', charges: 0, requests: 1 },
    },
  },
  {
    id: 'notify-before',
    label: 'notification before the answer',
    fault: { kind: 'notification', mode: 'before' },
    // Applied to the `sending` row; the answer agrees with it.
    expect: chargedOnceConfirmed,
  },
  {
    id: 'notify-after',
    label: 'notification after the answer',
    fault: { kind: 'notification', mode: 'after' },
    expect: chargedOnceConfirmed,
  },
  {
    id: 'notify-twice',
    label: 'notification duplicated',
    fault: { kind: 'notification', mode: 'twice' },
    expect: chargedOnceConfirmed,
  },
  {
    id: 'notify-never',
    label: 'notification never sent',
    fault: { kind: 'notification', mode: 'never' },
    // The overdue confirmation (2 minutes) is looked up: a row with a final result confirms.
    expect: chargedOnceConfirmed,
  },
  {
    id: 'notify-contradicting',
    label: 'notification contradicting the answer (signed, 4001)',
    fault: { kind: 'notification', mode: 'never' },
    script: 'contradicting-notification',
    // Notifications win: the gateway's word sets the status, and a discrepancy is shown.
    expect: everyColumn(() => ({ status: 'declined', confirmation: 'discrepancy', headline: 'terminal.outcome.declined', charges: 1, requests: 1 })),
  },
  {
    id: 'notify-forged',
    label: 'forged notification (bad HASH) claiming a decline',
    script: 'forged-notification',
    // Refused by the listener (403); the gateway's own notification confirms the answer.
    expect: chargedOnceConfirmed,
  },
  {
    id: 'listener-unreachable',
    label: 'notification listener unreachable',
    script: 'listener-unreachable',
    // The gateway's retries all fail; the overdue lookup confirms.
    expect: chargedOnceConfirmed,
  },
];

export function isNotApplicable(cell: Expected | NotApplicable): cell is NotApplicable {
  return 'notApplicable' in cell;
}
