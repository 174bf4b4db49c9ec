import { isUtf8 } from 'node:buffer';
import type { ParamValue } from './types.js';

/**
 * Strict `application/x-www-form-urlencoded` parsing for signed notifications.
 *
 * Strict because the HASH is computed over the decoded values: anything a lenient parser
 * would guess at (a broken `%` escape, bytes that are not UTF-8, a key sent twice with two
 * values) changes what gets signed, so it is refused as malformed rather than "fixed".
 * Keys follow PHP's one-level bracket form (`AMOUNTS[2015-01-01]=100`), the only nesting
 * the signature defines.
 */

export type FormParseResult =
  { readonly ok: true; readonly params: Record<string, ParamValue>; readonly count: number } | { readonly ok: false; readonly reason: string };

const NAME = /^[A-Za-z0-9_]{1,64}$/;
const CHILD = /^[A-Za-z0-9_.:\- ]{1,64}$/;
const BRACKETED = /^([^[\]]+)\[([^[\]]*)\]$/;
// Tab, LF and CR occur in MESSAGE; other C0 controls and DEL never do and trip storage layers.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function fail(reason: string): FormParseResult {
  return { ok: false, reason };
}

function decode(raw: string): string | undefined {
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  try {
    // decodeURIComponent rejects broken escapes and percent-encoded bytes that are not UTF-8.
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/** Parses an already UTF-8-decoded form string. */
export function parseFormString(text: string, maxParams: number): FormParseResult {
  const params: Record<string, ParamValue> = Object.create(null) as Record<string, ParamValue>;
  let count = 0;
  if (text === '') return { ok: true, params, count };
  for (const segment of text.split('&')) {
    if (segment === '') continue;
    count += 1;
    if (count > maxParams) return fail('too many parameters');
    const eq = segment.indexOf('=');
    const key = decode(eq < 0 ? segment : segment.slice(0, eq));
    const value = decode(eq < 0 ? '' : segment.slice(eq + 1));
    if (key === undefined || value === undefined) return fail('bad percent-encoding');
    if (FORBIDDEN_CONTROL.test(value)) return fail('control character in a value');

    let name = key;
    let child: string | undefined;
    if (key.includes('[') || key.includes(']')) {
      const m = BRACKETED.exec(key);
      if (!m) return fail('unsupported key shape');
      name = m[1] as string;
      child = m[2] as string;
      if (!CHILD.test(child)) return fail('bad child key');
    }
    if (!NAME.test(name)) return fail('bad key');

    const existing = params[name];
    if (child === undefined) {
      if (existing === undefined) params[name] = value;
      else if (existing !== value) return fail('key repeated with different values');
    } else if (existing === undefined) {
      const map: Record<string, string> = Object.create(null) as Record<string, string>;
      map[child] = value;
      params[name] = map;
    } else if (typeof existing === 'string') {
      return fail('key used both as value and as map');
    } else {
      const map = existing as Record<string, string>;
      const prior = map[child];
      if (prior === undefined) map[child] = value;
      else if (prior !== value) return fail('key repeated with different values');
    }
  }
  return { ok: true, params, count };
}

/** Parses a request body, which must be UTF-8 (raw non-ASCII bytes included). */
export function parseFormBody(body: Buffer, maxParams: number): FormParseResult {
  if (!isUtf8(body)) return fail('body is not UTF-8');
  return parseFormString(body.toString('utf8'), maxParams);
}

/**
 * Parses the query part of a request target. Node hands the target over byte for byte as
 * latin1, so raw non-ASCII bytes are re-read as UTF-8 (and refused if they are not UTF-8).
 */
export function parseQueryString(query: string, maxParams: number): FormParseResult {
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007F]/.test(query)) {
    const bytes = Buffer.from(query, 'latin1');
    if (!isUtf8(bytes)) return fail('query is not UTF-8');
    return parseFormString(bytes.toString('utf8'), maxParams);
  }
  return parseFormString(query, maxParams);
}
