import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CoreLink } from '../../shared/contract/core-link.js';
import { fail, type Result } from '../../shared/contract/result.js';
import { CORE_ERRORS } from '../../shared/errors/core.js';
import { WEB_ERRORS } from '../../shared/errors/web.js';
import { parseRequestTarget } from '../core/http/request-target.js';
import type { Logger } from '../core/logging/logger.js';
import { readStaticFile } from './static-files.js';
import { SECURITY_HEADERS, crossSiteFetch, hostAllowed, newSessionToken, originAllowed, tokensEqual } from './security.js';

const TOKEN_HEADER = 'x-comptoir-token';
export const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface WebBridgeOptions {
  readonly link: CoreLink;
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
  readonly logger: Logger;
}

export interface WebBridge {
  readonly port: number;
  readonly token: string;
  /** The URL to open: it carries the session token, which the page then moves out of the address bar. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Web mode's transport: the same contract as Electron IPC, over HTTP and server-sent events,
 * bound to 127.0.0.1 only. Host and Origin must be ours (DNS rebinding, other local pages).
 * Calls answer 200 with the envelope whatever the contract outcome, so the renderer sees
 * exactly what the other transports give it.
 *
 * The session token travels only in the `X-Comptoir-Token` header, for calls and for the event
 * stream alike: never in a cookie (a browser sends cookies for 127.0.0.1 to every port of the
 * machine, so any other local server would receive it), and never in a URL after the first
 * load. The page and its scripts hold no secret and are served without it, so a reload works:
 * the page keeps the token in its tab's sessionStorage (see `select-transport.ts`).
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? newSessionToken();
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.error({ err: error, url: request.url?.split('?')[0] }, 'web bridge request failed');
      if (!response.headersSent) sendJson(response, 500, fail('INTERNAL_ERROR', CORE_ERRORS.INTERNAL_ERROR.en));
      else response.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.maxHeadersCount = 64;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = parseRequestTarget(request.url);
    if (target === undefined) return sendJson(response, 400, fail('MALFORMED_REQUEST', CORE_ERRORS.MALFORMED_REQUEST.en));
    if (!hostAllowed(request, port)) return sendJson(response, 403, fail('WEB_HOST_REFUSED', WEB_ERRORS.WEB_HOST_REFUSED.en));
    if (!originAllowed(request, port) || crossSiteFetch(request)) {
      return sendJson(response, 403, fail('WEB_ORIGIN_REFUSED', WEB_ERRORS.WEB_ORIGIN_REFUSED.en));
    }

    if (target.path.startsWith('/api/')) {
      // The header proves the caller is our page: a browser never adds it to a request another
      // page forges, and never sends it to another server, unlike a cookie.
      const presented = request.headers[TOKEN_HEADER];
      if (!tokensEqual(token, Array.isArray(presented) ? undefined : presented)) {
        return sendJson(response, 403, fail('UNAUTHORIZED', CORE_ERRORS.UNAUTHORIZED.en));
      }
      if (target.path.startsWith('/api/invoke/')) {
        if (request.method !== 'POST') return notAllowed(response, 'POST');
        return invoke(target.decodedPath.slice('/api/invoke/'.length), request, response);
      }
      if (target.path === '/api/events') {
        if (request.method !== 'GET') return notAllowed(response, 'GET');
        return openEventStream(request, response);
      }
      return sendJson(response, 404, fail('UNKNOWN_OPERATION', 'Not found'));
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return notAllowed(response, 'GET, HEAD');
    const file = await readStaticFile(options.rendererDir, target.path);
    if (!file) return sendJson(response, 404, fail('UNKNOWN_OPERATION', 'Not found'));
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  function notAllowed(response: ServerResponse, allow: string): void {
    response.setHeader('Allow', allow);
    sendJson(response, 405, fail('MALFORMED_REQUEST', CORE_ERRORS.MALFORMED_REQUEST.en));
  }

  async function invoke(channel: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (body === 'too-large') return sendJson(response, 413, fail('PAYLOAD_TOO_LARGE', CORE_ERRORS.PAYLOAD_TOO_LARGE.en));
    let payload: unknown;
    if (body.length > 0) {
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(response, 400, fail('MALFORMED_REQUEST', CORE_ERRORS.MALFORMED_REQUEST.en));
      }
    }
    sendJson(response, 200, await options.link.invoke(channel, payload));
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': comptoir\n\n');
    streams.add(response);
    const unsubscribe = options.link.subscribe((event, payload) => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(response: ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    request.resume();
    return 'too-large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      request.resume();
      return 'too-large';
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
