import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGatewayClient, type GatewayClient } from '../../../electron/core/gateway/index.js';
import type { PaymentInput } from '../../../electron/core/gateway/schemas.js';
import { cardExpiry } from '../../support/dates.js';
import { ACCOUNT, startFixture, T0, type Fixture } from '../../support/sandbox-fixture.js';

/**
 * Issue 13 item 1 against the real built-in sandbox over loopback, its two listeners sharing
 * one ledger, with its fault modes: the ledger says how many times the customer was charged.
 */
describe('failover against the built-in sandbox: never a second charge', () => {
  let f: Fixture;
  let client: GatewayClient;

  beforeEach(async () => {
    f = await startFixture({ secondaryPort: 0 });
    client = createGatewayClient(
      { identifier: ACCOUNT.identifier, password: ACCOUNT.password, hosts: { primary: f.sandbox.url, secondary: f.sandbox.secondaryUrl as string } },
      { now: () => T0, timeouts: { connectMs: 2_000, totalMs: 3_000 } },
    );
  });
  afterEach(async () => {
    await client.close();
    await f.close();
  });

  let counter = 0;
  function payment(number = '4111111111111111'): PaymentInput {
    counter += 1;
    return {
      source: 'card',
      card: { number, expiry: cardExpiry(T0, 1), cvv: '123', holder: 'Jeanne Martin' },
      orderId: `FAIL-${counter}-${Math.random().toString(36).slice(2, 8)}`,
      description: 'Telephone order',
      clientIdent: 'customer-42',
      clientEmail: 'customer@example.com',
      clientIp: '192.0.2.10',
      clientUserAgent: 'Comptoir/0.1',
      amount: 12390,
    };
  }

  const paymentRequests = (orderId: string) =>
    f.sandbox.ledger
      .requests()
      .filter((request) => request.apiMethod === 'payment' && request.params.ORDERID === orderId)
      .map((request) => request.server);

  it('the primary charges, then a proxy answers 502: approved from the lookup, one charge, nothing sent to the secondary', async () => {
    const input = payment();
    f.sandbox.faults.next({ kind: 'http-error', status: 502, afterProcessing: true }, { target: 'primary', match: { method: 'payment' } });
    const result = await client.payment(input);
    expect(result).toMatchObject({ outcome: 'looked_up', reason: 'server_error', row: { execCode: '0000', orderId: input.orderId } });
    const charges = f.sandbox.ledger.transactionsByOrderId(input.orderId);
    expect(charges).toHaveLength(1);
    expect(result.outcome === 'looked_up' && result.row.transactionId).toBe(charges[0]?.transactionId);
    expect(paymentRequests(input.orderId)).toEqual(['primary']);
  });

  it('the primary charges, then resets the connection: approved from the lookup, one charge', async () => {
    const input = payment();
    f.sandbox.faults.next({ kind: 'reset', afterProcessing: true }, { target: 'primary', match: { method: 'payment' } });
    const result = await client.payment(input);
    expect(result).toMatchObject({ outcome: 'looked_up', reason: 'connection_lost', row: { execCode: '0000' } });
    expect(f.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
    expect(paymentRequests(input.orderId)).toEqual(['primary']);
  });

  it('a declined card processed before a 502: the lookup row (4001) is the outcome, and the customer is not tried again', async () => {
    const input = payment('5555557376384001');
    f.sandbox.faults.next({ kind: 'http-error', status: 502, afterProcessing: true }, { target: 'primary', match: { method: 'payment' } });
    const result = await client.payment(input);
    expect(result).toMatchObject({ outcome: 'looked_up', row: { execCode: '4001' }, description: { category: 'declined' } });
    expect(paymentRequests(input.orderId)).toEqual(['primary']);
  });

  it('the primary answers 502 before processing: the lookup proves nothing was recorded and the secondary charges once', async () => {
    const input = payment();
    f.sandbox.faults.next({ kind: 'http-error', status: 502 }, { target: 'primary', match: { method: 'payment' } });
    const result = await client.payment(input);
    expect(result).toMatchObject({ outcome: 'answered', host: 'secondary', response: { execCode: '0000' } });
    expect(f.sandbox.ledger.transactionsByOrderId(input.orderId)).toEqual([expect.objectContaining({ server: 'secondary', amount: 12390 })]);
    expect(paymentRequests(input.orderId)).toEqual(['primary', 'secondary']);
  });

  it('the lookup itself fails on both hosts: unknown, and no second payment request anywhere', async () => {
    const input = payment();
    f.sandbox.faults.next({ kind: 'http-error', status: 502, afterProcessing: true }, { target: 'primary', match: { method: 'payment' } });
    f.sandbox.faults.add({ kind: 'http-error', status: 503 }, { match: { method: 'getTransactions' }, times: 2 });
    const result = await client.payment(input);
    expect(result).toMatchObject({ outcome: 'unknown', code: 'GATEWAY_OUTCOME_UNKNOWN', reason: 'server_error', lookup: 'failed' });
    expect(paymentRequests(input.orderId)).toEqual(['primary']);
    expect(
      f.sandbox.ledger
        .requests()
        .filter((request) => request.apiMethod === 'getTransactions')
        .map((request) => request.server),
    ).toEqual(['primary', 'secondary']);
    expect(f.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('a lookup the primary cannot answer is answered by the secondary, which finds the charge', async () => {
    const input = payment();
    f.sandbox.faults.next({ kind: 'http-error', status: 504, afterProcessing: true }, { target: 'primary', match: { method: 'payment' } });
    f.sandbox.faults.next({ kind: 'reset' }, { target: 'primary', match: { method: 'getTransactions' } });
    const result = await client.payment(input);
    expect(result).toMatchObject({ outcome: 'looked_up', host: 'secondary', row: { execCode: '0000' } });
    expect(f.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });
});
