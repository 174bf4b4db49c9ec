import { isTimeZone } from '../../../shared/contract/schemas.js';
import { z } from 'zod';
import { luhnValid } from '../../../shared/domain/card.js';
import { M, maxChars, maxItems } from './messages.js';

/**
 * Field formats and limits of the fact sheet (section 3.2), one builder per gateway field.
 * Lengths count UTF-16 code units, which equals characters for everything but emoji-like
 * symbols; the gateway's own counting is undocumented.
 */
export type Clock = () => number;

const LONE_SURROGATE = /\p{Cs}/u;

/** C0 controls and DEL; tab, CR and LF are allowed only where text may span lines. */
export function hasControlChar(value: string, allowLineBreaks = false): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === 0x7f) return true;
    if (c < 0x20 && !(allowLineBreaks && (c === 0x09 || c === 0x0a || c === 0x0d))) return true;
  }
  return false;
}

interface TextOptions {
  /** Description and addresses may span lines; names and references may not. */
  readonly multiline?: boolean;
}

/** A string that can be signed and form-encoded as it is: no lone surrogate, no control. */
function wireString(max: number, options: TextOptions = {}) {
  const multiline = options.multiline === true;
  return z
    .string()
    .max(max, { error: maxChars(max) })
    .refine((value) => !hasControlChar(value, multiline), { error: options.multiline ? M.controlCharsMultiline : M.controlChars })
    .refine((value) => !LONE_SURROGATE.test(value), { error: M.encoding });
}

/** Required text: not empty, not only spaces. */
export function requiredText(max: number, options: TextOptions = {}) {
  return wireString(max, options)
    .refine((value) => value.length > 0, { error: M.empty, abort: true })
    .refine((value) => value.trim().length > 0, { error: M.blank });
}

/** Optional text: an empty string is accepted and simply not sent. */
export function optionalText(max: number, options: TextOptions = {}) {
  return wireString(max, options).optional();
}

const MAX_AMOUNT = 2_147_483_647;

/** Minor units (1000 = 10.00 EUR); `min` is 0 only for the AMOUNT=0 card check. */
export function amount(min: 0 | 1 = 1) {
  return z
    .number()
    .int({ error: M.integerAmount })
    .min(min, { error: min === 0 ? M.amountNotNegative : M.amountPositive })
    .max(MAX_AMOUNT, { error: M.amountTooLarge });
}

/**
 * A format's own wording, except for a missing or mistyped value, which the per-parse error
 * map words ("is required").
 */
function formatError(message: string) {
  return (issue: { code?: string }): string | undefined => (issue.code === 'invalid_type' ? undefined : message);
}

export const email = () => z.email({ error: formatError(M.email) }).max(255, { error: maxChars(255) });
const EMAIL_CHECK = z.email();
/** Optional e-mail: an empty string is accepted and simply not sent. */
export const optionalEmail = () =>
  z
    .string()
    .max(255, { error: maxChars(255) })
    .refine((value) => value === '' || EMAIL_CHECK.safeParse(value).success, { error: M.email })
    .optional();

export const ipv4 = () => z.ipv4({ error: formatError(M.ipv4) });

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch for a real calendar date `YYYY-MM-DD`, or null. */
export function epochDay(value: string): number | null {
  const match = ISO_DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.floor(time / 86_400_000);
}

export function utcToday(clock: Clock): number {
  return Math.floor(clock() / 86_400_000);
}

export const isoDate = () => z.string().refine((value) => epochDay(value) !== null, { error: M.date });

export const isoMonthOrDate = () =>
  z.string().refine((value) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? true : epochDay(value) !== null), {
    error: M.dateOrMonth,
  });

export function dateOfBirth(clock: Clock) {
  return isoDate().refine((value) => (epochDay(value) ?? Infinity) < utcToday(clock), { error: M.dobInPast });
}

/** Operators key numbers in groups; spaces and dashes are dropped before anything is signed. */
export const cardNumber = () =>
  z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .regex(/^[0-9]{12,19}$/, { error: M.cardNumberDigits, abort: true })
        .refine(luhnValid, { error: M.cardNumberLuhn }),
    );

const EXPIRY = /^(0[1-9]|1[0-2])-([0-9]{2})$/;

/** First instant after the card's validity (a card is valid through its expiry month). */
export function cardValidUntil(expiry: string): number | null {
  const match = EXPIRY.exec(expiry);
  if (!match) return null;
  return Date.UTC(2000 + Number(match[2]), Number(match[1]), 1);
}

export function cardExpiry(clock: Clock) {
  return z
    .string()
    .regex(EXPIRY, { error: M.cardExpiryFormat, abort: true })
    .refine((value) => (cardValidUntil(value) ?? 0) > clock(), { error: M.cardExpired });
}

export const cvv = () => z.string().regex(/^[0-9]{3,4}$/, { error: M.cvvDigits });

const SAFE_ID_LIST_ITEM = (max: number) => requiredText(max).refine((value) => !value.includes(';'), { error: M.idSeparator });

export function idList(max: number, maxCount: number) {
  return z
    .array(SAFE_ID_LIST_ITEM(max))
    .min(1, { error: M.idList })
    .max(maxCount, { error: maxItems(maxCount) });
}

export const timeZone = () =>
  z
    .string()
    .max(64, { error: maxChars(64) })
    .refine(isTimeZone, { error: M.timeZone });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Optional URL: an empty string is accepted and simply not sent. */
export const callbackUrl = () =>
  wireString(2048)
    .refine((value) => value === '' || isHttpUrl(value), { error: M.callbackUrl })
    .optional();

export const columns = () =>
  z
    .array(requiredText(64).refine((value) => !value.includes(';'), { error: M.column }))
    .min(1, { error: M.idList })
    .max(200, { error: maxItems(200) });

export const countryCode = () => z.string().regex(/^[A-Z]{2}$/, { error: M.countryCode });

export const phone = () =>
  z
    .string()
    .max(32, { error: maxChars(32) })
    .regex(/^\+?[0-9]{1,31}$/, { error: M.phone });
