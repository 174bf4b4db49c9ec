import { request, type IncomingHttpHeaders } from 'node:http';
import { cardExpiry } from '../../support/dates.js';
import { signedForm, type WireParams, type WireValue } from '../../support/independent-signer.js';
import { ACCOUNT } from '../../support/sandbox-fixture.js';

/** The sandbox conformance tests' raw HTTP client: signed calls and what they answer. */

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

export function httpRequest(
  url: string,
  options: { method?: string; body?: string | Buffer; headers?: Record<string, string | number>; signal?: AbortSignal } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers, agent: false, ...(options.signal ? { signal: options.signal } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The `Authorization` header the sandbox's inspection endpoints (ledger) ask for. */
export function inspectorAuth(account: { identifier: string; password: string } = ACCOUNT): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${account.identifier}:${account.password}`).toString('base64')}` };
}

export type Json = Record<string, unknown> & { EXECCODE: string; MESSAGE: string; OPERATIONTYPE: string; TRANSACTIONID?: string };

export async function postForm(url: string, body: string, signal?: AbortSignal): Promise<Json> {
  const answer = await httpRequest(url, {
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
    ...(signal ? { signal } : {}),
  });
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 100)}`);
  return JSON.parse(answer.text) as Json;
}

/** A signed call; `params` get IDENTIFIER, VERSION and OPERATIONTYPE unless given. */
export function call(
  url: string,
  method: string,
  params: Record<string, WireValue>,
  account: { identifier: string; password: string } = ACCOUNT,
  signal?: AbortSignal,
): Promise<Json> {
  const full: WireParams = { IDENTIFIER: account.identifier, VERSION: '2.0', OPERATIONTYPE: method, ...params };
  return postForm(url, signedForm(method, full, account.password), signal);
}

export function cardParams(now: number, overrides: Record<string, WireValue> = {}): Record<string, WireValue> {
  return {
    AMOUNT: '12390',
    ORDERID: `order-${Math.random().toString(36).slice(2, 10)}`,
    CLIENTIDENT: 'customer-42',
    CLIENTEMAIL: 'customer@example.com',
    CLIENTIP: '192.0.2.10',
    CLIENTUSERAGENT: 'Comptoir/0.1',
    DESCRIPTION: 'Telephone order',
    CARDCODE: '4111111111111111',
    CARDVALIDITYDATE: cardExpiry(now, 1),
    CARDCVV: '123',
    CARDFULLNAME: 'Jeanne Martin',
    ...overrides,
  };
}
