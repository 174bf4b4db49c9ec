import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardExpiry } from '../../support/dates.js';
import { startCore, type Operation, type TestCore } from '../../support/start-core.js';
import { addGatewayAccount, startGatewayStub, type GatewayStub } from '../../support/gateway-stub.js';

const IDENTIFIER = 'ODD-LOOKUP';
const PASSWORD = 'odd-lookup-password';
const MIN = 60_000;

/**
 * A gateway (or a proxy in front of it) whose getTransactions by ORDERID answers about another
 * ORDERID. Its silence about ours is no "not found": the payment it left in doubt must stay
 * unknown, however long and however often it is asked, and never be called failed (nothing
 * charged) on that word, which would invite the operator to charge the customer again.
 */
describe('a lookup that answers about another ORDERID', () => {
  let f: TestCore;
  let gateway: GatewayStub;
  let accountId: number;
  let clock = Date.UTC(2030, 0, 1, 10, 0, 0);
  /** What getTransactions answers: rows of another ORDERID until the test says otherwise. */
  let lookupRow: (orderId: string) => Record<string, string> = () => ({
    ORDERID: 'SOMEONE-ELSE-1',
    TRANSACTIONID: 'A900001',
    OPERATIONTYPE: 'payment',
    EXECCODE: '0',
    MESSAGE: 'The transaction has been accepted.',
    AMOUNT: '12.00',
    DATE: '2030-01-01 09:00:00',
  });

  const invoke = (channel: string, payload?: unknown) => f.call(channel, payload);

  beforeAll(async () => {
    gateway = await startGatewayStub((method, params) =>
      method === 'getTransactions'
        ? { json: { OPERATIONTYPE: 'getTransactions', EXECCODE: '0000', MESSAGE: 'ok', DATA: [lookupRow(String(params.ORDERID))] } }
        : // The request may have been processed: a doubt.
          { status: 502, text: '<html>Bad Gateway</html>' },
    );
    f = await startCore({
      prepare: async (dataDir) => {
        accountId = await addGatewayAccount(dataDir, { name: 'Odd lookup', identifier: IDENTIFIER, password: PASSWORD, primary: gateway.url });
      },
      now: () => clock,
      polling: { firstDelayMs: 3_600_000 },
    });
  });
  afterAll(async () => {
    await f.close();
    await gateway.close();
  });

  it('keeps the payment unknown through the not-found window, then takes the row once the answer is about it', async () => {
    const submitted = await invoke('payments.submit', {
      idempotencyKey: 'odd-lookup-key-00000001',
      accountId,
      operation: 'payment',
      amount: 1200,
      orderId: 'ODD-1',
      customer: { email: 'ana@example.com' },
      card: { number: '4111111111111111', expiry: cardExpiry(clock), cvv: '123', holder: 'ANA LOPEZ' },
    });
    expect(submitted).toMatchObject({ ok: true, value: { operation: { status: 'unknown' } } });
    const id = (submitted as { value: { operation: Operation } }).value.operation.id;

    // Well past the window, asked more than the three times the rule needs: still no proof.
    for (let asked = 0; asked < 4; asked += 1) {
      clock += 5 * MIN;
      expect(await invoke('operations.checkStatus', { operationId: id })).toMatchObject({ ok: false, error: { code: 'GATEWAY_BAD_RESPONSE' } });
    }
    expect(await invoke('operations.get', { operationId: id })).toMatchObject({ ok: true, value: { status: 'unknown', confirmation: 'none' } });

    lookupRow = (orderId) => ({
      ORDERID: orderId,
      TRANSACTIONID: 'A900002',
      OPERATIONTYPE: 'payment',
      EXECCODE: '0',
      MESSAGE: 'ok',
      AMOUNT: '12.00',
      DATE: '2030-01-01 10:00:01',
    });
    expect(await invoke('operations.checkStatus', { operationId: id })).toMatchObject({
      ok: true,
      value: { status: 'approved', transactionId: 'A900002', confirmation: 'confirmed' },
    });
  });
});
