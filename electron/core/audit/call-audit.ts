import type { OperationName } from '../../../shared/contract/channels.js';
import type { Result } from '../../../shared/contract/result.js';
import type { CallContext } from '../dispatcher.js';
import type { Journal } from '../journal/index.js';

/**
 * Told of each call the dispatcher lets through (after validation and the role check), before
 * its handler runs; what it returns is told the answer. Core's audit is one.
 */
export type CallObserver = (
  channel: OperationName,
  input: unknown,
  ctx: CallContext,
) => Promise<((result: Result<unknown>) => Promise<void> | void) | undefined> | ((result: Result<unknown>) => Promise<void> | void) | undefined;

/** Operations that send to the gateway or settle something there: each is audited with its outcome. */
const GATEWAY_CALLS: ReadonlySet<OperationName> = new Set([
  'payments.submit',
  'payments.rebill',
  'operations.capture',
  'operations.refund',
  'operations.void',
  'operations.checkStatus',
  'operations.stopInstalments',
  'operations.abandon',
]);

/**
 * What of a request the audit may keep: named fields only, so a card, a CVV, a secret or an
 * approver's secret can never reach it, whatever a form adds later.
 */
const KEPT_FIELDS = ['accountId', 'operation', 'amount', 'orderId', 'operationId', 'sourceOperationId', 'aliasMode', 'reason', 'saveCard'] as const;

function keptFields(input: unknown): Record<string, unknown> {
  const source = (input ?? {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const name of KEPT_FIELDS) if (source[name] !== undefined) kept[name] = source[name];
  const instalments = source.instalments;
  if (Array.isArray(instalments)) kept.instalments = instalments.length;
  return kept;
}

function outcome(result: Result<unknown>): Record<string, unknown> {
  if (!result.ok) return { ok: false, code: result.error.code };
  const value = result.value as { operation?: Record<string, unknown>; replayed?: boolean } & Record<string, unknown>;
  const operation = value.operation ?? value;
  return {
    ok: true,
    operationId: operation.id,
    status: operation.status,
    execCode: operation.execCode ?? null,
    ...(value.replayed !== undefined ? { replayed: value.replayed } : {}),
  };
}

export interface AuditedState {
  /** The current value of what a change operation changes, read before and after it. */
  readonly read: Partial<Record<OperationName, (input: unknown) => unknown>>;
}

/**
 * The audit's observer: every gateway operation with its outcome (and a duplicate warning
 * overridden, with its reason), and every settings, account or ceiling change with the value
 * before and after. Refusals are recorded too (who tried what, and the code).
 */
export function auditCalls(journal: Journal, now: () => number, state: AuditedState): CallObserver {
  return (channel, input, ctx) => {
    if (GATEWAY_CALLS.has(channel)) {
      return (result) => {
        const override = (input as { duplicateOverride?: { reason: string } }).duplicateOverride;
        const approved = (input as { approval?: { name: string } }).approval;
        journal.audit.append(now(), ctx.operator, channel, {
          request: keptFields(input),
          outcome: outcome(result),
          ...(approved !== undefined ? { approver: approved.name.trim() } : {}),
        });
        if (override !== undefined && result.ok)
          journal.audit.append(now(), ctx.operator, 'override.duplicate', { request: keptFields(input), reason: override.reason });
      };
    }
    const read = state.read[channel];
    if (read === undefined) return undefined;
    return (async () => {
      const before: unknown = await read(input);
      return async (result: Result<unknown>) => {
        if (!result.ok) return;
        journal.audit.append(now(), ctx.operator, channel, { change: input ?? null, before, after: await read(input) });
      };
    })();
  };
}
