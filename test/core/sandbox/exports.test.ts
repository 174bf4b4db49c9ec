import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExportFile } from '../../../electron/core/sandbox/index.js';
import { DAY, OTHER, startFixture, startReceiver, T0, type Fixture, type Receiver } from '../../support/sandbox-fixture.js';
import { call, cardParams } from './harness.js';
import { gunzipText, parseCsv, unzipSingle } from './csv-reading.js';

describe('getTransactions and the exports', () => {
  let f: Fixture;
  let callback: Receiver;
  let outbox: string;
  beforeEach(async () => {
    outbox = await mkdtemp(join(tmpdir(), 'sandbox-outbox-'));
    f = await startFixture({ outboxDir: outbox });
    callback = await startReceiver();
  });
  afterEach(async () => {
    await f.close();
    await callback.close();
    await rm(outbox, { recursive: true, force: true });
  });

  /** Three days of activity: a payment refunded in part, an authorization captured, a refusal. */
  async function activity(): Promise<{ payment: string; auth: string; capture: string; refund: string; refused: string }> {
    const payment = (await call(f.processUrl, 'payment', cardParams(T0, { ORDERID: 'order-A', AMOUNT: '12390' }))).TRANSACTIONID as string;
    f.clock.advance(DAY);
    const auth = (await call(f.processUrl, 'authorization', cardParams(T0, { ORDERID: 'order-B', AMOUNT: '5000' }))).TRANSACTIONID as string;
    const capture = (await call(f.processUrl, 'capture', { TRANSACTIONID: auth, ORDERID: 'order-B', DESCRIPTION: 'capture', AMOUNT: '4500' }))
      .TRANSACTIONID as string;
    f.clock.advance(DAY);
    const refund = (await call(f.processUrl, 'refund', { TRANSACTIONID: payment, ORDERID: 'order-A', DESCRIPTION: 'return', AMOUNT: '2390' }))
      .TRANSACTIONID as string;
    const refused = (await call(f.processUrl, 'payment', cardParams(T0, { ORDERID: 'order-C', CARDCODE: '5555554530114002' }))).TRANSACTIONID as string;
    await call(f.processUrl, 'payment', cardParams(T0, { ORDERID: 'order-A' }), OTHER);
    f.clock.advance(DAY);
    return { payment, auth, capture, refund, refused };
  }

  it('getTransactions answers synchronously in DATA for a TRANSACTIONID list', async () => {
    const ids = await activity();
    const json = await call(f.exportUrl, 'getTransactions', { TRANSACTIONID: `${ids.payment};${ids.refused};A404` });
    expect(json).toMatchObject({ EXECCODE: '0000', OPERATIONTYPE: 'gettransactions' });
    const data = json.DATA as Array<Record<string, string>>;
    expect(data.map((row) => row.TRANSACTIONID)).toEqual([ids.payment, ids.refused]);
    expect(data[0]).toMatchObject({
      AMOUNT: '123.90',
      EXECCODE: '0',
      DATE: '2030-06-15 10:00:00',
      ORDERID: 'order-A',
      OPERATIONTYPE: 'payment',
      CURRENCY: 'EUR',
      IDENTIFIER: 'COMPTOIR-TEST',
    });
    expect(data[1]).toMatchObject({ EXECCODE: '4002', DATE: '2030-06-17 10:00:00' });
  });

  it('getTransactions by ORDERID returns every operation of those orders, for this account only', async () => {
    const ids = await activity();
    const json = await call(f.exportUrl, 'getTransactions', { ORDERID: 'order-A;order-B', COLUMNS: 'TRANSACTIONID;OPERATIONTYPE;AMOUNT' });
    expect(json.DATA).toEqual([
      { TRANSACTIONID: ids.payment, OPERATIONTYPE: 'payment', AMOUNT: '123.90' },
      { TRANSACTIONID: ids.auth, OPERATIONTYPE: 'authorization', AMOUNT: '50.00' },
      { TRANSACTIONID: ids.capture, OPERATIONTYPE: 'capture', AMOUNT: '45.00' },
      { TRANSACTIONID: ids.refund, OPERATIONTYPE: 'refund', AMOUNT: '23.90' },
    ]);
  });

  it('getTransactions formats DATE in the requested TIMEZONE and validates its parameters', async () => {
    const ids = await activity();
    const json = await call(f.exportUrl, 'getTransactions', { TRANSACTIONID: ids.payment, TIMEZONE: 'Europe/Paris', COLUMNS: 'DATE' });
    expect(json.DATA).toEqual([{ DATE: '2030-06-15 12:00:00' }]);
    expect((await call(f.exportUrl, 'getTransactions', {})).MESSAGE).toBe('The parameter "TRANSACTIONID" is missing.');
    expect((await call(f.exportUrl, 'getTransactions', { TRANSACTIONID: ids.payment, TIMEZONE: 'Mars/Olympus' })).MESSAGE).toBe(
      'The parameter "TIMEZONE" is invalid.',
    );
    expect((await call(f.exportUrl, 'getTransactions', { TRANSACTIONID: ids.payment, COLUMNS: 'AMOUNT;SHOE SIZE' })).MESSAGE).toBe(
      'The parameter "COLUMNS" is invalid.',
    );
    expect((await call(f.exportUrl, 'getTransactions', { TRANSACTIONID: 'a', ORDERID: 'b' })).EXECCODE).toBe('1002');
  });

  it('exportTransactions posts a gzip CSV to CALLBACKURL in the documented layout', async () => {
    const ids = await activity();
    const json = await call(f.exportUrl, 'exportTransactions', { DATE: '2030-06', CALLBACKURL: callback.url, COMPRESSION: 'GZIP' });
    expect(json).toMatchObject({ EXECCODE: '0000', OPERATIONTYPE: 'exporttransactions' });
    expect(json.TRANSACTIONID).toBeUndefined();
    await callback.waitForCalls(1);
    const received = callback.calls[0];
    expect(received?.method).toBe('POST');
    expect(received?.headers['content-type']).toBe('application/gzip');
    expect(received?.headers['content-disposition']).toMatch(/^attachment; filename="exportTransactions_COMPTOIR-TEST_.*\.csv\.gz"$/);
    const csv = parseCsv(gunzipText(received?.body as Buffer));
    expect(csv.bom).toBe(false);
    expect(csv.header.slice(0, 8)).toEqual(['TRANSACTIONID', 'ORDERID', 'OPERATIONTYPE', 'NATURE', 'DESCRIPTION', 'AMOUNT', 'CURRENCY', 'FINANCIALSTATE']);
    expect(csv.header).toContain('BILLINGFEES INCL. VAT');
    expect(csv.header).toContain('SHIP TO PHONE');
    expect(csv.rows.map((row) => row.TRANSACTIONID)).toEqual([ids.payment, ids.auth, ids.capture, ids.refund, ids.refused]);
    const byId = Object.fromEntries(csv.rows.map((row) => [row.TRANSACTIONID, row]));
    expect(byId[ids.payment]).toMatchObject({ AMOUNT: '123.90', EXECCODE: '0', FINANCIALSTATE: 'Paid', REFUNDEDBY: ids.refund, CARDFULLNAME: 'Jeanne Martin' });
    expect(byId[ids.refund]).toMatchObject({ OPERATIONTYPE: 'refund', AMOUNT: '23.90', REFUNDED: ids.payment });
    expect(byId[ids.refused]).toMatchObject({ EXECCODE: '4002', FINANCIALSTATE: 'Refused' });
    expect(gunzipText(received?.body as Buffer)).not.toContain('4111111111111111');
    await f.sandbox.settled();
    const record = f.sandbox.ledger.exports()[0];
    expect(record).toMatchObject({ state: 'delivered', compression: 'gzip', rowCount: 5, method: 'exportTransactions' });
    expect(f.sandbox.ledger.exportContent(record?.id as number)?.equals(received?.body as Buffer)).toBe(true);
  });

  it('builds a real zip with STARTDATE/ENDDATE and COLUMNS', async () => {
    const ids = await activity();
    await call(f.exportUrl, 'exportTransactions', {
      STARTDATE: '2030-06-16',
      ENDDATE: '2030-06-16',
      CALLBACKURL: callback.url,
      COMPRESSION: 'zip',
      COLUMNS: 'TRANSACTIONID;AMOUNT;3DSECURE',
    });
    await callback.waitForCalls(1);
    expect(callback.calls[0]?.headers['content-type']).toBe('application/zip');
    const entry = unzipSingle(callback.calls[0]?.body as Buffer);
    expect(entry.name).toMatch(/^exportTransactions_.*\.csv$/);
    const csv = parseCsv(entry.content.toString('utf8'));
    expect(csv.header).toEqual(['TRANSACTIONID', 'AMOUNT', '3DSECURE']);
    expect(csv.rows).toEqual([
      { TRANSACTIONID: ids.auth, AMOUNT: '50.00', '3DSECURE': 'no' },
      { TRANSACTIONID: ids.capture, AMOUNT: '45.00', '3DSECURE': 'no' },
    ]);
  });

  it('writes MAILTO exports to the outbox folder with an envelope', async () => {
    await activity();
    await call(f.exportUrl, 'exportTransactions', { DATE: '2030-06-15', MAILTO: 'accounting@example.com', COMPRESSION: 'GZIP' });
    await f.sandbox.settled();
    const files = (await readdir(outbox)).sort();
    expect(files).toHaveLength(2);
    const [file, envelope] = files as [string, string];
    expect(envelope).toBe(`${file}.json`);
    expect(JSON.parse(await readFile(join(outbox, envelope), 'utf8'))).toMatchObject({
      to: 'accounting@example.com',
      method: 'exportTransactions',
      fileName: file,
    });
    const csv = parseCsv(gunzipText(await readFile(join(outbox, file))));
    expect(csv.rows).toHaveLength(1);
    expect(f.sandbox.ledger.exports()[0]?.destination).toEqual({ kind: 'mail', to: 'accounting@example.com', path: join(outbox, file) });
  });

  it('exportChargebacks lists simulated chargebacks by their date', async () => {
    const ids = await activity();
    f.sandbox.simulateChargeback(ids.payment, { amount: 10000, reason: 'Goods not received' });
    await call(f.exportUrl, 'exportChargebacks', { DATE: '2030-06', CALLBACKURL: callback.url, COMPRESSION: 'GZIP' });
    await callback.waitForCalls(1);
    const csv = parseCsv(gunzipText(callback.calls[0]?.body as Buffer));
    expect(csv.rows).toEqual([
      expect.objectContaining({
        TRANSACTIONID: ids.payment,
        CHARGEBACKAMOUNT: '100.00',
        CHARGEBACKREASON: 'Goods not received',
        CHARGEBACKDATE: '2030-06-18 10:00:00',
      }),
    ]);
  });

  it('exportReconciliation consolidates paid amounts per day and operation', async () => {
    await activity();
    const json = await call(f.reconciliationUrl, 'exportReconciliation', { DATE: '2030-06', CALLBACKURL: callback.url, COMPRESSION: 'GZIP' });
    expect(json.EXECCODE).toBe('0000');
    await callback.waitForCalls(1);
    const csv = parseCsv(gunzipText(callback.calls[0]?.body as Buffer));
    expect(csv.header).toEqual([
      'DATE',
      'IDENTIFIER',
      'OPERATIONTYPE',
      'CURRENCY',
      'COUNT',
      'AMOUNT',
      'BILLINGFEES EX. VAT',
      'BILLING VAT FEES',
      'BILLINGFEES INCL. VAT',
      'NET AMOUNT',
    ]);
    expect(csv.rows.map((r) => [r.DATE, r.OPERATIONTYPE, r.COUNT, r.AMOUNT, r['NET AMOUNT']])).toEqual([
      ['2030-06-16', 'payment', '1', '123.90', '123.90'],
      ['2030-06-17', 'capture', '1', '45.00', '45.00'],
      ['2030-06-18', 'refund', '1', '23.90', '-23.90'],
    ]);
    expect(
      (
        await call(f.reconciliationUrl, 'exportReconciliation', {
          STARTDATE: '2030-06-01',
          ENDDATE: '2030-06-30',
          DATE: '2030-06',
          CALLBACKURL: callback.url,
          COMPRESSION: 'GZIP',
        })
      ).EXECCODE,
    ).toBe('1002');
  });

  it('exportReconciledTransactions lists what was paid on one day', async () => {
    const ids = await activity();
    await call(f.reconciliationUrl, 'exportReconciledTransactions', { DATE: '2030-06-17', CALLBACKURL: callback.url, COMPRESSION: 'GZIP' });
    await callback.waitForCalls(1);
    const csv = parseCsv(gunzipText(callback.calls[0]?.body as Buffer));
    expect(csv.rows.map((r) => [r.TRANSACTIONID, r.FINANCIALSTATE])).toEqual([[ids.capture, 'Paid']]);
    expect((await call(f.reconciliationUrl, 'exportReconciledTransactions', { DATE: '2030-06', CALLBACKURL: callback.url, COMPRESSION: 'GZIP' })).MESSAGE).toBe(
      'The parameter "DATE" is invalid.',
    );
  });

  it('checks the export parameters', async () => {
    const base = { DATE: '2030-06', CALLBACKURL: callback.url, COMPRESSION: 'GZIP' };
    expect((await call(f.exportUrl, 'exportTransactions', { ...base, COMPRESSION: 'BZIP' })).MESSAGE).toBe('The parameter "COMPRESSION" is invalid.');
    expect((await call(f.exportUrl, 'exportTransactions', { DATE: '2030-06', COMPRESSION: 'GZIP' })).MESSAGE).toBe('The parameter "MAILTO" is missing.');
    expect((await call(f.exportUrl, 'exportTransactions', { DATE: '2030-06', CALLBACKURL: callback.url })).MESSAGE).toBe(
      'The parameter "COMPRESSION" is missing.',
    );
    expect((await call(f.exportUrl, 'exportTransactions', { CALLBACKURL: callback.url, COMPRESSION: 'GZIP' })).MESSAGE).toBe(
      'The parameter "DATE" is missing.',
    );
    expect((await call(f.exportUrl, 'exportTransactions', { ...base, MAILTO: 'a@example.com' })).EXECCODE).toBe('1002');
    expect((await call(f.exportUrl, 'exportTransactions', { ...base, CALLBACKURL: 'ftp://example.com/x' })).MESSAGE).toBe(
      'The parameter "CALLBACKURL" is invalid.',
    );
    expect((await call(f.exportUrl, 'exportTransactions', { ...base, DATE: '2030-13' })).MESSAGE).toBe('The parameter "DATE" is invalid.');
    const { DATE: _d, ...noDate } = base;
    expect((await call(f.exportUrl, 'exportTransactions', { ...noDate, STARTDATE: '2030-06-01' })).MESSAGE).toBe('The parameter "ENDDATE" is missing.');
    expect((await call(f.exportUrl, 'exportTransactions', { ...noDate, STARTDATE: '2030-06-10', ENDDATE: '2030-06-01' })).EXECCODE).toBe('1002');
    await f.sandbox.settled();
    expect(callback.calls).toHaveLength(0);
  });

  it('getTransactions with a CALLBACKURL sends a file (gzip by default) instead of DATA', async () => {
    const ids = await activity();
    const json = await call(f.exportUrl, 'getTransactions', { ORDERID: 'order-B', CALLBACKURL: callback.url });
    expect(json.EXECCODE).toBe('0000');
    expect(json.DATA).toBeUndefined();
    await callback.waitForCalls(1);
    const received = callback.calls[0];
    expect(received?.headers['x-export-method']).toBe('getTransactions');
    const csv = parseCsv(gunzipText(received?.body as Buffer));
    expect(csv.rows.map((r) => r.TRANSACTIONID)).toEqual([ids.auth, ids.capture]);
    // The helper offered to CALLBACKURL listeners reads the same file.
    expect(readExportFile(received?.body as Buffer, received?.headers['content-type'] as string).csv).toBe(gunzipText(received?.body as Buffer));
  });

  it('readExportFile opens zip files and refuses what it cannot read', async () => {
    await activity();
    await call(f.exportUrl, 'exportTransactions', { DATE: '2030-06', CALLBACKURL: callback.url, COMPRESSION: 'ZIP' });
    await callback.waitForCalls(1);
    const body = callback.calls[0]?.body as Buffer;
    const opened = readExportFile(body, 'application/zip');
    expect(opened.csv).toBe(unzipSingle(body).content.toString('utf8'));
    expect(opened.entryName).toMatch(/\.csv$/);
    const damaged = Buffer.from(body);
    const inData = 30 + body.readUInt16LE(26) + 4;
    damaged[inData] = (damaged[inData] as number) ^ 0xff;
    expect(() => readExportFile(damaged, 'export.zip')).toThrow();
    expect(() => readExportFile(Buffer.from('plain'), 'application/gzip')).toThrow('not a gzip file');
  });

  it('retries a callback that does not answer 2xx and records the failure', async () => {
    callback.fallback = { status: 500, body: 'nope' };
    await call(f.exportUrl, 'exportTransactions', { DATE: '2030-06', CALLBACKURL: callback.url, COMPRESSION: 'GZIP' });
    await f.sandbox.settled();
    expect(callback.calls).toHaveLength(3);
    expect(f.sandbox.ledger.exports()[0]).toMatchObject({ state: 'failed' });
  });
});

describe('legacy CSV layout', () => {
  it('writes amounts in cents, the older column order and a BOM', async () => {
    const f = await startFixture({ rules: { csvLayout: 'legacy-2014' } });
    const callback = await startReceiver();
    try {
      const payment = await call(f.processUrl, 'payment', cardParams(T0, { AMOUNT: '6777' }));
      await call(f.exportUrl, 'exportTransactions', { DATE: '2030-06-15', CALLBACKURL: callback.url, COMPRESSION: 'GZIP' });
      await callback.waitForCalls(1);
      const csv = parseCsv(gunzipText(callback.calls[0]?.body as Buffer));
      expect(csv.bom).toBe(true);
      expect(csv.header.slice(0, 4)).toEqual(['TRANSACTIONID', 'ORDERID', 'DATE', 'OPERATIONTYPE']);
      expect(csv.header).toContain('BILLINGFEESTTC');
      expect(csv.rows[0]).toMatchObject({ TRANSACTIONID: payment.TRANSACTIONID, AMOUNT: '6777', EXECCODE: '0' });
    } finally {
      await f.close();
      await callback.close();
    }
  });
});
