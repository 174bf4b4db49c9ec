/**
 * The request target of an HTTP request as our servers accept it (RFC 9112 section 3.2): the
 * origin form `/path?query`, or the absolute form `http://host/path?query` (whose host is then
 * ignored: Host is checked where it matters), with every `%` escape well formed and the path
 * decodable as UTF-8. Anything else (`*`, a bare name, `%zz`, `%C3%28`) is a malformed request,
 * answered 400 by the listener, the web bridge and the sandbox alike, never a 500.
 *
 * Split by hand, not with `new URL()`: that reads `//evil.example/x` as a host and throws on
 * `//[`, which is how a stray request target became a 500 with a stack trace.
 */
export interface RequestTarget {
  /** As received, escapes kept: what routes compare against. */
  readonly path: string;
  /** Decoded once. */
  readonly decodedPath: string;
  /** After `?`, raw (each server parses its own parameters); '' when there is none. */
  readonly query: string;
}

const ABSOLUTE_FORM = /^https?:\/\/([^/?#]*)/i;
const AUTHORITY = /^([A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

export function parseRequestTarget(raw: string | undefined): RequestTarget | undefined {
  if (raw === undefined) return undefined;
  const absolute = ABSOLUTE_FORM.exec(raw);
  if (absolute && !AUTHORITY.test(absolute[1] as string)) return undefined;
  const target = absolute ? `/${raw.slice(absolute[0].length)}`.replace(/^\/\//, '/') : raw;
  if (!target.startsWith('/')) return undefined;
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  const query = mark < 0 ? '' : target.slice(mark + 1);
  if (target.includes('#') || BAD_ESCAPE.test(path) || BAD_ESCAPE.test(query)) return undefined;
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  return { path, decodedPath, query };
}
