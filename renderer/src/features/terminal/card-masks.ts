import { formatCardNumber, MAX_PAN_LENGTH } from '../../../../shared/domain/card.js';
import type { DigitMask } from './digit-mask.js';

export const CARD_NUMBER_MASK: DigitMask = { maxDigits: MAX_PAN_LENGTH, format: formatCardNumber };

/** `MM/YY`; a first digit above 1 can only be a one-digit month, so `5` becomes `05/`. */
export const EXPIRY_MASK: DigitMask = {
  maxDigits: 4,
  format(digits) {
    const padded = /^[2-9]/.test(digits) ? `0${digits}`.slice(0, 4) : digits;
    return padded.length > 2 ? `${padded.slice(0, 2)}/${padded.slice(2)}` : padded;
  },
};
