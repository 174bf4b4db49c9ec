/**
 * Reformatting a digits-only field (card number, expiry) as the operator types, without the
 * caret jumping to the end: the caret is kept after the same number of digits it followed
 * before the reformat. Deleting a separator deletes the digit beside it, otherwise Backspace
 * on `4111 |1111` would do nothing visible and feel broken.
 */
export interface MaskedEdit {
  readonly digits: string;
  readonly display: string;
  readonly caret: number;
}

export interface DigitMask {
  readonly maxDigits: number;
  /** Digits to display text: the digits in order plus separators, possibly a leading pad digit. */
  format(digits: string): string;
}

const digitsOf = (text: string) => text.replace(/\D+/g, '');

/** Index in `display` just after its `count`-th digit (0: the start). */
function caretAfterDigits(display: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < display.length; i++) {
    if (/\d/.test(display.charAt(i))) seen++;
    if (seen === count) return i + 1;
  }
  return display.length;
}

export function applyDigitMask(mask: DigitMask, previousDisplay: string, raw: string, caret: number, inputType: string | undefined): MaskedEdit {
  let digits = digitsOf(raw);
  let digitsBeforeCaret = digitsOf(raw.slice(0, caret)).length;
  const previousDigits = digitsOf(previousDisplay);
  const onlySeparatorRemoved = digits === previousDigits && raw.length < previousDisplay.length;
  if (onlySeparatorRemoved) {
    if (inputType === 'deleteContentForward') {
      digits = digits.slice(0, digitsBeforeCaret) + digits.slice(digitsBeforeCaret + 1);
    } else if (digitsBeforeCaret > 0) {
      digits = digits.slice(0, digitsBeforeCaret - 1) + digits.slice(digitsBeforeCaret);
      digitsBeforeCaret--;
    }
  }
  digits = digits.slice(0, mask.maxDigits);
  digitsBeforeCaret = Math.min(digitsBeforeCaret, digits.length);
  const display = mask.format(digits);
  // A mask may add leading digits (`5` → `05/`): the caret moves past them too.
  const shown = digitsOf(display);
  return { digits: shown, display, caret: caretAfterDigits(display, digitsBeforeCaret + shown.length - digits.length) };
}
