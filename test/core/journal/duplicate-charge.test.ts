import { afterAll, describe, expect, it } from 'vitest';
import type { Journal } from '../../../electron/core/journal/index.js';
import { intent, newJournal, tempDir, unknown } from './helpers.js';

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
    unknown(journal, op.id, 'timeout');
    const [result] = journal.applyLookup(
      account.id,
      [op.orderId],
      [
        row(op.orderId, 'A-2', '0', { DATE: '2026-01-15 10:00:02' }),
        row(op.orderId, 'A-1', '0000'),
        row(op.orderId, 'A-0', '4001', { DATE: '2026-01-15 09:59:00' }),
      ],
    );
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
      unknown(journal, op.id, 'timeout');
      expect(journal.applyLookup(account.id, [op.orderId], rows(op.orderId))[0]?.status).toBe('approved');
      expect(duplicates(journal, op.id)).toEqual([]);
    }
    journal.close();
  });

  it('is recorded once for the same charges, however often "check status" asks about an operation that stays pending; a further charge is news', () => {
    const { journal, account } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    unknown(journal, op.id, 'timeout');
    // Two approved attempts, then a third still pending, the latest: the operation's outcome is pending.
    const answerRows = (orderId: string) => [
      row(orderId, 'E-1', '0', { DATE: '2026-01-15 10:00:00' }),
      row(orderId, 'E-2', '0', { DATE: '2026-01-15 10:00:01' }),
      row(orderId, 'E-3', '0001', { DATE: '2026-01-15 10:00:02' }),
    ];
    for (let look = 0; look < 3; look += 1) expect(journal.applyLookup(account.id, [op.orderId], answerRows(op.orderId))[0]?.status).toBe('pending');
    expect(journal.listEvents(op.id).filter((event) => event.kind === 'status_lookup')).toHaveLength(3);
    expect(duplicates(journal, op.id)).toEqual([expect.objectContaining({ reason: 'duplicate_charge_suspected', transactionIds: ['E-1', 'E-2'] })]);

    // The same two listed once more beside a third approved charge: that one was never reported.
    journal.applyLookup(account.id, [op.orderId], [...answerRows(op.orderId), row(op.orderId, 'E-4', '0', { DATE: '2026-01-15 10:00:00' })]);
    journal.applyLookup(account.id, [op.orderId], [...answerRows(op.orderId), row(op.orderId, 'E-4', '0', { DATE: '2026-01-15 10:00:00' })]);
    expect(duplicates(journal, op.id)).toEqual([
      expect.objectContaining({ transactionIds: ['E-1', 'E-2'] }),
      expect.objectContaining({ reason: 'duplicate_charge_suspected', transactionIds: ['E-1', 'E-2', 'E-4'] }),
    ]);
    journal.close();
  });
});
