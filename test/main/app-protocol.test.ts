import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, registerAppScheme } from '../../electron/main/app-protocol.js';
import { recorded, resetStandIn, protocol } from '../support/electron-stand-in.js';
import { tempDir } from '../support/temp-dir.js';

describe('app:// protocol', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let handler: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    dir = await tempDir();
    await mkdir(join(dir.path, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(dir.path, 'renderer', 'index.html'), '<html>shell</html>');
    await writeFile(join(dir.path, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir.path, 'secret.txt'), 'outside the renderer');
    handler = createAppProtocolHandler(join(dir.path, 'renderer'));
  });
  afterAll(() => dir.remove());

  it('is registered as a standard, secure scheme before the app is ready', () => {
    resetStandIn();
    registerAppScheme(protocol as never);
    expect(recorded.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the renderer with the strict CSP and the right content type', async () => {
    const response = await handler(new Request('app://comptoir/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<html>shell</html>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    const script = await handler(new Request('app://comptoir/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers only GET', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await handler(new Request('app://comptoir/index.html', { method, body: method === 'POST' ? 'x' : undefined }));
      expect(response.status, method).toBe(405);
    }
  });

  it('answers only its own host', async () => {
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(403);
    expect((await handler(new Request('app://comptoir.evil/index.html'))).status).toBe(403);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00index.html', '/..%5csecret.txt']) {
      const response = await handler(new Request(`app://comptoir${path}`));
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('outside the renderer');
    }
  });
});
