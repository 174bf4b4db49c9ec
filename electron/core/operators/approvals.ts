import type { Approval } from '../../../shared/contract/operators.js';
import { roleAllows, type OperatorRole } from '../../../shared/contract/roles.js';
import type { CallContext } from '../dispatcher.js';
import { CoreError } from '../errors.js';
import type { Journal } from '../journal/index.js';
import type { OperatorDirectory } from './operator-directory.js';

/**
 * Refunds and credits above a role's ceiling on an account (set by an administrator; none set
 * means no ceiling) need a second operator's approval, entered on the same desk with their own
 * secret. The approver must be someone else, hold at least the supervisor role, and have a
 * ceiling (if any) that covers the amount. Both names are recorded in the audit, approved or not.
 *
 * The desk's implicit administrator (no operator yet) has no ceiling: ceilings are per role,
 * and roles apply once operators exist.
 */
export class Approvals {
  constructor(
    private readonly journal: Journal,
    private readonly operators: OperatorDirectory,
    private readonly now: () => number,
  ) {}

  ceilingFor(accountId: number, role: OperatorRole): number | null {
    if (role === 'admin') return null;
    return this.journal.operators.ceilings().find((entry) => entry.accountId === accountId && entry.role === role)?.ceiling ?? null;
  }

  /** Resolves when the call may go on; `what` names it in the audit (e.g. "refund of operation 12"). */
  async check(ctx: CallContext, request: { accountId: number; amount: number; currency: string; what: string }, approval: Approval | undefined): Promise<void> {
    if (ctx.operator === null || ctx.role === 'public' || ctx.role === 'viewer') return;
    const ceiling = this.ceilingFor(request.accountId, ctx.role);
    if (ceiling === null || request.amount <= ceiling) return;
    const detail = { request: request.what, accountId: request.accountId, amount: request.amount, ceiling };
    if (approval === undefined) {
      throw new CoreError('APPROVAL_REQUIRED', undefined, undefined, { ceiling: `${(ceiling / 100).toFixed(2)} ${request.currency}` });
    }
    const refuse = (code: string, reason: string): never => {
      this.journal.audit.append(this.now(), ctx.operator, 'approval.refused', { ...detail, approver: approval.name.trim(), reason });
      throw new CoreError(code);
    };
    const approver = await this.operators.authenticate(approval.name, approval.secret, 'approval');
    if (approver.name === ctx.operator) refuse('APPROVAL_SELF', 'self-approval');
    if (!roleAllows(approver.role, 'supervisor')) refuse('APPROVAL_NOT_ALLOWED', `an approver with the ${approver.role} role`);
    const approverCeiling = this.ceilingFor(request.accountId, approver.role);
    if (approverCeiling !== null && request.amount > approverCeiling) refuse('APPROVAL_NOT_ALLOWED', 'above the approver’s own ceiling');
    this.journal.audit.append(this.now(), ctx.operator, 'approval.granted', { ...detail, approver: approver.name });
  }
}
