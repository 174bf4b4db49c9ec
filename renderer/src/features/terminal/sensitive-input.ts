import type { SyntheticEvent } from 'react';

const refuse = (event: SyntheticEvent) => event.preventDefault();

/**
 * Card fields are kept away from everything that remembers typed text: browser autofill
 * (`off`, never a `cc-*` token), password managers, spell-checkers and autocorrect.
 */
export const UNREMEMBERED_INPUT = {
  autoComplete: 'off',
  spellCheck: false,
  autoCorrect: 'off',
  autoCapitalize: 'off',
  'data-1p-ignore': 'true',
  'data-lpignore': 'true',
  'data-form-type': 'other',
} as const;

/** The number and the CVV must not reach the clipboard or a drag-and-drop target. */
export const UNCOPYABLE_INPUT = {
  onCopy: refuse,
  onCut: refuse,
  onDragStart: refuse,
  draggable: false,
} as const;
