/**
 * Which getTransactions row is an operation's (`gateway/lookup-match.ts`): one rule, read by
 * the client's own lookup after a doubt, the journal's `applyLookup` and the polling bridge.
 * The expected outcomes are written by hand from docs/architecture.md ("Failover and lookups");
 * each case runs through the rule, the client, the journal and the bridge, so a second copy
 * that drifts in any of them fails here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createGatewayClient } from '../../../electron/core/gateway/index.js';
import { matchLookupRow } from '../../../electron/core/gateway/lookup-match.js';
import type { LookupRow } from '../../../electron/core/journal/index.js';
import { PollingBridge, type AwaitingOperation, type StatusRow } from '../../../electron/core/notifications/polling-bridge.js';
import { startFaultServer, type FaultAction } from '../../support/fault-server.js';
import { answer, intent, newJournal, tempDir, unknown } from '../journal/helpers.js';
import { cardPayment, clock, PASSWORD } from './fixtures.js';

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
      const added = journal
        .listEvents(op.id)
        .slice(before)
        .filter((event) => event.kind === 'status_lookup');
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

  it('is the one the client takes as the outcome of a request in doubt (it knows no TRANSACTIONID yet)', async () => {
    for (const c of CASES.filter((each) => each.known === undefined)) {
      const lookup: FaultAction = { kind: 'json', body: { OPERATIONTYPE: 'getTransactions', EXECCODE: '0000', MESSAGE: 'ok', DATA: c.rows('CMD-42') } };
      // The payment is answered with a 502 page: a doubt, which the client looks up by ORDERID.
      const host = await startFaultServer((request) =>
        request.method === 'getTransactions' ? lookup : { kind: 'text', status: 502, body: '<html>bad gateway</html>' },
      );
      const client = createGatewayClient({ identifier: 'COMPTOIR-MOTO', password: PASSWORD, hosts: { primary: host.url } }, { now: clock });
      try {
        const result = await client.payment(cardPayment());
        const heard: Expected =
          result.outcome === 'looked_up'
            ? { found: String(result.row.transactionId) }
            : result.outcome === 'unknown' && result.lookup === 'unusable'
              ? 'mentioned'
              : 'absent';
        if (heard === 'absent') expect(result, c.name).toMatchObject({ outcome: 'unknown', lookup: 'not_found' });
        expect(heard, c.name).toEqual(c.expected);
      } finally {
        await client.close();
        await host.close();
      }
    }
  });
});

describe('the other rows of the operation beside its row', () => {
  it('are those of its ORDERID and OPERATIONTYPE: where a second charge shows', () => {
    const rows = [
      { ORDERID: 'O-1', OPERATIONTYPE: 'payment', TRANSACTIONID: 'X1', EXECCODE: '0', DATE: '2026-01-15 10:00:00' },
      { ORDERID: 'O-1', OPERATIONTYPE: 'PAYMENT', TRANSACTIONID: 'X2', EXECCODE: '0', DATE: '2026-01-15 10:05:00' },
      { ORDERID: 'O-1', OPERATIONTYPE: 'refund', TRANSACTIONID: 'X3', EXECCODE: '0', DATE: '2026-01-16 09:00:00' },
      { ORDERID: 'O-1', TRANSACTIONID: 'X4', EXECCODE: '0' },
      { ORDERID: 'O-2', OPERATIONTYPE: 'payment', TRANSACTIONID: 'X5', EXECCODE: '0' },
    ];
    const ids = (match: ReturnType<typeof matchLookupRow>) =>
      match.kind === 'found' ? [match.row.TRANSACTIONID, match.alongside.map((row) => row.TRANSACTIONID)] : match.kind;
    expect(ids(matchLookupRow(rows, { orderId: 'O-1', type: 'payment' }))).toEqual(['X2', ['X1']]);
    // Its own row found by TRANSACTIONID, the later one of the ORDERID is beside it.
    expect(ids(matchLookupRow(rows, { orderId: 'O-1', type: 'payment', transactionId: 'X1' }))).toEqual(['X1', ['X2']]);
  });
});
