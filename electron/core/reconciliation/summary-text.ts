import type { StoredException } from './reconciliation-store.js';
import type { ReconciliationSummary } from './reconcile-lines.js';

/** The one line `npm run reconcile` prints (issue 19 gives its words). */
export function summaryLine(s: ReconciliationSummary): string {
  return `Reconciled ${s.lines} lines: ${s.matched} matched, ${s.amountDiffers} amount differs, ${s.statusDiffers} status differs, ${s.missingInComptoir} missing in Comptoir, ${s.missingAtDalenys} missing at Dalenys`;
}

const KIND_WORDS: Record<StoredException['kind'], string> = {
  amount_differs: 'amount differs',
  status_differs: 'status differs',
  missing_in_comptoir: 'missing in Comptoir',
  missing_at_dalenys: 'missing at Dalenys',
};

/** `amount differs: TRANSACTIONID T1, ORDERID A-1: Dalenys 1250 EUR (EXECCODE 0000), Comptoir 1200 EUR (approved)`, amounts in minor units. */
export function exceptionLine(e: StoredException): string {
  const ids = [e.transactionId === null ? null : `TRANSACTIONID ${e.transactionId}`, e.orderId === null ? null : `ORDERID ${e.orderId}`]
    .filter(Boolean)
    .join(', ');
  const dalenys = e.fileAmount === null ? 'no line at Dalenys' : `Dalenys ${e.fileAmount} ${e.currency} (EXECCODE ${e.fileStatus ?? '?'})`;
  const comptoir = e.journalAmount === null ? 'not in Comptoir' : `Comptoir ${e.journalAmount} ${e.currency} (${e.journalStatus ?? '?'})`;
  return `${KIND_WORDS[e.kind]}: ${ids}: ${dalenys}, ${comptoir}`;
}
