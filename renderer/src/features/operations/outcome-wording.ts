import type { OperationView } from '../../../../shared/contract/terminal.js';
import type { ExecCategory } from '../../../../shared/domain/exec-category.js';
import { awaitsCustomer } from '../../../../shared/domain/awaiting-customer.js';
import { describeExecCode, type ExecWording } from '../../../../shared/domain/exec-code-meanings.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import type { MessageKey } from '../../i18n/messages.js';

/** `released`: the operation succeeded but the money went back or was never taken (voided, refunded, expired). */
export type OutcomeTone = 'success' | 'failure' | 'waiting' | 'unknown' | 'released';

export interface Wording {
  readonly id: MessageKey;
  readonly values?: Readonly<Record<string, string>>;
}

interface AmountLine {
  readonly label: MessageKey;
  readonly amount: number;
}

export interface OutcomeWording {
  readonly tone: OutcomeTone;
  readonly headline: Wording;
  /** What the customer is charged now, after follow-ups (a reservation counts as reserved). */
  readonly net: number;
  /** What `net` is: charged, reserved, kept after refunds, nothing charged… */
  readonly netLabel: MessageKey;
  /** How the net came about (charged, captured, released, refunded), when follow-ups moved money. */
  readonly breakdown: readonly AmountLine[];
  /** The gateway's meaning of the EXECCODE and what to do or say, in the operator's language. */
  readonly exec?: ExecWording & { readonly code: string; readonly category: ExecCategory };
}

const TONE_COLOR: Readonly<Record<OutcomeTone, string>> = { success: 'teal', failure: 'red', waiting: 'blue', unknown: 'orange', released: 'gray' };
export const toneColor = (tone: OutcomeTone) => TONE_COLOR[tone];

function toneOf(operation: OperationView, category: ExecCategory | undefined): OutcomeTone {
  if (operation.status === 'unknown' || operation.status === 'sending') return 'unknown';
  if (operation.status === 'pending') return 'waiting';
  if (operation.status === 'declined' || operation.status === 'error' || operation.status === 'abandoned') return 'failure';
  if (operation.status === 'voided' || operation.status === 'refunded' || operation.status === 'expired') return 'released';
  if (category === 'pending' || category === 'action_required') return 'waiting';
  return 'success';
}

type Settled = Omit<OutcomeWording, 'exec'>;

/**
 * What a payment has charged so far: its amount, or for a payment in instalments the
 * instalments charged (the rest are only scheduled, and refunds give back from those charged).
 */
export function chargedSoFar(operation: Pick<OperationView, 'amount' | 'instalments'>): number {
  if (!operation.instalments) return operation.amount;
  return operation.instalments.entries.filter((entry) => entry.state === 'charged').reduce((sum, entry) => sum + entry.amount, 0);
}

/**
 * What follow-ups made of a payment, an authorization or a capture: the headline says the
 * current state with its amounts ("Refunded €30.00 of €100.00"), the net is what stays charged.
 */
function afterFollowUps(operation: OperationView, tone: OutcomeTone, money: (minor: number) => string): Settled | undefined {
  const { amount, settled } = operation;
  const charged = chargedSoFar(operation);
  const refunded = settled.refunded;
  const refundLine: AmountLine[] = refunded > 0 ? [{ label: 'terminal.outcome.line.refunded', amount: refunded }] : [];
  switch (operation.status) {
    case 'partially_refunded':
    case 'refunded':
      return {
        tone,
        headline:
          operation.status === 'refunded'
            ? { id: 'terminal.outcome.refunded' }
            : { id: 'terminal.outcome.partiallyRefunded', values: { refunded: money(refunded), amount: money(charged) } },
        net: Math.max(0, charged - refunded),
        netLabel: operation.status === 'refunded' ? 'terminal.outcome.net.nothingKept' : 'terminal.outcome.net.kept',
        breakdown: [
          { label: operation.type === 'capture' ? 'terminal.outcome.line.captured' : 'terminal.outcome.line.charged', amount: charged },
          ...refundLine,
        ],
      };
    case 'captured':
    case 'partially_captured': {
      const captured = settled.captured;
      const net = Math.max(0, captured - refunded);
      const released = amount - captured;
      return {
        tone: net === 0 ? 'released' : tone,
        headline:
          refunded > 0
            ? { id: 'terminal.outcome.capturedThenRefunded', values: { captured: money(captured), refunded: money(refunded) } }
            : operation.status === 'captured'
              ? { id: 'terminal.outcome.captured', values: { captured: money(captured) } }
              : { id: 'terminal.outcome.partiallyCaptured', values: { captured: money(captured), amount: money(amount) } },
        net,
        netLabel: refunded > 0 ? 'terminal.outcome.net.kept' : 'terminal.outcome.net.charged',
        breakdown: [
          { label: 'terminal.outcome.line.authorized', amount },
          { label: 'terminal.outcome.line.captured', amount: captured },
          ...(released > 0 ? [{ label: 'terminal.outcome.line.released' as const, amount: released }] : []),
          ...refundLine,
        ],
      };
    }
    case 'voided':
      return {
        tone,
        headline: { id: 'terminal.outcome.voided' },
        net: 0,
        netLabel: 'terminal.outcome.net.nothingCharged',
        breakdown: [
          { label: 'terminal.outcome.line.authorized', amount },
          { label: 'terminal.outcome.line.released', amount },
        ],
      };
    case 'expired':
      return { tone, headline: { id: 'terminal.outcome.expired' }, net: 0, netLabel: 'terminal.outcome.net.nothingCharged', breakdown: [] };
    default:
      return undefined;
  }
}

/** The headline of an operation no follow-up has changed. */
function headlineOf(operation: OperationView, tone: OutcomeTone, category: ExecCategory | undefined): MessageKey {
  if (operation.status === 'abandoned') return 'terminal.outcome.abandoned';
  if (awaitsCustomer(operation)) return 'terminal.outcome.awaitingCustomer';
  switch (tone) {
    case 'success':
      if (operation.type === 'authorization' && operation.amount === 0) return 'terminal.outcome.approved.check';
      return `terminal.outcome.approved.${operation.type}` as MessageKey;
    case 'failure':
      if (category === 'declined' || category === 'fraud') return 'terminal.outcome.declined';
      return operation.confirmation === 'not_found' ? 'terminal.outcome.notFound' : 'terminal.outcome.refused';
    case 'waiting':
      return 'terminal.outcome.pending';
    case 'unknown':
    case 'released':
      return 'terminal.outcome.unknown';
  }
}

function netLabelOf(operation: OperationView, tone: OutcomeTone): MessageKey {
  if (tone === 'failure') return 'terminal.outcome.net.notCharged';
  if (tone === 'unknown' || tone === 'waiting') return 'terminal.outcome.net.notKnown';
  if (operation.type === 'authorization') return operation.amount === 0 ? 'terminal.outcome.net.cardChecked' : 'terminal.outcome.net.reserved';
  if (operation.type === 'credit') return 'terminal.outcome.net.sent';
  if (operation.type === 'refund') return 'terminal.outcome.net.refunded';
  if (operation.type === 'void') return 'terminal.outcome.net.released';
  return 'terminal.outcome.net.charged';
}

/**
 * Plain words for an outcome as it stands now: by status once follow-ups changed it, else by
 * EXECCODE category when there is one, else by status.
 */
export function outcomeWording(operation: OperationView, locale: string): OutcomeWording {
  const described = operation.execCode ? describeExecCode(operation.execCode) : undefined;
  const tone = toneOf(operation, described?.category);
  const exec = described && { ...(locale.startsWith('fr') ? described.fr : described.en), code: described.code, category: described.category };
  const money = (minor: number) => formatAmount(minor, operation.currency, locale);
  const settled = afterFollowUps(operation, tone, money);
  if (settled) return exec ? { ...settled, exec } : settled;
  const headline = headlineOf(operation, tone, described?.category);
  const base = {
    tone,
    headline: { id: headline },
    net: tone === 'success' ? chargedSoFar(operation) : operation.amount,
    netLabel: netLabelOf(operation, tone),
    breakdown: [],
  };
  return exec ? { ...base, exec } : base;
}
