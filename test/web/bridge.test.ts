import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { inProcessLink } from '../../electron/core/host/in-process-link.js';
import { MAX_BODY_BYTES, startWebBridge, type WebBridge } from '../../electron/web/bridge.js';
import { memoryLogger } from '../support/silent-logger.js';
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

describe('web bridge', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let bridge: WebBridge;
  let api: (channel: string, body: string, headers?: Record<string, string>) => Promise<Reply>;

  beforeAll(async () => {
    dir = await tempDir();
    await mkdir(join(dir.path, 'renderer'), { recursive: true });
    await writeFile(join(dir.path, 'renderer', 'index.html'), '<html>shell</html>');
    await writeFile(join(dir.path, 'outside.txt'), 'secret');
    const { logger } = memoryLogger();
    core = await createCore({ dataDir: join(dir.path, 'data'), version: '1.2.3', electronVersion: null, logger });
    bridge = await startWebBridge({ link: inProcessLink(core, { role: 'admin', operator: null, transport: 'web' }), rendererDir: join(dir.path, 'renderer'), logger });
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
    await core.close();
    await dir.remove();
  });

  it('binds 127.0.0.1 and prints a URL that carries a long random token', () => {
    expect(bridge.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${bridge.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('serves the shell with the token and sets a strict, port-scoped, HttpOnly cookie', async () => {
    const reply = await send(bridge.port, { path: `/?token=${bridge.token}`, headers: { host: `127.0.0.1:${bridge.port}` } });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('<html>shell</html>');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['set-cookie']?.[0]).toBe(`comptoir_token_${bridge.port}=${bridge.token}; HttpOnly; SameSite=Strict; Path=/`);
    const withCookie = await send(bridge.port, { path: '/', headers: { host: `localhost:${bridge.port}`, cookie: `comptoir_token_${bridge.port}=${bridge.token}` } });
    expect(withCookie.status).toBe(200);
  });

  it('refuses with 403 any request without the token, or with a wrong one', async () => {
    expect((await send(bridge.port, { path: '/', headers: { host: `127.0.0.1:${bridge.port}` } })).status).toBe(403);
    expect((await send(bridge.port, { path: '/?token=wrong', headers: { host: `127.0.0.1:${bridge.port}` } })).status).toBe(403);
    expect((await send(bridge.port, { path: '/api/events', headers: { host: `127.0.0.1:${bridge.port}` } })).status).toBe(403);
    const noHeader = await api('app.info', '', { 'x-comptoir-token': '' });
    expect(noHeader.status).toBe(403);
    expect(JSON.parse(noHeader.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // The cookie alone does not authorise a call: another site's forged POST would carry it.
    const cookieOnly = await api('app.info', '', { 'x-comptoir-token': '', cookie: `comptoir_token_${bridge.port}=${bridge.token}` });
    expect(cookieOnly.status).toBe(403);
  });

  it('refuses with 403 a foreign Host (DNS rebinding) even with the right token', async () => {
    for (const host of ['evil.example', `evil.example:${bridge.port}`, '127.0.0.1:1', `127.0.0.1.nip.io:${bridge.port}`]) {
      const reply = await send(bridge.port, { path: `/?token=${bridge.token}`, headers: { host } });
      expect(reply.status, host).toBe(403);
      expect((await api('app.info', '', { host })).status, host).toBe(403);
    }
  });

  it('refuses with 403 a foreign Origin or a cross-site fetch even with the right token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://localhost:${bridge.port + 1}`, `https://127.0.0.1:${bridge.port}`]) {
      expect((await api('app.info', '', { origin })).status, origin).toBe(403);
    }
    expect((await api('app.info', '', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api('app.info', '', { origin: `http://127.0.0.1:${bridge.port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
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
      const reply = await send(bridge.port, { path: `${path}?token=${bridge.token}`, headers: { host: `127.0.0.1:${bridge.port}` } });
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('secret');
    }
  });

  it('streams app.status as server-sent events with the token', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: bridge.port, path: `/api/events?token=${bridge.token}`, headers: { host: `127.0.0.1:${bridge.port}` } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          if (buffer.includes('event: app.status')) {
            req.destroy();
            resolve(buffer);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(text).toMatch(/event: app\.status\ndata: \{"environment":"test"/);
  });
});
