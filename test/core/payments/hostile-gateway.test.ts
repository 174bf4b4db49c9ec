import { request as httpRequest } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/core/journal/index.js';
import { cardExpiry } from '../../support/dates.js';
import { independentHash } from '../../support/independent-signer.js';
import { startCore, type Operation, type TestCore } from '../../support/start-core.js';
import { addGatewayAccount, startGatewayStub, type GatewayStub } from '../../support/gateway-stub.js';

const IDENTIFIER = 'HOSTILE-GW';
const PASSWORD = 'hostile-gateway-password';
/** What the operator keys: the gateway may sign with it, never store it. */
const PAN = '4111111111111111';
/** What the hostile gateway echoes back, under names no documentation lists. */
const CVV = '9873';
/**
 * The CVV as a value of its own: four digits can stand inside a random port, a timestamp or an
 * id by chance (the listener's URL on port 39873), which is not the CVV kept.
 */
const CVV_ALONE = new RegExp(`(?<![0-9])${CVV}(?![0-9])`);

/**
 * Issue 13 item 10: a gateway (or something posing as one) that echoes the card number, the
 * CVV or anything else under undocumented names, in its answer, its notification or a lookup
 * row, cannot get it into the journal: only documented fields are kept.
 */
describe('a hostile gateway echoing card data', () => {
  let f: TestCore;
  let gateway: GatewayStub;
  let accountId: number;

  /** Extra fields the stub adds to everything it says. */
  const echoes = (glued: string) => ({
    CVC: CVV,
    CARDSECURITYCODE: CVV,
    CARDNUMBER: `pan${PAN}`,
    [`X${glued}`]: 'key',
    DEBUG: `card=${PAN.replace(/(\d{4})(?=\d)/g, '$1.')};cvv=${CVV}`,
  });

  function answerFor(method: string, params: Record<string, unknown>): unknown {
    if (method === 'getTransactions') {
      return {
        EXECCODE: '0000',
        OPERATIONTYPE: 'getTransactions',
        MESSAGE: 'ok',
        DATA: [
          {
            ORDERID: params.ORDERID,
            TRANSACTIONID: 'A700002',
            OPERATIONTYPE: 'payment',
            EXECCODE: '0',
            MESSAGE: 'The transaction has been accepted.',
            AMOUNT: '12.00',
            DATE: '2030-01-01 10:00:00',
            CARDCODE: PAN,
            CARDCVV: CVV,
            ...echoes('LOOKUP'),
          },
        ],
      };
    }
    const pending = params.ORDERID === 'HOSTILE-2';
    return {
      OPERATIONTYPE: method,
      EXECCODE: pending ? '0003' : '0000',
      MESSAGE: pending ? 'Transaction in progress' : 'The transaction has been accepted.',
      TRANSACTIONID: pending ? 'A700002' : 'A700001',
      CARDCODE: PAN,
      CARDCVV: CVV,
      ...echoes('ANSWER'),
    };
  }

  const invoke = (channel: string, payload?: unknown) => f.invoke(channel, payload);

  function notify(params: Record<string, string>): Promise<number> {
    const signed = { ...params, HASH: independentHash(params, PASSWORD) };
    const body = new URLSearchParams(signed).toString();
    return new Promise((resolve, reject) => {
      const req = httpRequest(f.core.notifyUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async function dataFolderBytes(): Promise<Array<[string, Buffer]>> {
    const files: Array<[string, Buffer]> = [];
    const walk = async (folder: string) => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else files.push([path, await readFile(path)]);
      }
    };
    await walk(f.dataDir);
    return files;
  }

  function submission(orderId: string) {
    return {
      idempotencyKey: `hostile-${orderId}-0000000`,
      accountId,
      operation: 'payment',
      amount: orderId === 'HOSTILE-1' ? 1200 : 1300,
      orderId,
      customer: { email: 'ana@example.com' },
      card: { number: PAN, expiry: cardExpiry(), cvv: '123', holder: 'ANA LOPEZ' },
    };
  }

  beforeAll(async () => {
    gateway = await startGatewayStub((method, params) => ({ json: answerFor(method, params) }));
    f = await startCore({
      prepare: async (dataDir) => {
        accountId = await addGatewayAccount(dataDir, { name: 'Hostile', identifier: IDENTIFIER, password: PASSWORD, primary: gateway.url });
      },
      polling: { firstDelayMs: 3_600_000 },
    });
  });
  afterAll(async () => {
    await f.close();
    await gateway.close();
  });

  it('keeps only documented fields of its answer, notification and lookup row; the PAN and CVV are nowhere in the journal files', async () => {
    const first = (await invoke('payments.submit', submission('HOSTILE-1'))) as { operation: Operation };
    expect(first.operation).toMatchObject({ status: 'approved', transactionId: 'A700001', last4: '1111' });

    const confirmed = f.until(first.operation.id, (operation) => operation.confirmation === 'confirmed');
    const status = await notify({
      IDENTIFIER,
      OPERATIONTYPE: 'payment',
      TRANSACTIONID: 'A700001',
      ORDERID: 'HOSTILE-1',
      EXECCODE: '0000',
      MESSAGE: 'The transaction has been accepted.',
      AMOUNT: '1200',
      CARDCODE: PAN,
      CARDCVV: CVV,
      ...echoes('NOTIFICATION'),
    });
    expect(status).toBe(200);
    await confirmed;

    const second = (await invoke('payments.submit', submission('HOSTILE-2'))) as { operation: Operation };
    expect(second.operation.status).toBe('pending');
    expect(await invoke('operations.checkStatus', { operationId: second.operation.id })).toMatchObject({ status: 'approved' });

    // While core runs: the main file, its -wal and -shm, and everything else in the folder.
    const running = await dataFolderBytes();
    expect(running.map(([path]) => path).some((path) => path.endsWith('journal.sqlite-wal'))).toBe(true);
    for (const [path, bytes] of running) {
      expect(bytes.includes(PAN), path).toBe(false);
      expect(CVV_ALONE.test(bytes.toString('latin1')), path).toBe(false);
    }

    // The names of what was dropped are in the log (never the values), and in the events.
    const text = f.logs.join('\n');
    expect(text).toContain('CARDSECURITYCODE');
    expect(text).toContain('XNOTIFICATION');
    expect(text).toContain('XLOOKUP');
    expect(text).not.toContain(PAN);
    expect(text).not.toMatch(CVV_ALONE);
    const journal = openJournal({ file: journalPath(f.dataDir, 'default') });
    try {
      const payloads = [...journal.listEvents(first.operation.id), ...journal.listEvents(second.operation.id)].map((event) => event.payload);
      const response = payloads.find((payload) => payload.execCode === '0000' && 'response' in payload) as {
        response: Record<string, unknown>;
        dropped: string[];
      };
      expect(Object.keys(response.response).sort()).toEqual(['CARDCODE', 'EXECCODE', 'MESSAGE', 'OPERATIONTYPE', 'TRANSACTIONID']);
      expect(response.dropped).toEqual(expect.arrayContaining(['CVC', 'CARDSECURITYCODE', 'CARDNUMBER', 'XANSWER', 'DEBUG']));
      const lookup = payloads.find((payload) => 'row' in payload) as { row: Record<string, unknown> };
      expect(Object.keys(lookup.row)).not.toContain('CVC');
      expect(lookup.row.CARDCODE).toBe('XXXXXXXXXXXX1111');
    } finally {
      journal.close();
    }
  });
});
