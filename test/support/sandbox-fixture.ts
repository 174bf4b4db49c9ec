import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManualClock, startSandbox, type ManualClock, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox/index.js';

/**
 * The built-in sandbox on its own, as the sandbox's and the gateway client's tests start it:
 * two accounts, a manual clock, and a receiver of its notifications on a real loopback port.
 * (A test that needs core as well starts core, which runs the sandbox itself: `start-core.ts`.)
 */
export const ACCOUNT = { identifier: 'COMPTOIR-TEST', password: 'sandbox-secret-1' } as const;
export const OTHER = { identifier: 'COMPTOIR-OTHER', password: 'other-secret-2' } as const;

/**
 * Where the fixture's clock starts: 2030-06-15T10:00:00Z. The sandbox reads only this manual
 * clock (the real one gives nothing but the first id number), so the dates a test states are
 * relative to T0 and stay right whatever day the test runs.
 */
export const T0 = Date.UTC(2030, 5, 15, 10, 0, 0);
export const DAY = 86_400_000;

export interface ReceivedCall {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Form fields of the body (POST) or the query (GET). */
  readonly fields: Record<string, string>;
}

/**
 * A notification / export-callback receiver on a real loopback port. Answers are taken from
 * `answers` in turn (then `fallback`), so tests can make the first attempts fail.
 */
export class Receiver {
  readonly calls: ReceivedCall[] = [];
  answers: Array<{ status?: number; body: string }> = [];
  fallback = { status: 200, body: 'OK' };
  private server: Server | undefined;
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://receiver.invalid');
        const body = Buffer.concat(chunks);
        const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
        const source = req.method === 'GET' ? url.searchParams : new URLSearchParams(isForm ? body.toString('utf8') : '');
        this.calls.push({
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
          fields: Object.fromEntries(source),
        });
        const answer = this.answers.shift() ?? this.fallback;
        res.writeHead(answer.status ?? 200, { 'Content-Type': 'text/plain' });
        res.end(answer.body);
        this.waiters = this.waiters.filter((w) => {
          if (this.calls.length >= w.count) {
            w.resolve();
            return false;
          }
          return true;
        });
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/notify`;
    return this;
  }

  /** Resolves once `count` calls in total have arrived. */
  waitForCalls(count: number): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function startReceiver(): Promise<Receiver> {
  return new Receiver().start();
}

export interface Fixture {
  readonly sandbox: Sandbox;
  readonly clock: ManualClock;
  readonly receiver: Receiver;
  readonly processUrl: string;
  readonly exportUrl: string;
  readonly reconciliationUrl: string;
  close(): Promise<void>;
}

/** A sandbox on a free port with the two test accounts, a manual clock and a receiver. */
export async function startFixture(options: Partial<SandboxOptions> = {}): Promise<Fixture> {
  const clock = createManualClock(T0);
  const receiver = await startReceiver();
  const sandbox = await startSandbox({
    accounts: [
      { ...ACCOUNT, notificationUrl: receiver.url },
      { ...OTHER, notificationUrl: receiver.url },
    ],
    now: clock.now,
    instalmentTickMs: 0,
    // Most tests chain follow-ups at once; those about the 5-minute rule pass their own delay
    // (or `followUpDelayMs: undefined` for the default).
    followUpDelayMs: 0,
    ...options,
    notifications: { attempts: 3, intervalsMs: [10], timeoutMs: 2_000, ...options.notifications },
  });
  const endpoints = sandbox.endpoints();
  return {
    sandbox,
    clock,
    receiver,
    processUrl: endpoints.process,
    exportUrl: endpoints.export,
    reconciliationUrl: endpoints.reconciliation,
    close: async () => {
      await sandbox.close();
      await receiver.close();
    },
  };
}
