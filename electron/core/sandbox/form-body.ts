import type { IncomingMessage } from 'node:http';
import type { ParamValue } from './types.js';

/**
 * Parses the gateway's form bodies: `method=payment&params[AMOUNT]=100&params[AMOUNTS][2015-01-01]=100`
 * (PHP `http_build_query` shape). Top-level fields other than `method` and `params[...]` are
 * ignored, as PHP would leave them out of `$_POST['params']`. Two-level nesting
 * (`params[CART][0][NAME]`) is refused: nothing in the API uses it and the official signer
 * cannot sign it.
 */
export interface ParsedForm {
  readonly method: string | undefined;
  readonly params: Record<string, ParamValue>;
}

export class FormError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FormError';
  }
}

const PARAM_KEY = /^params\[([^[\]]+)\](?:\[([^[\]]+)\])?$/;

export function parseForm(body: string): ParsedForm {
  let method: string | undefined;
  const params: Record<string, ParamValue> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (key === 'method') {
      method = value;
      continue;
    }
    if (!key.startsWith('params')) continue;
    const match = PARAM_KEY.exec(key);
    if (!match) throw new FormError(`unsupported parameter shape ${JSON.stringify(key.slice(0, 64))}`);
    const name = match[1] as string;
    const child = match[2];
    const existing = params[name];
    if (child === undefined) {
      if (typeof existing === 'object') throw new FormError(`parameter ${name} sent both as a value and as a map`);
      // PHP keeps the last occurrence of a repeated key.
      params[name] = value;
    } else {
      if (typeof existing === 'string') throw new FormError(`parameter ${name} sent both as a value and as a map`);
      params[name] = { ...(existing ?? {}), [child]: value };
    }
  }
  return { method, params };
}

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a request body as UTF-8, refusing anything above `limit` bytes. */
export function readBody(req: IncomingMessage, limit = 1_048_576): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => {
      if (!failed) {
        failed = true;
        reject(error);
      }
    });
  });
}
