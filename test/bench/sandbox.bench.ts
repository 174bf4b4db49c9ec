import { createServer, request, Agent, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { startSandbox } from '../../electron/core/sandbox/index.js';
import { signedForm } from '../support/independent-signer.js';
import { recordFigure } from './report.js';

/**
 * Sandbox throughput over real loopback HTTP, each figure next to a baseline measured in the
 * same run: a bare node:http server answering a constant JSON to the same signed form bodies.
 * Run: npx tsx test/bench/sandbox.bench.ts
 */
const ACCOUNT = { identifier: 'BENCH', password: 'bench-secret' };
const REQUESTS = 3000;
const CONCURRENCY = 8;
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function paymentBody(i: number): string {
  const d = new Date();
  const validity = `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String((d.getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
  return signedForm(
    'payment',
    {
      IDENTIFIER: ACCOUNT.identifier, VERSION: '2.0', OPERATIONTYPE: 'payment', AMOUNT: String(1000 + i), ORDERID: `bench-${i}`,
      CLIENTIDENT: 'c', CLIENTEMAIL: 'c@example.com', CLIENTIP: '192.0.2.1', CLIENTUSERAGENT: 'bench', DESCRIPTION: 'bench',
      CARDCODE: '4111111111111111', CARDVALIDITYDATE: validity, CARDCVV: '123', CARDFULLNAME: 'Bench Mark',
    },
    ACCOUNT.password,
  );
}

async function throughput(url: string, bodies: readonly string[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as string;
        await post(url, body);
      }
    }),
  );
  return bodies.length / ((performance.now() - started) / 1000);
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const bodies = Array.from({ length: REQUESTS }, (_, i) => paymentBody(i));
const constant = JSON.stringify({ OPERATIONTYPE: 'payment', TRANSACTIONID: 'A1', EXECCODE: '0000', MESSAGE: 'The transaction has been accepted.' });
const bare = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(constant);
  });
});
const bareUrl = await listen(bare);
await throughput(bareUrl, bodies.slice(0, 300));
const baseline = await throughput(bareUrl, bodies);

const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('OK'));
});
const receiverUrl = await listen(receiver);

const silent = await startSandbox({ accounts: [ACCOUNT], notifications: { mode: 'never' }, instalmentTickMs: 0 });
await throughput(silent.endpoints().process, bodies.slice(0, 300));
const sandboxSilent = await throughput(silent.endpoints().process, bodies);

const notifying = await startSandbox({ accounts: [{ ...ACCOUNT, notificationUrl: `${receiverUrl}/n` }], instalmentTickMs: 0 });
const sandboxNotifying = await throughput(notifying.endpoints().process, bodies);
const settleStart = performance.now();
await notifying.settled();
const settleMs = performance.now() - settleStart;
const delivered = notifying.ledger.notifications().filter((n) => n.state === 'delivered').length;

// Export build (rows, CSV, gzip, outbox) against JSON + gzip of the same ledger records.
const outboxStart = performance.now();
const exportAnswer = JSON.parse(
  await post(
    notifying.endpoints().export,
    signedForm('exportTransactions', { IDENTIFIER: ACCOUNT.identifier, VERSION: '2.0', OPERATIONTYPE: 'exportTransactions', DATE: new Date().toISOString().slice(0, 7), MAILTO: 'a@example.com', COMPRESSION: 'GZIP' }, ACCOUNT.password),
  ),
) as { EXECCODE: string };
await notifying.settled();
const exportMs = performance.now() - outboxStart;
const record = notifying.ledger.exports()[0];
const csvSize = record === undefined ? 0 : (notifying.ledger.exportContent(record.id)?.length ?? 0);
const gzipStart = performance.now();
gzipSync(JSON.stringify(notifying.ledger.transactions()));
const gzipMs = performance.now() - gzipStart;

await silent.close();
await notifying.close();
bare.close();
receiver.close();
agent.destroy();

const rows: Array<[string, string, string, string]> = [
  ['payment, notifications off (req/s)', sandboxSilent.toFixed(0), baseline.toFixed(0), (sandboxSilent / baseline).toFixed(2)],
  ['payment + notification (req/s)', sandboxNotifying.toFixed(0), baseline.toFixed(0), (sandboxNotifying / baseline).toFixed(2)],
  [`exportTransactions ${record?.rowCount ?? 0} rows, gzip (ms)`, exportMs.toFixed(1), gzipMs.toFixed(1), (exportMs / Math.max(gzipMs, 0.01)).toFixed(1)],
];
console.log(`Sandbox bench: ${REQUESTS} requests, concurrency ${CONCURRENCY}; baseline = bare node:http JSON server / JSON.stringify + gzip of the same ledger records`);
console.log(`${'measure'.padEnd(44)}${'sandbox'.padStart(10)}${'baseline'.padStart(10)}${'ratio'.padStart(8)}`);
for (const [name, value, base, ratio] of rows) console.log(`${name.padEnd(44)}${value.padStart(10)}${base.padStart(10)}${ratio.padStart(8)}`);
recordFigure({
  figure: 'sandbox payments with notifications',
  unit: 'req/s',
  measured: sandboxNotifying,
  baseline: { name: 'bare node:http JSON server', value: baseline },
});
console.log(`notifications delivered: ${delivered}/${REQUESTS}, drained ${settleMs.toFixed(0)} ms after the last answer; export answer ${exportAnswer.EXECCODE}, file ${csvSize} bytes`);
