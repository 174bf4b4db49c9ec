import type { CardSummary } from './types.js';

/**
 * Card checks and the sandbox test-card table (fact sheet section 7). The PAN only passes
 * through these functions; what survives is a `CardSummary` (last four digits).
 */

// One Luhn for the whole product: the sandbox judges a PAN exactly as the terminal does.
export { luhnValid } from '../../../shared/domain/card.js';
import { luhnValid } from '../../../shared/domain/card.js';

/** The official test PANs and their EXECCODE. Any other Luhn-valid PAN approves. */
const TEST_CARD_OUTCOMES: Readonly<Record<string, string>> = {
  '5555557376384001': '4001',
  '378899741954001': '4001',
  '5555554530114002': '4002',
  '5555550226824003': '4003',
  '5555558726544005': '4005',
  '5555550082334006': '4006',
  '5555553818524007': '4007',
  '5555558087014010': '4010',
  '379982018934010': '4010',
  '5555556124664011': '4011',
  '5555551401454012': '4012',
  '376240783094012': '4012',
  '5555556754534013': '4013',
  '5555557730105001': '5001',
  '370808568745002': '5002',
  '5555558065525003': '5003',
  '5555552450575004': '5004',
};

/** Cards enrolled in 3-D Secure: they get 0001 even without `3DSECURE=yes`. */
const ENROLLED_CARDS: Readonly<Record<string, string>> = {
  '5206019820620400': 'FR',
  '5206021564446547': 'GB',
};

/** Cards listed as "not enrolled": their outcome with 3-D Secure is an open question (Q5). */
const NON_ENROLLED_CARDS: Readonly<Record<string, string>> = {
  '5206035646546553': 'FR',
  '5263034646416156': 'GB',
};

export type CardDecision = { readonly kind: 'bank'; readonly execCode: string } | { readonly kind: 'enrolled' } | { readonly kind: 'not-enrolled' };

export function decideCard(pan: string): CardDecision {
  const listed = TEST_CARD_OUTCOMES[pan];
  if (listed !== undefined) return { kind: 'bank', execCode: listed };
  if (pan in ENROLLED_CARDS) return { kind: 'enrolled' };
  if (pan in NON_ENROLLED_CARDS) return { kind: 'not-enrolled' };
  return { kind: 'bank', execCode: '0000' };
}

function cardBrand(pan: string): string {
  if (/^3[47]/.test(pan)) return 'amex';
  if (/^4/.test(pan)) return 'visa';
  const two = Number(pan.slice(0, 2));
  const four = Number(pan.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (/^(50|5[6-9]|6)/.test(pan)) return 'maestro';
  return 'unknown';
}

export function isAmex(pan: string): boolean {
  return /^3[47]/.test(pan);
}

function cardCountry(pan: string): string {
  return ENROLLED_CARDS[pan] ?? NON_ENROLLED_CARDS[pan] ?? 'FR';
}

/** `XXXXXXXXXXXX1234`, the notification format of DOC-INT p.34, whatever the PAN length. */
export function maskPan(pan: string): string {
  return `XXXXXXXXXXXX${pan.slice(-4)}`;
}

export function summarizeCard(pan: string, validity: string, fullName: string): CardSummary {
  return {
    masked: maskPan(pan),
    last4: pan.slice(-4),
    validity,
    fullName,
    type: cardBrand(pan),
    country: cardCountry(pan),
  };
}

/** Epoch ms of the first instant after the card's validity month (UTC), or NaN if not `MM-YY`. */
export function validityEnd(validity: string): number {
  const match = /^(\d{2})-(\d{2})$/.exec(validity);
  if (!match) return Number.NaN;
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  if (month < 1 || month > 12) return Number.NaN;
  return Date.UTC(year, month, 1);
}

/** Replaces every Luhn-valid 12-19 digit run by its mask, for free-text fields kept in the ledger. */
export function scrubPans(text: string): string {
  return text.replace(/\d{12,19}/g, (digits) => (luhnValid(digits) ? maskPan(digits) : digits));
}
