/**
 * Gateway client costs, each next to a baseline measured in the same run:
 * - signing: signParams (sort + pre-image + SHA-256) vs SHA-256 alone over the same pre-image;
 * - encoding: encodeForm vs URLSearchParams over the same pairs;
 * - preparing a call: validate + sign + encode vs sign + encode alone;
 * - a whole call: client.payment() vs a bare axios POST (keep-alive, same body) to the same
 *   loopback node:http server answering a fixed JSON, sequential and 8 in flight.
 *
 * Run: npx tsx test/bench/gateway.bench.ts   (about 20-30 s)
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import axios from 'axios';
import { encodeForm } from '../../electron/core/gateway/encoding.js';
import { createGatewayClient } from '../../electron/core/gateway/index.js';
import { createGatewaySchemas, type PaymentInput } from '../../electron/core/gateway/schemas.js';
import { signingString, signParams } from '../../electron/core/gateway/signature.js';
import { validateInput } from '../../electron/core/gateway/validation.js';
import { paymentParams } from '../../electron/core/gateway/wire-params.js';
import { cardExpiry } from '../support/dates.js';
import { recordFigure } from './report.js';

const PASSWORD = 'bench-password-0123456789';
const MICRO_MS = 1_500;
const CALLS = 3_000;
const WARMUP_CALLS = 300;
const CONCURRENCY = 8;

const input: PaymentInput = {
  source: 'card',
  card: { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: 'Jane Doe' },
  orderId: 'CMD-2026-000042',
  description: 'Phone order 42: 2 × cups, 1 × saucer',
  clientIdent: 'cust-0042',
  clientEmail: 'jane.doe@example.com',
  clientIp: '203.0.113.7',
  clientUserAgent: 'Comptoir/0.1 (MOTO desk)',
  language: 'FR',
  threeDSecure: false,
  amount: 4_990,
};

const schemas = createGatewaySchemas();
const account = { identifier: 'BENCH-ACCOUNT', version: '2.0' };
const params = paymentParams(account, validateInput('payment', schemas.Payment, input));
const preimage = signingString(params, PASSWORD);
const signed = { ...params, HASH: signParams(params, PASSWORD) };
const flatPairs: Array<[string, string]> = [['method', 'payment']];
for (const [key, value] of Object.entries(signed)) if (typeof value === 'string') flatPairs.push([`params[${key}]`, value]);

let sink = 0;

/** Runs `fn` in a loop for about `ms` and returns operations per second. */
function opsPerSecond(fn: () => unknown, ms = MICRO_MS): number {
  for (let i = 0; i < 2_000; i += 1) fn();
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 500; i += 1) {
      const out = fn();
      sink += typeof out === 'string' ? out.length : 1;
    }
    count += 500;
    elapsed = performance.now() - start;
  }
  return (count / elapsed) * 1000;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const micro = [
  {
    figure: 'signParams (ops/s)',
    measured: opsPerSecond(() => signParams(params, PASSWORD)),
    baselineName: 'sha256 of the same pre-image',
    baseline: opsPerSecond(() => createHash('sha256').update(preimage, 'utf8').digest('hex')),
  },
  {
    figure: 'encodeForm (ops/s)',
    measured: opsPerSecond(() => encodeForm('payment', signed)),
    baselineName: 'URLSearchParams.toString',
    baseline: opsPerSecond(() => new URLSearchParams(flatPairs).toString()),
  },
  {
    figure: 'validate + sign + encode (ops/s)',
    measured: opsPerSecond(() => {
      const p = paymentParams(account, validateInput('payment', schemas.Payment, input));
      return encodeForm('payment', { ...p, HASH: signParams(p, PASSWORD) });
    }),
    baselineName: 'sign + encode only',
    baseline: opsPerSecond(() => encodeForm('payment', { ...params, HASH: signParams(params, PASSWORD) })),
  },
];

const ANSWER = JSON.stringify({ OPERATIONTYPE: 'payment', TRANSACTIONID: 'A189063', EXECCODE: '0000', MESSAGE: 'The transaction has been accepted.' });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(ANSWER) });
    res.end(ANSWER);
  });
});
server.keepAliveTimeout = 30_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const origin = `http://127.0.0.1:${port}`;
const url = `${origin}/front/service/rest/process`;
const body = encodeForm('payment', signed);

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const bare = axios.create({ httpAgent: agent, proxy: false, maxRedirects: 0, adapter: 'http' });
const client = createGatewayClient({ identifier: account.identifier, password: PASSWORD, hosts: { primary: origin } });

async function timeCalls(call: () => Promise<unknown>, calls: number, concurrency: number): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < calls) {
      next += 1;
      await call();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return ((performance.now() - start) * 1000) / calls;
}

const bareCall = () =>
  bare.post(url, body, { headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' }, responseType: 'text' });
const clientCall = async () => {
  const result = await client.payment(input);
  if (result.outcome !== 'answered') throw new Error(`bench call ended ${result.outcome}`);
};

await timeCalls(bareCall, WARMUP_CALLS, 1);
await timeCalls(clientCall, WARMUP_CALLS, 1);
const calls = [];
for (const concurrency of [1, CONCURRENCY]) {
  // Interleaved halves, so drift (GC, CPU frequency) hits both sides alike.
  const bareA = await timeCalls(bareCall, CALLS / 2, concurrency);
  const clientA = await timeCalls(clientCall, CALLS / 2, concurrency);
  const bareB = await timeCalls(bareCall, CALLS / 2, concurrency);
  const clientB = await timeCalls(clientCall, CALLS / 2, concurrency);
  calls.push({ concurrency, bare: (bareA + bareB) / 2, client: (clientA + clientB) / 2 });
}

await client.close();
agent.destroy();
await new Promise<void>((resolve) => server.close(() => resolve()));

console.log('\nGateway client: signing and encoding (single thread, realistic card payment, 17 params)');
console.table(
  micro.map((row) => ({
    figure: row.figure,
    measured: fmt(row.measured),
    baseline: row.baselineName,
    'baseline ops/s': fmt(row.baseline),
    'measured / baseline': fmt(row.measured / row.baseline, 2),
  })),
);
console.log(`Per-call cost over loopback (${CALLS} calls per row, keep-alive, mean wall time per call; with ${CONCURRENCY} in flight it is throughput-bound)`);
console.table(
  calls.map((row) => ({
    'in flight': row.concurrency,
    'client.payment (µs/call)': fmt(row.client, 1),
    'bare axios POST (µs/call)': fmt(row.bare, 1),
    'client / bare': fmt(row.client / row.bare, 2),
    'overhead (µs/call)': fmt(row.client - row.bare, 1),
  })),
);
for (const row of calls) {
  recordFigure({
    figure: `gateway client overhead per payment over loopback, ${row.concurrency} in flight`,
    unit: 'µs/call',
    measured: row.client,
    baseline: { name: 'bare axios POST', value: row.bare },
  });
}
if (sink === -1) console.log(sink);
