import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessLink } from '../../electron/core/host/in-process-link.js';
import { MAX_BODY_BYTES, startWebBridge, type WebBridge } from '../../electron/web/bridge.js';
import { memoryLogger } from '../support/silent-logger.js';
import { startCore, type TestCore } from '../support/start-core.js';
import { tempDir } from '../support/temp-dir.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP, so the test controls Host and Origin exactly as an attacker could. */
function send(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Bytes exactly as given, for request targets node's own client refuses to send. */
function rawSend(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('web bridge', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let f: TestCore;
  let bridge: WebBridge;
  let api: (channel: string, body: string, headers?: Record<string, string>) => Promise<Reply>;

  beforeAll(async () => {
    dir = await tempDir();
    await mkdir(join(dir.path, 'renderer'), { recursive: true });
    await writeFile(join(dir.path, 'renderer', 'index.html'), '<html>shell</html>');
    await writeFile(join(dir.path, 'outside.txt'), 'secret');
    f = await startCore({ version: '1.2.3' });
    bridge = await startWebBridge({
      link: inProcessLink(f.core, { role: 'admin', operator: null, transport: 'web' }),
      rendererDir: join(dir.path, 'renderer'),
      logger: memoryLogger().logger,
    });
    api = (channel, body, headers = {}) =>
      send(bridge.port, {
        method: 'POST',
        path: `/api/invoke/${channel}`,
        headers: { host: `127.0.0.1:${bridge.port}`, 'content-type': 'application/json', 'x-comptoir-token': bridge.token, ...headers },
        body,
      });
  });
  afterAll(async () => {
    await bridge.close();
    await f.close();
    await dir.remove();
  });

  it('binds 127.0.0.1 and prints a URL that carries a long random token', () => {
    expect(bridge.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${bridge.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('serves the page, which holds no secret, without the token, and never sets a cookie', async () => {
    for (const path of ['/', `/?token=${bridge.token}`, '/index.html']) {
      const reply = await send(bridge.port, { path, headers: { host: `127.0.0.1:${bridge.port}` } });
      expect(reply.status, path).toBe(200);
      expect(reply.body).toBe('<html>shell</html>');
      expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
      expect(reply.headers['set-cookie'], path).toBeUndefined();
      expect(reply.body).not.toContain(bridge.token);
    }
  });

  it('authorises calls and the event stream by the header alone: no cookie, no token in a URL', async () => {
    const host = { host: `127.0.0.1:${bridge.port}` };
    const noHeader = await api('app.info', '', { 'x-comptoir-token': '' });
    expect(noHeader.status).toBe(403);
    expect(JSON.parse(noHeader.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((await api('app.info', '', { 'x-comptoir-token': 'wrong' })).status).toBe(403);
    // The cookie of earlier versions stands for nothing any more, on calls or on the stream.
    const cookie = `comptoir_token_${bridge.port}=${bridge.token}`;
    expect((await api('app.info', '', { 'x-comptoir-token': '', cookie })).status).toBe(403);
    expect((await send(bridge.port, { path: '/api/events', headers: { ...host, cookie } })).status).toBe(403);
    // Nor does the token in the URL.
    expect((await send(bridge.port, { path: `/api/events?token=${bridge.token}`, headers: host })).status).toBe(403);
    expect((await send(bridge.port, { path: '/api/events', headers: host })).status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) with 403 and says so, even with the right token', async () => {
    for (const host of ['evil.example', `evil.example:${bridge.port}`, '127.0.0.1:1', `127.0.0.1.nip.io:${bridge.port}`]) {
      const page = await send(bridge.port, { path: '/', headers: { host } });
      expect(page.status, host).toBe(403);
      expect(JSON.parse(page.body), host).toMatchObject({ ok: false, error: { code: 'WEB_HOST_REFUSED' } });
      const call = await api('app.info', '', { host });
      expect(call.status, host).toBe(403);
      expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'WEB_HOST_REFUSED', message: expect.stringContaining('Host') } });
    }
  });

  it('refuses a foreign Origin or a cross-site fetch with 403 and says so, even with the right token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://localhost:${bridge.port + 1}`, `https://127.0.0.1:${bridge.port}`]) {
      const reply = await api('app.info', '', { origin });
      expect(reply.status, origin).toBe(403);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'WEB_ORIGIN_REFUSED' } });
    }
    expect(JSON.parse((await api('app.info', '', { 'sec-fetch-site': 'cross-site' })).body)).toMatchObject({ error: { code: 'WEB_ORIGIN_REFUSED' } });
    expect((await api('app.info', '', { origin: `http://127.0.0.1:${bridge.port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('answers 400 MALFORMED_REQUEST, never a 500, to a malformed request target or a bad %-escape', async () => {
    const request = (path: string) =>
      rawSend(bridge.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nx-comptoir-token: ${bridge.token}\r\nConnection: close\r\n\r\n`);
    for (const path of ['/api/invoke/%zz', '/api/invoke/app.info%C3%28', '/%zz', '/index.html?x=%', '*', 'http://[']) {
      const reply = await request(path);
      expect(reply, path).toMatch(/^HTTP\/1\.1 400 /);
      expect(reply, path).toContain('MALFORMED_REQUEST');
      expect(reply, path).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    // What node's own parser refuses never reaches the bridge: 400 all the same.
    expect(await request('index.html')).toMatch(/^HTTP\/1\.1 400 /);
    // A path that is odd but well formed is simply not found.
    expect(await request('//[')).toMatch(/^HTTP\/1\.1 404 /);
    expect((await api('app.info', '')).status).toBe(200);
  });

  it('answers contract outcomes with 200 and the envelope', async () => {
    expect(JSON.parse((await api('app.info', '')).body)).toMatchObject({ ok: true, value: { version: '1.2.3', transport: 'web' } });
    expect(JSON.parse((await api('no.such', '{}')).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('answers 400 MALFORMED_REQUEST to a body that is not JSON, and 405 to a GET call', async () => {
    const reply = await api('settings.update', '{"locale": "fr"');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'MALFORMED_REQUEST' } });
    const get = await send(bridge.port, { path: '/api/invoke/app.info', headers: { host: `127.0.0.1:${bridge.port}`, 'x-comptoir-token': bridge.token } });
    expect(get.status).toBe(405);
  });

  it('answers 413 PAYLOAD_TOO_LARGE past the body cap, and keeps serving', async () => {
    const reply = await api('settings.update', JSON.stringify({ timeZone: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect((await api('app.info', '')).status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/%2e%2e%2foutside.txt']) {
      const reply = await send(bridge.port, { path, headers: { host: `127.0.0.1:${bridge.port}` } });
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('secret');
    }
  });

  it('streams app.status as server-sent events to the token header, without any cookie', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: bridge.port, path: '/api/events', headers: { host: `127.0.0.1:${bridge.port}`, 'x-comptoir-token': bridge.token } },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          let buffer = '';
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString('utf8');
            if (buffer.includes('event: app.status')) {
              req.destroy();
              resolve(buffer);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(text).toMatch(/event: app\.status\ndata: \{"environment":"test"/);
  });
});
