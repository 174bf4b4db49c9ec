import { afterAll, describe, expect, it } from 'vitest';
import type { Journal } from '../../../electron/core/journal/index.js';
import { intent, newJournal, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

/**
 * A lookup by ORDERID that returns two approved transactions of the operation (same ORDERID and
 * operation type) records `duplicate_charge_suspected`, naming both, whichever row it takes.
 * Declined attempts, the same transaction listed twice and other operation types are no
 * second charge.
 */
describe('a second approved transaction under one ORDERID', () => {
  const row = (orderId: string, TRANSACTIONID: string, EXECCODE: string, extra: Record<string, string> = {}) => ({
    ORDERID: orderId,
    OPERATIONTYPE: 'payment',
    TRANSACTIONID,
    EXECCODE,
    DATE: '2026-01-15 10:00:00',
    ...extra,
  });
  const duplicates = (journal: Journal, id: number) =>
    journal
      .listEvents(id)
      .filter((event) => event.kind === 'discrepancy')
      .map((event) => event.payload);

  it('is recorded when two approved rows carry different TRANSACTIONIDs', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    journal.recordUnknown(op.id, 'timeout');
    const [result] = journal.applyLookup(account.id, [op.orderId], [
      row(op.orderId, 'A-2', '0', { DATE: '2026-01-15 10:00:02' }),
      row(op.orderId, 'A-1', '0000'),
      row(op.orderId, 'A-0', '4001', { DATE: '2026-01-15 09:59:00' }),
    ]);
    expect(result?.status).toBe('approved');
    expect(journal.getOperation(op.id)?.transactionId).toBe('A-2');
    expect(duplicates(journal, op.id)).toEqual([expect.objectContaining({ reason: 'duplicate_charge_suspected', transactionIds: ['A-1', 'A-2'] })]);
    journal.close();
  });

  it('is not recorded for a declined attempt beside the charge, the same transaction twice, or another operation type', () => {
    const { journal, account } = newJournal(temp.dir);
    const cases = [
      (orderId: string) => [row(orderId, 'B-0', '4001', { DATE: '2026-01-15 09:00:00' }), row(orderId, 'B-1', '0')],
      (orderId: string) => [row(orderId, 'C-1', '0'), row(orderId, 'C-1', '0000')],
      (orderId: string) => [row(orderId, 'D-1', '0'), row(orderId, 'D-R', '0', { OPERATIONTYPE: 'refund' })],
    ];
    for (const rows of cases) {
      const op = intent(journal, { accountId: account.id });
      journal.recordUnknown(op.id, 'timeout');
      expect(journal.applyLookup(account.id, [op.orderId], rows(op.orderId))[0]?.status).toBe('approved');
      expect(duplicates(journal, op.id)).toEqual([]);
    }
    journal.close();
  });
});
