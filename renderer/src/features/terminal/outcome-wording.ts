import type { OperationView } from '../../../../shared/contract/terminal.js';
import type { ExecCategory } from '../../../../shared/domain/exec-category.js';
import { awaitsCustomer } from '../../../../shared/domain/awaiting-customer.js';
import { describeExecCode, type ExecWording } from '../../../../shared/domain/execcodes.js';
import type { MessageKey } from '../../i18n/messages.js';

export type OutcomeTone = 'success' | 'failure' | 'waiting' | 'unknown';

export interface OutcomeWording {
  readonly tone: OutcomeTone;
  readonly headline: MessageKey;
  /** The gateway's meaning of the EXECCODE and what to do or say, in the operator's language. */
  readonly exec?: ExecWording & { readonly code: string; readonly category: ExecCategory };
}

const TONE_COLOR: Readonly<Record<OutcomeTone, string>> = { success: 'teal', failure: 'red', waiting: 'blue', unknown: 'orange' };
export const toneColor = (tone: OutcomeTone) => TONE_COLOR[tone];

function toneOf(operation: OperationView, category: ExecCategory | undefined): OutcomeTone {
  if (operation.status === 'unknown' || operation.status === 'sending') return 'unknown';
  if (operation.status === 'pending') return 'waiting';
  if (operation.status === 'declined' || operation.status === 'error' || operation.status === 'abandoned') return 'failure';
  if (category === 'pending' || category === 'action_required') return 'waiting';
  return 'success';
}

function headlineOf(operation: OperationView, tone: OutcomeTone, category: ExecCategory | undefined): MessageKey {
  if (operation.status === 'abandoned') return 'terminal.outcome.abandoned';
  if (awaitsCustomer(operation)) return 'terminal.outcome.awaitingCustomer';
  switch (tone) {
    case 'success':
      return `terminal.outcome.approved.${operation.type}` as MessageKey;
    case 'failure':
      if (category === 'declined' || category === 'fraud') return 'terminal.outcome.declined';
      return operation.confirmation === 'not_found' ? 'terminal.outcome.notFound' : 'terminal.outcome.refused';
    case 'waiting':
      return 'terminal.outcome.pending';
    case 'unknown':
      return 'terminal.outcome.unknown';
  }
}

/** Plain words for an outcome: by EXECCODE category when there is one, else by status. */
export function outcomeWording(operation: OperationView, locale: string): OutcomeWording {
  const described = operation.execCode ? describeExecCode(operation.execCode) : undefined;
  const tone = toneOf(operation, described?.category);
  const headline = headlineOf(operation, tone, described?.category);
  if (!described) return { tone, headline };
  const wording = locale.startsWith('fr') ? described.fr : described.en;
  return { tone, headline, exec: { ...wording, code: described.code, category: described.category } };
}
