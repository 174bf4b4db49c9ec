import type { Database, Statement } from 'better-sqlite3';
import type { OperationStatus } from '../../../shared/domain/operation-status.js';
import { AccountStore } from '../../../electron/core/journal/accounts.js';
import { openJournalDatabase } from '../../../electron/core/journal/database.js';
import { JournalError } from '../../../electron/core/journal/journal-error.js';
import { sqliteEngine } from '../../../electron/core/journal/sql-engine.js';
import { AUTHORIZATION_VALIDITY_MS } from '../../../electron/core/journal/state-machine.js';
import type { AnswerOutcome } from '../../../electron/core/journal/answer-outcome.js';

/**
 * Fills an empty journal with a realistic year of activity for benchmarks and manual testing:
 * 3 accounts (EUR mostly), 8 operators, card brands, payments and authorizations with their
 * captures, refunds and voids, declines, errors, a few pending and unknown operations, and the
 * events that make each status derivable. Fast on purpose: one big transaction, synchronous
 * and journaling off, secondary indexes and full-text triggers dropped during the load and
 * rebuilt after, ANALYZE at the end. Never run it on a journal that holds real operations.
 */

export interface SeedOptions {
  readonly file: string;
  /** Operation rows to create, follow-ups included. */
  readonly rows: number;
  /** End of the year of data (UTC ms), default now. */
  readonly now?: number;
  /** PRNG seed, for reproducible data. */
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  readonly operations: number;
  readonly events: number;
  readonly seconds: number;
}

const DAY = 86_400_000;
const YEAR = 365 * DAY;

type Rng = () => number;

/** mulberry32: small, fast and seedable, so a seeded run can be replayed exactly. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function weighted<T>(rng: Rng, table: ReadonlyArray<readonly [T, number]>): T {
  let roll = rng() * table.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (table.at(-1) as readonly [T, number])[0];
}

const OPERATORS = ['alice', 'bruno', 'chloe', 'david', 'emma', 'farid', 'gina', 'hugo'];
const BRANDS: ReadonlyArray<readonly [string, number]> = [
  ['visa', 50],
  ['mastercard', 33],
  ['cb', 10],
  ['amex', 5],
  ['maestro', 2],
];
const BIN_PREFIX: Record<string, readonly string[]> = {
  visa: ['4', '49', '45'],
  mastercard: ['51', '53', '55'],
  cb: ['497', '513'],
  amex: ['34', '37'],
  maestro: ['6759', '5018'],
};
const FIRST = ['Jean', 'Marie', 'Pierre', 'Sophie', 'Luc', 'Camille', 'Nicolas', 'Julie', 'Thomas', 'Léa', 'Antoine',
  'Chloé', 'Hugo', 'Manon', 'Louis', 'Emma', 'Paul', 'Inès', 'Arthur', 'Sarah', 'Oliver', 'Amelia', 'George', 'Isla',
  'Noah', 'Ava', 'Jack', 'Mia', 'Mohamed', 'Fatima', 'Yanis', 'Nora', 'Karim', 'Lina', 'Ethan', 'Zoé', 'Raphaël',
  'Alice', 'Gabriel', 'Jade'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel',
  'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Smith', 'Jones',
  'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Evans', 'Walker', 'Haddad', 'Benali', 'Nguyen',
  'Rossi', 'Müller', 'Schmidt', 'Fontaine', 'Chevalier', 'Blanc', 'Guerin', 'Muller', 'Henry', 'Rousseau',
  'Clément', 'Gauthier', 'Perrin', 'Morin', 'Mathieu', 'Masson', 'Marchand'];
const DOMAINS = ['gmail.com', 'orange.fr', 'free.fr', 'outlook.com', 'yahoo.fr', 'laposte.net', 'hotmail.co.uk', 'sfr.fr'];
const PRODUCTS = ['Commande', 'Order', 'Réservation', 'Booking', 'Abonnement', 'Facture', 'Invoice', 'Acompte'];
const DECLINES = ['4001', '4002', '4003', '4005', '4013', '6002'];
const ERRORS = ['1002', '3003', '5002'];

interface SeedAccount {
  readonly id: number;
  readonly currency: string;
  readonly prefix: string;
  counter: number;
}

interface Customer {
  readonly ident: string;
  readonly email: string;
  readonly name: string;
}

interface SeedOp {
  id: number;
  readonly parent: SeedOp | null;
  readonly account: SeedAccount;
  readonly type: 'payment' | 'authorization' | 'capture' | 'refund' | 'void' | 'credit';
  readonly amount: number;
  readonly at: number;
  readonly outcome: AnswerOutcome | 'unknown';
  readonly execCode: string | null;
  status: OperationStatus;
  expiresAt: number | null;
  readonly customer: Customer;
  readonly brand: string;
  readonly bin6: string;
  readonly last4: string;
  readonly expiry: string;
  readonly operator: string;
  readonly description: string | null;
  readonly alias: string | null;
  readonly notified: boolean;
}

/** A binary min-heap on `at`: follow-ups wait here until the clock of the load reaches them. */
class TimeHeap {
  private readonly items: SeedOp[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): SeedOp | undefined {
    return this.items[0];
  }
  push(op: SeedOp): void {
    const a = this.items;
    a.push(op);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((a[p] as SeedOp).at <= op.at) break;
      a[i] = a[p] as SeedOp;
      i = p;
    }
    a[i] = op;
  }
  pop(): SeedOp | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && (a[l] as SeedOp).at < (m === i ? last.at : (a[m] as SeedOp).at)) m = l;
        if (r < a.length && (a[r] as SeedOp).at < (m === i ? last.at : (a[m] as SeedOp).at)) m = r;
        if (m === i) break;
        a[i] = a[m] as SeedOp;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

class Generator {
  private transactionCounter = 100_000;
  private aliasCounter = 0;
  private readonly customers: Customer[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly accounts: readonly SeedAccount[],
    private readonly end: number,
  ) {
    for (let i = 0; i < 50_000; i += 1) {
      const first = pick(rng, FIRST);
      const last = pick(rng, LAST);
      const local = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      this.customers.push({
        ident: `CUST-${String(i + 1).padStart(6, '0')}`,
        email: `${local}${i % 97}@${pick(rng, DOMAINS)}`,
        name: `${first} ${last}`,
      });
    }
  }

  private amount(): number {
    // Log-normal around 60 (units), 1 to 5,000: most orders are small, a few are large.
    const normal = Math.sqrt(-2 * Math.log(1 - this.rng())) * Math.cos(2 * Math.PI * this.rng());
    const raw = Math.exp(Math.log(6000) + 0.9 * normal);
    const cents = Math.min(500_000, Math.max(100, Math.round(raw)));
    return this.rng() < 0.4 ? Math.round(cents / 100) * 100 : cents;
  }

  private answer(type: SeedOp['type'], amount: number, at: number, forceApproved = false): Pick<SeedOp, 'outcome' | 'execCode'> {
    const recent = this.end - at < 2 * DAY;
    const roll = this.rng();
    if (forceApproved || roll < 0.86) {
      return { outcome: type === 'authorization' && amount > 0 ? 'authorized' : 'approved', execCode: '0000' };
    }
    if (roll < 0.94) return { outcome: 'declined', execCode: pick(this.rng, DECLINES) };
    if (roll < 0.97) return { outcome: 'error', execCode: pick(this.rng, ERRORS) };
    if (roll < 0.985 || !recent) return { outcome: 'declined', execCode: '4001' };
    return roll < 0.993 ? { outcome: 'pending', execCode: '0001' } : { outcome: 'unknown', execCode: null };
  }

  private make(
    fields: Pick<SeedOp, 'type' | 'amount' | 'at' | 'account' | 'customer' | 'operator'> & {
      parent?: SeedOp;
      outcome: SeedOp['outcome'];
      execCode: string | null;
      description?: string | null;
      alias?: string | null;
    },
    card?: Pick<SeedOp, 'brand' | 'bin6' | 'last4' | 'expiry'>,
  ): SeedOp {
    const brand = card?.brand ?? weighted(this.rng, BRANDS);
    let bin6 = card?.bin6;
    if (bin6 === undefined) {
      const prefix = pick(this.rng, BIN_PREFIX[brand] as readonly string[]);
      bin6 = prefix + String(Math.floor(this.rng() * 10 ** (6 - prefix.length))).padStart(6 - prefix.length, '0');
    }
    const date = new Date(fields.at);
    const expiry =
      card?.expiry ??
      `${String(1 + Math.floor(this.rng() * 12)).padStart(2, '0')}-${String((date.getUTCFullYear() + 1 + Math.floor(this.rng() * 4)) % 100).padStart(2, '0')}`;
    return {
      id: 0,
      parent: fields.parent ?? null,
      account: fields.account,
      type: fields.type,
      amount: fields.amount,
      at: fields.at,
      outcome: fields.outcome,
      execCode: fields.execCode,
      status: fields.outcome === 'unknown' ? 'unknown' : fields.outcome,
      expiresAt: null,
      customer: fields.customer,
      brand,
      bin6,
      last4: card?.last4 ?? String(Math.floor(this.rng() * 10_000)).padStart(4, '0'),
      expiry,
      operator: fields.operator,
      description: fields.description ?? null,
      alias: fields.alias ?? null,
      notified: fields.outcome !== 'unknown' && this.rng() < 0.5,
    };
  }

  /** One customer order: the first operation and every follow-up it will have, in time order. */
  order(at: number): SeedOp[] {
    const rng = this.rng;
    const account = weighted(rng, [
      [this.accounts[0] as SeedAccount, 70],
      [this.accounts[1] as SeedAccount, 20],
      [this.accounts[2] as SeedAccount, 10],
    ]);
    const customer = pick(rng, this.customers);
    const operator = pick(rng, OPERATORS);
    const type = weighted<SeedOp['type']>(rng, [
      ['payment', 64],
      ['authorization', 34],
      ['credit', 2],
    ]);
    const cardCheck = type === 'authorization' && rng() < 0.08;
    const amount = cardCheck ? 0 : this.amount();
    const description = rng() < 0.8 ? `${pick(rng, PRODUCTS)} ${Math.floor(rng() * 900_000) + 100_000}` : null;
    const alias = (type === 'payment' || type === 'authorization') && rng() < 0.25 ? `AL${++this.aliasCounter}` : null;
    const root = this.make({ type, amount, at, account, customer, operator, description, ...this.answer(type, amount, at) });
    const ok = root.outcome === 'approved' || root.outcome === 'authorized';
    const aliasKept = ok ? alias : null;
    const rootOp: SeedOp = { ...root, alias: aliasKept };
    const ops: SeedOp[] = [rootOp];
    if (root.outcome === 'authorized') this.authorizationFollowUps(rootOp, ops);
    else if (type === 'payment' && root.outcome === 'approved') this.refunds(rootOp, ops);
    return ops;
  }

  private followUp(parent: SeedOp, type: 'capture' | 'refund' | 'void', amount: number, at: number): SeedOp {
    return this.make(
      {
        parent,
        type,
        amount,
        at,
        account: parent.account,
        customer: parent.customer,
        operator: pick(this.rng, OPERATORS),
        ...this.answer(type, amount, at, this.rng() < 0.97),
      },
      parent,
    );
  }

  private authorizationFollowUps(auth: SeedOp, ops: SeedOp[]): void {
    const roll = this.rng();
    const answeredAt = auth.at + 1500;
    let status: OperationStatus = 'authorized';
    if (roll < 0.75) {
      const at = auth.at + Math.floor(this.rng() * 6 * DAY) + 300_000;
      if (at < this.end) {
        const partial = this.rng() < 0.15;
        const amount = partial ? Math.max(1, Math.floor(auth.amount * (0.3 + this.rng() * 0.6))) : auth.amount;
        const capture = this.followUp(auth, 'capture', amount, at);
        ops.push(capture);
        if (capture.status === 'approved') {
          status = partial ? 'partially_captured' : 'captured';
          this.refunds(capture, ops);
        }
      }
    } else if (roll < 0.85) {
      const at = auth.at + Math.floor(this.rng() * 3 * DAY) + 300_000;
      if (at < this.end) {
        const voided = this.followUp(auth, 'void', auth.amount, at);
        ops.push(voided);
        if (voided.status === 'approved') status = 'voided';
      }
    }
    if (status === 'authorized') {
      const expiresAt = answeredAt + AUTHORIZATION_VALIDITY_MS;
      if (expiresAt <= this.end) status = 'expired';
      else auth.expiresAt = expiresAt;
    }
    auth.status = status;
  }

  private refunds(paid: SeedOp, ops: SeedOp[]): void {
    if (this.rng() >= 0.08) return;
    let left = paid.amount;
    let at = paid.at;
    const count = this.rng() < 0.2 ? 2 : 1;
    for (let i = 0; i < count && left > 0; i += 1) {
      at += Math.floor(this.rng() * 20 * DAY) + 600_000;
      if (at >= this.end) break;
      const amount = this.rng() < 0.6 && i === count - 1 ? left : Math.max(1, Math.floor(left * (0.2 + this.rng() * 0.5)));
      const refund = this.followUp(paid, 'refund', amount, at);
      ops.push(refund);
      if (refund.status === 'approved') left -= amount;
    }
    if (left < paid.amount) paid.status = left === 0 ? 'refunded' : 'partially_refunded';
  }

  transactionId(): string {
    this.transactionCounter += 1;
    return `A${this.transactionCounter}`;
  }
}

interface DroppedSchema {
  readonly indexes: string[];
  readonly triggers: string[];
}

/** Secondary indexes and FTS triggers go during the load (rebuilding them once is far faster). */
function dropForLoad(db: Database): DroppedSchema {
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('operations', 'events') AND sql IS NOT NULL`)
    .all() as Array<{ name: string; sql: string }>;
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'operations_fts_%'`)
    .all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  return { indexes: indexes.map((i) => i.sql), triggers: triggers.map((t) => t.sql) };
}

function restoreAfterLoad(db: Database, dropped: DroppedSchema): void {
  for (const sql of dropped.indexes) db.exec(sql);
  for (const sql of dropped.triggers) db.exec(sql);
  db.exec(`INSERT INTO operations_fts(operations_fts) VALUES ('rebuild')`);
}

export function seedJournal(options: SeedOptions): SeedResult {
  const started = performance.now();
  if (!Number.isSafeInteger(options.rows) || options.rows < 1) throw new JournalError('JOURNAL_INVALID_INPUT', 'rows');
  const end = options.now ?? Date.now();
  const start = end - YEAR;
  const rng = mulberry32(options.seed ?? 20_240_601);
  const db = openJournalDatabase(options.file);
  try {
    if ((db.prepare('SELECT count(*) AS n FROM operations').get() as { n: number }).n > 0) {
      throw new JournalError('JOURNAL_INVALID_INPUT', 'seeding needs an empty journal');
    }
    const store = new AccountStore(sqliteEngine(db), () => start);
    // The app refuses an account without a connection; seeded accounts reach no gateway at all
    // (a closed port on this machine), so a seeded desk never sends a lookup anywhere real.
    const settings = { connection: { kind: 'gateway', hosts: { primary: 'http://127.0.0.1:9' } } };
    const accountSpecs = [
      { name: 'Boutique Paris', identifier: 'BOUTIQUE-PARIS', environment: 'live', currency: 'EUR', orderIdPrefix: 'PAR-', settings },
      { name: 'London desk', identifier: 'LONDON-DESK', environment: 'live', currency: 'GBP', orderIdPrefix: 'LDN-', settings },
      { name: 'Sandbox', identifier: 'SANDBOX', environment: 'test', currency: 'EUR', orderIdPrefix: 'SBX-', settings },
    ] as const;
    const accounts: SeedAccount[] = accountSpecs.map((spec) => {
      const account = store.list().find((a) => a.identifier === spec.identifier) ?? store.create(spec);
      return { id: account.id, currency: account.currency, prefix: account.orderIdPrefix, counter: account.orderIdCounter };
    });

    db.pragma('synchronous = OFF');
    db.pragma('journal_mode = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('foreign_keys = OFF');
    const dropped = dropForLoad(db);
    const insertOp = db.prepare(`INSERT INTO operations (id, account_id, parent_id, type, amount, currency, order_id,
      transaction_id, exec_code, message, brand, bin6, last4, expiry, holder_name, customer_ident, customer_email,
      customer_name, description, operator, idempotency_key, intent_hash, alias, alias_mode, status, expires_at,
      created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertEvent = db.prepare('INSERT INTO events (operation_id, kind, payload, at) VALUES (?, ?, ?, ?)');
    const generator = new Generator(rng, accounts, end);
    const heap = new TimeHeap();
    const total = options.rows;
    let emitted = 0;
    let events = 0;
    const step = YEAR / total;
    let clock = start;

    const emit = (op: SeedOp): void => {
      emitted += 1;
      op.id = emitted;
      events += writeOperation(insertOp, insertEvent, op, generator.transactionId());
      if (options.onProgress && emitted % 50_000 === 0) options.onProgress(emitted, total);
    };

    const load = db.transaction(() => {
      // A follow-up has at most 3 descendants; stop opening orders while they could overflow `rows`.
      while (emitted + heap.size + 4 <= total) {
        // Time follows the share of rows written, so the year is covered evenly up to `end`.
        clock = Math.min(end - 1, Math.max(clock, start + step * (emitted + heap.size)) + rng() * step);
        while ((heap.peek()?.at ?? Infinity) <= clock) emit(heap.pop() as SeedOp);
        const ops = generator.order(Math.floor(clock));
        emit(ops[0] as SeedOp);
        for (const followUp of ops.slice(1)) heap.push(followUp);
      }
      while (heap.size > 0) emit(heap.pop() as SeedOp);
      while (emitted < total) {
        clock = Math.min(end - 1, clock + 1000);
        const ops = generator.order(Math.floor(clock));
        emit({ ...(ops[0] as SeedOp), status: simpleStatus(ops[0] as SeedOp, end), expiresAt: simpleExpiry(ops[0] as SeedOp, end) });
      }
      const counter = db.prepare('UPDATE accounts SET order_id_counter = ? WHERE id = ?');
      for (const account of accounts) counter.run(account.counter, account.id);
    });
    load();
    restoreAfterLoad(db, dropped);
    db.exec('ANALYZE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return { operations: emitted, events, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

/** For the few orders added at the very end: their follow-ups are not written, so no follow-up status. */
function simpleStatus(op: SeedOp, end: number): OperationStatus {
  if (op.outcome === 'authorized') return simpleExpiry(op, end) === null ? 'expired' : 'authorized';
  return op.outcome === 'unknown' ? 'unknown' : op.outcome;
}

function simpleExpiry(op: SeedOp, end: number): number | null {
  if (op.outcome !== 'authorized') return null;
  const expiresAt = op.at + 1500 + AUTHORIZATION_VALIDITY_MS;
  return expiresAt > end ? expiresAt : null;
}

const MESSAGES: Record<string, string> = {
  '0000': 'The transaction has been accepted.',
  '0001': 'Identification requested',
  '4001': 'Transaction declined by the banking network',
  '4002': 'Insufficient funds',
  '4003': 'Card declined',
  '4005': 'Suspected fraud',
  '4013': 'Declined by the banking network for this cardholder',
  '6002': 'Declined',
  '1002': 'Invalid parameter',
  '3003': 'Unauthorized transaction',
  '5002': 'Banking network error',
};

function writeOperation(insertOp: Statement, insertEvent: Statement, op: SeedOp, nextTransactionId: string): number {
  const account = op.account;
  account.counter += 1;
  const orderId = `${account.prefix}${String(account.counter).padStart(6, '0')}`;
  const answered = op.outcome !== 'unknown';
  // Parameter errors (1xxx) come back without a TRANSACTIONID (fact sheet section 4).
  const transactionId = answered && !(op.execCode ?? '').startsWith('1') ? nextTransactionId : null;
  const message = op.execCode ? (MESSAGES[op.execCode] ?? null) : null;
  const holder = op.customer.name.toUpperCase();
  const answeredAt = op.at + 1500;
  insertOp.run(
    op.id, account.id, op.parent?.id ?? null, op.type, op.amount, account.currency, orderId, transactionId, op.execCode,
    message, op.brand, op.bin6, op.last4, op.expiry, holder, op.customer.ident, op.customer.email, op.customer.name,
    op.description, op.operator, `seed-${op.id}`, 'seed', op.alias, op.alias ? 'oneclick' : null, op.status,
    op.status === 'authorized' ? op.expiresAt : null, op.at, answeredAt,
  );
  insertEvent.run(
    op.id,
    'intent_recorded',
    JSON.stringify({
      type: op.type, amount: op.amount, currency: account.currency, orderId, parentId: op.parent?.id ?? null,
      operator: op.operator, createAlias: op.alias !== null, aliasMode: null, withAlias: false,
    }),
    op.at,
  );
  insertEvent.run(
    op.id,
    'request_sent',
    JSON.stringify({ host: 'primary', params: { OPERATIONTYPE: op.type, ORDERID: orderId, AMOUNT: op.amount, CARDCODE: `XXXXXXXXXXXX${op.last4}` } }),
    op.at + 5,
  );
  if (!answered) {
    insertEvent.run(op.id, 'response', JSON.stringify({ outcome: 'unknown', reason: 'timeout' }), op.at + 30_000);
    return 3;
  }
  insertEvent.run(
    op.id,
    'response',
    JSON.stringify({ outcome: op.outcome, execCode: op.execCode, host: 'primary', response: { EXECCODE: op.execCode, MESSAGE: message, TRANSACTIONID: transactionId } }),
    answeredAt,
  );
  if (!op.notified) return 3;
  insertEvent.run(
    op.id,
    'notification',
    JSON.stringify({ outcome: op.outcome, execCode: op.execCode, transactionId, message, notificationId: null }),
    answeredAt + 800,
  );
  return 4;
}
