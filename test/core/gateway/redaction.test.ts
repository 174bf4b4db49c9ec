import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayClient, GatewayClosedError, maskCardNumber, redactParams, type GatewayClient } from '../../../electron/core/gateway/index.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { refusedUrl, startFaultServer, type FaultAction, type FaultServer } from '../../support/fault-server.js';
import { cardPayment, clock, CVV, PAN, PASSWORD } from './fixtures.js';

/**
 * Feeds a known PAN and CVV through every path of the client, failures included, and scans
 * everything that comes out (log lines, results, errors) for the PAN, the CVV, the password
 * and every HASH that went on the wire.
 */
const SPACED_PAN = '4111 1111 1111 1111';

describe('no card data, password or HASH leaves the client', () => {
  const lines: string[] = [];
  const outputs: string[] = [];
  const servers: FaultServer[] = [];
  let logger: ReturnType<typeof createLogger>;

  beforeAll(() => {
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    logger = createLogger({ destination, level: 'trace' });
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  async function serverWith(action: FaultAction): Promise<FaultServer> {
    const server = await startFaultServer(action);
    servers.push(server);
    return server;
  }

  /** The hanging host must time out; every other host answers well within the budget. */
  function newClient(primary: string, secondary?: string, totalMs = 3_000): GatewayClient {
    return createGatewayClient(
      { identifier: 'COMPTOIR-MOTO', password: PASSWORD, hosts: secondary ? { primary, secondary } : { primary } },
      { logger, now: clock, timeouts: { connectMs: 2_000, totalMs } },
    );
  }

  function keepError(error: unknown): void {
    const e = error as Error;
    outputs.push(e.message, String(e.stack), JSON.stringify(e), String(e));
  }

  async function run(primary: string, secondary?: string, input = cardPayment(), totalMs?: number): Promise<void> {
    const client = newClient(primary, secondary, totalMs);
    try {
      outputs.push(JSON.stringify(await client.payment(input)));
    } catch (error) {
      keepError(error);
    } finally {
      await client.close();
    }
  }

  it('goes through every path', async () => {
    const ok = await serverWith({
      kind: 'json',
      // A gateway that echoes the full card number back must not make the client leak it.
      body: { OPERATIONTYPE: 'payment', EXECCODE: '0000', MESSAGE: 'ok', TRANSACTIONID: 'A1', CARDCODE: PAN, CARDCVV: CVV },
    });
    const declined = await serverWith({ kind: 'json', body: { OPERATIONTYPE: 'payment', EXECCODE: '1001', MESSAGE: 'The parameter "CARDCVV" is missing.\n' } });
    const failing = await serverWith({ kind: 'text', status: 500, body: `<html>${PAN}</html>` });
    const hanging = await serverWith({ kind: 'hang' });
    const garbage = await serverWith({ kind: 'text', body: 'not json at all' });
    const resetting = await serverWith({ kind: 'reset' });
    const refused = await refusedUrl();

    await run(ok.url, undefined, cardPayment({ card: { number: SPACED_PAN, expiry: '12-28', cvv: CVV, holder: 'Jane Doe' } }));
    await run(declined.url);
    await run(refused, ok.url);
    await run(refused, await refusedUrl());
    await run(failing.url, ok.url);
    await run(failing.url);
    await run(hanging.url, ok.url, cardPayment(), 300);
    await run(garbage.url, ok.url);
    await run(resetting.url, ok.url);
    await run(ok.url, undefined, cardPayment({ clientEmail: 'broken' }));
    await run(ok.url, undefined, cardPayment({ card: { number: SPACED_PAN, expiry: '01-20', cvv: CVV, holder: 'x' } }));
    await run(ok.url, undefined, cardPayment({ card: { number: '4111111111111112', expiry: '12-28', cvv: '98', holder: 'x' } }));

    const closed = newClient(ok.url);
    await closed.close();
    const closedError = await closed.payment(cardPayment()).catch((error: unknown) => error);
    expect(closedError).toBeInstanceOf(GatewayClosedError);
    keepError(closedError);

    const hashes = servers
      .flatMap((server) => server.requests.map((request) => request.params.HASH))
      .filter((hash): hash is string => typeof hash === 'string');
    expect(hashes.length).toBeGreaterThanOrEqual(9);
    expect(lines.length).toBeGreaterThan(20);

    // Numbers that are not data (timestamps, durations, pids) could contain 987 by chance.
    const text = [...lines, ...outputs].join('\n').replace(/"(time|durationMs|pid)":\d+/g, '');
    expect(text).toContain('gateway request');
    expect(text).not.toContain(PAN);
    expect(text).not.toContain(SPACED_PAN);
    expect(text).not.toContain('4111111111111112');
    const cvvAt = text.search(/(?<![0-9])987(?![0-9])/);
    expect(cvvAt === -1 ? '' : text.slice(Math.max(0, cvvAt - 200), cvvAt + 50)).toBe('');
    expect(text).not.toContain(PASSWORD);
    for (const hash of hashes) expect(text).not.toContain(hash);
    expect(text).toContain('411111XXXXXX1111');
  });
});

describe('redactParams / maskCardNumber', () => {
  it('keeps first six and last four, drops CVV and HASH', () => {
    expect(redactParams({ CARDCODE: PAN, CARDCVV: CVV, HASH: 'f'.repeat(64), AMOUNT: '100', AMOUNTS: { '2026-01-01': '1' } })).toEqual({
      CARDCODE: '411111XXXXXX1111',
      AMOUNT: '100',
      AMOUNTS: { '2026-01-01': '1' },
    });
  });

  it('keeps an already-masked number and masks any long digit run', () => {
    expect(maskCardNumber('XXXXXXXXXXXX1234')).toBe('XXXXXXXXXXXX1234');
    expect(maskCardNumber('378282246310005')).toBe('378282XXXXX0005');
    expect(maskCardNumber('card 5555555555554444 ok')).toBe('card 555555XXXXXX4444 ok');
  });
});
