import type { OperatorRole } from '../../../shared/contract/roles.js';
import { JournalError } from './journal-error.js';
import type { SqlEngine, SqlStatement } from './sql-engine.js';

export type SecretKind = 'pin' | 'password';

export interface OperatorRecord {
  readonly id: number;
  readonly name: string;
  readonly role: OperatorRole;
  readonly secretKind: SecretKind;
  /** `scrypt$N$r$p$salt$hash` (base64 salt and hash): the parameters travel with the hash. */
  readonly secretHash: string;
  readonly disabled: boolean;
  readonly failedAttempts: number;
  readonly lockedUntil: number | null;
  readonly createdAt: number;
}

interface OperatorRow {
  id: number;
  name: string;
  role: OperatorRole;
  secret_kind: SecretKind;
  secret_hash: string;
  disabled: number;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
}

const COLUMNS = 'id, name, role, secret_kind, secret_hash, disabled, failed_attempts, locked_until, created_at';

/** Names are unique whatever their case or surrounding spaces: "Ana" and " ana" are one operator. */
function operatorNameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

function toRecord(row: OperatorRow): OperatorRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    secretKind: row.secret_kind,
    secretHash: row.secret_hash,
    disabled: row.disabled === 1,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

/** Operators and the refund ceilings per account and role, in the journal database. */
export class OperatorStore {
  private readonly count: SqlStatement;
  private readonly all: SqlStatement;
  private readonly byId: SqlStatement;
  private readonly byKey: SqlStatement;
  private readonly insert: SqlStatement;
  private readonly attempts: SqlStatement;
  private readonly ceilingRows: SqlStatement;
  private readonly ceilingSet: SqlStatement;
  private readonly ceilingClear: SqlStatement;

  constructor(
    private readonly sql: SqlEngine,
    private readonly now: () => number,
  ) {
    this.count = sql.prepare('SELECT count(*) AS n FROM operators');
    this.all = sql.prepare(`SELECT ${COLUMNS} FROM operators ORDER BY name_key`);
    this.byId = sql.prepare(`SELECT ${COLUMNS} FROM operators WHERE id = ?`);
    this.byKey = sql.prepare(`SELECT ${COLUMNS} FROM operators WHERE name_key = ?`);
    this.insert = sql.prepare('INSERT INTO operators (name, name_key, role, secret_kind, secret_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.attempts = sql.prepare('UPDATE operators SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE id = ?');
    this.ceilingRows = sql.prepare('SELECT account_id, role, ceiling FROM approval_ceilings ORDER BY account_id, role');
    this.ceilingSet = sql.prepare(
      'INSERT INTO approval_ceilings (account_id, role, ceiling) VALUES (?, ?, ?) ON CONFLICT (account_id, role) DO UPDATE SET ceiling = excluded.ceiling',
    );
    this.ceilingClear = sql.prepare('DELETE FROM approval_ceilings WHERE account_id = ? AND role = ?');
  }

  any(): boolean {
    return (this.count.get() as { n: number }).n > 0;
  }

  list(): OperatorRecord[] {
    return (this.all.all() as OperatorRow[]).map(toRecord);
  }

  get(id: number): OperatorRecord | undefined {
    const row = this.byId.get(id) as OperatorRow | undefined;
    return row && toRecord(row);
  }

  findByName(name: string): OperatorRecord | undefined {
    const row = this.byKey.get(operatorNameKey(name)) as OperatorRow | undefined;
    return row && toRecord(row);
  }

  /** `inWrite` runs in the same transaction, after the insert (the audit entry goes there). */
  create(input: { name: string; role: OperatorRole; secretKind: SecretKind; secretHash: string }, inWrite?: (created: OperatorRecord) => void): OperatorRecord {
    return this.sql.write(() => {
      if (this.byKey.get(operatorNameKey(input.name)) !== undefined) throw new JournalError('JOURNAL_INVALID_INPUT', 'operator name taken');
      const at = this.now();
      const { lastInsertRowid } = this.insert.run(input.name.trim(), operatorNameKey(input.name), input.role, input.secretKind, input.secretHash, at, at);
      const created = this.get(Number(lastInsertRowid)) as OperatorRecord;
      inWrite?.(created);
      return created;
    });
  }

  update(
    id: number,
    patch: { role?: OperatorRole; disabled?: boolean; secretKind?: SecretKind; secretHash?: string },
    inWrite?: (before: OperatorRecord, after: OperatorRecord) => void,
  ): OperatorRecord {
    return this.sql.write(() => {
      const before = this.get(id);
      if (!before) throw new JournalError('JOURNAL_INVALID_INPUT', `operator ${id} does not exist`);
      const sets: string[] = [];
      const params: unknown[] = [];
      if (patch.role !== undefined) {
        sets.push('role = ?');
        params.push(patch.role);
      }
      if (patch.disabled !== undefined) {
        sets.push('disabled = ?');
        params.push(patch.disabled ? 1 : 0);
      }
      if (patch.secretKind !== undefined) {
        sets.push('secret_kind = ?');
        params.push(patch.secretKind);
      }
      // A new secret also ends a lock-out: the administrator who set it vouches for the operator.
      if (patch.secretHash !== undefined) {
        sets.push('secret_hash = ?', 'failed_attempts = 0', 'locked_until = NULL');
        params.push(patch.secretHash);
      }
      sets.push('updated_at = ?');
      params.push(this.now());
      this.sql.prepare(`UPDATE operators SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
      const after = this.get(id) as OperatorRecord;
      inWrite?.(before, after);
      return after;
    });
  }

  /** Failed sign-ins in a row and the end of a lock-out, with what the audit records of it. */
  setAttempts(id: number, failedAttempts: number, lockedUntil: number | null, inWrite?: () => void): void {
    this.sql.write(() => {
      this.attempts.run(failedAttempts, lockedUntil, this.now(), id);
      inWrite?.();
    });
  }

  ceilings(): Array<{ accountId: number; role: 'clerk' | 'supervisor'; ceiling: number }> {
    return (this.ceilingRows.all() as Array<{ account_id: number; role: 'clerk' | 'supervisor'; ceiling: number }>).map((row) => ({
      accountId: row.account_id,
      role: row.role,
      ceiling: row.ceiling,
    }));
  }

  setCeiling(accountId: number, role: 'clerk' | 'supervisor', ceiling: number | null, inWrite?: () => void): void {
    this.sql.write(() => {
      if (ceiling === null) this.ceilingClear.run(accountId, role);
      else this.ceilingSet.run(accountId, role, ceiling);
      inWrite?.();
    });
  }
}
