import type { Journal } from '../../../electron/core/journal/index.js';
import { answer, FakeClock, intent, newJournal } from '../journal/helpers.js';

/**
 * A journal with three operations on 15 and 16 January 2026 (UTC 10:00, 11:00, next day 10:00)
 * whose texts start with every character a spreadsheet would read as a formula.
 */
export function exportJournal(dir: string, file?: string): { journal: Journal; file: string; clock: FakeClock; accountId: number } {
  const clock = new FakeClock(Date.UTC(2026, 0, 15, 10, 0, 0));
  const opened = newJournal(dir, clock, file);
  const { journal, account } = opened;
  const payment = intent(journal, {
    accountId: account.id,
    amount: 1250,
    orderId: 'A-1',
    card: { brand: 'visa', bin6: '411111', last4: '1111', expiry: '12-30', holderName: 'Ana Lima' },
    customer: { name: '=HYPERLINK("http://evil.example","x")' },
    description: '+33 6 12 34',
    operator: 'ana',
  });
  answer(journal, payment.id, '0000', { TRANSACTIONID: 'T-A1' });
  clock.advance(3_600_000);
  const refund = intent(journal, {
    accountId: account.id,
    type: 'refund',
    parentId: payment.id,
    amount: 500,
    orderId: 'A-1-R1',
    description: '@SUM(A1:A9)',
    operator: '-bob',
  });
  answer(journal, refund.id, '0000', { TRANSACTIONID: 'T-A1R' });
  clock.advance(23 * 3_600_000);
  const declined = intent(journal, { accountId: account.id, amount: 990, orderId: 'A-2', customer: { name: '\tTab' }, description: '\rCR', operator: 'ana' });
  answer(journal, declined.id, '4001');
  return { journal, file: opened.file, clock, accountId: account.id };
}
