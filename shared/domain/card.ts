/**
 * Card-number rules shared by the terminal (as the operator types) and core (before signing).
 * Nothing here keeps a card number: functions take it, answer, and forget it.
 */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'diners' | 'discover' | 'jcb' | 'maestro' | 'unknown';

interface BrandRule {
  readonly brand: Exclude<CardBrand, 'unknown'>;
  readonly prefix: RegExp;
  readonly lengths: readonly number[];
  readonly cvvLength: number;
  /** Digit groups for display; the last group takes whatever remains. */
  readonly groups: readonly number[];
}

// Most specific first: a Maestro or Discover range must not be read as something broader.
const RULES: readonly BrandRule[] = [
  { brand: 'amex', prefix: /^3[47]/, lengths: [15], cvvLength: 4, groups: [4, 6, 5] },
  { brand: 'diners', prefix: /^3(0[0-5]|[689])/, lengths: [14, 15, 16, 17, 18, 19], cvvLength: 3, groups: [4, 6, 9] },
  { brand: 'jcb', prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19], cvvLength: 3, groups: [4, 4, 4, 4, 3] },
  { brand: 'discover', prefix: /^(6011|65|64[4-9])/, lengths: [16, 17, 18, 19], cvvLength: 3, groups: [4, 4, 4, 4, 3] },
  { brand: 'mastercard', prefix: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16], cvvLength: 3, groups: [4, 4, 4, 4] },
  { brand: 'maestro', prefix: /^(5[06-9]|6\d)/, lengths: [12, 13, 14, 15, 16, 17, 18, 19], cvvLength: 3, groups: [4, 4, 4, 4, 3] },
  { brand: 'visa', prefix: /^4/, lengths: [13, 16, 19], cvvLength: 3, groups: [4, 4, 4, 4, 3] },
];

const UNKNOWN: Omit<BrandRule, 'brand'> = { prefix: /^/, lengths: [12, 13, 14, 15, 16, 17, 18, 19], cvvLength: 3, groups: [4, 4, 4, 4, 3] };

export const MIN_PAN_LENGTH = 12;
export const MAX_PAN_LENGTH = 19;

/** Paste cleaning: keep the digits, drop spaces, dashes, dots and anything else. */
export function cardDigits(input: string): string {
  return input.replace(/\D+/g, '').slice(0, MAX_PAN_LENGTH);
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

function ruleFor(digits: string): BrandRule | (Omit<BrandRule, 'brand'> & { brand: 'unknown' }) {
  return RULES.find((rule) => rule.prefix.test(digits)) ?? { ...UNKNOWN, brand: 'unknown' };
}

export function detectBrand(digits: string): CardBrand {
  return ruleFor(digits).brand;
}

/**
 * Issuer ranges of networks the form has no brand for (Mir 2200-2204, UnionPay's 81 range,
 * Troy 9792): with the brand rules above, they make the one table of card-network prefixes.
 * Numbers starting with 0, 1 (UATP), 7, 8 or 9 otherwise are left out on purpose: timestamps,
 * counters and phone numbers start there, and Luhn alone passes one run in ten.
 */
const OTHER_NETWORK_PREFIX = /^(220[0-4]|81|9792)/;

/** Whether a run of digits starts like a card number of some network (not whether it is one). */
export function hasCardNetworkPrefix(digits: string): boolean {
  return RULES.some((rule) => rule.prefix.test(digits)) || OTHER_NETWORK_PREFIX.test(digits);
}

export function cvvLength(brand: CardBrand): number {
  return RULES.find((rule) => rule.brand === brand)?.cvvLength ?? 3;
}

/** The lengths a complete number of this brand can have. */
export function panLengths(brand: CardBrand): readonly number[] {
  return RULES.find((rule) => rule.brand === brand)?.lengths ?? UNKNOWN.lengths;
}

/** `4111 1111 1111 1111`, `3782 822463 10005`: groups by brand, up to 19 digits. */
export function formatCardNumber(input: string): string {
  const digits = cardDigits(input);
  const groups = ruleFor(digits).groups;
  const parts: string[] = [];
  let at = 0;
  for (let g = 0; at < digits.length; g++) {
    const size = g < groups.length - 1 ? (groups[g] as number) : digits.length - at;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

export type PanProblem = 'empty' | 'too_short' | 'too_long' | 'bad_length_for_brand' | 'luhn';

/** Why a number cannot be sent, or undefined when it can. */
export function panProblem(input: string): PanProblem | undefined {
  const digits = input.replace(/\D+/g, '');
  if (digits.length === 0) return 'empty';
  if (digits.length < MIN_PAN_LENGTH) return 'too_short';
  if (digits.length > MAX_PAN_LENGTH) return 'too_long';
  if (!panLengths(detectBrand(digits)).includes(digits.length)) return 'bad_length_for_brand';
  if (!luhnValid(digits)) return 'luhn';
  return undefined;
}

/** What may be kept of a card number: brand, first six, last four. */
export function cardSummary(digits: string): { brand: CardBrand; bin6: string; last4: string } {
  return { brand: detectBrand(digits), bin6: digits.slice(0, 6), last4: digits.slice(-4) };
}

export type ExpiryProblem = 'format' | 'month' | 'past';

/**
 * `MM/YY`, `MM-YY` or `MMYY` as typed; valid through the last day of that month (UTC).
 * Returns the wire form `MM-YY` (Dalenys CARDVALIDITYDATE) or a problem.
 */
export function parseExpiry(input: string, now: number): { ok: true; wire: string } | { ok: false; problem: ExpiryProblem } {
  const match = /^\s*(\d{2})\s*[/-]?\s*(\d{2})\s*$/.exec(input);
  if (!match) return { ok: false, problem: 'format' };
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  if (month < 1 || month > 12) return { ok: false, problem: 'month' };
  const endOfMonth = Date.UTC(year, month, 1);
  if (endOfMonth <= now) return { ok: false, problem: 'past' };
  return { ok: true, wire: `${match[1]}-${match[2]}` };
}

export function cvvValid(cvv: string, brand: CardBrand): boolean {
  return new RegExp(`^\\d{${cvvLength(brand)}}$`).test(cvv);
}
