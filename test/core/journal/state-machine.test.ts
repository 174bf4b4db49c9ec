import { afterAll, describe, expect, it } from 'vitest';
import { OPERATION_STATUSES, type OperationStatus } from '../../../shared/domain/operation-status.js';
import {
  AUTHORIZATION_VALIDITY_MS,
  NOT_FOUND_MIN_ANSWERS,
  NOT_FOUND_WINDOW_MS,
  TRANSITIONS,
  TRIGGERS,
  deriveActions,
  deriveStatus,
  findTransition,
  isJournalError,
  notFoundTrigger,
  transition,
  type Journal,
  type JournalOperation,
  type Trigger,
} from '../../../electron/core/journal/index.js';
import { answer, FakeClock, intent, newJournal, notify, tempDir, unknown } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

describe('transition table', () => {
  it('has no duplicate (from, trigger) pair and only known statuses and triggers', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}|${t.on}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of TRANSITIONS) {
      expect(OPERATION_STATUSES).toContain(row.from);
      expect(OPERATION_STATUSES).toContain(row.to);
      expect(TRIGGERS).toContain(row.on);
    }
  });

  // The whole cross product: every allowed pair answers its row, every other pair is refused.
  for (const from of OPERATION_STATUSES) {
    for (const on of TRIGGERS) {
      const row = TRANSITIONS.find((t) => t.from === from && t.on === on);
      if (row) {
        it(`allows ${from} --${on}--> ${row.to}${row.discrepancy ? ' (discrepancy)' : ''}`, () => {
          expect(transition(from, on)).toEqual(row);
          expect(findTransition(from, on)).toBe(row);
        });
      } else {
        it(`refuses ${from} --${on}`, () => {
          expect(findTransition(from, on)).toBeUndefined();
          let error: unknown;
          try {
            transition(from, on);
          } catch (caught) {
            error = caught;
          }
          expect(isJournalError(error, 'JOURNAL_INVALID_TRANSITION')).toBe(true);
        });
      }
    }
  }

  it('only ever lets the gateway contradict a result with a discrepancy, never silently', () => {
    const finals: OperationStatus[] = ['approved', 'authorized', 'declined', 'error'];
    for (const row of TRANSITIONS) {
      if (finals.includes(row.from) && finals.includes(row.to) && row.from !== row.to) expect(row.discrepancy).toBe(true);
    }
  });
});

describe('derivation (pure)', () => {
  const event = (kind: string, outcome: string, at = 0) => ({ kind, outcome, at });

  it('folds own answers first, then follow-ups, then the clock', () => {
    const facts = {
      type: 'authorization' as const,
      amount: 1000,
      alias: null,
      events: [event('intent_recorded', ''), event('response', 'authorized', 100)],
      children: [],
    };
    expect(deriveStatus(facts, 101).status).toBe('authorized');
    expect(deriveStatus(facts, 101).expiresAt).toBe(100 + AUTHORIZATION_VALIDITY_MS);
    expect(deriveStatus(facts, 100 + AUTHORIZATION_VALIDITY_MS).status).toBe('expired');
    const captured = { ...facts, children: [{ id: 9, type: 'capture' as const, amount: 400, status: 'approved' as const }] };
    expect(deriveStatus(captured, 100 + AUTHORIZATION_VALIDITY_MS * 2).status).toBe('partially_captured');
  });

  it('reports events that do not fit instead of throwing on read', () => {
    const derivation = deriveStatus(
      { type: 'payment', amount: 5, alias: null, events: [event('status_lookup', 'approved')], children: [] },
      0,
    );
    expect(derivation.status).toBe('sending');
    expect(derivation.rejectedEvents).toEqual([0]);
  });

  it('holds in-flight follow-ups against the remaining amounts', () => {
    const actions = deriveActions(
      {
        type: 'payment',
        amount: 1000,
        alias: 'AL1',
        events: [],
        children: [
          { id: 2, type: 'refund', amount: 300, status: 'approved' },
          { id: 3, type: 'refund', amount: 200, status: 'unknown' },
          { id: 4, type: 'refund', amount: 100, status: 'declined' },
        ],
      },
      'partially_refunded',
    );
    expect(actions).toEqual({ capturableAmount: 0, refundableAmount: 500, voidable: false, rebillAlias: 'AL1', checkStatus: false });
  });
});

describe('notFoundTrigger: when "not found" becomes final', () => {
  const MIN = 60_000;
  const T = Date.UTC(2026, 0, 15, 10, 0, 0);
  const sent = [
    { kind: 'intent_recorded', at: T - MIN },
    { kind: 'request_sent', at: T },
  ];
  const notFound = (at: number, outcome = 'not_found_yet') => ({ kind: 'status_lookup', outcome, at });

  it('is provisional while fewer than 3 answers in all found nothing, however late', () => {
    expect(notFoundTrigger(sent, T + 10 * 60 * MIN)).toBe('lookup:not_found_yet');
    expect(notFoundTrigger([...sent, notFound(T + MIN)], T + 10 * 60 * MIN)).toBe('lookup:not_found_yet');
  });

  it('is provisional before 15 minutes after the request, however many answers', () => {
    const many = [...sent, ...[1, 2, 3, 4, 5, 6].map((n) => notFound(T + n * MIN))];
    expect(notFoundTrigger(many, T + 15 * MIN - 1)).toBe('lookup:not_found_yet');
  });

  it('is final on the 3rd answer at 15 minutes after the request sent, counting earlier final ones too', () => {
    expect(notFoundTrigger([...sent, notFound(T + MIN), notFound(T + 2 * MIN)], T + 15 * MIN)).toBe('lookup:not_found');
    expect(notFoundTrigger([...sent, notFound(T + MIN, 'not_found'), notFound(T + 2 * MIN)], T + 15 * MIN)).toBe('lookup:not_found');
  });

  it('counts from the latest request sent, else from the intent', () => {
    const resent = [...sent, notFound(T + MIN), notFound(T + 2 * MIN), { kind: 'request_sent', at: T + 10 * MIN }];
    expect(notFoundTrigger(resent, T + 20 * MIN)).toBe('lookup:not_found_yet');
    expect(notFoundTrigger(resent, T + 25 * MIN)).toBe('lookup:not_found');
    const neverSent = [{ kind: 'intent_recorded', at: T }, { kind: 'interrupted', outcome: 'unknown', at: T + MIN }, notFound(T + 2 * MIN), notFound(T + 3 * MIN)];
    expect(notFoundTrigger(neverSent, T + 15 * MIN)).toBe('lookup:not_found');
  });

  it('ignores lookups that found something, and other events', () => {
    const found = [...sent, { kind: 'status_lookup', outcome: 'pending', at: T + MIN }, { kind: 'notification', outcome: 'pending', at: T + MIN }, notFound(T + 2 * MIN)];
    expect(notFoundTrigger(found, T + 20 * MIN)).toBe('lookup:not_found_yet');
  });
});

/**
 * The same table exercised through the Journal: for every status an operation can reach by
 * its own answers and every answer trigger, build that status with notifications (so a
 * synchronous response is still possible), fire the trigger through the public API, and check
 * the result: the new status and a discrepancy event when the row says so, or a refusal that
 * recorded nothing.
 */
describe('transitions through the Journal', () => {
  const OWN_STATES: OperationStatus[] = ['sending', 'pending', 'unknown', 'approved', 'authorized', 'declined', 'error'];
  const OWN_TRIGGERS = TRIGGERS.filter((t) => /^(response|notification|lookup|recovery):/.test(t));
  const CODE: Record<string, string> = { approved: '0000', authorized: '0000', pending: '0001', declined: '4001', error: '1001' };

  function typeFor(from: OperationStatus, on: Trigger): 'payment' | 'authorization' | null {
    const outcome = on.split(':')[1] as string;
    const needsAuthorization = from === 'authorized' || outcome === 'authorized';
    const needsPayment = from === 'approved' || outcome === 'approved';
    if (needsAuthorization && needsPayment) return null;
    return needsAuthorization ? 'authorization' : 'payment';
  }

  function reach(journal: Journal, accountId: number, type: 'payment' | 'authorization', from: OperationStatus): JournalOperation {
    const op = intent(journal, { accountId, type, amount: 1000 });
    if (from === 'sending') return op;
    if (from === 'unknown') {
      journal.recoverInterrupted();
    } else {
      expect(notify(journal, op, CODE[from] as string).outcome).toBe('applied');
    }
    const reached = journal.getOperation(op.id) as JournalOperation;
    expect(reached.status).toBe(from);
    return reached;
  }

  function fire(journal: Journal, clock: FakeClock, op: JournalOperation, on: Trigger): void {
    const [source, outcome] = on.split(':') as [string, string];
    if (source === 'response') {
      if (outcome === 'unknown') unknown(journal, op.id, 'timeout');
      else answer(journal, op.id, CODE[outcome] as string);
    } else if (source === 'notification') {
      const result = notify(journal, op, CODE[outcome] as string);
      if (result.outcome !== 'applied') throw Object.assign(new Error('kept'), { code: result.error });
    } else if (on === 'lookup:not_found_yet') {
      journal.recordLookup(op.id, { found: false });
    } else if (on === 'lookup:not_found') {
      // The final "not found": enough answers, the last one the whole window after the intent.
      for (let n = 1; n < NOT_FOUND_MIN_ANSWERS; n += 1) journal.recordLookup(op.id, { found: false });
      clock.advance(NOT_FOUND_WINDOW_MS);
      journal.recordLookup(op.id, { found: false });
    } else if (source === 'lookup') {
      journal.recordLookup(op.id, { found: true, row: { EXECCODE: CODE[outcome] as string, ORDERID: op.orderId } });
    } else {
      const interrupted = journal.recoverInterrupted().filter((item) => item.operationId === op.id && item.interruptedNow);
      if (interrupted.length === 0) throw Object.assign(new Error('not interrupted'), { code: 'JOURNAL_INVALID_TRANSITION' });
    }
  }

  for (const from of OWN_STATES) {
    for (const on of OWN_TRIGGERS) {
      const type = typeFor(from, on);
      if (type === null) continue;
      const row = findTransition(from, on);
      it(`${type} ${from} --${on}--> ${row ? row.to : 'refused'}`, () => {
        const { journal, account, clock } = newJournal(temp.dir);
        try {
          const op = reach(journal, account.id, type, from);
          const before = journal.listEvents(op.id);
          if (on === 'recovery:interrupted' && from !== 'sending') {
            // Recovery only ever looks at `sending` operations: nothing else is touched.
            journal.recoverInterrupted();
            expect(journal.listEvents(op.id)).toEqual(before);
            expect(row).toBeUndefined();
            return;
          }
          if (row) {
            fire(journal, clock, op, on);
            const after = journal.getOperation(op.id) as JournalOperation;
            expect(after.status).toBe(row.to);
            const added = journal.listEvents(op.id).slice(before.length);
            expect(added.filter((e) => e.kind === 'discrepancy').length).toBe(row.discrepancy ? 1 : 0);
          } else {
            let error: unknown;
            try {
              fire(journal, clock, op, on);
            } catch (caught) {
              error = caught;
            }
            expect((error as { code?: string })?.code).toBe('JOURNAL_INVALID_TRANSITION');
            expect(journal.listEvents(op.id)).toEqual(before);
            expect(journal.getOperation(op.id)?.status).toBe(from);
          }
        } finally {
          journal.close();
        }
      });
    }
  }

  it('capture:full and capture:partial move an authorization; the remainder is not capturable again', () => {
    const { journal, account } = newJournal(temp.dir);
    const full = intent(journal, { accountId: account.id, type: 'authorization', amount: 1000 });
    answer(journal, full.id, '0000');
    const capture = intent(journal, { accountId: account.id, type: 'capture', parentId: full.id });
    expect(capture.amount).toBe(1000);
    answer(journal, capture.id, '0000');
    expect(journal.getOperation(full.id)?.status).toBe(transition('authorized', 'capture:full').to);

    const partial = intent(journal, { accountId: account.id, type: 'authorization', amount: 1000 });
    answer(journal, partial.id, '0000');
    answer(journal, intent(journal, { accountId: account.id, type: 'capture', parentId: partial.id, amount: 400 }).id, '0000');
    const view = journal.getOperation(partial.id) as JournalOperation;
    expect(view.status).toBe(transition('authorized', 'capture:partial').to);
    expect(view.actions.capturableAmount).toBe(0);
    journal.close();
  });

  it('refund:partial then refund:full move a payment to partially_refunded then refunded', () => {
    const { journal, account } = newJournal(temp.dir);
    const payment = intent(journal, { accountId: account.id, amount: 1000 });
    answer(journal, payment.id, '0000');
    answer(journal, intent(journal, { accountId: account.id, type: 'refund', parentId: payment.id, amount: 300 }).id, '0000');
    expect(journal.getOperation(payment.id)?.status).toBe(transition('approved', 'refund:partial').to);
    answer(journal, intent(journal, { accountId: account.id, type: 'refund', parentId: payment.id, amount: 200 }).id, '0000');
    expect(journal.getOperation(payment.id)?.status).toBe(transition('partially_refunded', 'refund:partial').to);
    expect(journal.getOperation(payment.id)?.actions.refundableAmount).toBe(500);
    answer(journal, intent(journal, { accountId: account.id, type: 'refund', parentId: payment.id }).id, '0000');
    expect(journal.getOperation(payment.id)?.status).toBe(transition('partially_refunded', 'refund:full').to);

    const other = intent(journal, { accountId: account.id, amount: 700 });
    answer(journal, other.id, '0000');
    answer(journal, intent(journal, { accountId: account.id, type: 'refund', parentId: other.id }).id, '0000');
    expect(journal.getOperation(other.id)?.status).toBe(transition('approved', 'refund:full').to);
    journal.close();
  });

  it('void:done voids an authorization, clock:expired expires one after 7 days', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const voided = intent(journal, { accountId: account.id, type: 'authorization', amount: 1000 });
    answer(journal, voided.id, '0000');
    answer(journal, intent(journal, { accountId: account.id, type: 'void', parentId: voided.id }).id, '0000');
    expect(journal.getOperation(voided.id)?.status).toBe(transition('authorized', 'void:done').to);

    const expiring = intent(journal, { accountId: account.id, type: 'authorization', amount: 1000 });
    answer(journal, expiring.id, '0000');
    clock.advance(AUTHORIZATION_VALIDITY_MS - 1);
    expect(journal.getOperation(expiring.id)?.status).toBe('authorized');
    clock.advance(1);
    const expired = journal.getOperation(expiring.id) as JournalOperation;
    expect(expired.status).toBe(transition('authorized', 'clock:expired').to);
    expect(expired.actions.capturableAmount).toBe(0);
    expect(expired.actions.voidable).toBe(false);
    journal.close();
  });

  it('a follow-up that succeeds on a parent the gateway since declined leaves the parent declined, with a discrepancy', () => {
    const { journal, account } = newJournal(temp.dir);
    const auth = intent(journal, { accountId: account.id, type: 'authorization', amount: 1000 });
    answer(journal, auth.id, '0000');
    const capture = intent(journal, { accountId: account.id, type: 'capture', parentId: auth.id });
    notify(journal, auth, '4001');
    expect(findTransition('declined', 'capture:full')).toBeUndefined();
    answer(journal, capture.id, '0000');
    expect(journal.getOperation(capture.id)?.status).toBe('approved');
    expect(journal.getOperation(auth.id)?.status).toBe('declined');
    const reasons = journal.listEvents(auth.id).filter((e) => e.kind === 'discrepancy').map((e) => e.payload.reason);
    expect(reasons).toEqual(['gateway_contradiction', 'follow_up_not_applicable']);
    journal.close();
  });
});
