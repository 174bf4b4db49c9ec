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
  type Trigger,
} from '../../../electron/core/journal/index.js';
import { answer, FakeClock, intent, newJournal, notify, tempDir, unknown } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

type View = NonNullable<ReturnType<Journal['getOperation']>>;

/*
 * The lifecycle, stated by hand from docs/architecture.md ("The lifecycle of an operation"),
 * one group of rows per row of its table, never read from the table under test. Then the
 * refusals, by hand too. The machine must allow exactly the one and refuse exactly the other.
 */

const OUTCOMES = ['approved', 'authorized', 'pending', 'declined', 'error'] as const;
type Outcome = (typeof OUTCOMES)[number];
type Source = 'response' | 'notification' | 'lookup';
const ANY_SOURCE: readonly Source[] = ['response', 'notification', 'lookup'];
const RESULTS = ['approved', 'authorized', 'declined', 'error'] as const;
type Result = (typeof RESULTS)[number];
/** What contradicts each result. `approved` and `authorized` are successes of different operation types: they never meet. */
const CONTRADICTING: Readonly<Record<Result, readonly Outcome[]>> = {
  approved: ['declined', 'error'],
  authorized: ['declined', 'error'],
  declined: ['approved', 'authorized', 'error'],
  error: ['approved', 'authorized', 'declined'],
};
const FOLLOW_UPS: readonly Trigger[] = ['capture:partial', 'capture:full', 'refund:partial', 'refund:full', 'void:done'];

interface Expected {
  readonly from: OperationStatus;
  readonly on: Trigger;
  readonly to: OperationStatus;
  readonly discrepancy: boolean;
}

const answers = (sources: readonly Source[], outcomes: readonly Outcome[]): Trigger[] =>
  sources.flatMap((source) => outcomes.map((outcome): Trigger => `${source}:${outcome}`));
/** `to` 'outcome': the status named by the trigger's outcome. */
function rows(from: OperationStatus, on: readonly Trigger[], to: OperationStatus | 'outcome', discrepancy: 'discrepancy' | '' = ''): Expected[] {
  return on.map((trigger) => ({ from, on: trigger, to: to === 'outcome' ? (trigger.split(':')[1] as OperationStatus) : to, discrepancy: discrepancy !== '' }));
}

const LIFECYCLE: readonly Expected[] = [
  ...rows('sending', answers(['response', 'notification'], OUTCOMES), 'outcome'),
  ...rows('sending', ['response:unknown', 'recovery:interrupted'], 'unknown'),
  ...rows('pending', answers(ANY_SOURCE, OUTCOMES), 'outcome'),
  ...rows('pending', ['response:unknown', 'lookup:not_found_yet', 'lookup:not_found'], 'pending'),
  ...rows('pending', ['operator:abandon'], 'abandoned'),
  ...rows('unknown', answers(['notification', 'lookup'], OUTCOMES), 'outcome'),
  ...rows('unknown', ['lookup:not_found_yet'], 'unknown'),
  ...rows('unknown', ['lookup:not_found'], 'error'),
  ...RESULTS.flatMap((result) => [
    ...rows(result, [...answers(ANY_SOURCE, [result, 'pending']), 'response:unknown', 'lookup:not_found_yet'], result),
    ...rows(result, answers(['response'], CONTRADICTING[result]), result, 'discrepancy'),
    ...rows(result, answers(['notification', 'lookup'], CONTRADICTING[result]), 'outcome', 'discrepancy'),
  ]),
  ...rows('approved', ['lookup:not_found'], 'approved', 'discrepancy'),
  ...rows('authorized', ['lookup:not_found'], 'authorized', 'discrepancy'),
  ...rows('declined', ['lookup:not_found'], 'declined', 'discrepancy'),
  ...rows('error', ['lookup:not_found'], 'error'),
  ...rows('approved', ['refund:partial'], 'partially_refunded'),
  ...rows('approved', ['refund:full'], 'refunded'),
  ...rows('partially_refunded', ['refund:partial'], 'partially_refunded'),
  ...rows('partially_refunded', ['refund:full'], 'refunded'),
  ...rows('authorized', ['capture:partial'], 'partially_captured'),
  ...rows('authorized', ['capture:full'], 'captured'),
  ...rows('authorized', ['void:done'], 'voided'),
  ...rows('authorized', ['clock:expired'], 'expired'),
  ...rows('abandoned', [...answers(ANY_SOURCE, ['pending', 'declined', 'error']), 'response:unknown', 'lookup:not_found_yet', 'lookup:not_found'], 'abandoned'),
  ...rows('abandoned', answers(ANY_SOURCE, ['approved', 'authorized']), 'outcome', 'discrepancy'),
];

/** Everything else is refused; the notable cases, by hand. */
const EVERY_TRIGGER: readonly Trigger[] = [
  ...answers(ANY_SOURCE, OUTCOMES),
  'response:unknown',
  'lookup:not_found_yet',
  'lookup:not_found',
  'recovery:interrupted',
  'operator:abandon',
  ...FOLLOW_UPS,
  'clock:expired',
];
const NOT_AFTER_A_RESULT: readonly Trigger[] = ['recovery:interrupted', 'operator:abandon'];
const REFUSED: Readonly<Record<OperationStatus, readonly Trigger[]>> = {
  // No lookup is made while sending; nothing but an answer, a notification or recovery reaches it.
  sending: [...answers(['lookup'], OUTCOMES), 'lookup:not_found_yet', 'lookup:not_found', 'operator:abandon', ...FOLLOW_UPS, 'clock:expired'],
  pending: ['recovery:interrupted', ...FOLLOW_UPS, 'clock:expired'],
  // Unknown because no answer came: none follows.
  unknown: [...answers(['response'], OUTCOMES), 'response:unknown', 'recovery:interrupted', 'operator:abandon', ...FOLLOW_UPS, 'clock:expired'],
  approved: [...answers(ANY_SOURCE, ['authorized']), ...NOT_AFTER_A_RESULT, 'capture:partial', 'capture:full', 'void:done', 'clock:expired'],
  authorized: [...answers(ANY_SOURCE, ['approved']), ...NOT_AFTER_A_RESULT, 'refund:partial', 'refund:full'],
  declined: [...NOT_AFTER_A_RESULT, ...FOLLOW_UPS, 'clock:expired'],
  error: [...NOT_AFTER_A_RESULT, ...FOLLOW_UPS, 'clock:expired'],
  abandoned: [...NOT_AFTER_A_RESULT, ...FOLLOW_UPS, 'clock:expired'],
  partially_refunded: EVERY_TRIGGER.filter((trigger) => trigger !== 'refund:partial' && trigger !== 'refund:full'),
  // Final.
  partially_captured: EVERY_TRIGGER,
  captured: EVERY_TRIGGER,
  refunded: EVERY_TRIGGER,
  voided: EVERY_TRIGGER,
  expired: EVERY_TRIGGER,
};
const REFUSED_PAIRS = Object.entries(REFUSED).flatMap(([from, triggers]) => triggers.map((on) => ({ from: from as OperationStatus, on })));
const EXPECTED = new Map(LIFECYCLE.map((row) => [`${row.from}|${row.on}`, row]));

describe('the lifecycle (docs/architecture.md), by hand', () => {
  it('allows or refuses every status and trigger the machine knows, each once', () => {
    expect([...EVERY_TRIGGER].sort()).toEqual([...TRIGGERS].sort());
    const said = [...LIFECYCLE, ...REFUSED_PAIRS].map((row) => `${row.from}|${row.on}`);
    expect(new Set(said).size).toBe(said.length);
    expect(said.sort()).toEqual(OPERATION_STATUSES.flatMap((from) => TRIGGERS.map((on) => `${from}|${on}`)).sort());
  });

  for (const row of LIFECYCLE) {
    it(`allows ${row.from} --${row.on}--> ${row.to}${row.discrepancy ? ' (discrepancy)' : ''}`, () => {
      expect(transition(row.from, row.on)).toEqual(row);
      expect(findTransition(row.from, row.on)).toEqual(row);
    });
  }

  for (const { from, on } of REFUSED_PAIRS) {
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

  it('has no row of its own beyond the lifecycle, and each row once', () => {
    expect(TRANSITIONS.filter((row) => JSON.stringify(row) !== JSON.stringify(EXPECTED.get(`${row.from}|${row.on}`)))).toEqual([]);
    expect(TRANSITIONS).toHaveLength(LIFECYCLE.length);
  });

  it('only ever lets the gateway contradict a result with a discrepancy, never silently', () => {
    for (const row of TRANSITIONS) {
      const results: readonly OperationStatus[] = RESULTS;
      if (results.includes(row.from) && results.includes(row.to) && row.from !== row.to) expect(row.discrepancy).toBe(true);
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
    const derivation = deriveStatus({ type: 'payment', amount: 5, alias: null, events: [event('status_lookup', 'approved')], children: [] }, 0);
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
  // Any instant will do: the rule reads only the events' times and the lookup's.
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
    const neverSent = [
      { kind: 'intent_recorded', at: T },
      { kind: 'interrupted', outcome: 'unknown', at: T + MIN },
      notFound(T + 2 * MIN),
      notFound(T + 3 * MIN),
    ];
    expect(notFoundTrigger(neverSent, T + 15 * MIN)).toBe('lookup:not_found');
  });

  it('ignores lookups that found something, and other events', () => {
    const found = [
      ...sent,
      { kind: 'status_lookup', outcome: 'pending', at: T + MIN },
      { kind: 'notification', outcome: 'pending', at: T + MIN },
      notFound(T + 2 * MIN),
    ];
    expect(notFoundTrigger(found, T + 20 * MIN)).toBe('lookup:not_found_yet');
  });
});

/**
 * The same lifecycle through the Journal: for every status an operation can reach by its own
 * answers (and `abandoned`) and every trigger of its own, build that status with notifications
 * (so a synchronous response is still possible), fire the trigger through the public API, and
 * check the result against the hand-written lifecycle: the new status and a discrepancy event
 * when it says so, or a refusal that recorded nothing.
 */
describe('the lifecycle through the Journal', () => {
  const OWN_STATES: OperationStatus[] = ['sending', 'pending', 'unknown', 'approved', 'authorized', 'declined', 'error', 'abandoned'];
  const OWN_TRIGGERS = EVERY_TRIGGER.filter((trigger) => /^(response|notification|lookup|recovery|operator):/.test(trigger));
  const CODE: Record<string, string> = { approved: '0000', authorized: '0000', pending: '0001', declined: '4001', error: '1001' };

  function typeFor(from: OperationStatus, on: Trigger): 'payment' | 'authorization' | null {
    const outcome = on.split(':')[1] as string;
    const needsAuthorization = from === 'authorized' || outcome === 'authorized';
    const needsPayment = from === 'approved' || outcome === 'approved';
    if (needsAuthorization && needsPayment) return null;
    return needsAuthorization ? 'authorization' : 'payment';
  }

  function reach(journal: Journal, accountId: number, type: 'payment' | 'authorization', from: OperationStatus): View {
    const op = intent(journal, { accountId, type, amount: 1000 });
    if (from === 'sending') return op;
    if (from === 'unknown') {
      journal.recoverInterrupted();
    } else {
      expect(notify(journal, op, CODE[from === 'abandoned' ? 'pending' : from] as string).outcome).toBe('applied');
      if (from === 'abandoned') journal.recordAbandon(op.id, { operator: 'ana' });
    }
    const reached = journal.getOperation(op.id) as View;
    expect(reached.status).toBe(from);
    return reached;
  }

  function fire(journal: Journal, clock: FakeClock, op: View, on: Trigger): void {
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
    } else if (source === 'operator') {
      journal.recordAbandon(op.id, { operator: 'ana' });
    } else {
      const interrupted = journal.recoverInterrupted().filter((item) => item.operationId === op.id && item.interruptedNow);
      if (interrupted.length === 0) throw Object.assign(new Error('not interrupted'), { code: 'JOURNAL_INVALID_TRANSITION' });
    }
  }

  for (const from of OWN_STATES) {
    for (const on of OWN_TRIGGERS) {
      const type = typeFor(from, on);
      if (type === null) continue;
      const expected = EXPECTED.get(`${from}|${on}`);
      it(`${type} ${from} --${on}--> ${expected ? expected.to : 'refused'}`, () => {
        const { journal, account, clock } = newJournal(temp.dir);
        try {
          const op = reach(journal, account.id, type, from);
          const before = journal.listEvents(op.id);
          if (on === 'recovery:interrupted' && from !== 'sending') {
            // Recovery only ever looks at `sending` operations: nothing else is touched.
            journal.recoverInterrupted();
            expect(journal.listEvents(op.id)).toEqual(before);
            expect(expected).toBeUndefined();
            return;
          }
          if (expected) {
            fire(journal, clock, op, on);
            const after = journal.getOperation(op.id) as View;
            expect(after.status).toBe(expected.to);
            const added = journal.listEvents(op.id).slice(before.length);
            expect(added.filter((e) => e.kind === 'discrepancy').length).toBe(expected.discrepancy ? 1 : 0);
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

  it('a full capture makes an authorization captured, a partial one partially captured; the rest is not capturable again', () => {
    const { journal, account } = newJournal(temp.dir);
    const full = intent(journal, { accountId: account.id, type: 'authorization', amount: 1000 });
    answer(journal, full.id, '0000');
    const capture = intent(journal, { accountId: account.id, type: 'capture', parentId: full.id });
    expect(capture.amount).toBe(1000);
    answer(journal, capture.id, '0000');
    expect(journal.getOperation(full.id)?.status).toBe('captured');

    const partial = intent(journal, { accountId: account.id, type: 'authorization', amount: 1000 });
    answer(journal, partial.id, '0000');
    answer(journal, intent(journal, { accountId: account.id, type: 'capture', parentId: partial.id, amount: 400 }).id, '0000');
    const view = journal.getOperation(partial.id) as View;
    expect(view.status).toBe('partially_captured');
    expect(view.actions.capturableAmount).toBe(0);
    journal.close();
  });

  it('partial refunds make a payment partially refunded, and the refund of the rest refunded', () => {
    const { journal, account } = newJournal(temp.dir);
    const payment = intent(journal, { accountId: account.id, amount: 1000 });
    answer(journal, payment.id, '0000');
    answer(journal, intent(journal, { accountId: account.id, type: 'refund', parentId: payment.id, amount: 300 }).id, '0000');
    expect(journal.getOperation(payment.id)?.status).toBe('partially_refunded');
    answer(journal, intent(journal, { accountId: account.id, type: 'refund', parentId: payment.id, amount: 200 }).id, '0000');
    expect(journal.getOperation(payment.id)?.status).toBe('partially_refunded');
    expect(journal.getOperation(payment.id)?.actions.refundableAmount).toBe(500);
    answer(journal, intent(journal, { accountId: account.id, type: 'refund', parentId: payment.id }).id, '0000');
    expect(journal.getOperation(payment.id)?.status).toBe('refunded');

    const other = intent(journal, { accountId: account.id, amount: 700 });
    answer(journal, other.id, '0000');
    answer(journal, intent(journal, { accountId: account.id, type: 'refund', parentId: other.id }).id, '0000');
    expect(journal.getOperation(other.id)?.status).toBe('refunded');
    journal.close();
  });

  it('a void makes an authorization voided; one nobody captured is expired 7 days after its approval', () => {
    const { journal, account, clock } = newJournal(temp.dir);
    const voided = intent(journal, { accountId: account.id, type: 'authorization', amount: 1000 });
    answer(journal, voided.id, '0000');
    answer(journal, intent(journal, { accountId: account.id, type: 'void', parentId: voided.id }).id, '0000');
    expect(journal.getOperation(voided.id)?.status).toBe('voided');

    const expiring = intent(journal, { accountId: account.id, type: 'authorization', amount: 1000 });
    answer(journal, expiring.id, '0000');
    clock.advance(7 * 24 * 60 * 60 * 1000 - 1);
    expect(journal.getOperation(expiring.id)?.status).toBe('authorized');
    clock.advance(1);
    const expired = journal.getOperation(expiring.id) as View;
    expect(expired.status).toBe('expired');
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
    answer(journal, capture.id, '0000');
    expect(journal.getOperation(capture.id)?.status).toBe('approved');
    expect(journal.getOperation(auth.id)?.status).toBe('declined');
    const reasons = journal
      .listEvents(auth.id)
      .filter((e) => e.kind === 'discrepancy')
      .map((e) => e.payload.reason);
    expect(reasons).toEqual(['gateway_contradiction', 'follow_up_not_applicable']);
    journal.close();
  });
});
