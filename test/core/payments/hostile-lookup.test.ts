import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/events.js';
import type { Result } from '../../../shared/contract/result.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import type { CallContext } from '../../../electron/core/dispatcher.js';
import { memoryLogger } from '../../support/silent-logger.js';
import { tempDir } from '../../support/temp-dir.js';
import { addGatewayAccount, startGatewayStub, type GatewayStub } from './support/gateway-stub.js';

type Operation = EventPayload<'operation.updated'>;

const ctx: CallContext = { role: 'admin', operator: 'ana', transport: 'memory' };
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
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
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

  async function invoke(channel: string, payload?: unknown): Promise<Result<unknown>> {
    return (await core.dispatcher.invoke(channel, payload, ctx)) as Result<unknown>;
  }

  beforeAll(async () => {
    dir = await tempDir();
    gateway = await startGatewayStub((method, params) =>
      method === 'getTransactions'
        ? { json: { OPERATIONTYPE: 'getTransactions', EXECCODE: '0000', MESSAGE: 'ok', DATA: [lookupRow(String(params.ORDERID))] } }
        : // The request may have been processed: a doubt.
          { status: 502, text: '<html>Bad Gateway</html>' },
    );
    accountId = await addGatewayAccount(dir.path, { name: 'Odd lookup', identifier: IDENTIFIER, password: PASSWORD, primary: gateway.url });
    core = await createCore({
      dataDir: dir.path,
      version: '1.0.0',
      electronVersion: null,
      logger: memoryLogger().logger,
      now: () => clock,
      polling: { firstDelayMs: 3_600_000 },
    });
  });
  afterAll(async () => {
    await core.close();
    await gateway.close();
    await dir.remove();
  });

  it('keeps the payment unknown through the not-found window, then takes the row once the answer is about it', async () => {
    const submitted = await invoke('payments.submit', {
      idempotencyKey: 'odd-lookup-key-00000001',
      accountId,
      operation: 'payment',
      amount: 1200,
      orderId: 'ODD-1',
      customer: { email: 'ana@example.com' },
      card: { number: '4111111111111111', expiry: '12-30', cvv: '123', holder: 'ANA LOPEZ' },
    });
    expect(submitted).toMatchObject({ ok: true, value: { operation: { status: 'unknown' } } });
    const id = (submitted as { value: { operation: Operation } }).value.operation.id;

    // Well past the window, asked more than the three times the rule needs: still no proof.
    for (let asked = 0; asked < 4; asked += 1) {
      clock += 5 * MIN;
      expect(await invoke('operations.checkStatus', { operationId: id })).toMatchObject({ ok: false, error: { code: 'GATEWAY_BAD_RESPONSE' } });
    }
    expect(await invoke('operations.get', { operationId: id })).toMatchObject({ ok: true, value: { status: 'unknown', confirmation: 'none' } });

    lookupRow = (orderId) => ({ ORDERID: orderId, TRANSACTIONID: 'A900002', OPERATIONTYPE: 'payment', EXECCODE: '0', MESSAGE: 'ok', AMOUNT: '12.00', DATE: '2030-01-01 10:00:01' });
    expect(await invoke('operations.checkStatus', { operationId: id })).toMatchObject({
      ok: true,
      value: { status: 'approved', transactionId: 'A900002', confirmation: 'confirmed' },
    });
  });
});
