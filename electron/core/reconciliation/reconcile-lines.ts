import { hasSucceeded, type OperationStatus } from '../../../shared/domain/operation-status.js';
import type { DalenysLine } from './export-lines.js';

/**
 * Matching a Dalenys file against the journal, and what it finds. Pure: the journal is asked
 * through `JournalLookup`, so the rules are one function whatever runs them.
 */

export type ExceptionKind = 'amount_differs' | 'status_differs' | 'missing_in_comptoir' | 'missing_at_dalenys';

export interface JournalRow {
  readonly id: number;
  readonly type: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: OperationStatus;
  readonly transactionId: string | null;
  readonly orderId: string;
}

export interface JournalLookup {
  byTransactionId(transactionId: string): JournalRow | undefined;
  byOrderId(orderId: string): JournalRow | undefined;
  /** Operations the gateway knows (with a TRANSACTIONID) created within the file's days. */
  inPeriod(firstDay: string, lastDay: string): Iterable<JournalRow>;
}

export interface FoundException {
  readonly kind: ExceptionKind;
  readonly operationId: number | null;
  readonly transactionId: string | null;
  readonly orderId: string | null;
  readonly currency: string;
  readonly fileAmount: number | null;
  readonly journalAmount: number | null;
  /** The file's EXECCODE. */
  readonly fileStatus: string | null;
  readonly journalStatus: string | null;
}

interface Payout {
  readonly currency: string;
  /** Successful payments and captures. */
  readonly gross: number;
  /** Successful refunds and credits (positive in the file, subtracted here). */
  readonly refunds: number;
  readonly fees: number;
  /** Chargebacks (subtracted) net of their reversals. */
  readonly chargebacks: number;
  /** gross − refunds − fees − chargebacks. */
  readonly payout: number;
  /** What Comptoir recorded for the same lines: its successful payments and captures less its refunds and credits. */
  readonly journalNet: number;
  /** (gross − refunds) − journalNet: money the exceptions account for; 0 when all agree. */
  readonly gap: number;
}

export interface ReconciliationSummary {
  readonly lines: number;
  readonly matched: number;
  readonly amountDiffers: number;
  readonly statusDiffers: number;
  readonly missingInComptoir: number;
  readonly missingAtDalenys: number;
  readonly payouts: Payout[];
}

const SALES = new Set(['payment', 'capture']);
const GIVEN_BACK = new Set(['refund', 'credit']);
const CHARGEBACKS = new Set(['chargeback']);
const CHARGEBACK_REVERSALS = new Set(['chargeback_reversal', 'representment']);

class PayoutSum {
  gross = 0;
  refunds = 0;
  fees = 0;
  chargebacks = 0;
  journalNet = 0;
}

export function reconcileLines(lines: readonly DalenysLine[], journal: JournalLookup): { summary: ReconciliationSummary; exceptions: FoundException[] } {
  const exceptions: FoundException[] = [];
  const seen = new Set<number>();
  const sums = new Map<string, PayoutSum>();
  const sum = (currency: string) => {
    let entry = sums.get(currency);
    if (!entry) sums.set(currency, (entry = new PayoutSum()));
    return entry;
  };
  let matched = 0;
  let firstDay: string | null = null;
  let lastDay: string | null = null;

  for (const line of lines) {
    if (line.day !== null) {
      if (firstDay === null || line.day < firstDay) firstDay = line.day;
      if (lastDay === null || line.day > lastDay) lastDay = line.day;
    }
    const approved = line.execCode === '0000';
    const money = sum(line.currency);
    money.fees += line.fees;
    if (approved && SALES.has(line.type)) money.gross += line.amount;
    if (approved && GIVEN_BACK.has(line.type)) money.refunds += line.amount;
    if (CHARGEBACKS.has(line.type)) money.chargebacks += line.amount;
    if (CHARGEBACK_REVERSALS.has(line.type)) money.chargebacks -= line.amount;

    // TRANSACTIONID is the gateway's own key; ORDERID only when the line has none.
    const row = line.transactionId !== null ? journal.byTransactionId(line.transactionId) : line.orderId !== null ? journal.byOrderId(line.orderId) : undefined;
    const base = { transactionId: line.transactionId, orderId: line.orderId, currency: line.currency, fileAmount: line.amount, fileStatus: line.execCode };
    if (row === undefined) {
      exceptions.push({ kind: 'missing_in_comptoir', operationId: null, journalAmount: null, journalStatus: null, ...base });
      continue;
    }
    seen.add(row.id);
    if (hasSucceeded(row.status)) {
      if (SALES.has(row.type)) money.journalNet += row.amount;
      if (GIVEN_BACK.has(row.type)) money.journalNet -= row.amount;
    }
    const found = {
      operationId: row.id,
      journalAmount: row.amount,
      journalStatus: row.status,
      ...base,
      orderId: row.orderId,
      transactionId: row.transactionId ?? line.transactionId,
    };
    if (approved !== hasSucceeded(row.status)) exceptions.push({ kind: 'status_differs', ...found });
    else if (row.amount !== line.amount || row.currency !== line.currency) exceptions.push({ kind: 'amount_differs', ...found });
    else matched += 1;
  }

  let missingAtDalenys = 0;
  if (firstDay !== null && lastDay !== null) {
    for (const row of journal.inPeriod(firstDay, lastDay)) {
      if (seen.has(row.id)) continue;
      missingAtDalenys += 1;
      exceptions.push({
        kind: 'missing_at_dalenys',
        operationId: row.id,
        transactionId: row.transactionId,
        orderId: row.orderId,
        currency: row.currency,
        fileAmount: null,
        journalAmount: row.amount,
        fileStatus: null,
        journalStatus: row.status,
      });
    }
  }

  const count = (kind: ExceptionKind) => exceptions.filter((exception) => exception.kind === kind).length;
  const payouts = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, s]) => ({
      currency,
      gross: s.gross,
      refunds: s.refunds,
      fees: s.fees,
      chargebacks: s.chargebacks,
      payout: s.gross - s.refunds - s.fees - s.chargebacks,
      journalNet: s.journalNet,
      gap: s.gross - s.refunds - s.journalNet,
    }));
  return {
    summary: {
      lines: lines.length,
      matched,
      amountDiffers: count('amount_differs'),
      statusDiffers: count('status_differs'),
      missingInComptoir: count('missing_in_comptoir'),
      missingAtDalenys,
      payouts,
    },
    exceptions,
  };
}
