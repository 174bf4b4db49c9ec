import net from 'node:net';

/**
 * A raw HTTP/1.1 client over `net`: it sends exactly the bytes it is given (broken request
 * lines, invalid UTF-8, header floods) which node's own http client refuses to produce, and
 * reads keep-alive responses one at a time.
 */

export interface RawResponse {
  /** 0 when the connection closed (or was reset) before a complete response. */
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The server closed, or said it will close, the connection after this response. */
  readonly closing: boolean;
}

export interface RequestSpec {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | number>>;
  readonly body?: string | Buffer;
  /** Leave Content-Length out (e.g. to send a chunked body by hand). */
  readonly noLength?: boolean;
}

export function buildRequest(spec: RequestSpec): Buffer {
  const body = spec.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(spec.body) ? spec.body : Buffer.from(spec.body, 'utf8');
  const lines = [`${spec.method ?? 'POST'} ${spec.path} HTTP/1.1`, 'Host: 127.0.0.1'];
  for (const [k, v] of Object.entries(spec.headers ?? {})) lines.push(`${k}: ${v}`);
  const hasLength = Object.keys(spec.headers ?? {}).some((k) => k.toLowerCase() === 'content-length');
  if (!spec.noLength && !hasLength && (body.length > 0 || spec.method === 'POST' || spec.method === undefined)) {
    lines.push(`Content-Length: ${body.length}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

const CLOSED: RawResponse = { status: 0, headers: {}, body: '', closing: true };

export class RawConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((r: RawResponse) => void) | undefined;
  private ended = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.ended = true;
      this.parse();
    });
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host, noDelay: true });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Sends bytes and resolves with the next response (or CLOSED). */
  request(bytes: Buffer | string): Promise<RawResponse> {
    const promise = this.next();
    if (!this.ended) this.socket.write(bytes);
    return promise;
  }

  /** The next response, without sending anything. */
  next(): Promise<RawResponse> {
    if (this.waiting) throw new Error('one request at a time');
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.parse();
    });
  }

  write(bytes: Buffer | string): void {
    if (!this.ended) this.socket.write(bytes);
  }

  /** Writes `bytes` in pieces with pauses, stopping early if the server hangs up. */
  async dribble(bytes: Buffer, pieceSize: number, pauseMs: number): Promise<void> {
    for (let i = 0; i < bytes.length && !this.ended; i += pieceSize) {
      this.socket.write(bytes.subarray(i, i + pieceSize));
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }

  /** Resolves once the server has closed the connection. */
  whenClosed(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  destroy(): void {
    this.socket.destroy();
  }

  private parse(): void {
    const resolve = this.waiting;
    if (!resolve) return;
    const done = (r: RawResponse): void => {
      this.waiting = undefined;
      resolve(r);
    };
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) {
      if (this.ended) done(CLOSED);
      return;
    }
    const head = this.buffer.toString('latin1', 0, headerEnd).split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
    const headers: Record<string, string> = {};
    for (const line of head.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const start = headerEnd + 4;
    const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : undefined;
    if (length === undefined) {
      if (!this.ended) return;
      const body = this.buffer.toString('utf8', start);
      this.buffer = Buffer.alloc(0);
      done({ status, headers, body, closing: true });
      return;
    }
    if (this.buffer.length < start + length) {
      if (this.ended) done(CLOSED);
      return;
    }
    const body = this.buffer.toString('utf8', start, start + length);
    this.buffer = this.buffer.subarray(start + length);
    done({ status, headers, body, closing: this.ended || headers.connection?.toLowerCase() === 'close' });
  }
}

/** One request on a fresh connection. */
export async function rawRequest(port: number, bytes: Buffer | string): Promise<RawResponse> {
  const conn = await RawConnection.connect(port);
  try {
    return await conn.request(bytes);
  } finally {
    conn.destroy();
  }
}
