import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  SCHEMA_VERSION,
  isJournalError,
  migrate,
  migrationChecksum,
  openJournal,
  schemaVersion,
  type Migration,
} from '../../../electron/core/journal/index.js';
import { tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

let counter = 0;
function database(): { db: Database; file: string } {
  counter += 1;
  const file = join(temp.dir, `m${counter}.sqlite`);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  return { db, file };
}

/** Data as a version-1 journal holds it, written with plain SQL (no journal code of later versions). */
function fillVersion1(db: Database): void {
  db.exec(`
    INSERT INTO accounts (id, name, identifier, environment, currency, created_at, updated_at)
      VALUES (1, 'Boutique', 'BOUTIQUE', 'live', 'EUR', 1, 1);
    INSERT INTO operations (id, account_id, type, amount, currency, order_id, transaction_id, customer_name, customer_email,
      description, holder_name, idempotency_key, intent_hash, status, brand, operator, created_at, updated_at) VALUES
      (1, 1, 'payment', 1200, 'EUR', 'CPT-000001', 'A100', 'Émile Zola', 'emile@example.com', 'Livres anciens', 'EMILE ZOLA', 'k1', 'h', 'approved', 'visa', 'alice', 1000, 1000),
      (2, 1, 'authorization', 5000, 'EUR', 'CPT-000002', 'A101', 'Jeanne Martin', 'jeanne@example.com', 'Commande 77', 'J MARTIN', 'k2', 'h', 'authorized', 'amex', 'bruno', 2000, 2000),
      (3, 1, 'payment', 700, 'EUR', 'CPT-000003', NULL, 'Paul Durand', NULL, NULL, NULL, 'k3', 'h', 'declined', 'visa', 'alice', 90000000, 90000000);
    INSERT INTO events (operation_id, kind, payload, at) VALUES
      (1, 'intent_recorded', '{"type":"payment"}', 1000), (1, 'response', '{"outcome":"approved"}', 1001),
      (2, 'intent_recorded', '{"type":"authorization"}', 2000), (3, 'intent_recorded', '{}', 3000);
  `);
}

function indexNames(db: Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all() as Array<{ name: string }>).map(
    (r) => r.name,
  );
}

function ftsIds(db: Database, match: string): number[] {
  return (db.prepare('SELECT rowid FROM operations_fts WHERE operations_fts MATCH ? ORDER BY rowid').all(match) as Array<{ rowid: number }>).map(
    (r) => r.rowid,
  );
}

describe('migrations', () => {
  it('are numbered 1..n without gaps, and each one is tested below', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(SCHEMA_VERSION).toBe(8);
    expect(MIGRATIONS.map((m) => m.name)).toEqual([
      'core-tables',
      'history-search',
      'report-index',
      'instalment-plans',
      'request-fingerprint',
      'account-settings',
      'reconciliation',
      'operators-and-audit',
    ]);
  });

  it('1 core-tables: turns an empty file into the journal tables, with append-only events and checks', () => {
    const { db } = database();
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, { to: 1 })).toEqual({ from: 0, to: 1 });
    expect(schemaVersion(db)).toBe(1);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(['accounts', 'events', 'notifications', 'operations', 'schema_migrations']);
    fillVersion1(db);
    expect(() => db.exec(`UPDATE events SET at = 0`)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(() => db.exec(`DELETE FROM events`)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(() =>
      db.exec(`INSERT INTO accounts (name, identifier, environment, currency, created_at, updated_at) VALUES ('x', 'y', 'prod', 'EUR', 1, 1)`),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(
        `INSERT INTO operations (account_id, type, amount, currency, order_id, idempotency_key, intent_hash, status, created_at, updated_at) VALUES (1, 'payment', 1, 'EUR', 'CPT-000001', 'k9', 'h', 'sending', 1, 1)`,
      ),
    ).toThrow(/UNIQUE/);
    expect(() => db.exec(`INSERT INTO events (operation_id, kind, payload, at) VALUES (1, 'gossip', '{}', 1)`)).toThrow(/CHECK/);
    expect(() =>
      db.exec(
        `INSERT INTO operations (account_id, type, amount, currency, order_id, idempotency_key, intent_hash, status, last4, created_at, updated_at) VALUES (1, 'payment', 1, 'EUR', 'X', 'k10', 'h', 'sending', '12345', 1, 1)`,
      ),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('2 history-search: indexes the text of operations already there, then keeps the index in step', () => {
    const { db } = database();
    migrate(db, { to: 1 });
    fillVersion1(db);
    const before = db.prepare('SELECT * FROM operations ORDER BY id').all();
    expect(migrate(db, { to: 2 })).toEqual({ from: 1, to: 2 });
    expect(db.prepare('SELECT * FROM operations ORDER BY id').all()).toEqual(before);
    expect(ftsIds(db, '"emile"*')).toEqual([1]);
    expect(ftsIds(db, '"martin"')).toEqual([2]);
    expect(ftsIds(db, '"A101"')).toEqual([2]);
    expect(ftsIds(db, '"CPT"* "000003"')).toEqual([3]);
    db.exec(`UPDATE operations SET transaction_id = 'A555', description = 'Remboursement' WHERE id = 3`);
    expect(ftsIds(db, '"A555"')).toEqual([3]);
    expect(ftsIds(db, '"remboursement"')).toEqual([3]);
    db.exec(`UPDATE operations SET status = 'error' WHERE id = 3`);
    expect(ftsIds(db, '"remboursement"')).toEqual([3]);
    expect(indexNames(db)).toEqual(
      expect.arrayContaining(['operations_amount', 'operations_last4', 'operations_order_id', 'operations_customer_email', 'operations_customer_ident']),
    );
    db.close();
  });

  it('3 report-index: adds the covering index summaries read, leaving the data and its totals unchanged', () => {
    const { db } = database();
    migrate(db, { to: 2 });
    fillVersion1(db);
    const summary = `SELECT status, currency, count(*) AS n, sum(amount) AS total FROM operations WHERE created_at >= 0 AND created_at < 100000000 GROUP BY 1, 2 ORDER BY 1`;
    const before = db.prepare(summary).all();
    expect(migrate(db, { to: 3 })).toEqual({ from: 2, to: 3 });
    expect(indexNames(db)).toContain('operations_report');
    expect(db.prepare(summary).all()).toEqual(before);
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${summary.replace('FROM operations', 'FROM operations INDEXED BY operations_report')}`).all() as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/COVERING INDEX operations_report/);
    db.close();
  });

  it('4 instalment-plans: adds the plan table (unchangeable) and the schedule columns, leaving the data as it was', () => {
    const { db } = database();
    migrate(db, { to: 3 });
    fillVersion1(db);
    const before = db.prepare('SELECT * FROM operations ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(migrate(db, { to: 4 })).toEqual({ from: 3, to: 4 });
    const after = db.prepare('SELECT * FROM operations ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(after).toEqual(before.map((row) => ({ ...row, schedule_id: null, instalment_seq: null })));
    db.exec(`INSERT INTO instalments (operation_id, seq, due_date, amount) VALUES (1, 1, '2026-01-15', 600), (1, 2, '2026-02-15', 600)`);
    expect(db.prepare('SELECT seq, due_date, amount FROM instalments WHERE operation_id = 1 ORDER BY seq').all()).toEqual([
      { seq: 1, due_date: '2026-01-15', amount: 600 },
      { seq: 2, due_date: '2026-02-15', amount: 600 },
    ]);
    expect(() => db.exec(`UPDATE instalments SET amount = 1 WHERE operation_id = 1`)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(() => db.exec(`DELETE FROM instalments`)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(() => db.exec(`INSERT INTO instalments (operation_id, seq, due_date, amount) VALUES (1, 3, '15/03/2026', 600)`)).toThrow(/CHECK/);
    expect(() => db.exec(`INSERT INTO instalments (operation_id, seq, due_date, amount) VALUES (1, 3, '2026-03-15', 0)`)).toThrow(/CHECK/);
    expect(() => db.exec(`INSERT INTO instalments (operation_id, seq, due_date, amount) VALUES (1, 2, '2026-03-15', 5)`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.exec(`UPDATE operations SET instalment_seq = 0 WHERE id = 1`)).toThrow(/CHECK/);
    db.exec(`UPDATE operations SET schedule_id = 'S42' WHERE id = 1`);
    db.close();
  });

  it('5 request-fingerprint: adds the fingerprint column (64 hex or nothing), existing rows without one', () => {
    const { db } = database();
    migrate(db, { to: 4 });
    fillVersion1(db);
    expect(migrate(db, { to: 5 })).toEqual({ from: 4, to: 5 });
    expect(db.prepare('SELECT DISTINCT request_fingerprint FROM operations').all()).toEqual([{ request_fingerprint: null }]);
    db.exec(`UPDATE operations SET request_fingerprint = '${'ab'.repeat(32)}' WHERE id = 1`);
    expect(() => db.exec(`UPDATE operations SET request_fingerprint = 'not-a-hash' WHERE id = 2`)).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE operations SET request_fingerprint = '${'AB'.repeat(32)}' WHERE id = 2`)).toThrow(/CHECK/);
    db.close();
  });

  it('6 account-settings: the accounts column that holds settings is called settings, each account keeping its own', () => {
    const { db } = database();
    migrate(db, { to: 5 });
    fillVersion1(db);
    db.exec(`UPDATE accounts SET hosts = '{"connection":{"kind":"embedded-sandbox"},"allowCredit":true}' WHERE id = 1`);
    const before = db.prepare('SELECT * FROM accounts ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(migrate(db, { to: 6 })).toEqual({ from: 5, to: 6 });
    const after = db.prepare('SELECT * FROM accounts ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(after).toEqual(before.map(({ hosts, ...rest }) => ({ ...rest, settings: hosts })));
    expect(JSON.parse(String(after[0]?.settings))).toEqual({ connection: { kind: 'embedded-sandbox' }, allowCredit: true });
    // The JSON check moved with the column.
    expect(() => db.exec(`UPDATE accounts SET settings = 'not json' WHERE id = 1`)).toThrow(/CHECK/);
    db.close();
  });

  it('7 reconciliation: adds imports (one per file hash), exceptions and their actions, none of which can change', () => {
    const { db } = database();
    migrate(db, { to: 6 });
    fillVersion1(db);
    const before = db.prepare('SELECT * FROM operations ORDER BY id').all();
    expect(migrate(db, { to: 7 })).toEqual({ from: 6, to: 7 });
    expect(db.prepare('SELECT * FROM operations ORDER BY id').all()).toEqual(before);
    const hash = 'a'.repeat(64);
    db.exec(
      `INSERT INTO reconciliation_imports (file_hash, file_name, layout, lines, summary, imported_at) VALUES ('${hash}', 'f.csv', 'current', 1, '{}', 1)`,
    );
    expect(() =>
      db.exec(
        `INSERT INTO reconciliation_imports (file_hash, file_name, layout, lines, summary, imported_at) VALUES ('${hash}', 'g.csv', 'current', 1, '{}', 2)`,
      ),
    ).toThrow(/UNIQUE/);
    db.exec(`INSERT INTO reconciliation_exceptions (import_id, kind, operation_id, file_amount, journal_amount) VALUES (1, 'amount_differs', 1, 100, 200)`);
    expect(() => db.exec(`INSERT INTO reconciliation_exceptions (import_id, kind) VALUES (1, 'something_else')`)).toThrow(/CHECK/);
    db.exec(`INSERT INTO reconciliation_actions (exception_id, action, operator, at) VALUES (1, 'acknowledged', 'ana', 3)`);
    expect(() => db.exec(`INSERT INTO reconciliation_actions (exception_id, action, operator, at) VALUES (1, 'forgotten', 'ana', 4)`)).toThrow(/CHECK/);
    for (const table of ['reconciliation_imports', 'reconciliation_exceptions', 'reconciliation_actions']) {
      expect(() => db.exec(`UPDATE ${table} SET id = id`)).toThrow(/JOURNAL_APPEND_ONLY/);
      expect(() => db.exec(`DELETE FROM ${table}`)).toThrow(/JOURNAL_APPEND_ONLY/);
    }
    db.close();
  });

  it('8 operators-and-audit: adds operators, ceilings and an append-only audit trail, leaving what was there', () => {
    const { db } = database();
    migrate(db, { to: 7 });
    fillVersion1(db);
    const before = db.prepare('SELECT * FROM accounts ORDER BY id').all();
    expect(migrate(db, { to: 8 })).toEqual({ from: 7, to: 8 });
    expect(db.prepare('SELECT * FROM accounts ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM operators').get()).toEqual({ n: 0 });
    db.prepare("INSERT INTO audit_entries (at, operator, kind, detail, prev_hash, hash) VALUES (1, NULL, 'k', '{}', 'p', 'h')").run();
    expect(() => db.exec(`UPDATE audit_entries SET kind = 'x'`)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(() => db.exec(`DELETE FROM audit_entries`)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(() =>
      db.exec(`INSERT INTO operators (name, name_key, role, secret_kind, secret_hash, created_at, updated_at) VALUES ('a', 'a', 'viewer', 'pin', 'x', 1, 1)`),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('do nothing the second time, and refuse a file from a newer Comptoir', () => {
    const { db, file } = database();
    migrate(db);
    expect(migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    db.pragma('user_version = 99');
    let error: unknown;
    try {
      migrate(db);
    } catch (caught) {
      error = caught;
    }
    expect(isJournalError(error, 'JOURNAL_NEWER_SCHEMA')).toBe(true);
    db.close();
    expect(() => openJournal({ file })).toThrow(expect.objectContaining({ code: 'JOURNAL_NEWER_SCHEMA' }));
  });

  it('roll a failing migration back entirely, leaving the previous version', () => {
    const { db } = database();
    const failing: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'broken',
      sql: 'CREATE TABLE half_done (x); THIS IS NOT SQL',
    };
    migrate(db);
    expect(() => migrate(db, { migrations: [...MIGRATIONS, failing] })).toThrow(expect.objectContaining({ code: 'JOURNAL_MIGRATION_FAILED' }));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'`).get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: SCHEMA_VERSION });
    db.close();
  });
});

describe('migration checksums', () => {
  function refusal(fn: () => unknown): unknown {
    try {
      fn();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  it('record the checksum of each migration as it is applied', () => {
    const { db } = database();
    migrate(db, { to: 2, now: () => 1234 });
    expect(db.prepare('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: 'core-tables', checksum: migrationChecksum(MIGRATIONS[0] as Migration), applied_at: 1234 },
      { version: 2, name: 'history-search', checksum: migrationChecksum(MIGRATIONS[1] as Migration), applied_at: 1234 },
    ]);
    expect(migrationChecksum(MIGRATIONS[0] as Migration)).toMatch(/^[0-9a-f]{64}$/);
    db.close();
  });

  it('refuse at start-up a file whose applied migration was edited since, and leave the file as it was', () => {
    const { db } = database();
    migrate(db);
    const edited = MIGRATIONS.map((m) =>
      m.version === 4 ? { ...m, sql: m.sql.replace('amount INTEGER NOT NULL CHECK (amount > 0)', 'amount INTEGER NOT NULL') } : m,
    );
    expect(edited[3]?.sql).not.toBe(MIGRATIONS[3]?.sql);
    const error = refusal(() => migrate(db, { migrations: edited }));
    expect(isJournalError(error, 'JOURNAL_MIGRATION_CHANGED')).toBe(true);
    expect((error as { detail?: string }).detail).toMatch(/migration 4 instalment-plans/);
    // A migration not applied yet may still change; one added after the applied ones runs.
    const later: Migration = { version: SCHEMA_VERSION + 1, name: 'later', sql: 'CREATE TABLE later_table (x)' };
    expect(migrate(db, { migrations: [...MIGRATIONS, later] })).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION + 1 });
    const laterEdited = { ...later, sql: 'CREATE TABLE later_table (y)' };
    expect(
      isJournalError(
        refusal(() => migrate(db, { migrations: [...MIGRATIONS, laterEdited] })),
        'JOURNAL_MIGRATION_CHANGED',
      ),
    ).toBe(true);
    db.close();

    // Opening the journal: a file whose record of a migration differs from this build's text.
    const other = database();
    migrate(other.db);
    other.db.prepare('UPDATE schema_migrations SET checksum = ? WHERE version = 2').run('0'.repeat(64));
    const before = other.db.prepare('SELECT * FROM schema_migrations ORDER BY version').all();
    other.db.close();
    expect(() => openJournal({ file: other.file })).toThrow(expect.objectContaining({ code: 'JOURNAL_MIGRATION_CHANGED' }));
    const reopened = new BetterSqlite3(other.file, { readonly: true });
    expect(reopened.prepare('SELECT * FROM schema_migrations ORDER BY version').all()).toEqual(before);
    expect(schemaVersion(reopened)).toBe(SCHEMA_VERSION);
    reopened.close();
  });

  it('take re-indenting as no edit', () => {
    const { db } = database();
    migrate(db);
    const reindented = MIGRATIONS.map((m) => ({
      ...m,
      sql: m.sql
        .split('\n')
        .map((line) => `    ${line.trim()}`)
        .join('\n\n'),
    }));
    expect(migrate(db, { migrations: reindented })).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    db.close();
  });

  it('hold a file that predates checksums to the text it is first opened with', () => {
    const { db } = database();
    migrate(db, { to: 5 });
    // As a build before checksums left it: version 5, no record of what was applied.
    db.exec('DROP TABLE schema_migrations');
    expect(migrate(db)).toEqual({ from: 5, to: SCHEMA_VERSION });
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
    const edited = MIGRATIONS.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\nCREATE INDEX extra ON events(at);` } : m));
    expect(
      isJournalError(
        refusal(() => migrate(db, { migrations: edited })),
        'JOURNAL_MIGRATION_CHANGED',
      ),
    ).toBe(true);
    db.close();
  });
});
