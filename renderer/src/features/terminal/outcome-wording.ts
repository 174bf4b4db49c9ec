import type { OperationView } from '../../../../shared/contract/terminal.js';
import type { ExecCategory } from '../../../../shared/domain/exec-category.js';
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
  if (operation.status === 'declined' || operation.status === 'error') return 'failure';
  if (category === 'pending' || category === 'action_required') return 'waiting';
  return 'success';
}

/** Plain words for an outcome: by EXECCODE category when there is one, else by status. */
export function outcomeWording(operation: OperationView, locale: string): OutcomeWording {
  const described = operation.execCode ? describeExecCode(operation.execCode) : undefined;
  const tone = toneOf(operation, described?.category);
  const headline: MessageKey =
    tone === 'success'
      ? (`terminal.outcome.approved.${operation.type}` as MessageKey)
      : tone === 'failure'
        ? described?.category === 'declined' || described?.category === 'fraud'
          ? 'terminal.outcome.declined'
          : operation.confirmation === 'not_found'
            ? 'terminal.outcome.notFound'
            : 'terminal.outcome.refused'
        : tone === 'waiting'
          ? 'terminal.outcome.pending'
          : 'terminal.outcome.unknown';
  if (!described) return { tone, headline };
  const wording = locale.startsWith('fr') ? described.fr : described.en;
  return { tone, headline, exec: { ...wording, code: described.code, category: described.category } };
}
