import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signParams } from '../../../electron/core/gateway/signature.js';
import { NotificationHealth } from '../../../electron/core/notifications/health.js';
import { readyLine, startNotificationListener } from '../../../electron/core/notifications/listener.js';
import { MemorySink } from './support/memory-sink.js';
import { closeAll, secrets, startHarness, type Harness } from './support/listener-harness.js';
import { ACCOUNT, OTHER_ACCOUNT, OTHER_PASSWORD, PASSWORD, formEncode, notificationFields, signed, type Params } from './support/notifications.js';
import { RawConnection, buildRequest, rawRequest } from './support/raw-http.js';

const open: Harness[] = [];
afterEach(() => closeAll(open));

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function post(port: number, body: string | Buffer, headers: Record<string, string | number> = FORM, path = '/dalenys/notify') {
  return rawRequest(port, buildRequest({ path, headers, body }));
}

function get(port: number, query: string, path = '/dalenys/notify') {
  return rawRequest(port, buildRequest({ method: 'GET', path: `${path}?${query}` }));
}

describe('notification listener: accepted notifications', () => {
  it('answers exactly OK (200, text/plain) to a signed POST, after the sink recorded it', async () => {
    const h = await startHarness(open);
    const params = signed(notificationFields());
    const res = await post(h.port, formEncode(params));
    expect(res.status).toBe(200);
    expect(res.body).toBe('OK');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(h.sink.records.size).toBe(1);
    const [n] = [...h.sink.records.values()];
    expect(n).toMatchObject({
      identifier: ACCOUNT,
      operationType: 'payment',
      execCode: '0000',
      transactionId: 'A189063',
      orderId: 'ORD-1',
      method: 'POST',
    });
    expect(n?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(n?.params.HASH).toBeUndefined();
    expect(n?.params.MESSAGE).toBe('The transaction has been accepted.');
  });

  it('accepts a GET notification carried in the query string', async () => {
    const h = await startHarness(open);
    const res = await get(h.port, formEncode(signed(notificationFields({ TRANSACTIONID: 'A2' }))));
    expect(res.status).toBe(200);
    expect(res.body).toBe('OK');
    expect([...h.sink.records.values()][0]).toMatchObject({ method: 'GET', transactionId: 'A2' });
  });

  it('signs decoded values: spaces as +, accents, & and = inside values (real fetch client)', async () => {
    const h = await startHarness(open);
    const params = signed(notificationFields({ MESSAGE: 'Transaction refusée & annulée = 4001 + fin', EXECCODE: '4001', CARDFULLNAME: 'Zoë Ünal' }));
    const res = await fetch(h.listener.notifyUrl, { method: 'POST', body: new URLSearchParams(params as Record<string, string>) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
    expect([...h.sink.records.values()][0]?.params.CARDFULLNAME).toBe('Zoë Ünal');
  });

  it('reads the query string first and ignores the body when the query carries the params', async () => {
    const h = await startHarness(open);
    const query = formEncode(signed(notificationFields({ TRANSACTIONID: 'FROM-QUERY' })));
    const res = await rawRequest(h.port, buildRequest({ path: `/dalenys/notify?${query}`, headers: FORM, body: 'IDENTIFIER=x&EXECCODE=%zz' }));
    expect(res.status).toBe(200);
    expect([...h.sink.records.values()][0]?.transactionId).toBe('FROM-QUERY');
  });

  it('falls back to the body when the query string is empty', async () => {
    const h = await startHarness(open);
    const body = formEncode(signed(notificationFields({ TRANSACTIONID: 'FROM-BODY' })));
    const res = await rawRequest(h.port, buildRequest({ path: '/dalenys/notify?', headers: FORM, body }));
    expect(res.status).toBe(200);
    expect([...h.sink.records.values()][0]?.transactionId).toBe('FROM-BODY');
  });

  it('verifies one-level nested params (AMOUNTS[date]) the way the gateway signs them', async () => {
    const h = await startHarness(open);
    const params = signed(notificationFields({ AMOUNTS: { '2025-02-01': '500', '2025-01-01': '500' }, SCHEDULE: '1-2' }));
    const res = await post(h.port, formEncode(params));
    expect(res.status).toBe(200);
    expect([...h.sink.records.values()][0]?.params.AMOUNTS).toEqual({ '2025-01-01': '500', '2025-02-01': '500' });
  });

  it('accepts OPERATIONTYPE in upper case', async () => {
    const h = await startHarness(open);
    const fields = notificationFields({ OPERATIONTYPE: 'PAYMENT' });
    const params = { ...fields, HASH: signParams(fields, PASSWORD) };
    const res = await post(h.port, formEncode(params));
    expect(res.status).toBe(200);
    expect([...h.sink.records.values()][0]?.operationType).toBe('payment');
  });

  it('refuses a right HASH written in upper-case hex (403): the gateway signs in lower case', async () => {
    const h = await startHarness(open);
    const fields = notificationFields();
    const res = await post(h.port, formEncode({ ...fields, HASH: signParams(fields, PASSWORD).toUpperCase() }));
    expect([res.status, res.body]).toEqual([403, 'NOTIFY_BAD_SIGNATURE']);
    expect(h.sink.calls).toHaveLength(0);
  });

  it('accepts a key repeated with the same value', async () => {
    const h = await startHarness(open);
    const body = formEncode(signed(notificationFields()));
    const res = await post(h.port, `${body}&EXECCODE=0000`);
    expect(res.status).toBe(200);
  });

  it('never hands the sink a CVV or a full card number', async () => {
    const h = await startHarness(open);
    const params = signed(notificationFields({ CARDCODE: '5555556778250000', CARDCVV: '123' }));
    expect((await post(h.port, formEncode(params))).status).toBe(200);
    const stored = [...h.sink.records.values()][0]?.params;
    expect(stored?.CARDCVV).toBeUndefined();
    expect(stored?.CARDCODE).toBe('XXXXXXXXXXXX0000');
    expect(JSON.stringify(stored)).not.toContain('5555556778250000');
  });

  it('answers a replay OK without a second effect', async () => {
    const h = await startHarness(open);
    const body = formEncode(signed(notificationFields()));
    const first = await post(h.port, body);
    const second = await post(h.port, body);
    const third = await get(h.port, body);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect([first.body, second.body, third.body]).toEqual(['OK', 'OK', 'OK']);
    expect(h.sink.calls).toHaveLength(3);
    expect(h.sink.records.size).toBe(1);
    const snapshot = await h.health.flush();
    expect(snapshot.accepted).toBe(1);
    expect(snapshot.duplicates).toBe(2);
  });

  it('serves several requests on one keep-alive connection', async () => {
    const h = await startHarness(open);
    const conn = await RawConnection.connect(h.port);
    try {
      for (let i = 0; i < 5; i += 1) {
        const body = formEncode(signed(notificationFields({ TRANSACTIONID: `KA-${i}` })));
        const res = await conn.request(buildRequest({ path: '/dalenys/notify', headers: FORM, body }));
        expect(res.status).toBe(200);
        expect(res.closing).toBe(false);
      }
    } finally {
      conn.destroy();
    }
    expect(h.sink.records.size).toBe(5);
  });
});

describe('notification listener: refusals', () => {
  it('refuses a forged HASH, a tampered value, another account’s password and a missing HASH with 403', async () => {
    const h = await startHarness(open);
    const good = signed(notificationFields());
    const forged = { ...good, HASH: 'f'.repeat(64) };
    const tampered = { ...good, AMOUNT: '100000' };
    const otherPassword = signed(notificationFields(), OTHER_PASSWORD);
    const { HASH: _dropped, ...unsigned } = good;
    const shortHash = { ...good, HASH: 'abc' };
    const nestedHash = { ...good, HASH: { a: good.HASH as string } };
    const results = [];
    for (const p of [forged, tampered, otherPassword, shortHash, nestedHash, unsigned]) {
      results.push(await post(h.port, formEncode(p as Params)));
    }
    expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(results.map((r) => r.body)).toEqual([
      'NOTIFY_BAD_SIGNATURE',
      'NOTIFY_BAD_SIGNATURE',
      'NOTIFY_BAD_SIGNATURE',
      'NOTIFY_BAD_SIGNATURE',
      'NOTIFY_BAD_SIGNATURE',
      'NOTIFY_UNSIGNED',
    ]);
    expect(h.sink.calls).toHaveLength(0);
    const snapshot = await h.health.flush();
    expect(snapshot.rejected).toEqual({ NOTIFY_BAD_SIGNATURE: 5, NOTIFY_UNSIGNED: 1 });
  });

  it('refuses malformed notifications with 400 and never calls the sink', async () => {
    const h = await startHarness(open, { limits: { maxParams: 40 } });
    const good = formEncode(signed(notificationFields()));
    const without = (key: string): string => {
      const fields = notificationFields();
      delete fields[key];
      return formEncode(signed(fields));
    };
    const bodies: Array<string | Buffer> = [
      `${good}&X=%zz`,
      `${good}&X=%E2%82`,
      `${good}&X=%C3%28`,
      Buffer.concat([Buffer.from(`${good}&X=`), Buffer.from([0xc3, 0x28, 0xff])]),
      without('IDENTIFIER'),
      without('EXECCODE'),
      without('OPERATIONTYPE'),
      formEncode(signed(notificationFields({ IDENTIFIER: '' }))),
      formEncode(signed(notificationFields({ EXECCODE: 'abcd' }))),
      formEncode(signed(notificationFields({ EXECCODE: '00000' }))),
      formEncode(signed(notificationFields({ OPERATIONTYPE: 'pay ment' }))),
      `${good}&EXECCODE=4001`,
      `${good}&AMOUNT%5Bx%5D=1`,
      `${good}&A%5Bb%5D%5Bc%5D=1`,
      `${good}&%3Cscript%3E=1`,
      `${good}&=orphan`,
      `${good}&X=nul%00byte`,
      Array.from({ length: 41 }, (_, i) => `K${i}=v`).join('&'),
      '',
    ];
    const statuses = [];
    for (const body of bodies) statuses.push((await post(h.port, body)).status);
    expect(statuses).toEqual(bodies.map(() => 400));
    expect(h.sink.calls).toHaveLength(0);
  });

  it('refuses a malformed query string with 400, and a GET with nothing at all', async () => {
    const h = await startHarness(open);
    expect((await get(h.port, 'IDENTIFIER=%G0')).status).toBe(400);
    expect((await rawRequest(h.port, 'GET /dalenys/notify?A=%C3%A9%FF HTTP/1.1\r\nHost: x\r\n\r\n')).status).toBe(400);
    expect((await rawRequest(h.port, Buffer.from('GET /dalenys/notify?A=\xff HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'))).status).toBe(400);
    expect((await rawRequest(h.port, buildRequest({ method: 'GET', path: '/dalenys/notify' }))).status).toBe(400);
    expect(h.sink.calls).toHaveLength(0);
  });

  it('refuses an unknown IDENTIFIER with 404', async () => {
    const h = await startHarness(open);
    const res = await post(h.port, formEncode(signed(notificationFields({ IDENTIFIER: 'NOT-MINE' }))));
    expect(res.status).toBe(404);
    expect(res.body).toBe('NOTIFY_UNKNOWN_ACCOUNT');
    expect(h.sink.calls).toHaveLength(0);
  });

  it('checks each account against its own password', async () => {
    const h = await startHarness(open);
    const mine = await post(h.port, formEncode(signed(notificationFields({ IDENTIFIER: OTHER_ACCOUNT }), OTHER_PASSWORD)));
    const crossed = await post(h.port, formEncode(signed(notificationFields({ IDENTIFIER: OTHER_ACCOUNT }), PASSWORD)));
    expect([mine.status, crossed.status]).toEqual([200, 403]);
  });

  it('answers 404 to every other path, and to the export path when exports are not set up', async () => {
    const h = await startHarness(open);
    const body = formEncode(signed(notificationFields()));
    const paths = ['/', '/dalenys', '/dalenys/notify/', '/DALENYS/NOTIFY', '/dalenys/notify.php', '/dalenys/export', '/dalenys%2Fnotify', '//dalenys/notify'];
    for (const path of paths) {
      const res = await post(h.port, body, FORM, path);
      expect(res.status, path).toBe(404);
    }
    expect(h.sink.calls).toHaveLength(0);
    expect(h.listener.exportUrl).toBeUndefined();
  });

  it('answers 405 with Allow to methods other than GET and POST', async () => {
    const h = await startHarness(open);
    const body = formEncode(signed(notificationFields()));
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await rawRequest(h.port, buildRequest({ method, path: '/dalenys/notify', headers: FORM, body }));
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET, POST');
    }
    const head = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.request(h.listener.notifyUrl, { method: 'HEAD' }, resolve).on('error', reject).end();
    });
    head.resume();
    expect(head.statusCode).toBe(405);
    expect(h.sink.calls).toHaveLength(0);
  });

  it('refuses a body in another format with 415', async () => {
    const h = await startHarness(open);
    const body = formEncode(signed(notificationFields()));
    expect((await post(h.port, body, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post(h.port, body, { 'Content-Type': 'application/json' })).status).toBe(415);
    expect((await post(h.port, body, { 'Content-Type': 'application/x-www-form-urlencoded; charset=ISO-8859-1' })).status).toBe(415);
    expect((await post(h.port, body, { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' })).status).toBe(200);
  });

  it('answers 500 when the sink fails, so the gateway retries; the retry then lands once', async () => {
    const h = await startHarness(open);
    const body = formEncode(signed(notificationFields()));
    h.sink.mode = 'fail';
    const failed = await post(h.port, body);
    expect(failed.status).toBe(500);
    expect(failed.body).toBe('NOTIFY_SINK_FAILED');
    expect(h.sink.records.size).toBe(0);
    h.sink.mode = 'ok';
    const retried = await post(h.port, body);
    expect(retried.status).toBe(200);
    expect(h.sink.records.size).toBe(1);
  });

  it('answers 500 when the sink hangs past its deadline', async () => {
    const h = await startHarness(open, { limits: { sinkTimeoutMs: 100 } });
    h.sink.mode = 'hang';
    const res = await post(h.port, formEncode(signed(notificationFields())));
    expect(res.status).toBe(500);
    expect(res.body).toBe('NOTIFY_SINK_TIMEOUT');
  });

  it('answers 500 (retry), not 404, when the account passwords cannot be read', async () => {
    const h = await startHarness(open, {
      secrets: {
        passwordFor: () => {
          throw Object.assign(new Error('vault locked'), { code: 'VAULT_LOCKED' });
        },
      },
    });
    const res = await post(h.port, formEncode(signed(notificationFields())));
    expect(res.status).toBe(500);
    expect(res.body).toBe('NOTIFY_SECRETS_UNAVAILABLE');
  });
});

describe('notification listener: limits', () => {
  it('refuses a body declared over the cap with 413 before reading it', async () => {
    const h = await startHarness(open, { limits: { maxBodyBytes: 1024 } });
    const conn = await RawConnection.connect(h.port);
    const res = await conn.request(
      `POST /dalenys/notify HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\nIDENTIFIER=`,
    );
    expect(res.status).toBe(413);
    expect(res.closing).toBe(true);
    await conn.whenClosed();
    expect(h.sink.calls).toHaveLength(0);
  });

  it('refuses a chunked body that grows past the cap with 413 and closes', async () => {
    const h = await startHarness(open, { limits: { maxBodyBytes: 1024 } });
    const conn = await RawConnection.connect(h.port);
    const head = 'POST /dalenys/notify HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n';
    const chunk = `400\r\n${'A'.repeat(0x400)}\r\n`;
    const response = conn.request(head + chunk + chunk);
    const res = await response;
    expect(res.status).toBe(413);
    expect(res.body).toBe('NOTIFY_BODY_TOO_LARGE');
    await conn.whenClosed();
  });

  it('accepts a signed body just under the cap', async () => {
    const h = await startHarness(open, { limits: { maxBodyBytes: 4096 } });
    const base = formEncode(signed(notificationFields({ EXTRADATA: '' })));
    const extra = 'e'.repeat(4096 - base.length - 70);
    const body = formEncode(signed(notificationFields({ EXTRADATA: extra })));
    expect(body.length).toBeLessThanOrEqual(4096);
    expect((await post(h.port, body)).status).toBe(200);
  });

  it('refuses oversized headers with 431; extra headers past maxHeadersCount are ignored, not fatal', async () => {
    const h = await startHarness(open, { limits: { maxHeaderBytes: 4096, maxHeadersCount: 20 } });
    const body = formEncode(signed(notificationFields()));
    const flood: Record<string, string> = { ...FORM };
    for (let i = 0; i < 100; i += 1) flood[`X-F${i}`] = 'y';
    const ok = await rawRequest(h.port, buildRequest({ path: '/dalenys/notify', headers: flood, body }));
    expect(ok.status).toBe(200);
    const huge = await rawRequest(h.port, buildRequest({ path: '/dalenys/notify', headers: { ...FORM, 'X-Big': 'z'.repeat(8000) }, body }));
    expect(huge.status).toBe(431);
    const snapshot = await h.health.flush();
    expect(snapshot.rejected.NOTIFY_HEADERS_TOO_LARGE).toBe(1);
  });

  it('cuts a sender whose headers trickle in (408, connection closed)', async () => {
    const h = await startHarness(open, { limits: { headersTimeoutMs: 300, requestTimeoutMs: 300, checkIntervalMs: 50 } });
    const conn = await RawConnection.connect(h.port);
    const response = conn.next();
    void conn.dribble(Buffer.from(`POST /dalenys/notify HTTP/1.1\r\nHost: x\r\n${'X-Slow: 1\r\n'.repeat(200)}`), 4, 40);
    const res = await response;
    expect(res.status).toBe(408);
    await conn.whenClosed();
    expect(conn.closed).toBe(true);
  });

  it('cuts a sender whose body trickles in (408, connection closed), and keeps serving others', async () => {
    const h = await startHarness(open, { limits: { bodyTimeoutMs: 300 } });
    const conn = await RawConnection.connect(h.port);
    const body = formEncode(signed(notificationFields()));
    conn.write(`POST /dalenys/notify HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`);
    const response = conn.next();
    void conn.dribble(Buffer.from(body), 2, 50);
    const res = await response;
    expect(res.status).toBe(408);
    expect(res.body).toBe('NOTIFY_TOO_SLOW');
    await conn.whenClosed();
    expect(h.sink.calls).toHaveLength(0);
    expect((await post(h.port, body)).status).toBe(200);
  });

  it('answers 400 to bytes that are not HTTP and stays up', async () => {
    const h = await startHarness(open);
    const res = await rawRequest(h.port, 'HELLO\r\n\r\n');
    expect(res.status).toBe(400);
    expect((await post(h.port, formEncode(signed(notificationFields())))).status).toBe(200);
  });
});

describe('notification listener: lifecycle', () => {
  it('exposes its URLs and prints the start-up line', async () => {
    const h = await startHarness(open);
    expect(h.listener.url).toBe(`http://127.0.0.1:${h.port}`);
    expect(h.listener.notifyUrl).toBe(`http://127.0.0.1:${h.port}/dalenys/notify`);
    expect(readyLine(h.listener)).toBe(`Notifications listening at http://127.0.0.1:${h.port}/dalenys/notify`);
    expect(h.listener.state).toBe('listening');
    expect(h.health.snapshot().listener).toMatchObject({ state: 'listening', notifyUrl: h.listener.notifyUrl });
  });

  it('serves configured paths instead of the defaults', async () => {
    const h = await startHarness(open, { paths: { notify: '/hooks/dalenys' } });
    const body = formEncode(signed(notificationFields()));
    expect((await post(h.port, body, FORM, '/hooks/dalenys')).status).toBe(200);
    expect((await post(h.port, body)).status).toBe(404);
    expect(h.listener.notifyUrl.endsWith('/hooks/dalenys')).toBe(true);
  });

  it('fails to start on a port in use with a coded error, and reports it in health', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const health = new NotificationHealth({ coalesceMs: 0 });
    try {
      await expect(startNotificationListener({ port, secrets, sink: new MemorySink(), health })).rejects.toMatchObject({
        code: 'NOTIFY_LISTEN_ADDRESS_IN_USE',
      });
      expect(health.snapshot().listener).toMatchObject({ state: 'failed', errorCode: 'NOTIFY_LISTEN_ADDRESS_IN_USE' });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('closes: state closed, port released', async () => {
    const h = await startHarness(open);
    await h.listener.close();
    expect(h.listener.state).toBe('closed');
    expect(h.health.snapshot().listener.state).toBe('closed');
    await expect(RawConnection.connect(h.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('records the last notification time per account', async () => {
    let clock = 1_000;
    const h = await startHarness(open, { now: () => clock });
    await post(h.port, formEncode(signed(notificationFields())));
    clock = 2_000;
    await post(h.port, formEncode(signed(notificationFields({ IDENTIFIER: OTHER_ACCOUNT }), OTHER_PASSWORD)));
    const snapshot = await h.health.flush();
    expect(snapshot.lastNotificationAt).toEqual({ [ACCOUNT]: 1_000, [OTHER_ACCOUNT]: 2_000 });
  });
});
