/**
 * Load (issue 21 item 5): 20 operators' worth of web-mode clients, each keying payments and
 * refunding half of each one, for a minute, against the built-in sandbox with its notifications
 * flowing to core's listener, while one more client runs history searches back to back.
 * Core and the web bridge are composed in this process as `npm run web` does; every call is an
 * HTTP request to the bridge with the session token, as the browser sends it.
 *
 * Figures: payments and refunds per second, p50/p99 of `payments.submit` and of the refund, the
 * errors (any refusal or failure counts), and the notifications the journal recorded against the
 * operations approved (none may be lost). Baseline from the same run: the same clients posting
 * to a bare HTTP server on the same loopback that answers a fixed JSON body.
 *
 * Target: no error, no lost notification, payment p99 < 100 ms on this machine.
 * Run alone: npx tsx test/bench/load.bench.ts [--seconds 60] [--clients 20]
 */
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../electron/core/core.js';
import { inProcessLink } from '../../electron/core/host/in-process-link.js';
import { startWebBridge } from '../../electron/web/bridge.js';
import { cardExpiry } from '../support/dates.js';
import { memoryLogger } from '../support/silent-logger.js';
import { recordFigure } from './report.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, clients: { type: 'string', default: '20' } } });
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);

function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 2 });

/** One POST with a JSON body over the shared keep-alive agent; resolves with the parsed answer. */
function post(port: number, path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(data);
  });
}

/** The same clients against a bare server answering a fixed body: the floor of one request here. */
async function baseline(): Promise<number[]> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.setHeader('Content-Type', 'application/json');
      response.end('{"ok":true,"value":{"id":1,"status":"approved"}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const samples: number[] = [];
  const until = performance.now() + Math.min(10, SECONDS) * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await post(port, '/api/invoke/payments.submit', { amount: 1 });
        samples.push(performance.now() - started);
      }
    }),
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return samples;
}

const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-load-'));
const { logger } = memoryLogger();
// Follow-ups at once: the sandbox's 5-minute rule would hold every refund back.
const core = await createCore({ dataDir, version: 'bench', electronVersion: null, logger, followUpDelayMs: 0 });
const bridge = await startWebBridge({
  link: inProcessLink(core, { role: 'admin', operator: null, transport: 'web' }),
  rendererDir: join(tmpdir(), 'no-renderer'),
  port: 0,
  logger,
});

interface Answer {
  readonly ok: boolean;
  readonly value?: { orderId?: string; operation?: { id: number; status: string }; confirmation?: string };
  readonly error?: { code?: string };
}
const call = (name: string, input: unknown) => post(bridge.port, `/api/invoke/${name}`, input, { 'X-Comptoir-Token': bridge.token }) as Promise<Answer>;

const base = await baseline();
const payments: number[] = [];
const refunds: number[] = [];
const searches: number[] = [];
const errors = new Map<string, number>();
const approved: number[] = [];
const fail = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);
let keys = 0;
const key = (label: string) => `${label}x${process.pid}x${(++keys).toString(36).padStart(8, 'a')}x`;

const started = performance.now();
const until = started + SECONDS * 1000;
const operator = async (desk: number) => {
  while (performance.now() < until) {
    const order = await call('terminal.nextOrderId', { accountId: 1 });
    if (!order.ok) {
      fail(`terminal.nextOrderId ${order.error?.code}`);
      continue;
    }
    const submission = {
      idempotencyKey: key(`load${desk}`),
      accountId: 1,
      operation: 'payment',
      amount: 1_000 + desk,
      orderId: order.value?.orderId,
      // As the form sends a previewed reference: core takes it, or the next free one if another desk did.
      orderIdGenerated: true,
      customer: { email: `desk${desk}@example.com` },
      card: { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: `Desk ${desk}` },
      // Each desk keys the same card and amount again and again: the duplicate guard is told so.
      duplicateOverride: { reason: 'load test: repeated on purpose' },
    };
    let t0 = performance.now();
    const paid = await call('payments.submit', submission);
    payments.push(performance.now() - t0);
    const id = paid.value?.operation?.id;
    if (!paid.ok || id === undefined || paid.value?.operation?.status !== 'approved') {
      fail(paid.ok ? `payment ${paid.value?.operation?.status}` : `payments.submit ${paid.error?.code}`);
      continue;
    }
    approved.push(id);
    t0 = performance.now();
    const refunded = await call('operations.refund', { operationId: id, idempotencyKey: key(`refund${desk}`), amount: 500, reason: { code: 'goodwill' } });
    refunds.push(performance.now() - t0);
    if (!refunded.ok) fail(`operations.refund ${refunded.error?.code}`);
  }
};
const searcher = async () => {
  while (performance.now() < until) {
    const t0 = performance.now();
    const page = await call('history.page', { filter: { text: 'desk' }, limit: 50, stream: 'load-bench' });
    searches.push(performance.now() - t0);
    if (!page.ok) fail(`history.page ${page.error?.code}`);
  }
};
await Promise.all([...Array.from({ length: CLIENTS }, (_, desk) => operator(desk)), searcher()]);
const elapsed = (performance.now() - started) / 1000;

// Notifications still in flight when the clock ran out get a few seconds to land.
const confirmed = async () => {
  let count = 0;
  for (const id of approved) {
    const operation = await call('operations.get', { operationId: id });
    if (operation.value?.confirmation === 'confirmed') count++;
  }
  return count;
};
let landed = await confirmed();
for (let attempt = 0; attempt < 10 && landed < approved.length; attempt++) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  landed = await confirmed();
}

await bridge.close();
await core.close();
agent.destroy();
await rm(dataDir, { recursive: true, force: true });

const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
console.log(`\nLoad: ${CLIENTS} desks paying and refunding for ${elapsed.toFixed(0)} s, one history search running, SQLite journal`);
console.table([
  { what: 'payments.submit', count: payments.length, 'per s': (payments.length / elapsed).toFixed(1), 'p50 ms': percentile(payments, 50).toFixed(1), 'p99 ms': percentile(payments, 99).toFixed(1) },
  { what: 'operations.refund', count: refunds.length, 'per s': (refunds.length / elapsed).toFixed(1), 'p50 ms': percentile(refunds, 50).toFixed(1), 'p99 ms': percentile(refunds, 99).toFixed(1) },
  { what: 'history.page (search)', count: searches.length, 'per s': (searches.length / elapsed).toFixed(1), 'p50 ms': percentile(searches, 50).toFixed(1), 'p99 ms': percentile(searches, 99).toFixed(1) },
  { what: 'baseline: bare HTTP server', count: base.length, 'per s': '', 'p50 ms': percentile(base, 50).toFixed(1), 'p99 ms': percentile(base, 99).toFixed(1) },
]);
console.log(`errors: ${errorCount}${errorCount ? ` (${[...errors].map(([what, n]) => `${what}: ${n}`).join(', ')})` : ''}`);
console.log(`notifications: ${landed} of ${approved.length} approved payments confirmed by their notification`);

recordFigure({
  figure: `payment p99 under load (${CLIENTS} desks paying and refunding, one search, SQLite)`,
  unit: 'ms',
  measured: percentile(payments, 99),
  baseline: { name: 'the same clients on a bare HTTP server, p99', value: percentile(base, 99) },
  target: { comparison: '<', value: 100 },
  note: `${(payments.length / elapsed).toFixed(0)} payments/s and ${(refunds.length / elapsed).toFixed(0)} refunds/s`,
});
recordFigure({ figure: 'errors under load', unit: 'errors', measured: errorCount, target: { comparison: '<=', value: 0 } });
recordFigure({ figure: 'notifications lost under load', unit: 'operations', measured: approved.length - landed, target: { comparison: '<=', value: 0 } });
