import { describe, expect, it } from 'vitest';
import { dispositionParam, multipartBoundary, parseMultipart } from '../../../electron/core/notifications/multipart.js';

const CRLF = '\r\n';

describe('multipart', () => {
  it('reads the boundary, quoted or not', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc123')).toBe('abc123');
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
    expect(multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeUndefined();
  });

  it('splits parts with a preamble, an epilogue, and data containing CRLF and dashes', () => {
    const data = Buffer.from([0x1f, 0x8b, 0x0d, 0x0a, 0x2d, 0x2d, 0x58, 0x00, 0xff]);
    const body = Buffer.concat([
      Buffer.from(`preamble${CRLF}--XyZ${CRLF}Content-Disposition: form-data; name="ref"${CRLF}${CRLF}r-1${CRLF}`),
      Buffer.from(`--XyZ${CRLF}Content-Disposition: form-data; name="file"; filename="t.csv.gz"${CRLF}Content-Type: application/gzip${CRLF}${CRLF}`),
      data,
      Buffer.from(`${CRLF}--XyZ--${CRLF}epilogue`),
    ]);
    const r = parseMultipart(body, 'XyZ');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.parts).toHaveLength(2);
    expect(r.parts[0]).toMatchObject({ name: 'ref' });
    expect(r.parts[0]?.data.toString()).toBe('r-1');
    expect(r.parts[1]).toMatchObject({ name: 'file', filename: 't.csv.gz', contentType: 'application/gzip' });
    expect(Buffer.compare(r.parts[1]?.data as Buffer, data)).toBe(0);
  });

  it.each([
    ['no boundary at all', 'hello'],
    ['unterminated part', `--B${CRLF}Content-Type: text/csv${CRLF}${CRLF}data without end`],
    ['bad delimiter line', `--Bjunk${CRLF}${CRLF}x${CRLF}--B--`],
    ['headers never end', `--B${CRLF}Content-Type: text/csv`],
    ['bad header line', `--B${CRLF}no colon here${CRLF}${CRLF}x${CRLF}--B--`],
  ])('refuses %s', (_label, text) => {
    expect(parseMultipart(Buffer.from(text), 'B').ok).toBe(false);
  });

  it('enforces the part count and header size limits', () => {
    const many = Array.from({ length: 5 }, (_, i) => `--B${CRLF}Content-Disposition: form-data; name="p${i}"${CRLF}${CRLF}v${CRLF}`).join('') + '--B--';
    expect(parseMultipart(Buffer.from(many), 'B', { maxParts: 4, maxHeaderBytes: 1000 }).ok).toBe(false);
    expect(parseMultipart(Buffer.from(many), 'B', { maxParts: 5, maxHeaderBytes: 1000 }).ok).toBe(true);
    const bigHeader = `--B${CRLF}X-Pad: ${'p'.repeat(200)}${CRLF}${CRLF}v${CRLF}--B--`;
    expect(parseMultipart(Buffer.from(bigHeader), 'B', { maxParts: 4, maxHeaderBytes: 100 }).ok).toBe(false);
  });

  it('reads filename and RFC 5987 filename*', () => {
    expect(dispositionParam('attachment; filename="a \\"b\\".csv"', 'filename')).toBe('a "b".csv');
    expect(dispositionParam("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.csv.gz", 'filename*')).toBe('résumé.csv.gz');
    expect(dispositionParam('attachment; name=x', 'filename')).toBeUndefined();
  });
});
