import { RefundReason, type InstalmentPlanView, type OperationView } from '../../../shared/contract/terminal.js';
import { hasSucceeded } from '../../../shared/domain/operation-status.js';
import { REFUND_REASON_ACTION } from '../../../shared/domain/refund-reason.js';
import type { InstalmentPlan, Journal } from '../journal/index.js';
import type { ConfirmationSignals, JournalOperation } from '../journal/types.js';
import { followUpsFrom } from './follow-up-timing.js';

type Confirmation = OperationView['confirmation'];
type Settled = OperationView['settled'];

const NOTHING_SETTLED: Settled = { captured: 0, refunded: 0 };

/**
 * What the follow-ups that succeeded moved. Refunds of a captured authorization are made on
 * its capture, so an authorization counts its captures' refunds as its own.
 */
function settledOf(journal: Journal, operation: Pick<JournalOperation, 'id' | 'type'>): Settled {
  if (operation.type !== 'payment' && operation.type !== 'authorization' && operation.type !== 'capture') return NOTHING_SETTLED;
  const settled = { captured: 0, refunded: 0 };
  for (const child of journal.listFollowUps(operation.id)) {
    if (!hasSucceeded(child.status)) continue;
    if (child.type === 'refund') settled.refunded += child.amount;
    if (child.type === 'capture') {
      settled.captured += child.amount;
      settled.refunded += settledOf(journal, child).refunded;
    }
  }
  return settled;
}

/** A refund's reason, from the operator action recorded with it. */
function refundReasonOf(journal: Journal, operation: JournalOperation): OperationView['refundReason'] {
  if (operation.type !== 'refund') return null;
  const event = journal.listEvents(operation.id).find((candidate) => candidate.kind === 'operator_action' && candidate.payload.action === REFUND_REASON_ACTION);
  if (!event) return null;
  const { code, note } = event.payload;
  const parsed = RefundReason.safeParse({ code, ...(typeof note === 'string' && note !== '' ? { note } : {}) });
  return parsed.success ? parsed.data : null;
}

/**
 * THE confirmation rule: what the gateway's own record says of an operation so far, from the
 * journal's events. A discrepancy outranks everything; a notification or a lookup row with a
 * final result confirms (both are the gateway's record, and the polling bridge looks up an
 * answer whose notification is overdue); lookups that found nothing say so, provisionally or
 * for good; an answer alone awaits its confirmation.
 */
function confirmationFrom(signals: ConfirmationSignals): Confirmation {
  if (signals.discrepancy) return 'discrepancy';
  if (signals.notified || signals.lookedUp) return 'confirmed';
  if (signals.notFound) return 'not_found';
  if (signals.notFoundYet) return 'not_found_yet';
  return signals.answered ? 'awaiting' : 'none';
}

export function confirmationOf(journal: Journal, operationId: number): Confirmation {
  return confirmationFrom(journal.confirmationSignals(operationId));
}

/** A plan as the screen shows it: each date, amount, state and transaction, and the stop. */
function toPlanView(plan: InstalmentPlan): InstalmentPlanView {
  return {
    scheduleId: plan.scheduleId,
    entries: plan.entries.map(({ seq, date, amount, state, transactionId }) => ({ seq, date, amount, state, transactionId })),
    stop: plan.stop,
    stoppable: plan.stoppable,
  };
}

/**
 * The journal's view of an operation, as the contract shows it (no idempotency key), with when
 * its follow-ups become possible under the gateway's delay.
 */
export function toContractView(journal: Journal, operation: JournalOperation, followUpDelayMs: number): OperationView {
  return {
    id: operation.id,
    accountId: operation.accountId,
    parentId: operation.parentId,
    type: operation.type,
    status: operation.status,
    amount: operation.amount,
    currency: operation.currency,
    orderId: operation.orderId,
    transactionId: operation.transactionId,
    execCode: operation.execCode,
    message: operation.message,
    brand: operation.brand,
    bin6: operation.bin6,
    last4: operation.last4,
    expiry: operation.expiry,
    holderName: operation.holderName,
    customerIdent: operation.customerIdent,
    customerEmail: operation.customerEmail,
    customerName: operation.customerName,
    description: operation.description,
    operator: operation.operator,
    alias: operation.alias,
    aliasMode: operation.aliasMode,
    expiresAt: operation.expiresAt,
    createdAt: operation.createdAt,
    updatedAt: operation.updatedAt,
    confirmation: confirmationOf(journal, operation.id),
    actions: { ...operation.actions, followUpsFrom: followUpsFrom(operation, followUpDelayMs) },
    instalments: operation.instalments === null ? null : toPlanView(operation.instalments),
    settled: settledOf(journal, operation),
    refundReason: refundReasonOf(journal, operation),
  };
}
