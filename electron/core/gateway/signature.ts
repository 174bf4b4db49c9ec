import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Dalenys / Be2bill HASH signature (fact sheet section 1.1).
 *
 * The signed string is: password, then every `KEY=value` sorted by key in byte order, each
 * followed by the password. A nested map (only `AMOUNTS` in practice) takes its place in the
 * top-level sort as a whole and is written as `PARENT[child]=value`, children sorted too.
 * `HASH` itself is never signed. SHA-256 over UTF-8, lower-case hex.
 *
 * Only strings go in: the caller signs exactly the values it puts on the wire, so `null`,
 * `undefined`, numbers and booleans are refused here rather than silently coerced (PHP signs
 * `null` as `KEY=` but never sends it, which is how 1003 errors happen).
 */
type SignableValue = string | Readonly<Record<string, string>>;
export type SignableParams = Readonly<Record<string, SignableValue>>;

const HASH_KEY = 'HASH';

/**
 * Byte order of the UTF-8 encodings, as PHP `ksort` on upper-case ASCII names and Go
 * `sort.Strings`. UTF-8 byte order is code-point order, which equals UTF-16 code-unit order
 * except between surrogates and U+E000..U+FFFF; those two are swapped back here, so no buffer
 * is allocated per comparison (this runs for every key of every request).
 */
function byteOrder(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x += x < 0xe000 ? 0x2000 : -0x800;
        y += y < 0xe000 ? 0x2000 : -0x800;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** The keys PHP turns into integer array keys (canonical decimal, no leading zero or plus). */
const INT_LIKE = /^(0|-?[1-9][0-9]{0,17})$/;

/** PHP `ksort` sorts integer-like keys numerically (1, 2, 10); everything else by bytes. */
function childOrder(a: string, b: string): number {
  if (INT_LIKE.test(a) && INT_LIKE.test(b)) return Number(a) - Number(b);
  return byteOrder(a, b);
}

export class SignatureInputError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    // The key name is safe to show; the value never is.
    super(`Parameter ${key} cannot be signed: ${reason}`);
    this.name = 'SignatureInputError';
  }
}

/** The exact pre-image that is hashed. Exported for tests; it contains the password. */
export function signingString(params: SignableParams, password: string): string {
  const parts: string[] = [password];
  const keys = Object.keys(params)
    .filter((k) => k !== HASH_KEY)
    .sort(byteOrder);
  for (const key of keys) {
    const value = params[key];
    if (typeof value === 'string') {
      parts.push(`${key}=${value}`, password);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const child of Object.keys(value).sort(childOrder)) {
        const childValue = value[child];
        if (typeof childValue !== 'string') {
          throw new SignatureInputError(`${key}[${child}]`, 'only string values are signed');
        }
        parts.push(`${key}[${child}]=${childValue}`, password);
      }
    } else {
      throw new SignatureInputError(key, 'only string values or one-level maps are signed');
    }
  }
  return parts.join('');
}

/** `signParams(params, password)`: the 64-character lower-case hex HASH. */
export function signParams(params: SignableParams, password: string): string {
  return createHash('sha256').update(signingString(params, password), 'utf8').digest('hex');
}

const LOWER_HEX_64 = /^[0-9a-f]{64}$/;

/**
 * Verifies a received HASH (notification, sandbox request) over every received param except
 * HASH. Lower-case hex only, as the gateway signs (fact sheet 1.1 item 6) and as it checks: the
 * .NET SDK's author saw upper case refused with "Invalid HASH". The comparison is constant time
 * over the 64 bytes; the format check before it looks at the claimed value only.
 */
export function verifySignature(params: SignableParams, password: string, received?: string): boolean {
  const claimed = received ?? params[HASH_KEY];
  if (typeof claimed !== 'string' || !LOWER_HEX_64.test(claimed)) return false;
  let expected: string;
  try {
    expected = signParams(params, password);
  } catch {
    return false;
  }
  return timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(claimed, 'utf8'));
}
