import { useCallback, type ChangeEvent } from 'react';
import { applyDigitMask, type DigitMask } from './digit-mask.js';

/**
 * onChange for a digits field shown with separators. The DOM value and caret are set in the
 * handler itself, so React's re-render finds the value already there and leaves the caret
 * where the operator expects it.
 */
export function useMaskedChange(mask: DigitMask, display: string, onDigits: (digits: string) => void) {
  return useCallback(
    (event: ChangeEvent<HTMLInputElement>) => {
      const input = event.currentTarget;
      const inputType = (event.nativeEvent as Partial<InputEvent>).inputType;
      const edit = applyDigitMask(mask, display, input.value, input.selectionStart ?? input.value.length, inputType);
      if (input.value !== edit.display) input.value = edit.display;
      if (document.activeElement === input) input.setSelectionRange(edit.caret, edit.caret);
      onDigits(edit.digits);
    },
    [mask, display, onDigits],
  );
}
