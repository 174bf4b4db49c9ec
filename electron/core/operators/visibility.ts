import type { CallContext } from '../dispatcher.js';

/**
 * A clerk sees their own work (their payments and receipts); supervisors and administrators
 * see everyone's. The desk's implicit administrator, before any operator exists, sees all.
 */
export function clerkMaySee(ctx: CallContext, operation: { readonly operator: string | null }): boolean {
  return ctx.role !== 'clerk' || operation.operator === ctx.operator;
}
