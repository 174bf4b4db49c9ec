import { expect, test } from '@playwright/test';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWebMode, type WebMode } from './web-mode.js';

/**
 * Issue 13 item 12: in web mode no usable credential leaks to the other servers of this
 * machine. A browser sends its cookies for 127.0.0.1 to every port, so no cookie may carry or
 * stand for the session token; the token leaves the address bar after the first load, a reload
 * still works, and the event stream authenticates with the header, not a cookie.
 */
let web: WebMode;
let other: Server;
let seen: IncomingHttpHeaders[];

test.beforeEach(async () => {
  web = await startWebMode();
  seen = [];
  // Another local server, as any developer tool or local app would run one.
  other = createServer((request, response) => {
    seen.push(request.headers);
    response.end('other server');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
});
test.afterEach(async () => {
  await web.stop();
  await new Promise<void>((resolve) => other.close(() => resolve()));
});

test('the token leaves the address bar, a reload still works, and the live status comes without any cookie', async ({ page, context }) => {
  await page.goto(web.url);
  const status = page.getByRole('status', { name: 'Status' });
  // "Notifications: listening" arrives over the event stream.
  await expect(status.getByTestId('status-notifications')).toContainText('Notifications: listening');
  expect(page.url()).toBe(`http://127.0.0.1:${web.port}/`);
  expect(await page.evaluate(() => window.history.length >= 1 && !window.location.href.includes('token'))).toBe(true);
  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(() => document.cookie)).toBe('');

  await page.reload();
  await expect(status.getByTestId('status-notifications')).toContainText('Notifications: listening');
  await expect(status).toContainText('Web mode');
  expect(page.url()).not.toContain(web.token);
  expect(await context.cookies()).toEqual([]);
});

test('a request from the same browser to another port of 127.0.0.1 carries no cookie that grants access', async ({ page, context }) => {
  await page.goto(web.url);
  await expect(page.getByRole('status', { name: 'Status' }).getByTestId('status-notifications')).toContainText('Notifications: listening');
  const port = (other.address() as AddressInfo).port;
  const tab = await context.newPage();
  await tab.goto(`http://127.0.0.1:${port}/probe`);
  await expect(tab.getByText('other server')).toBeVisible();
  expect(seen.length).toBeGreaterThan(0);
  for (const headers of seen) {
    expect(headers.cookie ?? '').not.toContain(web.token);
    expect(headers.cookie).toBeUndefined();
  }
});

test('the cookie of earlier versions, or the token in a URL, no longer opens the event stream or a call', async ({ page, context }) => {
  await context.addCookies([{ name: `comptoir_token_${web.port}`, value: web.token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
  const base = `http://127.0.0.1:${web.port}`;
  expect((await page.request.get(`${base}/api/events`)).status()).toBe(403);
  expect((await page.request.get(`${base}/api/events?token=${web.token}`)).status()).toBe(403);
  expect((await page.request.post(`${base}/api/invoke/app.info`, { data: {} })).status()).toBe(403);
  const refused = await page.request.post(`${base}/api/invoke/app.info`, { data: {}, headers: { 'x-comptoir-token': web.token, host: 'evil.example' } });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('WEB_HOST_REFUSED');
});
