import { execCategory } from '../../../shared/domain/exec-code-meanings.js';
import type { OperationType } from '../../../shared/domain/operation-type.js';

/**
 * What an answer (synchronous response, notification, lookup row) means for the state machine.
 * It is computed once, when the answer is recorded, and stored in the event: a later change
 * to the EXECCODE table must not rewrite the history of operations already settled.
 */
export type AnswerOutcome = 'approved' | 'authorized' | 'pending' | 'declined' | 'error';

export function answerOutcome(execCode: string, type: OperationType, amount: number): AnswerOutcome {
  switch (execCategory(execCode)) {
    case 'approved':
      // An AMOUNT=0 authorization only checks the card: nothing is blocked, nothing to capture.
      return type === 'authorization' && amount > 0 ? 'authorized' : 'approved';
    case 'pending':
    case 'action_required':
      return 'pending';
    case 'declined':
    case 'fraud':
      return 'declined';
    case 'invalid_request':
    case 'account_configuration':
    case 'gateway_error_retryable':
    case 'gateway_error_final':
      return 'error';
  }
}
