import type { ContractClient } from '../../../../shared/contract/client.js';
import type { DuplicateCheck } from './review-dialog.js';

/** Same last four and amount on this account within the window set in Settings (core applies it). */
export async function checkDuplicates(client: ContractClient, accountId: number, last4: string, amount: number): Promise<DuplicateCheck> {
  const result = await client.call('terminal.findDuplicates', { accountId, last4, amount });
  if (!result.ok) return { kind: 'failed' };
  return result.value.matches.length > 0 ? { kind: 'matches', windowMinutes: result.value.windowMinutes, matches: result.value.matches } : { kind: 'clear' };
}
