import { MAX_PAN_LENGTH, MIN_PAN_LENGTH, hasCardNetworkPrefix, luhnValid } from '../../../shared/domain/card.js';
import { JournalError } from './journal-error.js';

export { luhnValid };

/**
 * The journal never stores a PAN or a CVV (PCI-DSS; DESIGN section 2). Columns meant for card
 * data only ever receive brand, BIN6, last four and expiry; this guard covers everything else
 * that is free text or a JSON payload, where a PAN could slip in by mistake (an operator
 * pasting it into a description, a gateway echoing it). Operator text that contains one is
 * refused; data from the gateway is masked instead, because losing a gateway fact is worse.
 *
 * A PAN here is 12 to 19 digits that pass Luhn and start with a card network's prefix, read
 * across the separators people type or paste between groups: spaces of every kind (no-break,
 * narrow, thin…), tabs and line breaks, dots, dashes (Unicode ones too), slashes, underscores.
 * A number is found on group boundaries inside a longer run too ("4111 1111 1111 1111 12/27").
 */

/**
 * - `typed`: what people type. Digits glued to letters count ("ref4111111111111111x").
 * - `standalone`: a run glued to letters or digits is an identifier (TRANSACTIONID
 *   `A1795606123456`, an alias), not a card number; for gateway identifiers and for whole
 *   JSON payloads, which hold identifiers.
 */
export type CardNumberScope = 'typed' | 'standalone';

/** Keys whose value is secret whatever it looks like; they are dropped from stored payloads. */
const SECRET_KEYS = new Set(['HASH', 'CARDCVV', 'CVV', 'PASSWORD', 'cvv', 'cardCvv', 'password', 'hash']);
/** Keys that carry a card number; only the last four digits survive. */
const CARD_NUMBER_KEYS = new Set(['CARDCODE', 'cardNumber', 'pan']);
/** Gateway and journal identifiers: masked only when a PAN stands alone in them. */
const IDENTIFIER_KEYS = new Set([
  'IDENTIFIER',
  'TRANSACTIONID',
  'ORDERID',
  'ALIAS',
  'SCHEDULEID',
  'SCHEMETRANSACTIONID',
  'REFUNDEDBY',
  'AUTHORIZEDBY',
  'CAPTUREDBY',
  'transactionId',
  'orderId',
  'alias',
  'idempotencyKey',
]);

// Separators outside ASCII: every Unicode space (Zs), every dash (Pd), the minus sign, the
// division and fraction slashes, and the invisible joiners a paste can carry.
const WIDE_SEPARATOR = /[\p{Zs}\p{Pd}\u00ad\u200b-\u200d\u2060\u2212\u2215\u2044\ufeff]/u;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isWordCharacter(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isSeparator(code: number): boolean {
  switch (code) {
    case 0x09: // tab
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20: // space
    case 0x2d: // -
    case 0x2e: // .
    case 0x2f: // /
    case 0x5f: // _
      return true;
    default:
      return code >= 0x80 && WIDE_SEPARATOR.test(String.fromCharCode(code));
  }
}

function isPanDigits(digits: string): boolean {
  return luhnValid(digits) && hasCardNetworkPrefix(digits);
}

/**
 * Most strings checked here (keys, short values, messages) hold fewer digits than the shortest
 * PAN; counting them is far cheaper than the scan, which runs on every notification.
 */
function tooFewDigitsForPan(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (isDigit(text.charCodeAt(i)) && ++digits >= MIN_PAN_LENGTH) return false;
  }
  return true;
}

interface Found {
  /** Index of the first digit and just past the last one. */
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

/** A PAN made of whole digit groups of one run (`groups` holds start, end pairs). */
function panInRun(text: string, groups: readonly number[]): Found | undefined {
  for (let first = 0; first < groups.length; first += 2) {
    let length = 0;
    let digits = '';
    for (let last = first; last < groups.length; last += 2) {
      const start = groups[last] as number;
      const end = groups[last + 1] as number;
      length += end - start;
      if (length > MAX_PAN_LENGTH) break;
      digits += text.slice(start, end);
      if (length >= MIN_PAN_LENGTH && isPanDigits(digits)) return { start: groups[first] as number, end, digits };
    }
  }
  return undefined;
}

/** The first card number in `text` at or after `from`. One pass over the characters. */
function findCardNumber(text: string, from: number, scope: CardNumberScope): Found | undefined {
  const length = text.length;
  let at = from;
  while (at < length) {
    if (!isDigit(text.charCodeAt(at))) {
      at += 1;
      continue;
    }
    // A run: digit groups joined by separators, from this digit to the last digit that follows.
    const runStart = at;
    const groups: number[] = [];
    let digitCount = 0;
    for (;;) {
      const groupStart = at;
      while (at < length && isDigit(text.charCodeAt(at))) at += 1;
      groups.push(groupStart, at);
      digitCount += at - groupStart;
      let next = at;
      while (next < length && isSeparator(text.charCodeAt(next))) next += 1;
      if (next === at || next >= length || !isDigit(text.charCodeAt(next))) break;
      at = next;
    }
    const standalone =
      scope === 'typed' || ((runStart === 0 || !isWordCharacter(text.charCodeAt(runStart - 1))) && (at === length || !isWordCharacter(text.charCodeAt(at))));
    if (digitCount >= MIN_PAN_LENGTH && standalone) {
      const found = panInRun(text, groups);
      if (found) return found;
    }
  }
  return undefined;
}

export function containsCardNumber(text: string, scope: CardNumberScope = 'typed'): boolean {
  if (tooFewDigitsForPan(text)) return false;
  return findCardNumber(text, 0, scope) !== undefined;
}

/** Replaces each card number with X's and its last four digits. */
export function redactCardNumbers(text: string, scope: CardNumberScope = 'typed'): string {
  if (tooFewDigitsForPan(text)) return text;
  let out = '';
  let copied = 0;
  for (let found = findCardNumber(text, 0, scope); found; found = findCardNumber(text, found.end, scope)) {
    out += text.slice(copied, found.start) + maskCardNumber(found.digits);
    copied = found.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

export function maskCardNumber(value: string): string {
  const digits = value.replace(/[^0-9Xx*]/g, '');
  return digits.length <= 4 ? digits : 'X'.repeat(digits.length - 4) + digits.slice(-4);
}

/** Refuses operator-supplied text holding a PAN. `field` names the input in the error (never the value). */
export function assertNoCardNumber(field: string, value: string | null | undefined, scope: CardNumberScope = 'typed'): void {
  if (value != null && containsCardNumber(value, scope)) {
    throw new JournalError('JOURNAL_CARD_DATA_REFUSED', `field ${field}`);
  }
}

/**
 * Refuses any JSON-serialisable value with a PAN anywhere in it (keys and leaves): the last
 * net before a payload is written. Payloads hold identifiers, hence `standalone`; their free
 * text was masked (`redactPayload`) or refused (`assertNoCardNumber`) with `typed` before.
 */
export function assertNoCardData(field: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (containsCardNumber(text, 'standalone')) throw new JournalError('JOURNAL_CARD_DATA_REFUSED', `field ${field}`);
}

/**
 * The path of the first string in `value` that holds a card number as people type it, or
 * undefined. `skip` lists the paths that are not free text (the card number field itself, an
 * idempotency key). Walks every field, so a note or reason added to a form later is covered.
 */
export function findCardNumberInText(value: unknown, skip: ReadonlySet<string>, path = ''): string | undefined {
  if (skip.has(path)) return undefined;
  if (typeof value === 'string') return containsCardNumber(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const found = findCardNumberInText(item, skip, path === '' ? key : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A copy of a gateway payload fit for storage: secret keys dropped, card-number keys masked to
 * their last four digits, card numbers masked in every other string or number (identifiers
 * only when the number stands alone in them).
 */
export function redactPayload(value: unknown, scope: CardNumberScope = 'typed'): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return redactCardNumbers(value, scope);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const text = String(value);
    return containsCardNumber(text) ? redactCardNumbers(text) : value;
  }
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => redactPayload(item, scope));
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEYS.has(key) || item === undefined) continue;
      if (CARD_NUMBER_KEYS.has(key) && (typeof item === 'string' || typeof item === 'number')) {
        out[key] = maskCardNumber(String(item));
        continue;
      }
      out[redactCardNumbers(key)] = redactPayload(item, IDENTIFIER_KEYS.has(key) ? 'standalone' : 'typed');
    }
    return out;
  }
  return null;
}
