/**
 * Which getTransactions row is an operation's (`lookup-match.ts`): one rule, read by the
 * journal's `applyLookup` and by the polling bridge. The expected outcomes are written by hand
 * from docs/architecture.md ("Failover and lookups"); each case runs through the rule, the
 * journal and the bridge, so a second copy that drifts in either place fails here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { LookupRow } from '../../../electron/core/journal/index.js';
import { matchLookupRow } from '../../../electron/core/journal/lookup-match.js';
import { PollingBridge, type AwaitingOperation, type StatusRow } from '../../../electron/core/notifications/polling-bridge.js';
import { answer, intent, newJournal, tempDir, unknown } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

/** What the answer says about the operation: the TRANSACTIONID of its row, or that it only names it, or nothing. */
type Expected = { found: string } | 'mentioned' | 'absent';

interface Case {
  readonly name: string;
  /** The TRANSACTIONID the journal already holds for the operation (a pending answer gave it). */
  readonly known?: string;
  readonly rows: (orderId: string) => StatusRow[];
  readonly expected: Expected;
}

const CASES: readonly Case[] = [
  {
    name: 'ORDERID and OPERATIONTYPE: the latest by DATE, a refund of the same ORDERID aside',
    rows: (o) => [
      { ORDERID: o, OPERATIONTYPE: 'payment', TRANSACTIONID: 'X1', EXECCODE: '0', DATE: '2026-01-15 10:00:00' },
      { ORDERID: o, OPERATIONTYPE: 'payment', TRANSACTIONID: 'X2', EXECCODE: '4001', DATE: '2026-01-15 10:05:00' },
      { ORDERID: o, OPERATIONTYPE: 'refund', TRANSACTIONID: 'X3', EXECCODE: '0', DATE: '2026-01-16 09:00:00' },
    ],
    expected: { found: 'X2' },
  },
  {
    name: 'the TRANSACTIONID the journal holds wins over a later row of the same ORDERID',
    known: 'T1',
    rows: (o) => [
      { ORDERID: o, OPERATIONTYPE: 'payment', TRANSACTIONID: 'T1', EXECCODE: '0', DATE: '2026-01-15 10:00:00' },
      { ORDERID: o, OPERATIONTYPE: 'payment', TRANSACTIONID: 'X2', EXECCODE: '4001', DATE: '2026-01-15 10:05:00' },
    ],
    expected: { found: 'T1' },
  },
  {
    name: 'a TRANSACTIONID no row carries does not make the ORDERID’s row "not found"',
    known: 'T1',
    rows: (o) => [{ ORDERID: o, OPERATIONTYPE: 'payment', TRANSACTIONID: 'X2', EXECCODE: '0', DATE: '2026-01-15 10:05:00' }],
    expected: { found: 'X2' },
  },
  {
    name: 'the row of the TRANSACTIONID asked about, though it repeats neither ORDERID nor type',
    known: 'T1',
    rows: () => [{ TRANSACTIONID: 'T1', EXECCODE: '0' }],
    expected: { found: 'T1' },
  },
  {
    name: 'the ORDERID under another OPERATIONTYPE is not this operation, nor proof of absence',
    rows: (o) => [{ ORDERID: o, OPERATIONTYPE: 'refund', TRANSACTIONID: 'X3', EXECCODE: '0' }],
    expected: 'mentioned',
  },
  {
    name: 'the ORDERID on a row that does not say its OPERATIONTYPE',
    rows: (o) => [{ ORDERID: o, TRANSACTIONID: 'X4', EXECCODE: '0' }],
    expected: 'mentioned',
  },
  {
    name: 'the TRANSACTIONID asked about, on a row of another OPERATIONTYPE',
    known: 'T1',
    rows: () => [{ TRANSACTIONID: 'T1', OPERATIONTYPE: 'refund', EXECCODE: '0' }],
    expected: 'mentioned',
  },
  { name: 'an empty answer', rows: () => [], expected: 'absent' },
  {
    name: 'rows about other operations only',
    known: 'T1',
    rows: () => [{ ORDERID: 'SOMEONE-ELSE', OPERATIONTYPE: 'payment', TRANSACTIONID: 'Z9', EXECCODE: '0' }],
    expected: 'absent',
  },
];

function asExpected(match: ReturnType<typeof matchLookupRow>): Expected {
  return match.kind === 'found' ? { found: String(match.row.TRANSACTIONID) } : match.kind;
}

describe('the row of an operation in a getTransactions answer', () => {
  it('is chosen by one rule', () => {
    for (const c of CASES) {
      expect(asExpected(matchLookupRow(c.rows('O-1'), { orderId: 'O-1', type: 'payment', transactionId: c.known })), c.name).toEqual(c.expected);
    }
  });

  it('is the one the journal records (a row found, "not found", or nothing at all)', () => {
    for (const c of CASES) {
      // A journal each: a TRANSACTIONID is held by one operation only.
      const { journal, account } = newJournal(temp.dir);
      const op = intent(journal, { accountId: account.id });
      // A known TRANSACTIONID comes with a pending answer; without one the outcome is unknown.
      if (c.known) answer(journal, op.id, '0001', { TRANSACTIONID: c.known });
      else unknown(journal, op.id);
      const before = journal.listEvents(op.id).length;
      journal.applyLookup(account.id, [op.orderId], c.rows(op.orderId) as LookupRow[]);
      const added = journal.listEvents(op.id).slice(before).filter((event) => event.kind === 'status_lookup');
      const recorded: Expected =
        added.length === 0
          ? 'mentioned'
          : added[0]?.payload.outcome === 'not_found_yet'
            ? 'absent'
            : { found: String((added[0]?.payload.row as Record<string, unknown>).TRANSACTIONID) };
      expect(recorded, c.name).toEqual(c.expected);
      journal.close();
    }
  });

  it('is the one the polling bridge reports (a status, a lookup that found nothing, or neither)', async () => {
    for (const c of CASES) {
      const op: AwaitingOperation = {
        id: 'op-1',
        accountId: '1',
        identifier: 'BOUTIQUE',
        operationType: 'payment',
        orderId: 'O-1',
        ...(c.known ? { transactionId: c.known } : {}),
        syncState: c.known ? 'answered' : 'unknown',
        ...(c.known ? { syncExecCode: '0001' } : {}),
      };
      const heard: Expected[] = [];
      const bridge = new PollingBridge({
        lookup: { lookup: () => Promise.resolve(c.rows('O-1')) },
        store: {
          listAwaiting: () => [op],
          applyStatus: (_id, report) => void heard.push({ found: String(report.row.TRANSACTIONID) }),
          applyNotFound: () => void heard.push('absent'),
        },
      });
      await bridge.sweepNow();
      expect(heard.length === 0 ? 'mentioned' : heard[0], c.name).toEqual(c.expected);
    }
  });
});
