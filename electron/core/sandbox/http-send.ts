import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * The sandbox's own outgoing HTTP (notifications, export callbacks): one fresh connection
 * per attempt, a hard timeout, and only the first 64 KiB of the answer read.
 */
export interface SendOptions {
  readonly method: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string | number>>;
  readonly body?: Buffer | string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface SendResult {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export class SendError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'SendError';
  }
}

const MAX_ANSWER = 65_536;

export function send(url: string, options: SendOptions): Promise<SendResult> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new SendError('EINVALIDURL'));
      return;
    }
    const requester = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = requester(target, {
      method: options.method,
      headers: options.headers,
      agent: false,
      timeout: options.timeoutMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    let settled = false;
    const fail = (code: string) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(new SendError(code));
    };
    req.on('timeout', () => fail('ETIMEDOUT'));
    req.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.name));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_ANSWER) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ERESPONSE'));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).subarray(0, MAX_ANSWER).toString('utf8'),
        });
      });
    });
    req.end(options.body);
  });
}
