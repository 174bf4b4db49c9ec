/**
 * Notification intake over loopback: the real listener (HASH check, strict parsing, Inbox
 * correlation into an in-memory store, health counters) against a bare node:http server that
 * reads the body and answers OK, both driven by the same keep-alive load generator running
 * in a worker thread (32 connections, closed loop, fixed duration).
 *
 * Targets (issue 6): >= 3,000 verified notifications/s and p99 < 10 ms on two cores.
 * The lead adds a journal-backed row (SQLite sink) once the journal is wired in.
 *
 * Run: npx tsx test/bench/notifications.bench.ts
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { signParams } from '../../electron/core/gateway/signature.js';
import { NotificationHealth } from '../../electron/core/notifications/health.js';
import { Inbox } from '../../electron/core/notifications/inbox.js';
import { startNotificationListener } from '../../electron/core/notifications/listener.js';
import { MemoryOperationStore } from '../../electron/core/notifications/memory-operation-store.js';

const CONNECTIONS = 32;
const WARMUP_MS = 1_000;
const DURATION_MS = 5_000;
const REQUESTS = 150_000;
const IDENTIFIER = 'BENCH-ACCOUNT';
const PASSWORD = 'bench-password-0123456789';

/**
 * Plain JavaScript, so the worker needs no TypeScript loader. Each connection sends one
 * request, waits for the whole response, records the latency, and sends the next.
 */
const LOAD_GENERATOR = `
const net = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const { port, connections, warmupMs, durationMs, data, offsets } = workerData;
const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
const count = offsets.length - 1;
let next = 0;
let measuring = false;
let stopped = false;
let completed = 0;
let failed = 0;
const latencies = [];
function request() {
  const i = next++ % count;
  return bytes.subarray(offsets[i], offsets[i + 1]);
}
function connection() {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    let buffer = Buffer.alloc(0);
    let sentAt = 0n;
    const send = () => {
      if (stopped) { socket.destroy(); resolve(); return; }
      sentAt = process.hrtime.bigint();
      socket.write(request());
    };
    socket.on('connect', send);
    socket.on('error', () => { failed++; resolve(); });
    socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        const end = buffer.indexOf('\\r\\n\\r\\n');
        if (end < 0) return;
        const head = buffer.toString('latin1', 0, end);
        const length = Number(/content-length: *(\\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const ok = head.startsWith('HTTP/1.1 200') && buffer.toString('latin1', end + 4, end + 4 + length) === 'OK';
        buffer = buffer.subarray(end + 4 + length);
        if (measuring) {
          if (ok) { completed++; latencies.push(Number(process.hrtime.bigint() - sentAt) / 1e6); } else failed++;
        }
        send();
      }
    });
  });
}
const all = Array.from({ length: connections }, connection);
setTimeout(() => {
  measuring = true;
  const started = process.hrtime.bigint();
  setTimeout(() => {
    measuring = false;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    stopped = true;
    Promise.all(all).then(() => parentPort.postMessage({ completed, failed, seconds, latencies: Float64Array.from(latencies) }));
  }, durationMs);
}, warmupMs);
`;

interface RunResult {
  completed: number;
  failed: number;
  seconds: number;
  latencies: Float64Array;
}

function runLoad(port: number, data: Buffer, offsets: Uint32Array): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_GENERATOR, {
      eval: true,
      workerData: { port, connections: CONNECTIONS, warmupMs: WARMUP_MS, durationMs: DURATION_MS, data, offsets },
    });
    worker.once('message', (result: RunResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function buildRequests(): { data: Buffer; offsets: Uint32Array } {
  const parts: Buffer[] = [];
  const offsets = new Uint32Array(REQUESTS + 1);
  let at = 0;
  for (let i = 0; i < REQUESTS; i += 1) {
    const fields: Record<string, string> = {
      IDENTIFIER,
      OPERATIONTYPE: 'payment',
      EXECCODE: '0000',
      MESSAGE: 'The transaction has been accepted.',
      TRANSACTIONID: `B${i}`,
      ORDERID: `BO-${i}`,
      AMOUNT: String(1000 + (i % 5000)),
      CURRENCY: 'EUR',
      CLIENTIDENT: `client-${i % 997}`,
      CLIENTEMAIL: 'customer@example.com',
      CARDCODE: 'XXXXXXXXXXXX4242',
      CARDTYPE: 'VISA',
      DESCRIPTOR: 'COMPTOIR',
      VERSION: '2.0',
    };
    const body = new URLSearchParams({ ...fields, HASH: signParams(fields, PASSWORD) }).toString();
    const request = Buffer.from(
      `POST /dalenys/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    parts.push(request);
    offsets[i] = at;
    at += request.length;
  }
  offsets[REQUESTS] = at;
  return { data: Buffer.concat(parts), offsets };
}

interface Row {
  name: string;
  result: RunResult;
  note: string;
}

function summarise(row: Row) {
  const sorted = Float64Array.from(row.result.latencies).sort();
  return {
    name: row.name,
    perSecond: row.result.completed / row.result.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failed: row.result.failed,
    note: row.note,
  };
}

const { data, offsets } = buildRequests();

const bare = http.createServer({ keepAliveTimeout: 5_000, noDelay: true }, (req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 2 });
    res.end('OK');
  });
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareResult = await runLoad((bare.address() as AddressInfo).port, data, offsets);
await new Promise((resolve) => bare.close(resolve));

const store = new MemoryOperationStore();
for (let i = 0; i < REQUESTS; i += 1) {
  store.addOperation({ id: `op-${i}`, accountId: 'bench', identifier: IDENTIFIER, operationType: 'payment', orderId: `BO-${i}` });
  store.answer(`op-${i}`, '0000', `B${i}`);
}
const health = new NotificationHealth({ countAwaiting: () => store.countAwaiting() });
health.subscribe(() => undefined);
const listener = await startNotificationListener({
  secrets: { passwordFor: (id) => (id === IDENTIFIER ? PASSWORD : undefined) },
  sink: new Inbox(store),
  health,
});
const listenerResult = await runLoad(listener.port, data, offsets);
await listener.close();
let applied = 0;
for (const op of store.operations.values()) applied += op.notifications.length;
const snapshot = await health.flush();

const base = summarise({ name: 'bare node:http, reads body, answers OK', result: bareResult, note: 'baseline' });
const real = summarise({
  name: 'listener + Inbox (in-memory store)',
  result: listenerResult,
  note: `${applied} applied, ${snapshot.duplicates} duplicates`,
});

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log(`\nNotification intake over loopback: ${CONNECTIONS} keep-alive connections, ${DURATION_MS / 1000} s per row after ${WARMUP_MS / 1000} s warm-up`);
console.table(
  [base, real].map((r) => ({
    server: r.name,
    'req/s': fmt(r.perSecond),
    'vs baseline': `${(r.perSecond / base.perSecond).toFixed(2)}x`,
    'p50 ms': fmt(r.p50, 2),
    'p99 ms': fmt(r.p99, 2),
    'p99 vs baseline': `${(r.p99 / base.p99).toFixed(2)}x`,
    failed: r.failed,
    note: r.note,
  })),
);
console.log(
  `Targets: >= 3,000 verified/s -> ${real.perSecond >= 3_000 ? 'met' : 'MISSED'} (${fmt(real.perSecond)}/s); ` +
    `p99 < 10 ms -> ${real.p99 < 10 ? 'met' : 'MISSED'} (${fmt(real.p99, 2)} ms).`,
);
console.log('A journal-backed row (SQLite sink) is to be added by the lead once the journal is wired in.\n');
