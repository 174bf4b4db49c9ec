import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseRequestTarget } from '../http/request-target.js';
import type { Background } from './background.js';
import type { SandboxClock } from './sandbox-clock.js';
import { answer, type SandboxCore } from './sandbox-core.js';
import { EXEC, execMessage } from './sandbox-exec-codes.js';
import type { AppliedFaults, Faults } from './faults.js';
import { BodyTooLargeError, FormError, parseForm, readBody, type ParsedForm } from './form-body.js';
import type { NotificationOverride, Notifier } from './notifier.js';
import type { Endpoint } from './operation-rules.js';
import { str } from './operation-rules.js';
import { formatOperationType, processRequest, type ProcessResult } from './processor.js';
import { accountLedger } from './ledger.js';
import { redactParams } from './redaction.js';
import type { RequestRecord, ServerRole } from './types.js';

/**
 * The two loopback listeners (primary, and optionally secondary) sharing one ledger, the
 * routing, and where faults are applied around processing:
 *   read body → resolve faults → [latency] → before-processing fault? → process
 *   → after-processing fault? → notifications (`before` mode) → answer → notifications.
 */
const API_PATHS: Readonly<Record<string, Endpoint>> = {
  '/front/service/rest/process': 'process',
  '/front/service/rest/process.php': 'process',
  '/front/service/rest/export': 'export',
  '/front/service/rest/export.php': 'export',
  '/front/service/rest/reconciliation': 'reconciliation',
  '/front/service/rest/reconciliation.php': 'reconciliation',
};

const DEFAULT_ERROR_PAGE = '<!DOCTYPE html><html><head><title>Service unavailable</title></head><body><h1>Service temporarily unavailable</h1></body></html>';

interface ThreeDSecureRoutes {
  page(token: string, baseUrl: string): { status: number; html: string };
  complete(token: string, ok: boolean): Promise<{ status: number; html: string }>;
}

export interface HttpDeps {
  readonly core: SandboxCore;
  readonly faults: Faults;
  readonly notifier: Notifier;
  readonly background: Background;
  readonly clock: SandboxClock;
  readonly threeDs: ThreeDSecureRoutes;
  /** Runs due instalments before each API request (they are "charged by the gateway"). */
  readonly beforeRequest: () => void;
  readonly onError: (error: unknown) => void;
}

export interface Listener {
  readonly role: ServerRole;
  readonly server: Server;
  readonly url: string;
  readonly port: number;
}

function sendJson(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The parts of a request target the routes read. */
interface Target {
  readonly pathname: string;
  readonly search: string;
  readonly searchParams: URLSearchParams;
}

function secretsEqual(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

function onceAsync(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= task());
}

export class HttpLayer {
  private readonly listeners: Listener[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(private readonly deps: HttpDeps) {}

  get all(): readonly Listener[] {
    return this.listeners;
  }

  async listen(role: ServerRole, host: string, port: number): Promise<Listener> {
    const server = createServer((req, res) => {
      this.route(role, req, res).catch((error: unknown) => {
        // A latency wait cut short by close() is not a failure worth reporting.
        if (!this.deps.background.closed) this.deps.onError(error);
        if (!res.headersSent) sendText(res, 500, 'text/plain; charset=utf-8', 'Internal sandbox error');
        else res.destroy();
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const listener: Listener = { role, server, url: `http://${urlHost}:${address.port}`, port: address.port };
    this.listeners.push(listener);
    return listener;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.listeners.map(
        (listener) =>
          new Promise<void>((resolve) => {
            listener.server.close(() => resolve());
            listener.server.closeAllConnections();
          }),
      ),
    );
    for (const socket of this.sockets) socket.destroy();
  }

  private baseUrl(role: ServerRole): string {
    return this.listeners.find((listener) => listener.role === role)?.url ?? '';
  }

  private async route(role: ServerRole, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseRequestTarget(req.url);
    if (target === undefined) {
      req.resume();
      res.setHeader('Connection', 'close');
      sendText(res, 400, 'text/plain; charset=utf-8', 'Bad request: malformed request target.');
      return;
    }
    const url = { pathname: target.path, search: target.query === '' ? '' : `?${target.query}`, searchParams: new URLSearchParams(target.query) };
    const endpoint = API_PATHS[url.pathname];
    if (endpoint !== undefined) {
      await this.api(role, endpoint, url, req, res);
      return;
    }
    // The pages and the inspection endpoints answer only to the names of this machine: a page
    // on another site that points its own name at 127.0.0.1 (DNS rebinding) sends its own Host.
    if (!this.hostAllowed(req)) {
      req.resume();
      sendText(res, 403, 'text/plain; charset=utf-8', 'Forbidden: this Host is not the sandbox’s own address.');
      return;
    }
    const threeDs = /^\/sandbox\/3ds\/([0-9a-f]{32})(\/complete)?$/.exec(url.pathname);
    if (threeDs) {
      const token = threeDs[1] as string;
      if (threeDs[2] === undefined) {
        req.resume();
        const page = this.deps.threeDs.page(token, this.baseUrl(role));
        sendText(res, page.status, 'text/html; charset=utf-8', page.html);
        return;
      }
      const body = req.method === 'POST' ? await readBody(req, 65_536) : '';
      const result = url.searchParams.get('result') ?? new URLSearchParams(body).get('result');
      if (result !== 'success' && result !== 'failure') {
        sendText(res, 400, 'text/plain; charset=utf-8', 'result must be success or failure');
        return;
      }
      const page = await this.deps.threeDs.complete(token, result === 'success');
      await this.deps.core.ledger.flush();
      sendText(res, page.status, 'text/html; charset=utf-8', page.html);
      return;
    }
    req.resume();
    if (url.pathname === '/sandbox/health') {
      sendJson(res, { status: 'ok' });
      return;
    }
    if (url.pathname === '/sandbox/ledger' && req.method === 'GET') {
      // What an account was charged, and only that: for its own identifier and password.
      const inspector = this.inspector(req);
      if (inspector === undefined) {
        res.setHeader('WWW-Authenticate', 'Basic realm="Comptoir sandbox", charset="UTF-8"');
        sendText(res, 401, 'text/plain; charset=utf-8', 'Unauthorized: give an account identifier and its password (HTTP Basic).');
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      sendJson(res, accountLedger(this.deps.core.ledger.snapshot(), inspector));
      return;
    }
    sendText(res, 404, 'text/plain; charset=utf-8', 'Not found');
  }

  private hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host?.toLowerCase();
    if (host === undefined) return false;
    const port = req.socket.localPort;
    const bound = req.socket.localAddress ?? '';
    const names = ['127.0.0.1', 'localhost', '[::1]', bound.includes(':') ? `[${bound}]` : bound];
    return names.some((name) => host === `${name}:${port}`);
  }

  /** The account whose identifier and password came with the request (HTTP Basic), if any. */
  private inspector(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    const match = header === undefined ? null : /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
    if (!match) return undefined;
    const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const identifier = decoded.slice(0, colon);
    const account = this.deps.core.accounts.get(identifier);
    return account !== undefined && secretsEqual(account.password, decoded.slice(colon + 1)) ? identifier : undefined;
  }

  private record(role: ServerRole, path: string, req: IncomingMessage, form: ParsedForm | undefined, faults: AppliedFaults | undefined): RequestRecord {
    const identifier = form === undefined ? undefined : str(form.params, 'IDENTIFIER');
    const apiMethod = form?.method ?? (form === undefined ? undefined : str(form.params, 'OPERATIONTYPE'));
    const record: RequestRecord = {
      id: this.deps.core.ledger.nextLocalId(),
      at: this.deps.clock(),
      server: role,
      path,
      httpMethod: req.method ?? '',
      ...(apiMethod === undefined ? {} : { apiMethod }),
      ...(identifier === undefined ? {} : { identifier }),
      params: form === undefined ? {} : redactParams(form.params),
      faults: faults?.kinds ?? [],
      outcome: 'pending',
    };
    this.deps.core.ledger.addRequest(record);
    return record;
  }

  private finish(record: RequestRecord, outcome: RequestRecord['outcome'], execCode?: string, transactionId?: string): void {
    record.outcome = outcome;
    if (execCode !== undefined) record.execCode = execCode;
    if (transactionId !== undefined) record.transactionId = transactionId;
    this.deps.core.ledger.changedRequest(record);
  }

  private async api(role: ServerRole, endpoint: Endpoint, url: Target, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rules = this.deps.core.rules;
    if (req.method === 'GET' || req.method === 'HEAD' || url.search !== '') {
      // Query-string parameters are refused whatever the verb (EXECCODE 1006).
      req.resume();
      const query = url.searchParams;
      const name = query.get('method') ?? query.get('params[OPERATIONTYPE]') ?? '';
      const record = this.record(role, url.pathname, req, undefined, undefined);
      this.finish(record, 'answered', EXEC.GET_FORBIDDEN);
      sendJson(res, answer(formatOperationType(name, rules), EXEC.GET_FORBIDDEN, execMessage(EXEC.GET_FORBIDDEN)));
      return;
    }
    const contentType = req.headers['content-type'];
    let form: ParsedForm | undefined;
    let badRequest: string | undefined;
    if (req.method !== 'POST') badRequest = 'Bad request: only POST is accepted.';
    else if (contentType !== undefined && !contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      badRequest = 'Bad request: the body must be application/x-www-form-urlencoded.';
    }
    try {
      const body = await readBody(req);
      if (badRequest === undefined) form = parseForm(body);
    } catch (error) {
      if (error instanceof BodyTooLargeError) badRequest = 'Bad request: body too large.';
      else if (error instanceof FormError) badRequest = `Bad request: ${error.message}.`;
      else throw error;
    }
    if (form === undefined) {
      const record = this.record(role, url.pathname, req, undefined, undefined);
      this.finish(record, 'answered', EXEC.BAD_REQUEST);
      res.setHeader('Connection', 'close');
      sendJson(res, answer('', EXEC.BAD_REQUEST, badRequest ?? execMessage(EXEC.BAD_REQUEST)));
      return;
    }

    this.deps.beforeRequest();
    const params = form.params;
    const faults = this.deps.faults.resolve({
      server: role,
      endpoint,
      ...(form.method === undefined ? {} : { method: form.method }),
      ...(str(params, 'ORDERID') === undefined ? {} : { orderId: str(params, 'ORDERID') }),
      ...(str(params, 'IDENTIFIER') === undefined ? {} : { identifier: str(params, 'IDENTIFIER') }),
    });
    const record = this.record(role, url.pathname, req, form, faults);
    const wait = onceAsync(async () => {
      if (faults.latencyMs <= 0 && faults.gates.length === 0) return;
      this.deps.core.ledger.events.emit('latency', structuredClone(record));
      await this.deps.background.sleep(faults.latencyMs);
      await Promise.all(faults.gates);
    });
    const operationType = formatOperationType(form.method ?? str(params, 'OPERATIONTYPE') ?? '', rules);

    const before = faults.before;
    if (before !== undefined) {
      await wait();
      switch (before.kind) {
        case 'reset':
          this.finish(record, 'reset');
          req.socket.resetAndDestroy();
          return;
        case 'http-error':
          this.finish(record, 'http-error');
          sendText(res, before.status ?? 503, 'text/html; charset=utf-8', before.body ?? DEFAULT_ERROR_PAGE);
          return;
        case 'non-json':
          this.finish(record, 'non-json');
          sendText(res, before.status ?? 200, 'text/html; charset=utf-8', before.body ?? DEFAULT_ERROR_PAGE);
          return;
        case 'platform-error':
          this.finish(record, 'answered', before.code);
          sendJson(res, answer(operationType, before.code, execMessage(before.code)));
          return;
      }
    }

    const result = await processRequest(this.deps.core, {
      form,
      endpoint,
      server: role,
      baseUrl: this.baseUrl(role),
      ...(faults.outcome === undefined ? {} : { forcedOutcome: faults.outcome }),
      wait,
    });
    this.respond(record, req, res, result, faults);
  }

  private respond(record: RequestRecord, req: IncomingMessage, res: ServerResponse, result: ProcessResult, faults: AppliedFaults): void {
    const transactionId = result.transaction?.transactionId;
    const override: NotificationOverride | undefined = faults.notification;
    const plan = this.deps.notifier.plan(result.notify, override);
    const afterAnswer = () => {
      result.release?.();
      plan.afterAnswer();
      if (result.job !== undefined) void this.deps.background.run(result.job);
    };
    const after = faults.after ?? (result.deferred ? ({ kind: 'deferred' } as const) : undefined);

    if (after?.kind === 'timeout') {
      // Processed and recorded; the answer never comes. The socket stays open until the
      // client gives up or the sandbox closes.
      this.finish(record, 'held', result.execCode, transactionId);
      void plan.beforeAnswer().then(afterAnswer);
      req.socket.setTimeout(0);
      return;
    }

    if (after?.kind === 'reset') {
      // Processed and recorded (and notified as usual); the connection is cut instead of the answer.
      this.finish(record, 'reset', result.execCode, transactionId);
      res.once('close', afterAnswer);
      void plan.beforeAnswer().then(() => req.socket.resetAndDestroy());
      return;
    }

    let write: () => void;
    if (after?.kind === 'deferred') {
      const code = EXEC.DEFERRED_TIMEOUT;
      const extra = this.deps.core.rules.deferredIncludesTransactionId && transactionId !== undefined ? { TRANSACTIONID: transactionId } : {};
      this.finish(record, 'answered', code, transactionId);
      write = () => sendJson(res, answer(result.operationType, code, execMessage(code), extra));
    } else if (after?.kind === 'http-error' || after?.kind === 'non-json') {
      this.finish(record, after.kind, result.execCode, transactionId);
      const status = after.status ?? (after.kind === 'http-error' ? 503 : 200);
      write = () => sendText(res, status, 'text/html; charset=utf-8', after.body ?? DEFAULT_ERROR_PAGE);
    } else {
      this.finish(record, 'answered', result.execCode, transactionId);
      write = () => sendJson(res, result.body);
    }
    res.once('close', afterAnswer);
    plan
      .beforeAnswer()
      // Like a real gateway, nothing is confirmed before it is on disk: a kill -9 the moment
      // after the answer loses no charge. A ledger that cannot be written gets no answer.
      .then(() => this.deps.core.ledger.flush())
      .then(write)
      .catch((error: unknown) => {
        this.deps.onError(error);
        res.destroy();
      });
  }
}
