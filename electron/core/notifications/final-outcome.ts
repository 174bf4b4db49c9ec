import type { ExecCategory } from '../../../shared/domain/exec-category.js';
import { execCategory } from '../../../shared/domain/exec-code-meanings.js';

/**
 * The category of an EXECCODE for the polling bridge, from the shared EXECCODE table (fact sheet
 * section 5); undefined for anything that is not four digits.
 */
export type Categorize = (execCode: string) => ExecCategory | undefined;

export const categorizeExecCode: Categorize = (execCode) => (/^[0-9]{4}$/.test(execCode) ? execCategory(execCode) : undefined);

/** A final outcome ends the wait for a confirmation; pending and action-required do not. */
export function isFinalCategory(category: ExecCategory | undefined): boolean {
  return category !== undefined && category !== 'pending' && category !== 'action_required';
}
