import { assertNoCardData, assertNoCardNumber, containsCardNumber } from './card-data-guard.js';
import { JournalError } from './journal-error.js';
import { toAccount, type AccountRow } from './rows.js';
import type { SqlEngine, SqlStatement } from './sql-engine.js';
import type { Account, AccountPatch, NewAccount } from './types.js';

const COUNTER_DIGITS = 6;

function fail(detail: string): never {
  throw new JournalError('JOURNAL_INVALID_INPUT', detail);
}

const FIELDS: ReadonlySet<string> = new Set<keyof NewAccount>(['name', 'identifier', 'environment', 'currency', 'settings', 'orderIdPrefix']);

function validate(input: AccountPatch, creating: boolean): void {
  // A field the journal does not know would be dropped without a word: `hosts`, the settings'
  // name before migration 6, would leave an account with no way to reach its gateway.
  for (const name of Object.keys(input)) if (!FIELDS.has(name)) fail(`${name}: not an account field`);
  const required = (name: keyof NewAccount) => {
    if (creating && input[name] === undefined) fail(`${name} is required`);
  };
  (['name', 'identifier', 'environment', 'currency'] as const).forEach(required);
  if (input.name !== undefined && (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 100)) {
    fail('name: 1 to 100 characters');
  }
  if (input.identifier !== undefined && (typeof input.identifier !== 'string' || !/^.{1,32}$/.test(input.identifier))) {
    fail('identifier: 1 to 32 characters');
  }
  if (input.environment !== undefined && input.environment !== 'test' && input.environment !== 'live') fail('environment');
  if (input.currency !== undefined && !/^[A-Z]{3}$/.test(input.currency)) fail('currency: ISO 4217, upper case');
  if (input.orderIdPrefix !== undefined && !/^[A-Za-z0-9_-]{0,20}$/.test(input.orderIdPrefix)) {
    fail('orderIdPrefix: up to 20 letters, digits, - or _');
  }
  if (input.settings !== undefined && (input.settings === null || typeof input.settings !== 'object' || Array.isArray(input.settings))) {
    fail('settings: an object');
  }
  assertNoCardNumber('name', input.name);
  assertNoCardNumber('identifier', input.identifier);
  assertNoCardData('settings', input.settings);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Gateway accounts and their ORDERID counters. Passwords are not here (vault). */
export class AccountStore {
  private readonly byId: SqlStatement;
  private readonly all: SqlStatement;
  private readonly insert: SqlStatement;
  private readonly change: SqlStatement;
  private readonly bump: SqlStatement;
  private readonly counter: SqlStatement;
  private readonly advance: SqlStatement;
  private readonly orderIdUsed: SqlStatement;
  private readonly currency: SqlStatement;
  private readonly idsByIdentifier: SqlStatement;
  private readonly anyOperation: SqlStatement;
  private readonly remove: SqlStatement;

  constructor(
    private readonly sql: SqlEngine,
    private readonly now: () => number,
  ) {
    this.byId = sql.prepare('SELECT * FROM accounts WHERE id = ?');
    this.all = sql.prepare('SELECT * FROM accounts ORDER BY name, id');
    this.insert = sql.prepare(`INSERT INTO accounts (name, identifier, environment, currency, settings, order_id_prefix,
      created_at, updated_at) VALUES (@name, @identifier, @environment, @currency, @settings, @prefix, @at, @at)`);
    this.change = sql.prepare(`UPDATE accounts SET name = ?, identifier = ?, environment = ?, currency = ?, settings = ?,
      order_id_prefix = ?, updated_at = ? WHERE id = ?`);
    this.bump = sql.prepare(`UPDATE accounts SET order_id_counter = order_id_counter + 1, updated_at = ?
      WHERE id = ? RETURNING order_id_prefix, order_id_counter`);
    this.counter = sql.prepare('SELECT order_id_prefix, order_id_counter FROM accounts WHERE id = ?');
    this.advance = sql.prepare('UPDATE accounts SET order_id_counter = ?, updated_at = ? WHERE id = ? AND order_id_counter < ?');
    this.orderIdUsed = sql.prepare('SELECT 1 FROM operations WHERE account_id = ? AND order_id = ?');
    this.currency = sql.prepare('SELECT currency FROM accounts WHERE id = ?');
    this.idsByIdentifier = sql.prepare('SELECT id FROM accounts WHERE identifier = ? ORDER BY id');
    this.anyOperation = sql.prepare(
      // Notifications name their account too: a received one is history as well.
      'SELECT 1 FROM operations WHERE account_id = @id UNION ALL SELECT 1 FROM notifications WHERE account_id = @id LIMIT 1',
    );
    this.remove = sql.prepare('DELETE FROM accounts WHERE id = ?');
  }

  get(id: number): Account | undefined {
    const row = this.byId.get(id) as AccountRow | undefined;
    return row ? toAccount(row) : undefined;
  }

  require(id: number): Account {
    const account = this.get(id);
    if (!account) throw new JournalError('JOURNAL_ACCOUNT_NOT_FOUND', `account ${id}`);
    return account;
  }

  list(): Account[] {
    return (this.all.all() as AccountRow[]).map(toAccount);
  }

  /** Just the ids, for correlating a notification (no row to map). */
  idsForIdentifier(identifier: string): number[] {
    return (this.idsByIdentifier.all(identifier) as Array<{ id: number }>).map((row) => row.id);
  }

  create(input: NewAccount): Account {
    validate(input, true);
    try {
      const at = this.now();
      const result = this.insert.run({
        name: input.name,
        identifier: input.identifier,
        environment: input.environment,
        currency: input.currency,
        settings: JSON.stringify(input.settings ?? {}),
        prefix: input.orderIdPrefix ?? '',
        at,
      });
      return this.require(Number(result.lastInsertRowid));
    } catch (error) {
      if (isUniqueViolation(error)) throw new JournalError('JOURNAL_ACCOUNT_EXISTS', input.identifier);
      throw error;
    }
  }

  update(id: number, patch: AccountPatch): Account {
    validate(patch, false);
    const current = this.require(id);
    const next = { ...current, ...patch };
    try {
      this.change.run(next.name, next.identifier, next.environment, next.currency, JSON.stringify(next.settings), next.orderIdPrefix, this.now(), id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new JournalError('JOURNAL_ACCOUNT_EXISTS', next.identifier);
      throw error;
    }
    return this.require(id);
  }

  hasOperations(id: number): boolean {
    return this.anyOperation.get({ id }) !== undefined;
  }

  /** Only an account without operations: history is never deleted with its account. */
  delete(id: number): void {
    this.require(id);
    if (this.hasOperations(id)) throw new JournalError('JOURNAL_ACCOUNT_IN_USE', `account ${id}`);
    this.remove.run(id);
  }

  /**
   * The next ORDERID: prefix + a per-account counter. Skips values already taken (an ORDERID
   * typed by hand) or that would look like a card number to the card-data guard.
   */
  nextOrderId(id: number): string {
    const next = (): string => {
      for (;;) {
        const row = this.bump.get(this.now(), id) as { order_id_prefix: string; order_id_counter: number } | undefined;
        if (!row) throw new JournalError('JOURNAL_ACCOUNT_NOT_FOUND', `account ${id}`);
        const orderId = `${row.order_id_prefix}${String(row.order_id_counter).padStart(COUNTER_DIGITS, '0')}`;
        if (orderId.length > 40) throw new JournalError('JOURNAL_INVALID_INPUT', 'ORDERID counter overflow');
        if (containsCardNumber(orderId) || this.orderIdUsed.get(id, orderId)) continue;
        return orderId;
      }
    };
    return this.sql.inTransaction ? next() : this.sql.write(next);
  }

  /**
   * What `nextOrderId` would hand out now, without taking it: the form shows it, and the
   * number is taken only when a payment is sent (page loads and cleared forms use nothing up).
   */
  peekOrderId(id: number): string {
    const row = this.counter.get(id) as { order_id_prefix: string; order_id_counter: number } | undefined;
    if (!row) throw new JournalError('JOURNAL_ACCOUNT_NOT_FOUND', `account ${id}`);
    for (let counter = row.order_id_counter + 1; ; counter++) {
      const orderId = `${row.order_id_prefix}${String(counter).padStart(COUNTER_DIGITS, '0')}`;
      if (orderId.length > 40) throw new JournalError('JOURNAL_INVALID_INPUT', 'ORDERID counter overflow');
      if (!containsCardNumber(orderId) && !this.orderIdUsed.get(id, orderId)) return orderId;
    }
  }

  /**
   * An intent recorded with a reference of the counter's own form (prefix + digits, e.g. one
   * the form previewed and the operator kept) moves the counter past it, in the intent's
   * transaction, so the next preview is the one after.
   */
  advancePast(id: number, orderId: string): void {
    const row = this.counter.get(id) as { order_id_prefix: string } | undefined;
    if (!row || !orderId.startsWith(row.order_id_prefix)) return;
    const digits = orderId.slice(row.order_id_prefix.length);
    if (!new RegExp(`^\\d{${COUNTER_DIGITS},15}$`).test(digits)) return;
    const value = Number(digits);
    this.advance.run(value, this.now(), id, value);
  }

  /** Just what an intent needs (no JSON parsing): hot path of every payment. */
  currencyOf(id: number): string {
    const row = this.currency.get(id) as { currency: string } | undefined;
    if (!row) throw new JournalError('JOURNAL_ACCOUNT_NOT_FOUND', `account ${id}`);
    return row.currency;
  }
}
