import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { JournalError } from './journal-error.js';

/**
 * Numbered schema migrations, each a piece of SQL. `PRAGMA user_version` holds the version
 * reached; each migration runs in its own transaction together with the version bump and the
 * record of its checksum, so a failure leaves the file at the previous version.
 *
 * Never edit a released migration: add a new one. A file remembers the checksum of every
 * migration applied to it (`schema_migrations`), and opening it with a build whose text of
 * one of them differs is refused (`JOURNAL_MIGRATION_CHANGED`): the schema that build
 * expects is not the one the file has.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** v1: accounts, operations, append-only events, the notification inbox. */
const coreTables: Migration = {
  version: 1,
  name: 'core-tables',
  sql: `
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        identifier TEXT NOT NULL,
        environment TEXT NOT NULL CHECK (environment IN ('test', 'live')),
        currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
        hosts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(hosts)),
        order_id_prefix TEXT NOT NULL DEFAULT '',
        order_id_counter INTEGER NOT NULL DEFAULT 0 CHECK (order_id_counter >= 0),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (identifier, environment)
      ) STRICT;

      CREATE TABLE operations (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        parent_id INTEGER REFERENCES operations(id),
        type TEXT NOT NULL CHECK (type IN ('payment', 'authorization', 'capture', 'refund', 'void', 'credit')),
        amount INTEGER NOT NULL CHECK (amount >= 0),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        order_id TEXT NOT NULL CHECK (length(order_id) BETWEEN 1 AND 40),
        transaction_id TEXT,
        exec_code TEXT,
        message TEXT,
        brand TEXT,
        bin6 TEXT CHECK (bin6 IS NULL OR (length(bin6) = 6 AND bin6 NOT GLOB '*[^0-9]*')),
        last4 TEXT CHECK (last4 IS NULL OR (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*')),
        expiry TEXT CHECK (expiry IS NULL OR expiry GLOB '[01][0-9]-[0-9][0-9]'),
        holder_name TEXT,
        customer_ident TEXT,
        customer_email TEXT,
        customer_name TEXT,
        description TEXT,
        operator TEXT,
        idempotency_key TEXT NOT NULL UNIQUE,
        intent_hash TEXT NOT NULL,
        alias TEXT,
        alias_mode TEXT CHECK (alias_mode IS NULL OR alias_mode IN ('oneclick', 'subscription')),
        status TEXT NOT NULL,
        expires_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (account_id, order_id)
      ) STRICT;
      CREATE UNIQUE INDEX operations_transaction_id ON operations(account_id, transaction_id)
        WHERE transaction_id IS NOT NULL;
      CREATE INDEX operations_parent ON operations(parent_id) WHERE parent_id IS NOT NULL;
      CREATE INDEX operations_created ON operations(created_at);
      CREATE INDEX operations_status ON operations(status, created_at);

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        operation_id INTEGER NOT NULL REFERENCES operations(id),
        kind TEXT NOT NULL CHECK (kind IN ('intent_recorded', 'request_sent', 'response', 'notification',
          'status_lookup', 'interrupted', 'operator_action', 'discrepancy')),
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX events_operation ON events(operation_id);
      -- Facts are never rewritten: a correction is a new event.
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: events cannot be updated'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: events cannot be deleted'); END;

      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY,
        dedupe_key TEXT NOT NULL UNIQUE,
        received_at INTEGER NOT NULL,
        account_id INTEGER REFERENCES accounts(id),
        identifier TEXT,
        transaction_id TEXT,
        order_id TEXT,
        operation_type TEXT,
        exec_code TEXT,
        params TEXT NOT NULL CHECK (json_valid(params)),
        applied INTEGER NOT NULL DEFAULT 0 CHECK (applied IN (0, 1)),
        operation_id INTEGER REFERENCES operations(id),
        apply_error TEXT
      ) STRICT;
      CREATE INDEX notifications_unapplied ON notifications(received_at) WHERE applied = 0;
      CREATE INDEX notifications_operation ON notifications(operation_id) WHERE operation_id IS NOT NULL;
    `,
};

/**
 * v2: free-text search (FTS5) and the indexes behind the selective history filters. Filters
 * that match many rows (type, operator, brand, account, currency, status) need no index of
 * their own: pages walk `operations_report` (v3) in date order and stop after one page.
 */
const historySearch: Migration = {
  version: 2,
  name: 'history-search',
  sql: `
      CREATE VIRTUAL TABLE operations_fts USING fts5(
        order_id, transaction_id, customer_ident, customer_email, customer_name, holder_name, description,
        content = 'operations', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER operations_fts_insert AFTER INSERT ON operations BEGIN
        INSERT INTO operations_fts(rowid, order_id, transaction_id, customer_ident, customer_email, customer_name,
          holder_name, description)
        VALUES (new.id, new.order_id, new.transaction_id, new.customer_ident, new.customer_email, new.customer_name,
          new.holder_name, new.description);
      END;
      -- Status updates are frequent and change no searchable text: only reindex when it changed.
      CREATE TRIGGER operations_fts_update AFTER UPDATE ON operations
      WHEN old.order_id IS NOT new.order_id OR old.transaction_id IS NOT new.transaction_id
        OR old.customer_ident IS NOT new.customer_ident OR old.customer_email IS NOT new.customer_email
        OR old.customer_name IS NOT new.customer_name OR old.holder_name IS NOT new.holder_name
        OR old.description IS NOT new.description
      BEGIN
        INSERT INTO operations_fts(operations_fts, rowid, order_id, transaction_id, customer_ident, customer_email,
          customer_name, holder_name, description)
        VALUES ('delete', old.id, old.order_id, old.transaction_id, old.customer_ident, old.customer_email,
          old.customer_name, old.holder_name, old.description);
        INSERT INTO operations_fts(rowid, order_id, transaction_id, customer_ident, customer_email, customer_name,
          holder_name, description)
        VALUES (new.id, new.order_id, new.transaction_id, new.customer_ident, new.customer_email, new.customer_name,
          new.holder_name, new.description);
      END;
      CREATE TRIGGER operations_fts_delete AFTER DELETE ON operations BEGIN
        INSERT INTO operations_fts(operations_fts, rowid, order_id, transaction_id, customer_ident, customer_email,
          customer_name, holder_name, description)
        VALUES ('delete', old.id, old.order_id, old.transaction_id, old.customer_ident, old.customer_email,
          old.customer_name, old.holder_name, old.description);
      END;
      INSERT INTO operations_fts(operations_fts) VALUES ('rebuild');

      CREATE INDEX operations_amount ON operations(amount);
      CREATE INDEX operations_last4 ON operations(last4, created_at) WHERE last4 IS NOT NULL;
      CREATE INDEX operations_order_id ON operations(order_id);
      CREATE INDEX operations_transaction_lookup ON operations(transaction_id) WHERE transaction_id IS NOT NULL;
      CREATE INDEX operations_customer_email ON operations(customer_email COLLATE NOCASE, created_at)
        WHERE customer_email IS NOT NULL;
      CREATE INDEX operations_customer_ident ON operations(customer_ident COLLATE NOCASE, created_at)
        WHERE customer_ident IS NOT NULL;
    `,
};

/**
 * v3: one covering index for reports. Summaries (by day, currency, status, type, brand,
 * operator, account) over a date range read only this index, never the table rows.
 */
const reportIndex: Migration = {
  version: 3,
  name: 'report-index',
  sql: `
      CREATE INDEX operations_report ON operations(
        created_at, account_id, currency, type, status, brand, operator, amount, expires_at);
    `,
};

/**
 * v4: instalment payments. The plan (each date and amount) is recorded with the intent, as a
 * fact that never changes; the gateway's SCHEDULEID (for stopntimes) fills in from its answer
 * or notifications; a refund of an instalment payment names the instalment whose transaction
 * it refunds (each charged instalment is a transaction of its own).
 */
const instalmentPlans: Migration = {
  version: 4,
  name: 'instalment-plans',
  sql: `
      ALTER TABLE operations ADD COLUMN schedule_id TEXT;
      ALTER TABLE operations ADD COLUMN instalment_seq INTEGER CHECK (instalment_seq IS NULL OR instalment_seq >= 1);
      CREATE TABLE instalments (
        operation_id INTEGER NOT NULL REFERENCES operations(id),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        due_date TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        amount INTEGER NOT NULL CHECK (amount > 0),
        PRIMARY KEY (operation_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER instalments_no_update BEFORE UPDATE ON instalments
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: an instalment plan cannot be changed'); END;
      CREATE TRIGGER instalments_no_delete BEFORE DELETE ON instalments
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: an instalment plan cannot be deleted'); END;
    `,
};

/**
 * v5: what an idempotency key stood for. A SHA-256 of the request's content (account, type,
 * amount asked, parent, BIN and last four, ORDERID, instalments; never card data), so a key
 * reused for something else is refused instead of answering with another operation.
 */
const requestFingerprint: Migration = {
  version: 5,
  name: 'request-fingerprint',
  sql: `
      ALTER TABLE operations ADD COLUMN request_fingerprint TEXT
        CHECK (request_fingerprint IS NULL OR (length(request_fingerprint) = 64 AND request_fingerprint NOT GLOB '*[^0-9a-f]*'));
    `,
};

/**
 * v6: the accounts column that holds an account's settings (how to reach its gateway, credit
 * allowed, the large-amount threshold…) is called what it holds; it was named `hosts`.
 */
const accountSettings: Migration = {
  version: 6,
  name: 'account-settings',
  sql: `
      ALTER TABLE accounts RENAME COLUMN hosts TO settings;
    `,
};

/**
 * v7 (issue 19): reconciliation against Dalenys' files. An import is kept once per file
 * content (its SHA-256), with what it found; each exception it raised, and what operators did
 * about it (acknowledged, then resolved or accepted, with a note), are rows never changed: the
 * state of an exception is its latest action.
 */
const reconciliation: Migration = {
  version: 7,
  name: 'reconciliation',
  sql: `
      CREATE TABLE reconciliation_imports (
        id INTEGER PRIMARY KEY,
        file_hash TEXT NOT NULL UNIQUE CHECK (length(file_hash) = 64),
        file_name TEXT NOT NULL,
        layout TEXT NOT NULL,
        lines INTEGER NOT NULL CHECK (lines >= 0),
        summary TEXT NOT NULL,
        operator TEXT,
        imported_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE reconciliation_exceptions (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES reconciliation_imports(id),
        kind TEXT NOT NULL CHECK (kind IN ('amount_differs', 'status_differs', 'missing_in_comptoir', 'missing_at_dalenys')),
        operation_id INTEGER REFERENCES operations(id),
        transaction_id TEXT,
        order_id TEXT,
        currency TEXT,
        file_amount INTEGER,
        journal_amount INTEGER,
        file_status TEXT,
        journal_status TEXT
      ) STRICT;
      CREATE INDEX reconciliation_exceptions_import ON reconciliation_exceptions(import_id);
      CREATE TABLE reconciliation_actions (
        id INTEGER PRIMARY KEY,
        exception_id INTEGER NOT NULL REFERENCES reconciliation_exceptions(id),
        action TEXT NOT NULL CHECK (action IN ('acknowledged', 'resolved', 'accepted')),
        note TEXT,
        operator TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX reconciliation_actions_exception ON reconciliation_actions(exception_id, id);
      CREATE TRIGGER reconciliation_imports_no_update BEFORE UPDATE ON reconciliation_imports
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: a reconciliation import cannot be changed'); END;
      CREATE TRIGGER reconciliation_imports_no_delete BEFORE DELETE ON reconciliation_imports
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: a reconciliation import cannot be deleted'); END;
      CREATE TRIGGER reconciliation_exceptions_no_update BEFORE UPDATE ON reconciliation_exceptions
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: a reconciliation exception cannot be changed'); END;
      CREATE TRIGGER reconciliation_exceptions_no_delete BEFORE DELETE ON reconciliation_exceptions
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: a reconciliation exception cannot be deleted'); END;
      CREATE TRIGGER reconciliation_actions_no_update BEFORE UPDATE ON reconciliation_actions
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: an action on an exception cannot be changed'); END;
      CREATE TRIGGER reconciliation_actions_no_delete BEFORE DELETE ON reconciliation_actions
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: an action on an exception cannot be deleted'); END;
    `,
};

/**
 * v8 (issue 17): operators (a name, a role, a scrypt hash with its salt and parameters, the
 * failed sign-ins in a row and the end of a lock-out), the refund and credit ceilings per
 * account and role, and the audit trail: append-only, each entry carrying the hash of the one
 * before. The hashes are computed by core (sha256 of canonical JSON), not by the database.
 */
const operatorsAndAudit: Migration = {
  version: 8,
  name: 'operators-and-audit',
  sql: `
      CREATE TABLE operators (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
        secret_kind TEXT NOT NULL CHECK (secret_kind IN ('pin', 'password')),
        secret_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE approval_ceilings (
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
        ceiling INTEGER NOT NULL CHECK (ceiling >= 0),
        PRIMARY KEY (account_id, role)
      );

      CREATE TABLE audit_entries (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        operator TEXT,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_entries_at ON audit_entries (at);
      CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: audit entries cannot be updated'); END;
      CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'JOURNAL_APPEND_ONLY: audit entries cannot be deleted'); END;
    `,
};

export const MIGRATIONS: readonly Migration[] = [
  coreTables,
  historySearch,
  reportIndex,
  instalmentPlans,
  requestFingerprint,
  accountSettings,
  reconciliation,
  operatorsAndAudit,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * SHA-256 of a migration's SQL, each line trimmed and blank lines left out: re-indenting the
 * text is no edit, changing a word of it is.
 */
export function migrationChecksum(migration: Migration): string {
  const text = migration.sql
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
  return createHash('sha256').update(text).digest('hex');
}

/** Bookkeeping, not a migration: created by `migrate` itself, on a file of any version. */
const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL CHECK (length(checksum) = 64),
  applied_at INTEGER NOT NULL
) STRICT`;

interface AppliedRow {
  readonly version: number;
  readonly checksum: string;
}

/**
 * Refuses a file one of whose applied migrations this build knows with another text. An
 * applied migration with no checksum yet (the file predates checksums) is recorded as this
 * build has it: from then on it is held to that text.
 */
function verifyApplied(db: Database, migrations: readonly Migration[], from: number, at: number): void {
  const recorded = new Map((db.prepare('SELECT version, checksum FROM schema_migrations').all() as AppliedRow[]).map((row) => [row.version, row.checksum]));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const migration of migrations) {
      if (migration.version > from) continue;
      const checksum = migrationChecksum(migration);
      const stored = recorded.get(migration.version);
      if (stored === undefined) record.run(migration.version, migration.name, checksum, at);
      else if (stored !== checksum) {
        throw new JournalError('JOURNAL_MIGRATION_CHANGED', `migration ${migration.version} ${migration.name} differs from the one applied to this file`);
      }
    }
  })();
}

/**
 * Brings the schema up to `to` (default: the latest), after checking that the migrations
 * already applied are the ones this build knows. Refuses a file written by a newer Comptoir,
 * whose schema this code does not know.
 */
export function migrate(
  db: Database,
  options: { to?: number; migrations?: readonly Migration[]; now?: () => number } = {},
): {
  from: number;
  to: number;
} {
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? Date.now;
  const latest = migrations.at(-1)?.version ?? 0;
  const target = options.to ?? latest;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new JournalError('JOURNAL_NEWER_SCHEMA', `file at version ${from}, this build knows ${latest}`);
  }
  db.exec(LEDGER);
  verifyApplied(db, migrations, from, now());
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const migration of migrations) {
    if (migration.version <= from || migration.version > target) continue;
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        record.run(migration.version, migration.name, migrationChecksum(migration), now());
        db.pragma(`user_version = ${migration.version}`);
      })();
    } catch (error) {
      throw new JournalError('JOURNAL_MIGRATION_FAILED', `migration ${migration.version} ${migration.name}`, {
        cause: error,
      });
    }
  }
  return { from, to: Math.max(from, Math.min(target, latest)) };
}
