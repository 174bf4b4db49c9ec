import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { NOTIFICATIONS_ERRORS, type NotificationErrorCode } from '../../../shared/errors/notifications.js';
import { CoreError } from '../errors.js';
import { parseRequestTarget } from '../http/request-target.js';
import { verifySignature } from '../gateway/signature.js';
import { safeFileName, type ExportFileStore } from './export-store.js';
import { parseFormBody, parseQueryString } from './form-params.js';
import type { ListenerPhase, NotificationHealth } from './health.js';
import { dispositionParam, multipartBoundary, parseMultipart, type MultipartPart } from './multipart.js';
import { buildReceivedNotification, readNotificationFields } from './received-notification.js';
import { silentLogger, type AccountSecrets, type NotificationLogger, type NotificationParams, type NotificationSink, type SinkOutcome } from './types.js';

/**
 * The notification listener: a small node:http server the gateway calls at
 * NOTIFICATION_URL (fact sheet section 6) and, for asynchronous exports, at CALLBACKURL.
 *
 * A notification is answered `OK` only once the sink has recorded it durably, so a crash
 * between the two makes the gateway send it again (and the sink dedupes it). Everything that
 * is not a well-formed, correctly signed notification for a known account is refused before
 * the sink sees it.
 */

export interface ListenerLimits {
  /** Notification body cap (413 beyond). */
  readonly maxBodyBytes: number;
  /** Export upload cap (413 beyond). */
  readonly maxExportBytes: number;
  /** Uploads buffered at once; more are answered 503 so memory stays bounded. */
  readonly maxConcurrentExports: number;
  /** Parameters per notification (400 beyond). */
  readonly maxParams: number;
  /** node:http `maxHeadersCount`: headers past this count are ignored. */
  readonly maxHeadersCount: number;
  /** node:http `maxHeaderSize`: request line plus headers; 431 beyond. */
  readonly maxHeaderBytes: number;
  /** Time to receive the request line and headers (408 and close beyond). */
  readonly headersTimeoutMs: number;
  /** Time to receive a notification's body once its headers are in (408 and close beyond). */
  readonly bodyTimeoutMs: number;
  /** Longest silence while a body (a notification's or an export's) is arriving (408 and close beyond). */
  readonly bodyIdleTimeoutMs: number;
  /** Time for a whole request, export uploads included. */
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** A socket silent this long is closed. */
  readonly idleTimeoutMs: number;
  readonly maxConnections: number;
  /**
   * Connections held at once from one client (an IPv4 address, an IPv6 /64); more are closed
   * at once, so one sender holding slow or idle connections cannot crowd out the gateway.
   */
  readonly maxConnectionsPerClient: number;
  /** A sink slower than this is answered 500 (the gateway retries; the sink dedupes). */
  readonly sinkTimeoutMs: number;
  /** How often node checks headers and request timeouts. */
  readonly checkIntervalMs: number;
}

export const DEFAULT_LIMITS: ListenerLimits = {
  maxBodyBytes: 64 * 1024,
  maxExportBytes: 50 * 1024 * 1024,
  maxConcurrentExports: 2,
  maxParams: 256,
  maxHeadersCount: 64,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  bodyIdleTimeoutMs: 10_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  maxConnections: 1_024,
  maxConnectionsPerClient: 64,
  sinkTimeoutMs: 15_000,
  checkIntervalMs: 1_000,
};

const DEFAULT_NOTIFY_PATH = '/dalenys/notify';
const DEFAULT_EXPORT_PATH = '/dalenys/export';

export interface ListenerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port chosen by the OS. */
  readonly port?: number;
  readonly secrets: AccountSecrets;
  readonly sink: NotificationSink;
  /** Without it, the export path is not served (404). */
  readonly exportStore?: ExportFileStore;
  /**
   * Export uploads are not signed by the gateway. Put a one-time reference in the
   * CALLBACKURL's query and check it here; a `false` answers 403.
   */
  readonly authorizeExport?: (query: Readonly<Record<string, string>>) => boolean;
  readonly paths?: { readonly notify?: string; readonly export?: string };
  readonly limits?: Partial<ListenerLimits>;
  readonly logger?: NotificationLogger;
  readonly health?: NotificationHealth;
  /** UTC epoch ms, for `receivedAt`. */
  readonly now?: () => number;
}

export interface NotificationListener {
  /** `http://127.0.0.1:PORT`, without a path. */
  readonly url: string;
  /** The NOTIFICATION_URL to configure in the gateway's back office. */
  readonly notifyUrl: string;
  /** The CALLBACKURL base for exports, or undefined when no export store is configured. */
  readonly exportUrl: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly state: ListenerPhase;
  /** Stops accepting, lets in-flight calls finish (2 s at most), then resolves. */
  close(): Promise<void>;
}

/** The start-up line the app prints. */
export function readyLine(listener: Pick<NotificationListener, 'notifyUrl'>): string {
  return `Notifications listening at ${listener.notifyUrl}`;
}

const RAW_EXPORT_TYPES = new Set([
  'application/gzip',
  'application/x-gzip',
  'application/zip',
  'application/x-zip-compressed',
  'application/x-bzip2',
  'application/octet-stream',
  'text/csv',
]);

const LISTEN_ERRORS: Readonly<Record<string, NotificationErrorCode>> = {
  EADDRINUSE: 'NOTIFY_LISTEN_ADDRESS_IN_USE',
  EACCES: 'NOTIFY_LISTEN_PERMISSION_DENIED',
  EPERM: 'NOTIFY_LISTEN_PERMISSION_DENIED',
  EADDRNOTAVAIL: 'NOTIFY_LISTEN_ADDRESS_UNAVAILABLE',
  ENOTFOUND: 'NOTIFY_LISTEN_ADDRESS_UNAVAILABLE',
};

type BodyResult = { readonly kind: 'ok'; readonly body: Buffer } | { readonly kind: 'too_large' | 'timeout' | 'aborted' };

const EMPTY = Buffer.alloc(0);

function mimeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Form bodies must be UTF-8: that is what the gateway hashes. No Content-Type is tolerated. */
function isFormBody(contentType: string | undefined): boolean {
  if (contentType === 'application/x-www-form-urlencoded') return true;
  if (contentType === undefined || contentType.trim() === '') return true;
  if (mimeOf(contentType) !== 'application/x-www-form-urlencoded') return false;
  const charset = /;\s*charset="?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

function announcesBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function declaredLength(req: IncomingMessage): number {
  const length = req.headers['content-length'];
  return length === undefined ? 0 : Number(length);
}

function readBody(req: IncomingMessage, cap: number, timeoutMs: number, idleMs: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      clearTimeout(idle);
      resolve(result);
    };
    const timer = timeoutMs > 0 ? setTimeout(() => finish({ kind: 'timeout' }), timeoutMs) : undefined;
    // A body that stops arriving (a slow-body attack on a long export upload) ends here.
    const idle = setTimeout(() => finish({ kind: 'timeout' }), idleMs);
    // After `too_large` the listener stays attached and discards what still arrives, so the
    // 413 can be written before the connection is closed.
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      idle.refresh();
      size += chunk.length;
      if (size > cap) finish({ kind: 'too_large' });
      else chunks.push(chunk);
    });
    req.on('end', () => finish({ kind: 'ok', body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) }));
    req.on('close', () => finish({ kind: 'aborted' }));
  });
}

function withTimeout<T>(value: T | Promise<T>, ms: number): Promise<T> {
  if (!(value instanceof Promise)) return Promise.resolve(value);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CoreError('NOTIFY_SINK_TIMEOUT', NOTIFICATIONS_ERRORS.NOTIFY_SINK_TIMEOUT.en)), ms);
    value.then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function errorCodeOf(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startNotificationListener(options: ListenerOptions): Promise<NotificationListener> {
  const limits: ListenerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const host = options.host ?? '127.0.0.1';
  const notifyPath = options.paths?.notify ?? DEFAULT_NOTIFY_PATH;
  const exportPath = options.paths?.export ?? DEFAULT_EXPORT_PATH;
  const logger = options.logger ?? silentLogger;
  const health = options.health;
  const now = options.now ?? Date.now;
  const { secrets, sink, exportStore } = options;
  let state: ListenerPhase = 'starting';
  health?.setListenerState('starting');

  function send(req: IncomingMessage, res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
    if (res.headersSent || res.destroyed) return;
    const headers: Record<string, string | number> = {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      ...extra,
    };
    // Node drains a body left unread after the answer so the connection can be reused; that
    // is fine for a small declared length, but a chunked or large one could go on and on.
    if (!req.complete && (req.headers['transfer-encoding'] !== undefined || declaredLength(req) > limits.maxBodyBytes)) {
      headers.Connection = 'close';
    }
    res.writeHead(status, headers);
    res.end(body);
  }

  function refuse(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: NotificationErrorCode,
    detail?: string,
    extra?: Record<string, string>,
  ): void {
    health?.requestRejected(code);
    logger.debug({ code, status, method: req.method, detail }, 'notification listener refused a call');
    send(req, res, status, code, extra);
  }

  /**
   * Reads the body even when no header announces one: headers past `maxHeadersCount` are
   * dropped from `req.headers` while node still frames the body by them.
   */
  async function readOrRefuse(req: IncomingMessage, res: ServerResponse, cap: number, timeoutMs: number): Promise<Buffer | undefined> {
    if (req.complete && req.readableLength === 0) return EMPTY;
    if (declaredLength(req) > cap) {
      refuse(req, res, 413, 'NOTIFY_BODY_TOO_LARGE', undefined, { Connection: 'close' });
      return undefined;
    }
    const body = await readBody(req, cap, timeoutMs, limits.bodyIdleTimeoutMs);
    switch (body.kind) {
      case 'ok':
        return body.body;
      case 'too_large':
        refuse(req, res, 413, 'NOTIFY_BODY_TOO_LARGE', undefined, { Connection: 'close' });
        return undefined;
      case 'timeout':
        refuse(req, res, 408, 'NOTIFY_TOO_SLOW', undefined, { Connection: 'close' });
        return undefined;
      case 'aborted':
        return undefined;
    }
  }

  async function handleNotify(req: IncomingMessage, res: ServerResponse, query: string): Promise<void> {
    const method = req.method;
    if (method !== 'GET' && method !== 'POST') {
      refuse(req, res, 405, 'NOTIFY_METHOD_NOT_ALLOWED', undefined, { Allow: 'GET, POST' });
      return;
    }
    // Query first, then body (fact sheet section 6): whichever set arrived is what was signed.
    let params: NotificationParams | undefined;
    let fromQuery = false;
    if (query !== '') {
      const parsed = parseQueryString(query, limits.maxParams);
      if (!parsed.ok) return refuse(req, res, 400, 'NOTIFY_MALFORMED', parsed.reason);
      fromQuery = parsed.count > 0;
      params = parsed.params;
    }
    if (!fromQuery && announcesBody(req) && !isFormBody(req.headers['content-type'])) {
      return refuse(req, res, 415, 'NOTIFY_UNSUPPORTED_MEDIA_TYPE');
    }
    const body = await readOrRefuse(req, res, limits.maxBodyBytes, limits.bodyTimeoutMs);
    if (body === undefined) return;
    if (!fromQuery) {
      const parsed = parseFormBody(body, limits.maxParams);
      if (!parsed.ok) return refuse(req, res, 400, 'NOTIFY_MALFORMED', parsed.reason);
      params = parsed.params;
    }
    if (params === undefined) return refuse(req, res, 400, 'NOTIFY_MALFORMED', 'no parameters');
    const read = readNotificationFields(params);
    if (!read.ok) return refuse(req, res, 400, 'NOTIFY_MALFORMED', read.reason);
    const { fields } = read;

    let password: string | undefined;
    try {
      password = await secrets.passwordFor(fields.identifier);
    } catch (err) {
      logger.warn({ code: 'NOTIFY_SECRETS_UNAVAILABLE', identifier: fields.identifier, reason: errorCodeOf(err) }, 'account password unavailable');
      return refuse(req, res, 500, 'NOTIFY_SECRETS_UNAVAILABLE');
    }
    if (password === undefined) return refuse(req, res, 404, 'NOTIFY_UNKNOWN_ACCOUNT');
    if (params.HASH === undefined) return refuse(req, res, 403, 'NOTIFY_UNSIGNED');
    if (typeof params.HASH !== 'string' || !verifySignature(params, password)) {
      return refuse(req, res, 403, 'NOTIFY_BAD_SIGNATURE');
    }

    const notification = buildReceivedNotification(fields, params, now(), method);
    let outcome: SinkOutcome;
    try {
      outcome = await withTimeout(sink.record(notification), limits.sinkTimeoutMs);
    } catch (err) {
      const code = errorCodeOf(err) === 'NOTIFY_SINK_TIMEOUT' ? 'NOTIFY_SINK_TIMEOUT' : 'NOTIFY_SINK_FAILED';
      logger.error(
        { code, identifier: fields.identifier, transactionId: fields.transactionId, reason: errorCodeOf(err) ?? (err instanceof Error ? err.name : 'unknown') },
        'notification not recorded; answered 500 so the gateway retries',
      );
      return refuse(req, res, 500, code);
    }
    health?.notificationRecorded(fields.identifier, outcome, notification.receivedAt);
    logger.debug(
      { identifier: fields.identifier, transactionId: fields.transactionId, operationType: fields.operationType, execCode: fields.execCode, outcome },
      'notification recorded',
    );
    send(req, res, 200, 'OK');
  }

  let exportsInFlight = 0;

  async function handleExport(req: IncomingMessage, res: ServerResponse, rawQuery: string, store: ExportFileStore): Promise<void> {
    if (req.method !== 'POST') return refuse(req, res, 405, 'NOTIFY_METHOD_NOT_ALLOWED', undefined, { Allow: 'POST' });
    const parsedQuery = parseQueryString(rawQuery, limits.maxParams);
    if (!parsedQuery.ok) return refuse(req, res, 400, 'NOTIFY_EXPORT_MALFORMED', parsedQuery.reason);
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsedQuery.params)) if (typeof value === 'string') query[key] = value;
    if (options.authorizeExport && !options.authorizeExport(query)) return refuse(req, res, 403, 'NOTIFY_EXPORT_FORBIDDEN');

    const contentType = req.headers['content-type'] ?? '';
    const mime = mimeOf(contentType);
    const boundary = mime === 'multipart/form-data' ? multipartBoundary(contentType) : undefined;
    if (mime === 'multipart/form-data' && boundary === undefined) return refuse(req, res, 400, 'NOTIFY_EXPORT_MALFORMED', 'no boundary');
    if (boundary === undefined && !RAW_EXPORT_TYPES.has(mime)) return refuse(req, res, 415, 'NOTIFY_UNSUPPORTED_MEDIA_TYPE');
    if (exportsInFlight >= limits.maxConcurrentExports) {
      return refuse(req, res, 503, 'NOTIFY_EXPORT_BUSY', undefined, { 'Retry-After': '30', Connection: 'close' });
    }
    exportsInFlight += 1;
    try {
      await receiveExport(req, res, query, mime, boundary, store);
    } finally {
      exportsInFlight -= 1;
    }
  }

  async function receiveExport(
    req: IncomingMessage,
    res: ServerResponse,
    query: Record<string, string>,
    mime: string,
    boundary: string | undefined,
    store: ExportFileStore,
  ): Promise<void> {
    // The whole upload is bounded by node's requestTimeout, not the short notification one.
    const body = await readOrRefuse(req, res, limits.maxExportBytes, 0);
    if (body === undefined) return;
    if (body.length === 0) return refuse(req, res, 400, 'NOTIFY_EXPORT_MALFORMED', 'empty body');

    let file: { name: string | undefined; contentType: string; data: Buffer };
    if (boundary !== undefined) {
      const parsed = parseMultipart(body, boundary);
      if (!parsed.ok) return refuse(req, res, 400, 'NOTIFY_EXPORT_MALFORMED', parsed.reason);
      const part = pickFilePart(parsed.parts);
      if (part === undefined || part.data.length === 0) return refuse(req, res, 400, 'NOTIFY_EXPORT_MALFORMED', 'no single file part');
      file = { name: part.filename ?? part.name, contentType: part.contentType ?? 'application/octet-stream', data: part.data };
    } else {
      const disposition = req.headers['content-disposition'] ?? '';
      const name = dispositionParam(disposition, 'filename*') ?? dispositionParam(disposition, 'filename') ?? query.name;
      file = { name, contentType: mime, data: body };
    }

    const name = safeFileName(file.name, file.contentType);
    try {
      const stored = await store.save({ name, contentType: file.contentType, data: file.data, receivedAt: now(), query });
      logger.info({ name, size: file.data.length, location: stored.location }, 'export file stored');
    } catch (err) {
      logger.error({ code: 'NOTIFY_EXPORT_STORE_FAILED', name, reason: errorCodeOf(err) }, 'export file not stored');
      return refuse(req, res, 500, 'NOTIFY_EXPORT_STORE_FAILED');
    }
    send(req, res, 200, 'OK');
  }

  const server = http.createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
      noDelay: true,
    },
    (req, res) => {
      const target = parseRequestTarget(req.url);
      if (target === undefined) return refuse(req, res, 400, 'NOTIFY_BAD_REQUEST', 'request target', { Connection: 'close' });
      let handling: Promise<void>;
      if (target.path === notifyPath) handling = handleNotify(req, res, target.query);
      else if (target.path === exportPath && exportStore !== undefined) handling = handleExport(req, res, target.query, exportStore);
      else return refuse(req, res, 404, 'NOTIFY_UNKNOWN_PATH');
      handling.catch((err: unknown) => {
        logger.error({ code: 'NOTIFY_SINK_FAILED', reason: errorCodeOf(err) ?? (err instanceof Error ? err.name : 'unknown') }, 'notification handler failed');
        send(req, res, 500, 'NOTIFY_SINK_FAILED');
      });
    },
  );
  server.maxHeadersCount = limits.maxHeadersCount;
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.idleTimeoutMs);

  // Slowloris: node's headersTimeout cuts a connection whose request headers are not all in
  // within it (sent slowly, or not at all), but any number can be opened meanwhile. Each client
  // may hold a few dozen at once; the rest are closed as they come.
  const perClient = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const client = clientOf(socket.remoteAddress);
    const held = (perClient.get(client) ?? 0) + 1;
    if (held > limits.maxConnectionsPerClient) {
      health?.requestRejected('NOTIFY_TOO_MANY_CONNECTIONS');
      logger.debug({ code: 'NOTIFY_TOO_MANY_CONNECTIONS', client }, 'notification listener closed a connection over the per-client cap');
      socket.destroy();
      return;
    }
    perClient.set(client, held);
    socket.once('close', () => {
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
    });
  });

  // Same replies as node's default clientError handling, plus a count for the health panel.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const [status, code]: [string, NotificationErrorCode] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? ['431 Request Header Fields Too Large', 'NOTIFY_HEADERS_TOO_LARGE']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ['408 Request Timeout', 'NOTIFY_TOO_SLOW']
          : ['400 Bad Request', 'NOTIFY_BAD_REQUEST'];
    if (err.code !== 'ECONNRESET') health?.requestRejected(code);
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    const code = LISTEN_ERRORS[errorCodeOf(err) ?? ''] ?? 'NOTIFY_LISTEN_FAILED';
    state = 'failed';
    health?.setListenerState('failed', { errorCode: code });
    logger.error({ code, host, port: options.port ?? 0, reason: errorCodeOf(err) }, 'notification listener could not start');
    throw new CoreError(code, NOTIFICATIONS_ERRORS[code].en);
  }

  const port = (server.address() as AddressInfo).port;
  const url = formatUrl(host, port);
  const notifyUrl = `${url}${notifyPath}`;
  const exportUrl = exportStore !== undefined ? `${url}${exportPath}` : undefined;
  state = 'listening';
  health?.setListenerState('listening', { url, notifyUrl });
  logger.info({ url: notifyUrl }, 'notification listener started');

  server.on('error', (err) => {
    state = 'failed';
    const code: NotificationErrorCode = 'NOTIFY_LISTEN_FAILED';
    health?.setListenerState('failed', { url, notifyUrl, errorCode: code });
    logger.error({ code, reason: errorCodeOf(err) }, 'notification listener failed');
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    notifyUrl,
    exportUrl,
    host,
    port,
    get state() {
      return state;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), 2_000);
        server.close(() => {
          clearTimeout(force);
          state = 'closed';
          health?.setListenerState('closed', { url, notifyUrl });
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/** Who holds a connection: an IPv4 address, or an IPv6 /64 (one host's usual share). */
function clientOf(address: string | undefined): string {
  if (address === undefined) return '?';
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.split('::');
  const left = (head as string).split(':').filter((part) => part !== '');
  const right = tail.split(':').filter((part) => part !== '');
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The single part carrying a file name; or the only part, if there is just one. */
function pickFilePart(parts: readonly MultipartPart[]): MultipartPart | undefined {
  const files = parts.filter((p) => p.filename !== undefined);
  if (files.length === 1) return files[0];
  if (files.length === 0 && parts.length === 1) return parts[0];
  return undefined;
}
