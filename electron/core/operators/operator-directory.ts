import type { OperatorSummary } from '../../../shared/contract/operators.js';
import type { OperatorRole } from '../../../shared/contract/roles.js';
import { LOCK_OUT_MS, secretAcceptable, SIGN_IN_ATTEMPTS } from '../../../shared/domain/operator-secret.js';
import { CoreError } from '../errors.js';
import type { Journal } from '../journal/index.js';
import type { OperatorRecord, SecretKind } from '../journal/operator-store.js';
import { DECOY_HASH, hashSecret, secretMatches } from './secret-hash.js';

export function operatorSummary(record: OperatorRecord, now: number): OperatorSummary {
  return {
    id: record.id,
    name: record.name,
    role: record.role,
    secretKind: record.secretKind,
    disabled: record.disabled,
    lockedUntil: record.lockedUntil !== null && record.lockedUntil > now ? record.lockedUntil : null,
    createdAt: record.createdAt,
  };
}

/** Who did an operator change, for the audit: a name, or null for the desk's implicit administrator. */
type Actor = string | null;

/**
 * The desk's operators: creation and changes by an administrator (each audited with before and
 * after, never the secret), and the check of a name and secret with its lock-out: five failures
 * in a row lock that operator for 15 minutes (`shared/domain/operator-secret.ts`), recorded in
 * the audit; a lock-out that has ended starts a fresh count.
 */
export class OperatorDirectory {
  /** Operators are never deleted, so once one exists this stays true. */
  private exists: boolean;

  constructor(
    private readonly journal: Journal,
    private readonly now: () => number,
  ) {
    this.exists = journal.operators.any();
  }

  anyOperator(): boolean {
    return this.exists;
  }

  list(): OperatorSummary[] {
    const now = this.now();
    return this.journal.operators.list().map((record) => operatorSummary(record, now));
  }

  get(id: number): OperatorRecord | undefined {
    return this.journal.operators.get(id);
  }

  async create(input: { name: string; role: OperatorRole; secretKind: SecretKind; secret: string }, actor: Actor): Promise<OperatorRecord> {
    if (!this.exists && input.role !== 'admin') throw new CoreError('OPERATOR_FIRST_MUST_BE_ADMIN');
    if (!secretAcceptable(input.secretKind, input.secret)) throw new CoreError('OPERATOR_SECRET_TOO_WEAK');
    if (this.journal.operators.findByName(input.name)) throw new CoreError('OPERATOR_NAME_TAKEN');
    const secretHash = await hashSecret(input.secret);
    const created = this.journal.operators.create({ name: input.name, role: input.role, secretKind: input.secretKind, secretHash }, (record) =>
      this.journal.audit.append(this.now(), actor, 'operator.created', { operator: record.name, after: auditable(record) }),
    );
    this.exists = true;
    return created;
  }

  async update(
    input: { id: number; role?: OperatorRole; disabled?: boolean; secretKind?: SecretKind; secret?: string },
    actor: Actor,
  ): Promise<OperatorRecord> {
    const current = this.journal.operators.get(input.id);
    if (!current) throw new CoreError('OPERATOR_NOT_FOUND');
    const secretKind = input.secretKind ?? current.secretKind;
    if (input.secretKind !== undefined && input.secret === undefined) throw new CoreError('OPERATOR_SECRET_TOO_WEAK');
    if (input.secret !== undefined && !secretAcceptable(secretKind, input.secret)) throw new CoreError('OPERATOR_SECRET_TOO_WEAK');
    const losesAdmin = current.role === 'admin' && !current.disabled && ((input.role !== undefined && input.role !== 'admin') || input.disabled === true);
    if (losesAdmin && this.journal.operators.list().filter((record) => record.role === 'admin' && !record.disabled).length <= 1) {
      throw new CoreError('OPERATOR_LAST_ADMIN');
    }
    const secretHash = input.secret === undefined ? undefined : await hashSecret(input.secret);
    return this.journal.operators.update(
      input.id,
      {
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        ...(input.secret !== undefined ? { secretKind, secretHash } : {}),
      },
      (before, after) =>
        this.journal.audit.append(this.now(), actor, 'operator.updated', {
          operator: after.name,
          before: auditable(before),
          after: auditable(after),
          secretChanged: input.secret !== undefined,
        }),
    );
  }

  /**
   * The operator this name and secret belong to, or a refusal: the same one for an unknown name,
   * a disabled operator or a wrong secret (which cost the same time), a distinct one while
   * locked out (with its end), checked before the secret so a locked operator's secret cannot
   * be guessed meanwhile. `purpose` says what the audit records the attempt as.
   */
  async authenticate(name: string, secret: string, purpose: 'sign-in' | 'approval'): Promise<OperatorRecord> {
    const record = this.journal.operators.findByName(name);
    const now = this.now();
    if (record !== undefined && record.lockedUntil !== null && record.lockedUntil > now) {
      this.journal.audit.append(now, null, 'session.signInRefused', { name: record.name, purpose, reason: 'locked out', lockedUntil: record.lockedUntil });
      throw new CoreError('OPERATOR_LOCKED_OUT', undefined, undefined, { time: record.lockedUntil });
    }
    const matches = await secretMatches(secret, record?.secretHash ?? DECOY_HASH);
    if (record && matches && !record.disabled) {
      if (record.failedAttempts > 0 || record.lockedUntil !== null) this.journal.operators.setAttempts(record.id, 0, null);
      return record;
    }
    const failure = purpose === 'approval' ? 'APPROVAL_FAILED' : 'OPERATOR_SIGN_IN_FAILED';
    if (!record) {
      this.journal.audit.append(now, null, 'session.signInFailed', { name: name.trim(), purpose, reason: 'unknown name' });
      throw new CoreError(failure);
    }
    const failures = record.failedAttempts + 1;
    const lockedUntil = failures >= SIGN_IN_ATTEMPTS ? now + LOCK_OUT_MS : null;
    this.journal.operators.setAttempts(record.id, lockedUntil === null ? failures : 0, lockedUntil, () => {
      this.journal.audit.append(now, null, 'session.signInFailed', {
        name: record.name,
        purpose,
        reason: record.disabled ? 'disabled' : 'wrong secret',
        inARow: failures,
      });
      if (lockedUntil !== null) this.journal.audit.append(now, null, 'operator.lockedOut', { operator: record.name, until: lockedUntil, failures });
    });
    throw new CoreError(failure);
  }

  /**
   * The gate of issue 17 item 1: a real gateway account (anything but the built-in sandbox) is
   * added or used only once an administrator exists. Accounts' operations call it.
   */
  requireAdministratorExists(): void {
    if (!this.journal.operators.list().some((record) => record.role === 'admin' && !record.disabled)) throw new CoreError('OPERATOR_ADMIN_REQUIRED');
  }
}

/** What the audit records of an operator: never the secret, its hash or its salt. */
function auditable(record: OperatorRecord): Record<string, unknown> {
  return { role: record.role, secretKind: record.secretKind, disabled: record.disabled };
}
