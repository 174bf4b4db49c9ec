import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationStatus } from '../../../shared/domain/operation-status.js';
import { type Account, type Journal, type Operation, type OperationFilter, type OperationSort } from '../../../electron/core/journal/index.js';
import { JournalReader } from '../../../electron/core/journal/reader.js';
import { FakeClock, answer, intent, newJournal, notify, tempDir, unknown } from './helpers.js';

const temp = tempDir();
const DAY = 86_400_000;
let journal: Journal;
/** The read side under test, on the journal's own connection (the facade offers pages and counts only). */
let reader: JournalReader;
let clock: FakeClock;
let accounts: Account[];
let all: Operation[];
const start = Date.UTC(2026, 2, 1, 0, 0, 0);

const FIRST = ['Émile', 'Jeanne', 'Paul', 'Zoé', 'Karim'];
const LAST = ['Dupont', 'Martin', 'Durand', 'Nguyen', 'Lefèvre'];
const BRANDS = ['visa', 'mastercard', 'amex'];
const OPERATORS = ['alice', 'bruno', 'chloe'];

/** A small deterministic journal with every kind of row, built through the public API only. */
beforeAll(() => {
  clock = new FakeClock(start);
  const made = newJournal(temp.dir, clock);
  journal = made.journal;
  reader = new JournalReader(made.db, clock.now);
  accounts = [
    made.account,
    journal.createAccount({ name: 'London', identifier: 'LDN', environment: 'live', currency: 'GBP', orderIdPrefix: 'LDN-' }),
    journal.createAccount({ name: 'Sandbox', identifier: 'SBX', environment: 'test', currency: 'EUR', orderIdPrefix: 'SBX-' }),
  ];
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  for (let i = 0; i < 90; i += 1) {
    // Several operations share a millisecond now and then, to exercise the id tiebreak.
    if (i % 4 !== 3) clock.advance(Math.floor(rnd() * 16 * 3_600_000));
    const account = pick(accounts);
    const first = pick(FIRST);
    const last = pick(LAST);
    const type = pick(['payment', 'payment', 'authorization', 'credit'] as const);
    const op = intent(journal, {
      accountId: account.id,
      type,
      amount: [500, 1000, 1000, 2500, 9999, 120][i % 6] as number,
      card: { brand: pick(BRANDS), bin6: '497010', last4: String(1000 + (i % 7)), expiry: '12-29', holderName: `${first} ${last}`.toUpperCase() },
      customer: { ident: `CUST-${i % 9}`, email: `${last.toLowerCase()}.${i % 9}@example.com`, name: `${first} ${last}` },
      description: i % 5 === 0 ? `Commande spéciale ${i}` : `Order ${i}`,
      operator: pick(OPERATORS),
    });
    const roll = rnd();
    const code = roll < 0.6 ? '0000' : roll < 0.75 ? '4001' : roll < 0.85 ? '1001' : roll < 0.93 ? '0001' : 'unknown';
    if (code === 'unknown') unknown(journal, op.id, 'timeout');
    else answer(journal, op.id, code, { TRANSACTIONID: `TX${1000 + i}` });
    const view = journal.getOperation(op.id);
    if (view?.status === 'approved' && type === 'payment' && i % 3 === 0) {
      clock.advance(60_000);
      answer(journal, intent(journal, { accountId: account.id, type: 'refund', parentId: op.id, amount: i % 2 ? undefined : 100 } as never).id, '0000', {
        TRANSACTIONID: `RF${i}`,
      });
    }
    if (view?.status === 'authorized' && i % 2 === 0) {
      clock.advance(60_000);
      answer(journal, intent(journal, { accountId: account.id, type: 'capture', parentId: op.id }).id, '0000', { TRANSACTIONID: `CP${i}` });
    }
    if (view?.status === 'pending' && i % 2 === 0) notify(journal, view, '0000');
  }
  // The clock now sits after the last operation: early authorizations have expired, late ones not.
  clock.advance(2 * DAY);
  all = [];
  for (let id = 1; ; id += 1) {
    const op = journal.getOperation(id);
    if (!op) break;
    const { actions: _actions, ...plain } = op;
    all.push(plain);
  }
});
afterAll(() => {
  journal.close();
  temp.cleanup();
});

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const tokens = (text: string | null) =>
  text === null
    ? []
    : fold(text)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);

function searchable(op: Operation): string[] {
  return [op.orderId, op.transactionId, op.customerIdent, op.customerEmail, op.customerName, op.holderName, op.description].flatMap(tokens);
}

/** What a filter means, written plainly in JS, to check the SQL against. */
function matches(op: Operation, f: OperationFilter): boolean {
  if (f.from !== undefined && op.createdAt < f.from) return false;
  if (f.to !== undefined && op.createdAt >= f.to) return false;
  if (f.statuses && !f.statuses.includes(op.status)) return false;
  if (f.types && !f.types.includes(op.type)) return false;
  if (f.accountIds && !f.accountIds.includes(op.accountId)) return false;
  if (f.operators && !f.operators.includes(op.operator ?? '')) return false;
  if (f.currencies && !f.currencies.includes(op.currency)) return false;
  if (f.brands && !f.brands.includes(op.brand ?? '')) return false;
  if (f.amountMin !== undefined && op.amount < f.amountMin) return false;
  if (f.amountMax !== undefined && op.amount > f.amountMax) return false;
  if (f.last4 !== undefined && op.last4 !== f.last4) return false;
  if (f.orderId !== undefined && op.orderId !== f.orderId) return false;
  if (f.transactionId !== undefined && op.transactionId !== f.transactionId) return false;
  if (f.customerIdent !== undefined && fold(op.customerIdent ?? '') !== fold(f.customerIdent)) return false;
  if (f.customerEmail !== undefined && fold(op.customerEmail ?? '') !== fold(f.customerEmail)) return false;
  if (f.parentId !== undefined && op.parentId !== f.parentId) return false;
  if (f.customerName !== undefined) {
    const words = tokens(op.customerName);
    if (!tokens(f.customerName).every((w) => words.some((t) => t.startsWith(w)))) return false;
  }
  if (f.text !== undefined) {
    const words = searchable(op);
    if (!tokens(f.text).every((w) => words.some((t) => (w.length > 1 ? t.startsWith(w) : t === w)))) return false;
  }
  return true;
}

function expected(f: OperationFilter, sort: OperationSort = { by: 'date', direction: 'desc' }): number[] {
  const key = (op: Operation) => (sort.by === 'date' ? op.createdAt : op.amount);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return all
    .filter((op) => matches(op, f))
    .sort((a, b) => sign * (key(a) - key(b) || a.id - b.id))
    .map((op) => op.id);
}

function everyPage(f: OperationFilter, sort?: OperationSort, limit = 7): number[] {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard += 1) {
    const page = journal.query({ filter: f, limit, cursor, ...(sort ? { sort } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((op) => op.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

describe('the test data', () => {
  it('covers the statuses, types and ties the filters need', () => {
    const statuses = new Set(all.map((op) => op.status));
    for (const s of [
      'approved',
      'declined',
      'error',
      'pending',
      'unknown',
      'expired',
      'authorized',
      'captured',
      'refunded',
      'partially_refunded',
    ] as OperationStatus[]) {
      expect(statuses).toContain(s);
    }
    expect(new Set(all.map((op) => op.type))).toEqual(new Set(['payment', 'authorization', 'credit', 'refund', 'capture']));
    const times = all.map((op) => op.createdAt);
    expect(new Set(times).size).toBeLessThan(times.length);
  });
});

describe('filters', () => {
  const sample = () => all[17] as Operation;
  const cases: Array<[string, () => OperationFilter]> = [
    ['no filter', () => ({})],
    ['date range', () => ({ from: start + 5 * DAY, to: start + 20 * DAY })],
    ['status approved', () => ({ statuses: ['approved'] })],
    ['statuses declined + error', () => ({ statuses: ['declined', 'error'] })],
    ['status unknown', () => ({ statuses: ['unknown'] })],
    ['status pending', () => ({ statuses: ['pending'] })],
    ['status authorized (clock)', () => ({ statuses: ['authorized'] })],
    ['status expired (clock)', () => ({ statuses: ['expired'] })],
    ['statuses expired + captured', () => ({ statuses: ['expired', 'captured'] })],
    ['type refund', () => ({ types: ['refund'] })],
    ['types payment + credit', () => ({ types: ['payment', 'credit'] })],
    ['account', () => ({ accountIds: [accounts[1]?.id as number] })],
    ['operator', () => ({ operators: ['bruno'] })],
    ['currency', () => ({ currencies: ['GBP'] })],
    ['amount range', () => ({ amountMin: 1000, amountMax: 2500 })],
    ['narrow amount range', () => ({ amountMin: 999, amountMax: 1000 })],
    ['brand', () => ({ brands: ['amex'] })],
    ['last four', () => ({ last4: '1003' })],
    ['ORDERID', () => ({ orderId: sample().orderId })],
    ['TRANSACTIONID', () => ({ transactionId: sample().transactionId ?? 'none' })],
    ['customer ident, any case', () => ({ customerIdent: 'cust-4' })],
    ['customer email, any case', () => ({ customerEmail: (sample().customerEmail ?? '').toUpperCase() })],
    ['customer name words', () => ({ customerName: 'jean dup' })],
    ['follow-ups of a parent', () => ({ parentId: (all.find((op) => op.parentId !== null)?.parentId ?? 0) as number })],
    ['text: last name without accent', () => ({ text: 'lefevre' })],
    ['text: first name prefix', () => ({ text: 'émi' })],
    ['text: two words', () => ({ text: 'zoe martin' })],
    ['text: ORDERID digits', () => ({ text: sample().orderId.slice(4) })],
    ['text: TRANSACTIONID', () => ({ text: sample().transactionId ?? 'x' })],
    ['text: email', () => ({ text: sample().customerEmail ?? 'x' })],
    ['text: description word', () => ({ text: 'spéciale' })],
    ['text + status + date range', () => ({ text: 'martin', statuses: ['approved', 'refunded'], from: start + 3 * DAY, to: start + 40 * DAY })],
    ['account + status + operator', () => ({ accountIds: [accounts[0]?.id as number], statuses: ['approved'], operators: ['alice', 'chloe'] })],
  ];
  for (const [name, filter] of cases) {
    it(`${name}: every page, newest first, and by amount`, () => {
      const f = filter();
      const want = expected(f);
      if (name !== 'status authorized (clock)') expect(want.length).toBeGreaterThan(0);
      expect(everyPage(f)).toEqual(want);
      expect(everyPage(f, { by: 'amount', direction: 'asc' })).toEqual(expected(f, { by: 'amount', direction: 'asc' }));
      expect(journal.count(f)).toBe(want.length);
    });
  }

  it('makes punctuation and FTS syntax harmless in free text', () => {
    for (const text of ['"', 'AND', 'a OR b', 'NEAR(x', '*', 'col:', "l'été", '(((', '-', '']) {
      const f = { text };
      expect(everyPage(f)).toEqual(expected(f));
    }
  });
});

describe('sorting and pagination', () => {
  const sorts: OperationSort[] = [
    { by: 'date', direction: 'desc' },
    { by: 'date', direction: 'asc' },
    { by: 'amount', direction: 'desc' },
    { by: 'amount', direction: 'asc' },
  ];
  for (const sort of sorts) {
    it(`${sort.by} ${sort.direction}, ties broken by id, identical whatever the page size`, () => {
      const want = expected({}, sort);
      expect(everyPage({}, sort, 1)).toEqual(want);
      expect(everyPage({}, sort, 13)).toEqual(want);
      expect(everyPage({}, sort, 500)).toEqual(want);
    });
  }

  it('neither skips nor repeats rows when operations are added and settled between pages', () => {
    const first = journal.query({ limit: 10 });
    const snapshot = expected({});
    clock.advance(1000);
    const fresh = intent(journal, { accountId: accounts[0]?.id as number, amount: 4321 });
    answer(journal, fresh.id, '0000');
    const rest: number[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = journal.query({ limit: 10, cursor });
      rest.push(...page.items.map((op) => op.id));
      cursor = page.nextCursor;
    }
    expect([...first.items.map((op) => op.id), ...rest]).toEqual(snapshot);
    expect(journal.query({ limit: 1 }).items[0]?.id).toBe(fresh.id);
    all.push(journal.getOperation(fresh.id) as Operation);
  });

  it('refuses a cursor that is garbage, or from another filter or sort, and bad page sizes or statuses', () => {
    const page = journal.query({ limit: 5, filter: { statuses: ['approved'] } });
    const cursor = page.nextCursor as string;
    expect(() => journal.query({ cursor: 'not-a-cursor' })).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_CURSOR' }));
    expect(() => journal.query({ cursor, filter: { statuses: ['declined'] } })).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_CURSOR' }));
    expect(() => journal.query({ cursor, filter: { statuses: ['approved'] }, sort: { by: 'amount', direction: 'desc' } })).toThrow(
      expect.objectContaining({ code: 'JOURNAL_INVALID_CURSOR' }),
    );
    expect(() => journal.query({ limit: 0 })).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_QUERY' }));
    expect(() => journal.query({ limit: 501 })).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_QUERY' }));
    expect(() => journal.query({ filter: { statuses: ['lost' as OperationStatus] } })).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_QUERY' }));
    expect(() => journal.query({ filter: { amountMin: 1.5 } })).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_QUERY' }));
  });
});

describe('counts, totals and summaries', () => {
  function oracle(f: OperationFilter, key: (op: Operation) => string | null) {
    const groups = new Map<string, { key: string | null; currency: string; count: number; amount: number }>();
    for (const op of all.filter((o) => matches(o, f))) {
      const k = key(op);
      const id = `${k}|${op.currency}`;
      const g = groups.get(id) ?? { key: k, currency: op.currency, count: 0, amount: 0 };
      g.count += 1;
      g.amount += op.amount;
      groups.set(id, g);
    }
    return [...groups.values()].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '') || a.currency.localeCompare(b.currency));
  }

  it('totals a filter per currency', () => {
    for (const f of [{}, { statuses: ['approved'] as OperationStatus[] }, { text: 'martin' }, { from: start, to: start + 10 * DAY }]) {
      const byCurrency = oracle(f, () => null).map(({ currency, count, amount }) => ({ currency, count, amount }));
      expect(reader.totals(f)).toEqual({ count: expected(f).length, byCurrency });
    }
    expect(reader.totals({ orderId: 'none' })).toEqual({ count: 0, byCurrency: [] });
  });

  const range = () => ({ from: start + 2 * DAY, to: start + 30 * DAY });
  const dims: Array<['currency' | 'status' | 'type' | 'brand' | 'operator' | 'account', (op: Operation) => string | null]> = [
    ['currency', (op) => op.currency],
    ['status', (op) => op.status],
    ['type', (op) => op.type],
    ['brand', (op) => op.brand],
    ['operator', (op) => op.operator],
    ['account', (op) => String(op.accountId)],
  ];
  for (const [groupBy, key] of dims) {
    it(`summarises a date range by ${groupBy}, per currency`, () => {
      expect(reader.summary({ ...range(), groupBy })).toEqual(oracle(range(), key));
      const filter = { accountIds: [accounts[0]?.id as number], text: 'martin' };
      expect(reader.summary({ ...range(), groupBy, filter })).toEqual(oracle({ ...filter, ...range() }, key));
    });
  }

  it('summarises by day, cutting days at midnight in the requested time zone', () => {
    const day = (op: Operation, timeZone: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(op.createdAt);
    expect(reader.summary({ ...range(), groupBy: 'day' })).toEqual(oracle(range(), (op) => day(op, 'UTC')));
    const paris = reader.summary({ ...range(), groupBy: 'day', timeZone: 'Europe/Paris' });
    expect(paris).toEqual(oracle(range(), (op) => day(op, 'Europe/Paris')));
    const kolkata = reader.summary({ ...range(), groupBy: 'day', timeZone: 'Asia/Kolkata' });
    expect(kolkata).toEqual(oracle(range(), (op) => day(op, 'Asia/Kolkata')));
    expect(paris).not.toEqual(reader.summary({ ...range(), groupBy: 'day' }));
    expect(() => reader.summary({ ...range(), groupBy: 'day', timeZone: 'Mars/Olympus' })).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_QUERY' }));
  });
});
