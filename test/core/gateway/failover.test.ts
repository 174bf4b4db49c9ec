import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayClient, type GatewayCallResult, type GatewayClient } from '../../../electron/core/gateway/index.js';
import { refusedUrl, startFaultServer, startRawTcpServer, type FaultAction, type FaultServer, type RawTcpServer } from '../../support/fault-server.js';
import { card, cardAuthorization, cardPayment, clock, customer, PASSWORD } from './fixtures.js';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './self-signed-cert.js';

/**
 * Failover against real loopback servers with injected faults. Every test counts the
 * requests that reached each host: the secondary may be used only when the primary certainly
 * did not process the request, and nothing may ever be sent twice.
 */
/** Short where a timeout must fire; generous where none is expected, so a busy machine can't flake. */
const TIMEOUT_MS = 300;
interface Timeouts {
  readonly connectMs: number;
  readonly totalMs: number;
}
const RELAXED: Timeouts = { connectMs: 2_000, totalMs: 3_000 };
const EXPECT_TIMEOUT: Timeouts = { connectMs: 2_000, totalMs: TIMEOUT_MS };
const EXPECT_CONNECT_TIMEOUT: Timeouts = { connectMs: 150, totalMs: 3_000 };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function server(initial?: FaultAction): Promise<FaultServer> {
  const started = await startFaultServer(initial);
  cleanups.push(() => started.close());
  return started;
}

async function rawTcp(onConnection: Parameters<typeof startRawTcpServer>[0]): Promise<RawTcpServer> {
  const started = await startRawTcpServer(onConnection);
  cleanups.push(() => started.close());
  return started;
}

function client(primary: string, secondary?: string, timeouts: Timeouts = RELAXED): GatewayClient {
  const created = createGatewayClient(
    { identifier: 'COMPTOIR-MOTO', password: PASSWORD, hosts: secondary ? { primary, secondary } : { primary } },
    { now: clock, timeouts },
  );
  cleanups.push(() => created.close());
  return created;
}

const json = (body: Record<string, string>, status = 200): FaultAction => ({ kind: 'json', status, body });
const exec = (code: string): FaultAction => json({ OPERATIONTYPE: 'payment', EXECCODE: code, MESSAGE: `error ${code}`, TRANSACTIONID: 'A9' });

/** Gives a wrongly-resent request time to arrive before the counts are read. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

describe('fails over only when the primary certainly did not process the request', () => {
  it('connection refused on the primary: 0 requests there, 1 on the secondary', async () => {
    const secondary = await server();
    const result = await client(await refusedUrl(), secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
    expect(result.trail[0]).toMatchObject({ host: 'primary', result: 'not_sent', cause: 'refused', detail: 'ECONNREFUSED' });
    expect(secondary.count()).toBe(1);
  });

  it('HTTP 5xx on the primary: 1 request on each host', async () => {
    const primary = await server({ kind: 'text', status: 503, body: '<html>Service Unavailable</html>' });
    const secondary = await server();
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
    expect(result.trail[0]).toMatchObject({ result: 'server_error', status: 503 });
    await settle();
    expect([primary.count(), secondary.count()]).toEqual([1, 1]);
  });

  it.each(['5001', '5003'])('EXECCODE %s on the primary: 1 request on each host', async (code) => {
    const primary = await server(exec(code));
    const secondary = await server();
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
    expect(result.trail[0]).toMatchObject({ result: 'exec_failover', execCode: code });
    expect(result.outcome === 'answered' && result.response.execCode).toBe('0000');
    await settle();
    expect([primary.count(), secondary.count()]).toEqual([1, 1]);
  });

  it('EXECCODE 5001 on the last host is returned as the answer, never a third try', async () => {
    const primary = await server(exec('5001'));
    const secondary = await server(exec('5003'));
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
    if (result.outcome !== 'answered') throw new Error('expected answered');
    expect(result.response.execCode).toBe('5003');
    expect(result.description).toMatchObject({ category: 'gateway_error_retryable', retry: 'backup_url' });
    await settle();
    expect([primary.count(), secondary.count()]).toEqual([1, 1]);
  });

  it('5xx on both hosts: a retryable failure after exactly one request each', async () => {
    const primary = await server({ kind: 'text', status: 500, body: 'oops' });
    const secondary = await server({ kind: 'text', status: 502, body: 'bad gateway' });
    const result = await client(primary.url, secondary.url).capture({ transactionId: 'A1', orderId: 'O1', description: 'd' });
    expect(result).toMatchObject({ outcome: 'failed', code: 'GATEWAY_SERVER_ERROR', retryable: true, status: 502, attempts: 2 });
    await settle();
    expect([primary.count(), secondary.count()]).toEqual([1, 1]);
  });

  it('refused on both hosts: GATEWAY_UNREACHABLE, retryable, nothing sent anywhere', async () => {
    const result = await client(await refusedUrl(), await refusedUrl()).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'failed', code: 'GATEWAY_UNREACHABLE', retryable: true, attempts: 2 });
  });

  it('DNS failure on the primary (ENOTFOUND for a .invalid name) fails over', async () => {
    const secondary = await server();
    const result = await client('https://gateway.comptoir-test.invalid', secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
    // NXDOMAIN is the norm for .invalid; a resolver that never answers ends in the connect
    // timeout instead. Either way nothing left the machine.
    expect(result.trail[0]).toMatchObject({ result: 'not_sent', cause: expect.stringMatching(/^(dns|connect_timeout)$/) });
    expect(secondary.count()).toBe(1);
  });

  it('TLS handshake failure (plain text answered to a ClientHello) fails over', async () => {
    const notTls = await rawTcp((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const secondary = await server();
    const result = await client(`https://127.0.0.1:${notTls.port}`, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
    expect(result.trail[0]).toMatchObject({ result: 'not_sent', cause: 'tls' });
    expect(notTls.connections()).toBe(1);
    expect(secondary.count()).toBe(1);
  });

  it('an untrusted certificate is refused (TLS verification is always on) and fails over', async () => {
    let requests = 0;
    const tlsServer = https.createServer({ key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT }, (_req, res) => {
      requests += 1;
      res.end('{"EXECCODE":"0000","MESSAGE":"should never be reached"}');
    });
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          tlsServer.closeAllConnections();
          tlsServer.close(() => resolve());
        }),
    );
    const secondary = await server();
    const { port } = tlsServer.address() as AddressInfo;
    const result = await client(`https://127.0.0.1:${port}`, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
    expect(result.trail[0]).toMatchObject({ result: 'not_sent', cause: 'tls' });
    expect(requests).toBe(0);
    expect(secondary.count()).toBe(1);
  });

  it('a TLS handshake that never completes ends with the connect timeout and fails over', async () => {
    const silent = await rawTcp(() => undefined);
    const secondary = await server();
    const result = await client(`https://127.0.0.1:${silent.port}`, secondary.url, EXPECT_CONNECT_TIMEOUT).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
    expect(result.trail[0]).toMatchObject({ result: 'not_sent', cause: 'connect_timeout' });
  });
});

describe('never resends once the request may have been received', () => {
  async function moneyCall(primary: FaultServer, secondary: FaultServer, timeouts: Timeouts = RELAXED): Promise<GatewayCallResult> {
    return client(primary.url, secondary.url, timeouts).payment(cardPayment());
  }

  async function expectUnknown(action: FaultAction, reason: string): Promise<void> {
    const primary = await server(action);
    const secondary = await server();
    const result = await moneyCall(primary, secondary, reason === 'timeout' ? EXPECT_TIMEOUT : RELAXED);
    expect(result).toMatchObject({ outcome: 'unknown', code: 'GATEWAY_OUTCOME_UNKNOWN', reason, host: 'primary', attempts: 1 });
    await settle();
    expect([primary.count(), secondary.count()]).toEqual([1, 0]);
  }

  it('timeout after the server processed the payment: unknown, no second request anywhere', async () => {
    await expectUnknown({ kind: 'hang' }, 'timeout');
  });

  it('reset in the middle of the response: unknown', async () => {
    await expectUnknown({ kind: 'reset_mid_response', partialBody: '{"EXECCODE":"00' }, 'truncated_response');
  });

  it('connection reset right after the request was written (ECONNRESET): unknown', async () => {
    await expectUnknown({ kind: 'reset' }, 'connection_lost');
  });

  it('socket hang up without an answer: unknown', async () => {
    await expectUnknown({ kind: 'hangup' }, 'connection_lost');
  });

  it('body shorter than its Content-Length: unknown', async () => {
    await expectUnknown({ kind: 'truncated', body: '{"EXECCODE":"0000"', declaredLength: 500 }, 'truncated_response');
  });

  it('non-JSON body on HTTP 200: unknown (the gateway may have processed it)', async () => {
    await expectUnknown({ kind: 'text', body: '<html>Proxy error</html>' }, 'unreadable_response');
  });

  it('JSON without an EXECCODE: unknown', async () => {
    await expectUnknown(json({ MESSAGE: 'hello' }), 'unreadable_response');
  });

  it('slow body exceeding the total timeout: unknown', async () => {
    await expectUnknown(
      { kind: 'slow_body', chunks: ['{"EXEC', 'CODE":', '"0000"', ',"MES', 'SAGE":', '"ok"}'], intervalMs: 100 },
      'timeout',
    );
  });

  it.each([
    ['authorization', (c: GatewayClient) => c.authorization(cardAuthorization())],
    ['capture', (c: GatewayClient) => c.capture({ transactionId: 'A1', orderId: 'O1', description: 'd' })],
    ['refund', (c: GatewayClient) => c.refund({ transactionId: 'A1', orderId: 'O1', description: 'd', amount: 5 })],
    ['void', (c: GatewayClient) => c.void({ transactionId: 'A1', orderId: 'O1', description: 'd' })],
    ['credit', (c: GatewayClient) => c.credit({ card, ...customer, amount: 100 })],
  ])('%s is money-moving: a timeout makes it unknown', async (_name, run) => {
    const primary = await server({ kind: 'hang' });
    const secondary = await server();
    const result = await run(client(primary.url, secondary.url, EXPECT_TIMEOUT));
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'timeout' });
    await settle();
    expect([primary.count(), secondary.count()]).toEqual([1, 0]);
  });

  it('EXECCODE 5004: pending, wait for the notification, no second request', async () => {
    const primary = await server(exec('5004'));
    const secondary = await server();
    const result = await moneyCall(primary, secondary);
    expect(result).toMatchObject({ outcome: 'pending', code: 'GATEWAY_PENDING_NOTIFICATION', attempts: 1 });
    if (result.outcome !== 'pending') throw new Error('expected pending');
    expect(result.description.retry).toBe('wait_notification');
    await settle();
    expect([primary.count(), secondary.count()]).toEqual([1, 0]);
  });

  it('an HTTP 404 is a final failure on that host, without failover', async () => {
    const primary = await server({ kind: 'text', status: 404, body: 'Not Found' });
    const secondary = await server();
    const result = await moneyCall(primary, secondary);
    expect(result).toMatchObject({ outcome: 'failed', code: 'GATEWAY_HTTP_STATUS', retryable: false, status: 404 });
    expect([primary.count(), secondary.count()]).toEqual([1, 0]);
  });
});

describe('read-only calls report the same ends as retryable failures, still without resending', () => {
  const lookup = (c: GatewayClient) => c.getTransactions({ orderIds: ['CMD-42'] });
  const exportCall = (c: GatewayClient) => c.exportTransactions({ date: '2026-02', mailTo: 'ops@example.com' });

  it.each([
    ['timeout', 'GATEWAY_TIMEOUT', { kind: 'hang' } as FaultAction, lookup],
    ['reset', 'GATEWAY_CONNECTION_LOST', { kind: 'reset' } as FaultAction, lookup],
    ['non-JSON', 'GATEWAY_BAD_RESPONSE', { kind: 'text', body: 'not json' } as FaultAction, exportCall],
    ['truncated', 'GATEWAY_CONNECTION_LOST', { kind: 'truncated', body: '{', declaredLength: 10 } as FaultAction, exportCall],
  ])('%s -> %s', async (_name, code, action, run) => {
    const primary = await server(action);
    const secondary = await server();
    const result = await run(client(primary.url, secondary.url, code === 'GATEWAY_TIMEOUT' ? EXPECT_TIMEOUT : RELAXED));
    expect(result).toMatchObject({ outcome: 'failed', code, retryable: true, attempts: 1 });
    await settle();
    expect([primary.count(), secondary.count()]).toEqual([1, 0]);
  });
});
