import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import type { Journal } from '../../../electron/core/journal/index.js';
import { importReconciliationFile } from '../../../electron/core/reconciliation/import-file.js';
import { ReconciliationStore, type StoredException } from '../../../electron/core/reconciliation/reconciliation-store.js';
import { summaryLine } from '../../../electron/core/reconciliation/summary-text.js';
import { rawDatabase } from '../../support/journal-sql.js';
import { answer, FakeClock, intent, newJournal, tempDir } from '../journal/helpers.js';
import { handWrittenCsv, type HandLine } from './layouts.js';

/*
 * The journal of 15 January 2026 and Dalenys' file of that day, written by hand from the fact
 * sheet, holding one of each case:
 *   T-1 payment 12.50 and T-5 its refund 3.00 (positive in the file): matched
 *   (no TRANSACTIONID) ORDERID A-6 4.00: matched by ORDERID
 *   T-2: Comptoir 9.90, Dalenys 10.00: amount differs
 *   T-3: Comptoir declined, Dalenys 0 (accepted): status differs
 *   T-9: not in Comptoir: missing in Comptoir
 *   T-4: Comptoir approved 7.00, no line: missing at Dalenys
 * Fees 0.25 a line.
 */
const DAY = '2026-01-15';
const LINES: HandLine[] = [
  { TRANSACTIONID: 'T-1', ORDERID: 'A-1', OPERATIONTYPE: 'payment', amount: 1250, fees: 25, EXECCODE: '0', DATE: `${DAY} 10:00:01` },
  { TRANSACTIONID: 'T-2', ORDERID: 'A-2', OPERATIONTYPE: 'payment', amount: 1000, fees: 25, EXECCODE: '0', DATE: `${DAY} 10:01:00` },
  { TRANSACTIONID: 'T-3', ORDERID: 'A-3', OPERATIONTYPE: 'payment', amount: 500, fees: 25, EXECCODE: '0', DATE: `${DAY} 10:02:00` },
  { TRANSACTIONID: 'T-9', ORDERID: 'Z-9', OPERATIONTYPE: 'payment', amount: 800, fees: 25, EXECCODE: '0', DATE: `${DAY} 10:03:00` },
  { TRANSACTIONID: 'T-5', ORDERID: 'A-1-R1', OPERATIONTYPE: 'refund', amount: 300, fees: 25, EXECCODE: '0', DATE: `${DAY} 11:00:00` },
  { TRANSACTIONID: '', ORDERID: 'A-6', OPERATIONTYPE: 'payment', amount: 400, fees: 25, EXECCODE: '0', DATE: `${DAY} 12:00:00` },
];

const EXPECTED_SUMMARY = {
  lines: 6,
  matched: 3,
  amountDiffers: 1,
  statusDiffers: 1,
  missingInComptoir: 1,
  missingAtDalenys: 1,
  payouts: [
    {
      currency: 'EUR',
      // 12.50 + 10.00 + 5.00 + 8.00 + 4.00 accepted payments
      gross: 3950,
      refunds: 300,
      fees: 150,
      chargebacks: 0,
      payout: 3500,
      // Comptoir, for the same lines: 12.50 + 9.90 + 4.00 − 3.00 (T-3 declined, T-9 unknown)
      journalNet: 2340,
      // 0.10 (T-2) + 5.00 (T-3) + 8.00 (T-9)
      gap: 1310,
    },
  ],
};

function fillJournal(journal: Journal, accountId: number): void {
  const paid = (orderId: string, amount: number, transactionId: string) =>
    answer(journal, intent(journal, { accountId, amount, orderId }).id, '0000', { TRANSACTIONID: transactionId });
  const a1 = paid('A-1', 1250, 'T-1');
  paid('A-2', 990, 'T-2');
  answer(journal, intent(journal, { accountId, amount: 500, orderId: 'A-3' }).id, '4001', { TRANSACTIONID: 'T-3' });
  paid('A-4', 700, 'T-4');
  answer(journal, intent(journal, { accountId, type: 'refund', parentId: a1.id, amount: 300, orderId: 'A-1-R1' }).id, '0000', { TRANSACTIONID: 'T-5' });
  paid('A-6', 400, 'T-6');
}

describe('reconciliation of a Dalenys file against the journal', () => {
  let dir: { dir: string; cleanup: () => void };

  beforeAll(() => {
    dir = tempDir('comptoir-reconcile-');
  });
  afterAll(() => dir.cleanup());

  /** A fresh journal for each file, so each import stands alone. */
  function fresh(): { store: ReconciliationStore; db: Database; journal: Journal; close: () => Promise<void> } {
    const opened = newJournal(dir.dir, new FakeClock(Date.UTC(2026, 0, 15, 9, 0, 0)));
    fillJournal(opened.journal, opened.account.id);
    const db = rawDatabase(opened.file);
    return {
      store: new ReconciliationStore(db, () => Date.UTC(2026, 0, 16, 8, 0, 0)),
      db,
      journal: opened.journal,
      close: async () => {
        db.close();
        await opened.journal.close();
      },
    };
  }

  const bzip2 = (bytes: Uint8Array) => execFileSync('bzip2', ['-c'], { input: bytes });
  const cases: Array<[string, 'cents' | 'decimal', (csv: string) => Uint8Array]> = [];
  for (const layout of ['cents', 'decimal'] as const) {
    cases.push([`${layout} layout, plain CSV`, layout, (csv) => strToU8(csv)]);
    cases.push([`${layout} layout, gzip`, layout, (csv) => gzipSync(strToU8(csv))]);
    cases.push([`${layout} layout, zip`, layout, (csv) => zipSync({ 'export.csv': strToU8(csv) })]);
    cases.push([`${layout} layout, bzip2`, layout, (csv) => bzip2(strToU8(csv))]);
  }

  it.each(cases)('classifies every kind of line in the %s', async (_name, layout, pack) => {
    const { store, close } = fresh();
    try {
      const file = join(dir.dir, `${layout}-${Math.random().toString(36).slice(2)}.bin`);
      writeFileSync(file, pack(handWrittenCsv(layout, LINES)));
      const result = await importReconciliationFile(store, file, { accountIds: null, operator: 'ana' });
      expect(result.layout).toBe(layout);
      expect(result.alreadyImported).toBe(false);
      expect(result.summary).toEqual(EXPECTED_SUMMARY);
      expect(summaryLine(result.summary)).toBe(
        'Reconciled 6 lines: 3 matched, 1 amount differs, 1 status differs, 1 missing in Comptoir, 1 missing at Dalenys',
      );
      expect(result.exceptions.map((e) => [e.kind, e.transactionId, e.orderId, e.fileAmount, e.journalAmount, e.fileStatus, e.journalStatus, e.state])).toEqual(
        [
          ['amount_differs', 'T-2', 'A-2', 1000, 990, '0000', 'approved', 'open'],
          ['status_differs', 'T-3', 'A-3', 500, 500, '0000', 'declined', 'open'],
          ['missing_in_comptoir', 'T-9', 'Z-9', 800, null, '0000', null, 'open'],
          ['missing_at_dalenys', 'T-4', 'A-4', null, 700, null, 'approved', 'open'],
        ],
      );
    } finally {
      await close();
    }
  });

  it('changes nothing when the same file comes again, even compressed otherwise', async () => {
    const { store, db, close } = fresh();
    try {
      const csv = handWrittenCsv('decimal', LINES);
      const plain = join(dir.dir, 'again.csv');
      const zipped = join(dir.dir, 'again.csv.gz');
      writeFileSync(plain, csv);
      writeFileSync(zipped, gzipSync(strToU8(csv)));
      const first = await importReconciliationFile(store, plain, { accountIds: null, operator: 'ana' });
      const counts = () =>
        db.prepare('SELECT (SELECT count(*) FROM reconciliation_imports) AS imports, (SELECT count(*) FROM reconciliation_exceptions) AS exceptions').get();
      const before = counts();
      const second = await importReconciliationFile(store, zipped, { accountIds: null, operator: 'bob' });
      expect(second).toMatchObject({ alreadyImported: true, importId: first.importId, summary: first.summary });
      expect(second.exceptions).toEqual(first.exceptions);
      expect(counts()).toEqual(before);
    } finally {
      await close();
    }
  });

  it('records acknowledge, then resolve or accept with a note, with the operator; refuses anything else', async () => {
    const { store, db, close } = fresh();
    try {
      const file = join(dir.dir, 'actions.csv');
      writeFileSync(file, handWrittenCsv('cents', LINES));
      const { exceptions } = await importReconciliationFile(store, file, { accountIds: null, operator: 'ana' });
      const [amount, status] = exceptions as readonly [StoredException, StoredException, ...StoredException[]];
      expect(() => store.act(amount.id, 'resolved', 'ana', 'fixed')).toThrow(expect.objectContaining({ code: 'RECONCILE_EXCEPTION_STATE' }));
      expect(store.act(amount.id, 'acknowledged', 'ana', null)).toMatchObject({ state: 'acknowledged', by: 'ana' });
      expect(() => store.act(amount.id, 'acknowledged', 'bob', null)).toThrow(expect.objectContaining({ code: 'RECONCILE_EXCEPTION_STATE' }));
      expect(() => store.act(amount.id, 'resolved', 'bob', '  ')).toThrow(expect.objectContaining({ code: 'RECONCILE_NOTE_REQUIRED' }));
      expect(store.act(amount.id, 'resolved', 'bob', 'Refunded the 0.10 difference')).toMatchObject({
        state: 'resolved',
        by: 'bob',
        note: 'Refunded the 0.10 difference',
      });
      expect(() => store.act(amount.id, 'accepted', 'bob', 'again')).toThrow(expect.objectContaining({ code: 'RECONCILE_EXCEPTION_STATE' }));
      store.act(status.id, 'acknowledged', 'ana', null);
      expect(store.act(status.id, 'accepted', 'ana', 'Bank confirmed the decline')).toMatchObject({ state: 'accepted' });
      expect(() => store.act(9999, 'acknowledged', 'ana', null)).toThrow(expect.objectContaining({ code: 'RECONCILE_EXCEPTION_NOT_FOUND' }));
      expect(db.prepare('SELECT action, operator, note FROM reconciliation_actions ORDER BY id').all()).toEqual([
        { action: 'acknowledged', operator: 'ana', note: null },
        { action: 'resolved', operator: 'bob', note: 'Refunded the 0.10 difference' },
        { action: 'acknowledged', operator: 'ana', note: null },
        { action: 'accepted', operator: 'ana', note: 'Bank confirmed the decline' },
      ]);
    } finally {
      await close();
    }
  });

  it.each([
    ['an empty file', new Uint8Array(0), 'RECONCILE_UNREADABLE_FILE'],
    ['damaged gzip', new Uint8Array([0x1f, 0x8b, 1, 2, 3]), 'RECONCILE_UNREADABLE_FILE'],
    ['damaged bzip2', strToU8('BZh9 not really'), 'RECONCILE_UNREADABLE_FILE'],
    ['a zip of two files', zipSync({ 'a.csv': strToU8('x'), 'b.csv': strToU8('y') }), 'RECONCILE_UNREADABLE_FILE'],
    ['a spreadsheet of something else', strToU8('NAME;PRICE\n"tea";"3"\n'), 'RECONCILE_UNKNOWN_LAYOUT'],
    [
      'an amount that is not one',
      strToU8(handWrittenCsv('decimal', [{ ...(LINES[0] as HandLine) }]).replace('"12.50"', '"12,50"')),
      'RECONCILE_UNREADABLE_FILE',
    ],
  ])('refuses %s with a clear code, recording nothing', async (_name, bytes, code) => {
    const { store, db, close } = fresh();
    try {
      const file = join(dir.dir, `bad-${Math.random().toString(36).slice(2)}`);
      writeFileSync(file, bytes);
      await expect(importReconciliationFile(store, file, { accountIds: null, operator: 'ana' })).rejects.toMatchObject({ code });
      expect(db.prepare('SELECT count(*) AS n FROM reconciliation_imports').get()).toEqual({ n: 0 });
    } finally {
      await close();
    }
  });
});
