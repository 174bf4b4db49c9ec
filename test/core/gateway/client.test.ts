import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createGatewayClient,
  DEFAULT_TIMEOUTS,
  GatewayClosedError,
  GatewayConfigError,
  GatewayInputError,
  type GatewayAccountConfig,
  type GatewayCallResult,
  type GatewayClient,
} from '../../../electron/core/gateway/index.js';
import { startFaultServer, type CapturedRequest, type FaultServer, type WireValue } from '../../support/fault-server.js';
import { card, cardAuthorization, cardPayment, clock, customer, CVV, PAN, PASSWORD } from './fixtures.js';

/**
 * An independent verifier, written from the fact sheet (section 1.1) without looking at
 * signature.ts: password, then KEY=value + password for every key in byte order, one nested
 * level as KEY[child]=value, HASH left out, SHA-256 hex over UTF-8.
 */
function independentHash(params: Readonly<Record<string, WireValue>>, password: string): string {
  const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
  const keys = Object.keys(params)
    .filter((key) => key !== 'HASH')
    .sort((a, b) => Buffer.compare(bytes(a), bytes(b)));
  let preimage = password;
  for (const key of keys) {
    const value = params[key] as WireValue;
    if (typeof value === 'string') {
      preimage += `${key}=${value}${password}`;
    } else {
      for (const child of Object.keys(value).sort((a, b) => Buffer.compare(bytes(a), bytes(b)))) {
        preimage += `${key}[${child}]=${value[child]}${password}`;
      }
    }
  }
  return createHash('sha256').update(preimage, 'utf8').digest('hex');
}

function expectSignedByAccount(request: CapturedRequest): void {
  const hash = request.params.HASH;
  expect(typeof hash).toBe('string');
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(independentHash(request.params, PASSWORD)).toBe(hash);
}

const servers: FaultServer[] = [];
const clients: GatewayClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup(config: Partial<GatewayAccountConfig> = {}) {
  const server = await startFaultServer();
  servers.push(server);
  const client = createGatewayClient(
    { identifier: 'COMPTOIR-MOTO', password: PASSWORD, hosts: { primary: server.url }, ...config },
    { now: clock, timeouts: { connectMs: 2_000, totalMs: 3_000 } },
  );
  clients.push(client);
  return { server, client };
}

function answered(result: GatewayCallResult) {
  if (result.outcome !== 'answered') throw new Error(`expected answered, got ${result.outcome}`);
  return result;
}

describe('form encoding on the wire', () => {
  it('posts method=payment&params[KEY]=value, and the HASH verifies over exactly the params received', async () => {
    const { server, client } = await setup();
    const result = answered(await client.payment(cardPayment({ description: 'Tasse & sous-tasse = 2 × 9,99 € (rouge+bleu)' })));
    expect(result.response.execCode).toBe('0000');

    const [request] = server.requests;
    if (!request) throw new Error('no request');
    expect(request.httpMethod).toBe('POST');
    expect(request.path).toBe('/front/service/rest/process');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=UTF-8');

    const decoded = request.rawBody.split('&').map((pair) =>
      pair
        .split('=')
        .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')))
        .join('='),
    );
    expect(decoded[0]).toBe('method=payment');
    expect(decoded).toContain('params[AMOUNT]=1999');
    expect(decoded).toContain(`params[CARDCODE]=${PAN}`);
    expect(decoded).toContain('params[DESCRIPTION]=Tasse & sous-tasse = 2 × 9,99 € (rouge+bleu)');
    expect(decoded.every((pair) => pair === decoded[0] || pair.startsWith('params['))).toBe(true);

    expect(request.method).toBe('payment');
    expect(request.params.OPERATIONTYPE).toBe('payment');
    expectSignedByAccount(request);
  });

  it('nests AMOUNTS one level: params[AMOUNTS][YYYY-MM-DD]=amount, signed as AMOUNTS[date]', async () => {
    const { server, client } = await setup();
    answered(
      await client.payment(
        cardPayment({
          amount: undefined,
          instalments: [
            { date: '2026-04-15', amount: 3000 },
            { date: '2026-03-15', amount: 3000 },
            { date: '2026-05-15', amount: 3001 },
          ],
        }),
      ),
    );
    const [request] = server.requests;
    if (!request) throw new Error('no request');
    expect(decodeURIComponent(request.rawBody)).toContain('params[AMOUNTS][2026-03-15]=3000');
    expect(request.params.AMOUNTS).toEqual({ '2026-03-15': '3000', '2026-04-15': '3000', '2026-05-15': '3001' });
    expect(request.params.AMOUNT).toBeUndefined();
    expectSignedByAccount(request);
  });

  it('sends only non-empty strings: empty optional fields are neither sent nor signed', async () => {
    const { server, client } = await setup();
    answered(await client.payment(cardPayment({ clientReferrer: '', extraData: '', language: 'FR', threeDSecure: false })));
    const [request] = server.requests;
    if (!request) throw new Error('no request');
    expect(request.params).not.toHaveProperty('CLIENTREFERRER');
    expect(request.params).not.toHaveProperty('EXTRADATA');
    expect(request.params.LANGUAGE).toBe('FR');
    expect(request.params['3DSECURE']).toBe('no');
    expect(request.pairs.every(([, value]) => value !== '')).toBe(true);
    expectSignedByAccount(request);
  });
});

describe('operations put the documented fields on the wire', () => {
  it('card payment: common client fields, card data, CREATEALIAS=yes when asked', async () => {
    const { server, client } = await setup({ version: '3.0' });
    answered(await client.payment(cardPayment({ createAlias: true, threeDSecure: true, threeDSecureDisplayMode: 'raw' })));
    const params = server.requests[0]?.params;
    expect(params).toEqual({
      IDENTIFIER: 'COMPTOIR-MOTO',
      VERSION: '3.0',
      OPERATIONTYPE: 'payment',
      ORDERID: customer.orderId,
      DESCRIPTION: customer.description,
      CLIENTIDENT: customer.clientIdent,
      CLIENTEMAIL: customer.clientEmail,
      CLIENTIP: customer.clientIp,
      CLIENTUSERAGENT: customer.clientUserAgent,
      CARDCODE: PAN,
      CARDVALIDITYDATE: card.expiry,
      CARDCVV: CVV,
      CARDFULLNAME: card.holder,
      CREATEALIAS: 'yes',
      '3DSECURE': 'yes',
      '3DSECUREDISPLAYMODE': 'raw',
      AMOUNT: '1999',
      HASH: expect.any(String),
    });
  });

  it('payment by alias: ALIAS + ALIASMODE, no card number', async () => {
    const { server, client } = await setup();
    answered(await client.payment({ source: 'alias', alias: 'A189063', aliasMode: 'subscription', ...customer, amount: 500 }));
    const params = server.requests[0]?.params ?? {};
    expect(params).toMatchObject({ ALIAS: 'A189063', ALIASMODE: 'subscription', AMOUNT: '500', OPERATIONTYPE: 'payment' });
    expect(params).not.toHaveProperty('CARDCODE');
    expect(params).not.toHaveProperty('CARDCVV');
  });

  it('authorization by alias (oneclick) with a CVV re-check, and an AMOUNT=0 card check', async () => {
    const { server, client } = await setup();
    answered(await client.authorization({ source: 'alias', alias: 'A1', aliasMode: 'oneclick', cvv: '123', ...customer, amount: 700 }));
    answered(await client.authorization(cardAuthorization({ amount: 0 })));
    expect(server.requests[0]?.params).toMatchObject({ OPERATIONTYPE: 'authorization', ALIAS: 'A1', ALIASMODE: 'oneclick', CARDCVV: '123' });
    expect(server.requests[1]?.params).toMatchObject({ OPERATIONTYPE: 'authorization', AMOUNT: '0', CARDCODE: PAN });
  });

  it('capture/refund/void: full (no AMOUNT) or partial', async () => {
    const { server, client } = await setup();
    const base = { transactionId: 'A189063', orderId: 'CMD-42', description: 'follow-up' };
    answered(await client.capture(base));
    answered(await client.refund({ ...base, amount: 50 }));
    answered(await client.void({ ...base, extraData: 'note' }));
    const [capture, refund, voided] = server.requests;
    expect(capture?.params).toEqual({
      IDENTIFIER: 'COMPTOIR-MOTO',
      VERSION: '2.0',
      OPERATIONTYPE: 'capture',
      TRANSACTIONID: 'A189063',
      ORDERID: 'CMD-42',
      DESCRIPTION: 'follow-up',
      HASH: expect.any(String),
    });
    expect(refund?.params).toMatchObject({ OPERATIONTYPE: 'refund', AMOUNT: '50' });
    expect(voided?.params).toMatchObject({ OPERATIONTYPE: 'void', EXTRADATA: 'note' });
    expect(voided?.method).toBe('void');
    for (const request of server.requests) expectSignedByAccount(request);
  });

  it('credit and stopntimes go to the process path', async () => {
    const { server, client } = await setup();
    answered(await client.credit({ card, ...customer, amount: 1200 }));
    answered(await client.stopNTimes({ scheduleId: 'S-77' }));
    expect(server.requests.map((request) => [request.path, request.method])).toEqual([
      ['/front/service/rest/process', 'credit'],
      ['/front/service/rest/process', 'stopntimes'],
    ]);
    expect(server.requests[1]?.params).toMatchObject({ OPERATIONTYPE: 'stopntimes', SCHEDULEID: 'S-77' });
  });

  it('lookups and exports go to the export and reconciliation paths, ids joined with ;', async () => {
    const { server, client } = await setup({ paths: { reconciliation: '/custom/reconciliation.php' } });
    answered(await client.getTransactions({ orderIds: ['CMD-1', 'CMD-2'] }));
    answered(await client.exportTransactions({ startDate: '2026-01-01', endDate: '2026-01-31', mailTo: 'ops@example.com', columns: ['ORDERID', 'AMOUNT'] }));
    answered(await client.exportChargebacks({ date: '2026-01', callbackUrl: 'https://example.com/cb', compression: 'ZIP' }));
    answered(await client.exportReconciliation({ date: '2026-01', mailTo: 'ops@example.com' }));
    answered(await client.exportReconciledTransactions({ date: '2026-01-15', mailTo: 'ops@example.com', timeZone: 'Europe/Paris' }));
    expect(server.requests.map((request) => [request.path, request.method])).toEqual([
      ['/front/service/rest/export', 'getTransactions'],
      ['/front/service/rest/export', 'exportTransactions'],
      ['/front/service/rest/export', 'exportChargebacks'],
      ['/custom/reconciliation.php', 'exportReconciliation'],
      ['/custom/reconciliation.php', 'exportReconciledTransactions'],
    ]);
    const [lookup, exportTx, chargebacks, , reconciled] = server.requests;
    expect(lookup?.params).toMatchObject({ OPERATIONTYPE: 'getTransactions', ORDERID: 'CMD-1;CMD-2' });
    expect(lookup?.params).not.toHaveProperty('COMPRESSION');
    expect(exportTx?.params).toMatchObject({
      STARTDATE: '2026-01-01',
      ENDDATE: '2026-01-31',
      MAILTO: 'ops@example.com',
      COMPRESSION: 'GZIP',
      COLUMNS: 'ORDERID;AMOUNT',
    });
    expect(chargebacks?.params).toMatchObject({ DATE: '2026-01', CALLBACKURL: 'https://example.com/cb', COMPRESSION: 'ZIP' });
    expect(reconciled?.params).toMatchObject({ DATE: '2026-01-15', TIMEZONE: 'Europe/Paris' });
    for (const request of server.requests) expectSignedByAccount(request);
  });
});

describe('responses', () => {
  it('parses a 3-D Secure answer with card fields, OPERATIONTYPE in any case', async () => {
    const { server, client } = await setup();
    server.setHandler({
      kind: 'json',
      body: {
        OPERATIONTYPE: 'PAYMENT',
        EXECCODE: '0001',
        MESSAGE: 'Identification requested',
        TRANSACTIONID: 'A42',
        '3DSECUREHTML': 'PGh0bWw+PC9odG1sPg==',
        CARDTYPE: 'visa',
        CARDNETWORK: 'cb',
        CARDCOUNTRY: 'FR',
        CARDCODE: 'XXXXXXXXXXXX1111',
        CARDVALIDITYDATE: '12-28',
        CARDFULLNAME: 'Jane Doe',
        DESCRIPTOR: 'SHOP',
      },
    });
    const result = answered(await client.payment(cardPayment({ threeDSecure: true })));
    expect(result.response).toMatchObject({
      execCode: '0001',
      category: 'action_required',
      operationType: 'payment',
      transactionId: 'A42',
      descriptor: 'SHOP',
      threeDSecureHtml: 'PGh0bWw+PC9odG1sPg==',
      card: { type: 'visa', network: 'cb', country: 'FR', maskedNumber: 'XXXXXXXXXXXX1111', validityDate: '12-28', holder: 'Jane Doe' },
    });
    expect(result.description.category).toBe('action_required');
  });

  it('returns getTransactions DATA rows', async () => {
    const { server, client } = await setup();
    server.setHandler({
      kind: 'json',
      body: {
        OPERATIONTYPE: 'getTransactions',
        EXECCODE: '0000',
        MESSAGE: 'ok',
        DATA: [
          { TRANSACTIONID: 'A1', ORDERID: 'CMD-1', OPERATIONTYPE: 'payment', EXECCODE: '0', AMOUNT: '123.90', DATE: '2026-03-01 10:00:00' },
          { TRANSACTIONID: 'A2', ORDERID: 'CMD-1', OPERATIONTYPE: 'refund', EXECCODE: '4002', AMOUNT: '1.00' },
        ],
      },
    });
    const result = answered(await client.getTransactions({ transactionIds: ['A1', 'A2'] }));
    expect(result.response.transactions).toEqual([
      expect.objectContaining({
        transactionId: 'A1',
        orderId: 'CMD-1',
        operationType: 'payment',
        execCode: '0000',
        amount: '123.90',
        date: '2026-03-01 10:00:00',
      }),
      expect.objectContaining({ transactionId: 'A2', execCode: '4002' }),
    ]);
  });

  it('carries ALIAS and SCHEDULEID when present', async () => {
    const { server, client } = await setup();
    server.setHandler({
      kind: 'json',
      body: { OPERATIONTYPE: 'payment', EXECCODE: '0000', MESSAGE: 'ok', ALIAS: 'A189063', SCHEDULEID: 'S-1', TRANSACTIONID: 'A189063' },
    });
    const result = answered(await client.payment(cardPayment({ createAlias: true })));
    expect(result.response.alias).toBe('A189063');
    expect(result.response.scheduleId).toBe('S-1');
  });
});

describe('validation happens before any socket opens', () => {
  it('rejects with GATEWAY_INVALID_INPUT and the field path; the server sees no connection', async () => {
    const { server, client } = await setup();
    const error = await client.payment(cardPayment({ clientIp: 'not-an-ip' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayInputError);
    expect(error).toMatchObject({ code: 'GATEWAY_INVALID_INPUT', field: 'clientIp', param: 'CLIENTIP' });
    await client.getTransactions({}).catch(() => undefined);
    expect(server.connections()).toBe(0);
    expect(server.count()).toBe(0);
  });
});

describe('client lifecycle and configuration', () => {
  it('reuses one keep-alive connection for consecutive calls', async () => {
    const { server, client } = await setup();
    answered(await client.capture({ transactionId: 'A1', orderId: 'O1', description: 'd' }));
    answered(await client.capture({ transactionId: 'A2', orderId: 'O2', description: 'd' }));
    expect(server.count()).toBe(2);
    expect(server.connections()).toBe(1);
  });

  it('lets calls in flight finish on close, then refuses new ones', async () => {
    const { server, client } = await setup();
    server.setHandler({ kind: 'delay', ms: 100, then: { kind: 'json', body: { EXECCODE: '0000', MESSAGE: 'ok', OPERATIONTYPE: 'capture' } } });
    const inFlight = client.capture({ transactionId: 'A1', orderId: 'O1', description: 'd' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client.close();
    expect((await inFlight).outcome).toBe('answered');
    await expect(client.capture({ transactionId: 'A1', orderId: 'O1', description: 'd' })).rejects.toBeInstanceOf(GatewayClosedError);
  });

  it('refuses plain http except on loopback, and credentials in URLs', () => {
    const base = { identifier: 'ID', password: PASSWORD };
    expect(() => createGatewayClient({ ...base, hosts: { primary: 'http://gateway.example.com' } })).toThrow(GatewayConfigError);
    expect(() => createGatewayClient({ ...base, hosts: { primary: 'https://a.example.com', secondary: 'http://10.0.0.1' } })).toThrow(
      expect.objectContaining({ code: 'GATEWAY_INSECURE_URL', field: 'hosts.secondary' }),
    );
    expect(() => createGatewayClient({ ...base, hosts: { primary: 'https://user:pw@a.example.com' } })).toThrow(
      expect.objectContaining({ code: 'GATEWAY_INVALID_CONFIG' }),
    );
    expect(() => createGatewayClient({ ...base, hosts: { primary: 'ftp://a.example.com' } })).toThrow(GatewayConfigError);
    expect(() => createGatewayClient({ ...base, version: '2.0.1', hosts: 'sandbox' })).toThrow(GatewayConfigError);
    expect(() => createGatewayClient({ ...base, hosts: 'sandbox' }, { timeouts: { totalMs: 0 } })).toThrow(GatewayConfigError);
    for (const loopback of ['http://127.0.0.1:1234', 'http://localhost:8089', 'http://[::1]:9000']) {
      const client = createGatewayClient({ ...base, hosts: { primary: loopback } });
      clients.push(client);
    }
  });

  it('never puts the password in a configuration error', () => {
    let caught: unknown;
    try {
      createGatewayClient({ identifier: 'ID', password: 'x'.repeat(300), hosts: 'sandbox' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GatewayConfigError);
    expect(`${(caught as Error).message}${JSON.stringify(caught)}`).not.toContain('x'.repeat(300));
  });

  it('resolves the sandbox and production presets', () => {
    const sandbox = createGatewayClient({ identifier: 'ID', password: PASSWORD, hosts: 'sandbox' });
    const production = createGatewayClient({ identifier: 'ID', password: PASSWORD, hosts: 'production' });
    clients.push(sandbox, production);
    expect(sandbox.hosts).toEqual([{ role: 'primary', origin: 'https://secure-test.dalenys.com' }]);
    expect(production.hosts).toEqual([
      { role: 'primary', origin: 'https://secure-magenta1.dalenys.com' },
      { role: 'secondary', origin: 'https://secure-magenta2.dalenys.com' },
    ]);
    expect(DEFAULT_TIMEOUTS.totalMs).toBe(30_000);
  });

  it('does not follow redirects: a 307 is no answer, so the refund is looked up, never sent elsewhere', async () => {
    const { server, client } = await setup();
    const elsewhere = await startFaultServer();
    servers.push(elsewhere);
    server.setHandler({ kind: 'text', status: 307, body: 'moved', headers: { Location: `${elsewhere.url}/front/service/rest/process` } });
    const result = await client.refund({ transactionId: 'A1', orderId: 'O1', description: 'd' });
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'http_status', lookup: 'failed', attempts: 2 });
    expect(result.trail[0]).toMatchObject({ result: 'http_status', status: 307 });
    expect(elsewhere.count()).toBe(0);
  });
});
