import { describe, expect, it } from 'vitest';
import { parseFormBody, parseFormString, parseQueryString } from '../../../electron/core/notifications/form-params.js';

describe('form params', () => {
  it('decodes + as space and percent escapes as UTF-8', () => {
    const r = parseFormString('A=a+b%20c&B=%C3%A9t%C3%A9&C=%26%3D%2B', 10);
    expect(r).toEqual({ ok: true, count: 3, params: { A: 'a b c', B: 'été', C: '&=+' } });
  });

  it('keeps a key without = as an empty value (as PHP does) and skips empty segments', () => {
    const r = parseFormString('A&&B=&C=1&', 10);
    expect(r.ok && { ...r.params }).toEqual({ A: '', B: '', C: '1' });
  });

  it('builds one-level maps from bracketed keys, percent-encoded or not', () => {
    const r = parseFormString('AMOUNTS%5B2025-01-01%5D=100&AMOUNTS[2025-02-01]=200', 10);
    expect(r.ok && JSON.parse(JSON.stringify(r.params))).toEqual({ AMOUNTS: { '2025-01-01': '100', '2025-02-01': '200' } });
  });

  it.each([
    ['broken escape', 'A=%zz'],
    ['truncated escape', 'A=%4'],
    ['escaped bytes that are not UTF-8', 'A=%FF'],
    ['lone surrogate half', 'A=%ED%A0%80'],
    ['repeated key, different value', 'A=1&A=2'],
    ['value then map', 'A=1&A[x]=2'],
    ['map then value', 'A[x]=1&A=2'],
    ['repeated child, different value', 'A[x]=1&A[x]=2'],
    ['two-level nesting', 'A[x][y]=1'],
    ['empty child', 'A[]=1'],
    ['empty key', '=1'],
    ['odd key', 'A-B=1'],
    ['NUL in a value', 'A=%00'],
    ['too many params', 'A=1&B=2&C=3&D=4'],
  ])('refuses %s', (_label, text) => {
    expect(parseFormString(text, 3).ok).toBe(false);
  });

  it('treats __proto__ as a plain key, without touching prototypes', () => {
    const r = parseFormString('__proto__=x&constructor=y', 10);
    expect(r.ok).toBe(true);
    expect(r.ok && r.params.__proto__).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('keeps tab, CR and LF in values (MESSAGE can hold a newline)', () => {
    const r = parseFormString('MESSAGE=line%0Anext%09tab%0D', 10);
    expect(r.ok && r.params.MESSAGE).toBe('line\nnext\ttab\r');
  });

  it('reads raw UTF-8 bytes in a body and refuses bytes that are not UTF-8', () => {
    expect(parseFormBody(Buffer.from('A=été', 'utf8'), 10)).toMatchObject({ ok: true, params: { A: 'été' } });
    expect(parseFormBody(Buffer.from([0x41, 0x3d, 0xe9]), 10).ok).toBe(false);
  });

  it('re-reads raw query bytes (latin1 from node) as UTF-8', () => {
    const raw = Buffer.from('A=été', 'utf8').toString('latin1');
    expect(parseQueryString(raw, 10)).toMatchObject({ ok: true, params: { A: 'été' } });
    expect(parseQueryString('A=\u00e9', 10).ok).toBe(false);
  });
});
