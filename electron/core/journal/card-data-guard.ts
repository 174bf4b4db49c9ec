import { MAX_PAN_LENGTH, MIN_PAN_LENGTH, detectBrand, luhnValid } from '../../../shared/domain/card.js';
import { JournalError } from './journal-error.js';

export { luhnValid };

/**
 * The journal never stores a PAN or a CVV (PCI-DSS; DESIGN section 2). Columns meant for card
 * data only ever receive brand, BIN6, last four and expiry; this guard covers everything else
 * that is free text or a JSON payload, where a PAN could slip in by mistake (an operator
 * pasting it into a description, a gateway echoing it). A PAN is 12 to 19 digits, possibly
 * grouped by spaces or dashes, that passes the Luhn check. Operator text that contains one is
 * refused; data from the gateway is masked instead, because losing a gateway fact is worse.
 */

// A run glued to letters or digits is an identifier (TRANSACTIONID `A1795606123456`, a hex
// idempotency key), not a card number typed or pasted into text: only free-standing runs count.
const DIGIT_RUN = /(?<![A-Za-z0-9])\d(?:[ -]?\d)+(?![A-Za-z0-9])/g;

/** Keys whose value is secret whatever it looks like; they are dropped from stored payloads. */
const SECRET_KEYS = new Set(['HASH', 'CARDCVV', 'CVV', 'PASSWORD', 'cvv', 'cardCvv', 'password', 'hash']);
/** Keys that carry a card number; only the last four digits survive. */
const CARD_NUMBER_KEYS = new Set(['CARDCODE', 'cardNumber', 'pan']);

/**
 * Luhn alone flags one digit run in ten: a millisecond timestamp in an ORDERID would be
 * refused as a "card number" one payment in ten. A run is a PAN when it also starts with a
 * card network's range (Visa, Mastercard, Amex, Diners, Discover, JCB, Maestro).
 */
function isPanDigits(digits: string): boolean {
  return digits.length >= MIN_PAN_LENGTH && digits.length <= MAX_PAN_LENGTH && detectBrand(digits) !== 'unknown' && luhnValid(digits);
}

/**
 * Most strings checked here (keys, short values, messages) hold fewer digits than the shortest
 * PAN; counting them is far cheaper than the pattern, which runs on every notification.
 */
function tooFewDigitsForPan(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++digits >= MIN_PAN_LENGTH) return false;
  }
  return true;
}

export function containsCardNumber(text: string): boolean {
  if (tooFewDigitsForPan(text)) return false;
  for (const match of text.matchAll(DIGIT_RUN)) {
    if (isPanDigits(match[0].replace(/[ -]/g, ''))) return true;
  }
  return false;
}

/** Replaces each PAN-looking run with X's and its last four digits. */
export function redactCardNumbers(text: string): string {
  if (tooFewDigitsForPan(text)) return text;
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/[ -]/g, '');
    return isPanDigits(digits) ? maskCardNumber(digits) : run;
  });
}

export function maskCardNumber(value: string): string {
  const digits = value.replace(/[^0-9Xx*]/g, '');
  return digits.length <= 4 ? digits : 'X'.repeat(digits.length - 4) + digits.slice(-4);
}

/** Refuses operator-supplied text holding a PAN. `field` names the input in the error (never the value). */
export function assertNoCardNumber(field: string, value: string | null | undefined): void {
  if (value != null && containsCardNumber(value)) {
    throw new JournalError('JOURNAL_CARD_DATA_REFUSED', `field ${field}`);
  }
}

/** Refuses any JSON-serialisable value with a PAN anywhere in it (keys and leaves). */
export function assertNoCardData(field: string, value: unknown): void {
  if (value === undefined || value === null) return;
  assertNoCardNumber(field, typeof value === 'string' ? value : JSON.stringify(value));
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A copy of a gateway payload fit for storage: secret keys dropped, card-number keys masked to
 * their last four digits, PAN-looking runs masked in every other string or number.
 */
export function redactPayload(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return redactCardNumbers(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const text = String(value);
    return containsCardNumber(text) ? redactCardNumbers(text) : value;
  }
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => redactPayload(item));
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEYS.has(key) || item === undefined) continue;
      if (CARD_NUMBER_KEYS.has(key) && (typeof item === 'string' || typeof item === 'number')) {
        out[key] = maskCardNumber(String(item));
        continue;
      }
      out[redactCardNumbers(key)] = redactPayload(item);
    }
    return out;
  }
  return null;
}
