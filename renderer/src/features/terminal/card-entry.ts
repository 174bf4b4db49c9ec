import { useCallback, useMemo, useState } from 'react';
import { detectBrand, type CardBrand } from '../../../../shared/domain/card.js';

/** For a Visa or Mastercard the cardholder may pick CB instead (EU 2015/751 art. 8). */
export type NetworkChoice = 'brand' | 'cb';

export interface CardEntry {
  /** Digits only; the field shows them grouped. */
  readonly digits: string;
  /** As shown, `MM/YY`. */
  readonly expiry: string;
  readonly cvv: string;
  readonly holder: string;
  readonly network: NetworkChoice;
}

export const EMPTY_CARD: CardEntry = { digits: '', expiry: '', cvv: '', holder: '', network: 'brand' };

export function isCoBadgeable(brand: CardBrand): brand is 'visa' | 'mastercard' {
  return brand === 'visa' || brand === 'mastercard';
}

export function cardIsEmpty(card: CardEntry): boolean {
  return card.digits === '' && card.expiry === '' && card.cvv === '' && card.holder === '';
}

/**
 * Card values in component state only (never a store, a query cache or storage), so that
 * they disappear with the component and `clear()` removes them from the DOM at once.
 */
export function useCardEntry() {
  const [card, setCard] = useState<CardEntry>(EMPTY_CARD);
  const brand = useMemo(() => detectBrand(card.digits), [card.digits]);
  const edit = useCallback((patch: Partial<CardEntry>) => setCard((current) => ({ ...current, ...patch })), []);
  const clear = useCallback(() => setCard(EMPTY_CARD), []);
  return { card, brand, edit, clear };
}
