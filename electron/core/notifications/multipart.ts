/**
 * Just enough multipart/form-data (RFC 7578) to take the one file the gateway posts to a
 * CALLBACKURL. The whole body is already in memory (capped by the listener), so this is a
 * bounded scan over a Buffer, with limits on parts and part headers.
 */

export interface MultipartPart {
  readonly name?: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly data: Buffer;
}

export interface MultipartLimits {
  readonly maxParts: number;
  readonly maxHeaderBytes: number;
}

export type MultipartResult = { readonly ok: true; readonly parts: readonly MultipartPart[] } | { readonly ok: false; readonly reason: string };

const DEFAULT_LIMITS: MultipartLimits = { maxParts: 16, maxHeaderBytes: 8 * 1024 };
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary parameter of a multipart Content-Type, or undefined if absent or invalid. */
export function multipartBoundary(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))(?=$|[\s;])/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (boundary === undefined || !/^[0-9A-Za-z'()+_,\-./:=? ]+$/.test(boundary) || boundary.endsWith(' ')) return undefined;
  return boundary;
}

function fail(reason: string): MultipartResult {
  return { ok: false, reason };
}

export function parseMultipart(body: Buffer, boundary: string, limits: MultipartLimits = DEFAULT_LIMITS): MultipartResult {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  // The first delimiter may open the body; later ones always follow a CRLF.
  let at = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(Buffer.concat([CRLF, delimiter]));
  if (at < 0) return fail('no boundary');
  if (at > 0) at += CRLF.length;
  const next = Buffer.concat([CRLF, delimiter]);
  const parts: MultipartPart[] = [];
  for (;;) {
    let cursor = at + delimiter.length;
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) return { ok: true, parts };
    // Transport padding (spaces, tabs) may sit between the delimiter and its CRLF.
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor += 1;
    if (body[cursor] !== 0x0d || body[cursor + 1] !== 0x0a) return fail('bad delimiter line');
    cursor += 2;
    if (parts.length >= limits.maxParts) return fail('too many parts');

    const headerEnd = body.indexOf(HEADER_END, cursor);
    let headerBlock: string;
    let dataStart: number;
    if (body[cursor] === 0x0d && body[cursor + 1] === 0x0a) {
      headerBlock = '';
      dataStart = cursor + 2;
    } else {
      if (headerEnd < 0 || headerEnd - cursor > limits.maxHeaderBytes) return fail('part headers missing or too large');
      headerBlock = body.toString('utf8', cursor, headerEnd);
      dataStart = headerEnd + HEADER_END.length;
    }
    const dataEnd = body.indexOf(next, dataStart);
    if (dataEnd < 0) return fail('unterminated part');
    const headers = parseHeaders(headerBlock);
    if (headers === undefined) return fail('bad part header');
    parts.push({ ...headers, data: body.subarray(dataStart, dataEnd) });
    at = dataEnd + CRLF.length;
  }
}

function parseHeaders(block: string): Omit<MultipartPart, 'data'> | undefined {
  const out: { name?: string; filename?: string; contentType?: string } = {};
  if (block === '') return out;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'content-type') out.contentType = value;
    if (field === 'content-disposition') {
      const name = dispositionParam(value, 'name');
      const filename = dispositionParam(value, 'filename*') ?? dispositionParam(value, 'filename');
      if (name !== undefined) out.name = name;
      if (filename !== undefined) out.filename = filename;
    }
  }
  return out;
}

/** One parameter of a Content-Disposition value; `filename*` is RFC 5987 (`UTF-8''x%20y.gz`). */
export function dispositionParam(value: string, param: string): string | undefined {
  const escaped = param.replace('*', '\\*');
  const m = new RegExp(`(?:^|;)\\s*${escaped}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(value);
  if (!m) return undefined;
  const raw = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '').trim();
  if (!param.endsWith('*')) return raw;
  const ext = /^([A-Za-z0-9-]+)'[^']*'(.*)$/.exec(raw);
  if (!ext || (ext[1] as string).toLowerCase() !== 'utf-8') return undefined;
  try {
    return decodeURIComponent(ext[2] as string);
  } catch {
    return undefined;
  }
}
