import { createHash } from 'node:crypto';

/**
 * A second, independent implementation of the Dalenys HASH (fact sheet section 1.1) for the
 * sandbox conformance tests. It deliberately does not import electron/core/gateway: if both
 * signers shared a bug, the tests would not see it.
 *
 * password + for each key in byte order: `KEY=value` + password; a one-level map is written
 * as `KEY[child]=value` + password with its children sorted too (integer-like children
 * numerically, as PHP ksort does).
 */
export type WireValue = string | Readonly<Record<string, string>>;
export type WireParams = Readonly<Record<string, WireValue>>;

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function compareChildren(a: string, b: string): number {
  const integer = /^(0|[1-9]\d*)$/;
  return integer.test(a) && integer.test(b) ? Number(a) - Number(b) : compareBytes(a, b);
}

function independentPreimage(params: WireParams, password: string): string {
  let out = password;
  for (const key of Object.keys(params)
    .filter((k) => k !== 'HASH')
    .sort(compareBytes)) {
    const value = params[key] as WireValue;
    if (typeof value === 'string') {
      out += `${key}=${value}${password}`;
    } else {
      for (const child of Object.keys(value).sort(compareChildren)) out += `${key}[${child}]=${value[child]}${password}`;
    }
  }
  return out;
}

export function independentHash(params: WireParams, password: string): string {
  return createHash('sha256').update(independentPreimage(params, password), 'utf8').digest('hex');
}

/** `method=…&params[K]=V&params[AMOUNTS][d]=n…` with the HASH added. */
export function signedForm(method: string, params: WireParams, password: string): string {
  const form = new URLSearchParams();
  form.append('method', method);
  const withHash: Record<string, WireValue> = { ...params, HASH: independentHash(params, password) };
  for (const [key, value] of Object.entries(withHash)) {
    if (typeof value === 'string') form.append(`params[${key}]`, value);
    else for (const [child, v] of Object.entries(value)) form.append(`params[${key}][${child}]`, v);
  }
  return form.toString();
}
