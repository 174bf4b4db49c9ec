import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A real loopback HTTP server that plays a gateway host and misbehaves on request: it counts
 * every request that reached it (the number failover tests assert on), keeps the raw body and
 * its decoding, and answers with the action its handler picks: JSON, a plain page, silence,
 * a reset, a truncated or a slow body.
 *
 * The form decoder here is deliberately independent of the client's encoder, so a test that
 * reads `params` checks the bytes on the wire, not the encoder against itself.
 */
export type WireValue = string | Record<string, string>;

export interface CapturedRequest {
  /** 1-based, in arrival order. */
  readonly index: number;
  readonly httpMethod: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly rawBody: string;
  /** Every decoded `name=value` pair, in order. */
  readonly pairs: ReadonlyArray<readonly [string, string]>;
  /** The top-level `method` field. */
  readonly method: string | undefined;
  /** `params[KEY]` and `params[KEY][CHILD]`, decoded. */
  readonly params: Readonly<Record<string, WireValue>>;
}

export type FaultAction =
  /** A JSON answer (200 unless told). */
  | { readonly kind: 'json'; readonly body: unknown; readonly status?: number }
  /** Any other body, e.g. an HTML error page. */
  | {
      readonly kind: 'text';
      readonly body: string;
      readonly status?: number;
      readonly contentType?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Read the request, then never answer (the client's timeout must end it). */
  | { readonly kind: 'hang' }
  /** Read the request, then drop the connection without a byte of answer ("socket hang up"). */
  | { readonly kind: 'hangup' }
  /** Read the request, then send a TCP reset (ECONNRESET). */
  | { readonly kind: 'reset' }
  /** Send the headers and part of the body, then reset the connection. */
  | { readonly kind: 'reset_mid_response'; readonly partialBody: string }
  /** Declare a longer Content-Length than is sent, then close. */
  | { readonly kind: 'truncated'; readonly body: string; readonly declaredLength: number }
  /** Send the body in chunks, one every `intervalMs`. */
  | { readonly kind: 'slow_body'; readonly chunks: readonly string[]; readonly intervalMs: number }
  /** Wait, then do `then`. */
  | { readonly kind: 'delay'; readonly ms: number; readonly then: FaultAction };

export type FaultHandler = (request: CapturedRequest) => FaultAction;

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly CapturedRequest[];
  /** Requests that reached this host. */
  count(): number;
  /** TCP connections accepted, whether or not a request followed. */
  connections(): number;
  /** Replace the handler used once the queue is empty. */
  setHandler(handler: FaultHandler | FaultAction): void;
  /** Actions for the next requests, in order, before the handler applies again. */
  queue(...actions: FaultAction[]): void;
  close(): Promise<void>;
}

const PARAM = /^params\[([^\]]*)\](?:\[([^\]]*)\])?$/;

/** Decodes an `application/x-www-form-urlencoded` body the way PHP's `$_POST` would. */
export function decodeGatewayForm(body: string): { method: string | undefined; params: Record<string, WireValue>; pairs: Array<[string, string]> } {
  const pairs = [...new URLSearchParams(body).entries()];
  const params: Record<string, WireValue> = {};
  let method: string | undefined;
  for (const [name, value] of pairs) {
    if (name === 'method') {
      method = value;
      continue;
    }
    const match = PARAM.exec(name);
    if (!match) continue;
    const key = match[1] as string;
    const child = match[2];
    if (child === undefined) {
      params[key] = value;
    } else {
      const existing = params[key];
      const map = typeof existing === 'object' ? existing : {};
      map[child] = value;
      params[key] = map;
    }
  }
  return { method, params, pairs };
}

/** The simulator's happy answer: accepted, with a fresh transaction id. */
export function acceptedAnswer(request: CapturedRequest): FaultAction {
  const operationType = request.params.OPERATIONTYPE;
  return {
    kind: 'json',
    body: {
      OPERATIONTYPE: typeof operationType === 'string' ? operationType : request.method,
      TRANSACTIONID: `A${100000 + request.index}`,
      EXECCODE: '0000',
      MESSAGE: 'The transaction has been accepted.',
    },
  };
}

export async function startFaultServer(initial: FaultHandler | FaultAction = acceptedAnswer): Promise<FaultServer> {
  const requests: CapturedRequest[] = [];
  const pending: FaultAction[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let handler: FaultHandler = typeof initial === 'function' ? initial : () => initial;

  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  function perform(action: FaultAction, res: http.ServerResponse): void {
    const socket = res.socket;
    switch (action.kind) {
      case 'json': {
        const body = JSON.stringify(action.body);
        res.writeHead(action.status ?? 200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      case 'text':
        res.writeHead(action.status ?? 200, {
          'Content-Type': action.contentType ?? 'text/html',
          'Content-Length': Buffer.byteLength(action.body),
          ...action.headers,
        });
        res.end(action.body);
        return;
      case 'hang':
        return;
      case 'hangup':
        socket?.destroy();
        return;
      case 'reset':
        socket?.resetAndDestroy();
        return;
      case 'reset_mid_response':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(action.partialBody) + 200 });
        res.write(action.partialBody, () => socket?.resetAndDestroy());
        return;
      case 'truncated':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': action.declaredLength });
        res.write(action.body, () => socket?.destroy());
        return;
      case 'slow_body': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const chunks = [...action.chunks];
        const tick = (): void => {
          if (res.destroyed) return;
          const chunk = chunks.shift();
          if (chunk === undefined) {
            res.end();
            return;
          }
          res.write(chunk);
          later(action.intervalMs, tick);
        };
        tick();
        return;
      }
      case 'delay':
        later(action.ms, () => {
          if (!res.destroyed) perform(action.then, res);
        });
        return;
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const decoded = decodeGatewayForm(rawBody);
      const captured: CapturedRequest = {
        index: requests.length + 1,
        httpMethod: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        pairs: decoded.pairs,
        method: decoded.method,
        params: decoded.params,
      };
      requests.push(captured);
      perform(pending.shift() ?? handler(captured), res);
    });
  });
  server.keepAliveTimeout = 5_000;
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    count: () => requests.length,
    connections: () => connections,
    setHandler(next) {
      handler = typeof next === 'function' ? next : () => next;
    },
    queue(...actions) {
      pending.push(...actions);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback URL on which nothing listens: connecting to it is refused (ECONNREFUSED). */
export async function refusedUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export interface RawTcpServer {
  readonly port: number;
  connections(): number;
  close(): Promise<void>;
}

/**
 * A bare TCP listener with its own behaviour per connection, e.g. answering a TLS
 * ClientHello with plain text, so the client sees a TLS handshake failure.
 */
export async function startRawTcpServer(onConnection: (socket: net.Socket) => void): Promise<RawTcpServer> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    connections: () => connections,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
