/**
 * What an EXECCODE means for the operator and for the journal's state machine.
 * The full table with wording lives in `exec-code-meanings.ts`; this file is the vocabulary.
 */
export const EXEC_CATEGORIES = [
  'approved',
  'pending',
  'action_required',
  'declined',
  'invalid_request',
  'account_configuration',
  'gateway_error_retryable',
  'gateway_error_final',
  'fraud',
] as const;
export type ExecCategory = (typeof EXEC_CATEGORIES)[number];
