import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGatewayClient, type GatewayCallResult, type GatewayClient } from '../../../electron/core/gateway/index.js';
import { GatewayTransport } from '../../../electron/core/gateway/transport.js';
import {
  acceptedAnswer,
  refusedUrl,
  startFaultServer,
  startRawTcpServer,
  type CapturedRequest,
  type FaultAction,
  type FaultHandler,
  type FaultServer,
  type RawTcpServer,
} from '../../support/fault-server.js';
import { GATEWAY_ERRORS } from '../../../shared/errors/gateway.js';
import { independentHash } from '../../support/independent-signer.js';
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

async function server(initial?: FaultAction | FaultHandler): Promise<FaultServer> {
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

const json = (body: Record<string, unknown>, status = 200): FaultAction => ({ kind: 'json', status, body });
const exec = (code: string): FaultAction => json({ OPERATIONTYPE: 'payment', EXECCODE: code, MESSAGE: `error ${code}`, TRANSACTIONID: 'A9' });
const page = (status: number, body = '<html>error</html>'): FaultAction => ({ kind: 'text', status, body });
/** A synchronous getTransactions answer (fact sheet section 4: EXECCODE "0" in rows). */
const rows = (...data: Array<Record<string, string>>): FaultAction => json({ OPERATIONTYPE: 'getTransactions', EXECCODE: '0000', MESSAGE: 'ok', DATA: data });
const NOTHING = rows();
const APPROVED_ROW = {
  TRANSACTIONID: 'A777',
  ORDERID: 'CMD-42',
  OPERATIONTYPE: 'payment',
  EXECCODE: '0',
  MESSAGE: 'ok',
  AMOUNT: '19.99',
  DATE: '2026-03-15 10:00:01',
};

/** Answers the state-changing call with `call` and getTransactions with `lookup`. */
function gateway(call: FaultAction | ((request: CapturedRequest) => FaultAction), lookup: FaultAction): FaultHandler {
  return (request) => (request.method === 'getTransactions' ? lookup : typeof call === 'function' ? call(request) : call);
}

const sent = (host: FaultServer, method: string): number => host.requests.filter((request) => request.method === method).length;

/**
 * The requests this file's clients started, and those not finished yet (answered, failed or
 * aborted), seen at the transport, the only way a request leaves a client. A call awaits each
 * attempt before the next and records each in its trail: once it has resolved, every request
 * it started is finished and in the trail, so a request the servers have not counted yet
 * cannot exist, and their counts read then are final, with no wait for a late one.
 */
const requests = { started: 0, open: 0 };
const realPost = GatewayTransport.prototype.post;
beforeAll(() => {
  vi.spyOn(GatewayTransport.prototype, 'post').mockImplementation(async function (this: GatewayTransport, url: string, body: string) {
    requests.started += 1;
    requests.open += 1;
    try {
      return await realPost.call(this, url, body);
    } finally {
      requests.open -= 1;
    }
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});
beforeEach(() => {
  requests.started = 0;
});

/** The test's one call is over: nothing of it still in flight, each request it made in its trail. */
function expectFinished(result: GatewayCallResult): void {
  expect(requests.open).toBe(0);
  expect(requests.started).toBe(result.attempts);
}

describe('fails over at once only when the primary certainly did not process the request', () => {
  it('connection refused on the primary: 0 requests there, 1 on the secondary', async () => {
    const secondary = await server();
    const result = await client(await refusedUrl(), secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
    expect(result.trail[0]).toMatchObject({ host: 'primary', result: 'not_sent', cause: 'refused', detail: 'ECONNREFUSED' });
    expect(secondary.count()).toBe(1);
  });

  it.each(['5001', '5003'])('EXECCODE %s on the primary: 1 request on each host', async (code) => {
    const primary = await server(exec(code));
    const secondary = await server();
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
    expect(result.trail[0]).toMatchObject({ result: 'exec_failover', execCode: code });
    expect(result.outcome === 'answered' && result.response.execCode).toBe('0000');
    expectFinished(result);
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
    expectFinished(result);
    expect([primary.count(), secondary.count()]).toEqual([1, 1]);
  });

  it('refused on both hosts: GATEWAY_UNREACHABLE (its words say nothing was sent), the only failed end of a payment', async () => {
    const result = await client(await refusedUrl(), await refusedUrl()).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'failed', code: 'GATEWAY_UNREACHABLE', retryable: true, attempts: 2 });
    expect(result.trail.map((attempt) => attempt.result)).toEqual(['not_sent', 'not_sent']);
    expect(GATEWAY_ERRORS.GATEWAY_UNREACHABLE.en).toContain('Nothing was sent');
    expect(GATEWAY_ERRORS.GATEWAY_UNREACHABLE.fr).toContain('Rien n’a été envoyé');
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

/** Every answer that does not prove the primary did nothing (DESIGN.md section 3, issue 13 items 1 and 8). */
interface Doubt {
  readonly name: string;
  readonly doubt: FaultAction;
  readonly reason: string;
  readonly timeouts?: Timeouts;
}

const DOUBTS: readonly Doubt[] = [
  { name: 'HTTP 502 from a proxy', doubt: page(502, '<html>Bad Gateway</html>'), reason: 'server_error' },
  { name: 'HTTP 503', doubt: page(503, '<html>Service Unavailable</html>'), reason: 'server_error' },
  { name: 'HTTP 504', doubt: page(504, '<html>Gateway Timeout</html>'), reason: 'server_error' },
  { name: 'HTTP 404', doubt: page(404, 'Not Found'), reason: 'http_status' },
  {
    name: 'HTTP 201 with a valid JSON answer',
    doubt: json({ OPERATIONTYPE: 'payment', EXECCODE: '0000', MESSAGE: 'ok', TRANSACTIONID: 'A1' }, 201),
    reason: 'http_status',
  },
  { name: 'a timeout after the request was sent', doubt: { kind: 'hang' }, reason: 'timeout', timeouts: EXPECT_TIMEOUT },
  {
    name: 'a slow body past the total timeout',
    doubt: { kind: 'slow_body', chunks: ['{"EXEC', 'CODE":', '"0000"', ',"MES', 'SAGE":', '"ok"}'], intervalMs: 100 },
    reason: 'timeout',
    timeouts: EXPECT_TIMEOUT,
  },
  { name: 'a reset right after the request was written', doubt: { kind: 'reset' }, reason: 'connection_lost' },
  { name: 'a hang-up without an answer', doubt: { kind: 'hangup' }, reason: 'connection_lost' },
  { name: 'a reset in the middle of the answer', doubt: { kind: 'reset_mid_response', partialBody: '{"EXECCODE":"00' }, reason: 'truncated_response' },
  {
    name: 'a body shorter than its Content-Length',
    doubt: { kind: 'truncated', body: '{"EXECCODE":"0000"', declaredLength: 500 },
    reason: 'truncated_response',
  },
  { name: 'a non-JSON body on HTTP 200', doubt: page(200, '<html>Proxy error</html>'), reason: 'unreadable_response' },
  { name: 'JSON without an EXECCODE', doubt: json({ MESSAGE: 'hello' }), reason: 'unreadable_response' },
  { name: 'a numeric EXECCODE', doubt: json({ OPERATIONTYPE: 'payment', EXECCODE: 0, MESSAGE: 'ok' }), reason: 'unreadable_response' },
  { name: 'a short EXECCODE ("0")', doubt: json({ OPERATIONTYPE: 'payment', EXECCODE: '0', MESSAGE: 'ok' }), reason: 'unreadable_response' },
  // An answer about another operation, however well formed, does not answer this payment.
  {
    name: 'an answer with OPERATIONTYPE refund',
    doubt: json({ OPERATIONTYPE: 'refund', EXECCODE: '0000', MESSAGE: 'ok', TRANSACTIONID: 'A9' }),
    reason: 'unreadable_response',
  },
];

describe('a doubtful answer to a payment is looked up by ORDERID before anything else', () => {
  it.each(DOUBTS)('$name, then the lookup finds the payment: its row is the outcome, nothing is sent again', async ({ doubt, reason, timeouts }) => {
    const primary = await server(gateway(doubt, rows(APPROVED_ROW)));
    const secondary = await server();
    const result = await client(primary.url, secondary.url, timeouts).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'looked_up', reason, host: 'primary', attempts: 2 });
    if (result.outcome !== 'looked_up') throw new Error('expected looked_up');
    expect(result.row).toMatchObject({ transactionId: 'A777', execCode: '0000', orderId: 'CMD-42' });
    expect(result.description.category).toBe('approved');
    expect(result.trail.map((attempt) => attempt.result).at(-1)).toBe('lookup_found');
    expectFinished(result);
    expect([sent(primary, 'payment'), sent(primary, 'getTransactions'), secondary.count()]).toEqual([1, 1, 0]);
  });

  it.each(DOUBTS)('$name, then the lookup proves nothing was recorded: the secondary charges once', async ({ doubt, timeouts }) => {
    const primary = await server(gateway(doubt, NOTHING));
    const secondary = await server();
    const result = await client(primary.url, secondary.url, timeouts).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 3 });
    expect(result.trail.map((attempt) => attempt.result).slice(1)).toEqual(['lookup_not_found', 'answered']);
    expectFinished(result);
    expect([sent(primary, 'payment'), sent(primary, 'getTransactions'), sent(secondary, 'payment')]).toEqual([1, 1, 1]);
  });

  it.each(DOUBTS)('$name, then the lookup fails on both hosts: unknown, and no second payment anywhere', async ({ doubt, reason, timeouts }) => {
    const primary = await server(gateway(doubt, page(503)));
    const secondary = await server(gateway(acceptedAnswer, page(500)));
    const result = await client(primary.url, secondary.url, timeouts).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'unknown', code: 'GATEWAY_OUTCOME_UNKNOWN', reason, lookup: 'failed', attempts: 3 });
    expectFinished(result);
    expect([sent(primary, 'payment'), sent(primary, 'getTransactions'), sent(secondary, 'getTransactions'), sent(secondary, 'payment')]).toEqual([1, 1, 1, 0]);
  });

  it('reads OPERATIONTYPE in any case (fact sheet Q13), and calls an answer naming another operation what it is', async () => {
    const upper = await server(json({ OPERATIONTYPE: 'PAYMENT', EXECCODE: '0000', MESSAGE: 'ok', TRANSACTIONID: 'A1' }));
    expect(await client(upper.url).payment(cardPayment())).toMatchObject({ outcome: 'answered', response: { execCode: '0000', transactionId: 'A1' } });

    const confused = await server(gateway(json({ OPERATIONTYPE: 'Refund', EXECCODE: '0000', MESSAGE: 'ok', TRANSACTIONID: 'A9' }), NOTHING));
    const result = await client(confused.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'unreadable_response', lookup: 'not_found' });
    expect(result.trail[0]).toMatchObject({ result: 'bad_body', status: 200, cause: 'other_operation' });
    expect([sent(confused, 'payment'), sent(confused, 'getTransactions')]).toEqual([1, 1]);
  });

  it('a lookup answered as another operation is no lookup: the other host is asked, nothing is charged twice', async () => {
    const primary = await server(gateway(page(502), json({ OPERATIONTYPE: 'payment', EXECCODE: '0000', MESSAGE: 'ok', DATA: [] })));
    const secondary = await server(gateway(acceptedAnswer, rows(APPROVED_ROW)));
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'looked_up', row: { transactionId: 'A777' } });
    expect(result.trail.map((attempt) => [attempt.host, attempt.result, attempt.cause])).toEqual([
      ['primary', 'server_error', undefined],
      ['primary', 'lookup_failed', 'other_operation'],
      ['secondary', 'lookup_found', undefined],
    ]);
    expect(sent(secondary, 'payment')).toBe(0);
  });

  it('asks the lookup as a getTransactions by the request’s ORDERID, signed by the account, on the export path', async () => {
    const primary = await server(gateway(page(502), rows(APPROVED_ROW)));
    await client(primary.url).payment(cardPayment());
    const lookup = primary.requests.find((request) => request.method === 'getTransactions') as CapturedRequest;
    expect(lookup.path).toBe('/front/service/rest/export');
    expect(lookup.params).toMatchObject({ IDENTIFIER: 'COMPTOIR-MOTO', OPERATIONTYPE: 'getTransactions', ORDERID: 'CMD-42' });
    expect(lookup.params.HASH).toBe(independentHash(lookup.params, PASSWORD));
    expect(Object.keys(lookup.params).sort()).toEqual(['HASH', 'IDENTIFIER', 'OPERATIONTYPE', 'ORDERID', 'VERSION']);
  });

  it('a declined row found by the lookup is the outcome (declined), not a reason to try elsewhere', async () => {
    const primary = await server(gateway(page(502), rows({ ...APPROVED_ROW, EXECCODE: '4001', MESSAGE: 'declined' })));
    const secondary = await server();
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'looked_up', row: { execCode: '4001' }, description: { category: 'declined' } });
    expectFinished(result);
    expect(secondary.count()).toBe(0);
  });

  it('takes the latest row of this ORDERID and OPERATIONTYPE, ignoring other ORDERIDs', async () => {
    const primary = await server(
      gateway(
        page(502),
        rows(
          { ...APPROVED_ROW, TRANSACTIONID: 'A1', EXECCODE: '4001', DATE: '2026-03-15 09:59:00' },
          { ...APPROVED_ROW, TRANSACTIONID: 'A2', DATE: '2026-03-15 10:00:05' },
          { ...APPROVED_ROW, TRANSACTIONID: 'A3', ORDERID: 'CMD-420', DATE: '2026-03-15 10:09:00' },
        ),
      ),
    );
    const result = await client(primary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'looked_up', row: { transactionId: 'A2', execCode: '0000' } });
  });

  it('a row with this ORDERID but another OPERATIONTYPE proves nothing either way: unknown, nothing resent', async () => {
    const primary = await server(gateway(page(502), rows({ ...APPROVED_ROW, OPERATIONTYPE: 'refund' })));
    const secondary = await server();
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'server_error', lookup: 'unusable' });
    expectFinished(result);
    expect(secondary.count()).toBe(0);
  });

  // A getTransactions by one ORDERID is answered with rows of that ORDERID, or none. Rows about
  // something else (a hostile or broken gateway, a proxy's cache) answer another question:
  // their silence about our ORDERID proves nothing, and the secondary must not charge again.
  it.each([
    ['rows of another ORDERID only', rows({ ...APPROVED_ROW, ORDERID: 'CMD-41' })],
    ['a row without ORDERID', rows({ TRANSACTIONID: 'A777', OPERATIONTYPE: 'payment', EXECCODE: '0', AMOUNT: '19.99' })],
    ['a DATA list of something else than rows', json({ OPERATIONTYPE: 'getTransactions', EXECCODE: '0000', MESSAGE: 'ok', DATA: [null, 'CMD-42'] })],
  ])('a lookup answered with %s is no proof of absence: unknown, nothing sent to the secondary', async (_name, lookup) => {
    const primary = await server(gateway(page(502), lookup));
    const secondary = await server(gateway(acceptedAnswer, lookup));
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'server_error', lookup: 'failed' });
    expectFinished(result);
    expect([sent(primary, 'payment'), sent(secondary, 'payment')]).toEqual([1, 0]);
  });

  it('a lookup the primary cannot answer is asked on the secondary, whose "not found" then allows the payment there', async () => {
    const primary = await server(gateway(page(502), page(503)));
    const secondary = await server(gateway(acceptedAnswer, NOTHING));
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary' });
    expect(result.trail.map((attempt) => [attempt.host, attempt.result])).toEqual([
      ['primary', 'server_error'],
      ['primary', 'lookup_failed'],
      ['secondary', 'lookup_not_found'],
      ['secondary', 'answered'],
    ]);
    expect(secondary.requests.map((request) => request.method)).toEqual(['getTransactions', 'payment']);
  });

  it('a lookup answered with an error EXECCODE (here 5003) is no answer: the other host is asked', async () => {
    const primary = await server(gateway(page(502), exec('5003')));
    const secondary = await server(gateway(acceptedAnswer, rows(APPROVED_ROW)));
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'looked_up', row: { transactionId: 'A777' } });
    expect(sent(secondary, 'payment')).toBe(0);
  });

  it('one host only: a 502 whose lookup finds nothing stays unknown (there is nowhere safe to go)', async () => {
    const primary = await server(gateway(page(502), NOTHING));
    const result = await client(primary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'server_error', lookup: 'not_found', attempts: 2 });
    expectFinished(result);
    expect(sent(primary, 'payment')).toBe(1);
  });

  it('5xx on both hosts, each looked up and not found: unknown, never "failed, you may retry", one payment per host', async () => {
    const primary = await server(gateway(page(500, 'oops'), NOTHING));
    const secondary = await server(gateway(page(502, 'bad gateway'), NOTHING));
    const result = await client(primary.url, secondary.url).capture({ transactionId: 'A1', orderId: 'O1', description: 'd' });
    expect(result).toMatchObject({ outcome: 'unknown', code: 'GATEWAY_OUTCOME_UNKNOWN', reason: 'server_error', lookup: 'not_found', attempts: 4 });
    expectFinished(result);
    expect([sent(primary, 'capture'), sent(secondary, 'capture')]).toEqual([1, 1]);
  });

  it('a doubt on the primary, then 5001 on the secondary: unknown (the primary may still have it), not a failure', async () => {
    const primary = await server(gateway({ kind: 'hang' }, NOTHING));
    const secondary = await server(exec('5001'));
    const result = await client(primary.url, secondary.url, EXPECT_TIMEOUT).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'timeout' });
    expect(result.trail.map((attempt) => attempt.result)).toEqual(['maybe_sent', 'lookup_not_found', 'exec_failover']);
  });

  it('a doubt on the primary, then the secondary refuses the connection: unknown, not "nothing was sent"', async () => {
    const primary = await server(gateway(page(503), NOTHING));
    const result = await client(primary.url, await refusedUrl()).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'server_error' });
    expect(result.trail.map((attempt) => attempt.result)).toEqual(['server_error', 'lookup_not_found', 'not_sent']);
  });

  it.each([
    ['authorization', (c: GatewayClient) => c.authorization(cardAuthorization())],
    ['capture', (c: GatewayClient) => c.capture({ transactionId: 'A1', orderId: 'O1', description: 'd' })],
    ['refund', (c: GatewayClient) => c.refund({ transactionId: 'A1', orderId: 'O1', description: 'd', amount: 5 })],
    ['void', (c: GatewayClient) => c.void({ transactionId: 'A1', orderId: 'O1', description: 'd' })],
    ['credit', (c: GatewayClient) => c.credit({ card, ...customer, amount: 100 })],
  ])('%s changes state: a timeout is looked up, and unknown when the lookup fails', async (method, run) => {
    const primary = await server(gateway({ kind: 'hang' }, page(503)));
    const secondary = await server(gateway(acceptedAnswer, page(503)));
    const result = await run(client(primary.url, secondary.url, EXPECT_TIMEOUT));
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'timeout', lookup: 'failed' });
    expectFinished(result);
    expect([sent(primary, method), sent(primary, 'getTransactions'), sent(secondary, method)]).toEqual([1, 1, 0]);
  });

  it('stopntimes has no ORDERID to look up: a 5xx is unknown at once, never sent to the secondary', async () => {
    const primary = await server(page(502));
    const secondary = await server();
    const result = await client(primary.url, secondary.url).stopNTimes({ scheduleId: 'S1' });
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'server_error', lookup: 'impossible', attempts: 1 });
    expectFinished(result);
    expect([primary.count(), secondary.count()]).toEqual([1, 0]);
  });

  it('EXECCODE 5004: pending, wait for the notification, no lookup and no second request', async () => {
    const primary = await server(exec('5004'));
    const secondary = await server();
    const result = await client(primary.url, secondary.url).payment(cardPayment());
    expect(result).toMatchObject({ outcome: 'pending', code: 'GATEWAY_PENDING_NOTIFICATION', attempts: 1 });
    if (result.outcome !== 'pending') throw new Error('expected pending');
    expect(result.description.retry).toBe('wait_notification');
    expectFinished(result);
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
    ['numeric EXECCODE', 'GATEWAY_BAD_RESPONSE', json({ EXECCODE: 0, MESSAGE: 'ok', DATA: [] }), lookup],
    ['three-digit EXECCODE', 'GATEWAY_BAD_RESPONSE', json({ EXECCODE: '000', MESSAGE: 'ok', DATA: [] }), lookup],
  ])('%s -> %s', async (_name, code, action, run) => {
    const primary = await server(action);
    const secondary = await server();
    const result = await run(client(primary.url, secondary.url, code === 'GATEWAY_TIMEOUT' ? EXPECT_TIMEOUT : RELAXED));
    expect(result).toMatchObject({ outcome: 'failed', code, retryable: true, attempts: 1 });
    expectFinished(result);
    expect([primary.count(), secondary.count()]).toEqual([1, 0]);
  });

  it('a 2xx other than 200 is no answer: GATEWAY_HTTP_STATUS, not read as a result', async () => {
    const primary = await server(rows(APPROVED_ROW));
    primary.setHandler(json({ OPERATIONTYPE: 'getTransactions', EXECCODE: '0000', MESSAGE: 'ok', DATA: [APPROVED_ROW] }, 203));
    const result = await lookup(client(primary.url));
    expect(result).toMatchObject({ outcome: 'failed', code: 'GATEWAY_HTTP_STATUS', status: 203 });
  });

  it('a 5xx on a lookup fails over to the secondary (it changes nothing)', async () => {
    const primary = await server(page(503));
    const secondary = await server(rows(APPROVED_ROW));
    const result = await lookup(client(primary.url, secondary.url));
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', attempts: 2 });
  });
});
