import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { READY_LINE, startWebMode, type WebMode } from './web-mode.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const version = (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string }).version;

let web: WebMode;
test.beforeEach(async () => {
  web = await startWebMode();
});
test.afterEach(async () => {
  await web.stop();
});

test('web mode prints where notifications arrive, then one ready line carrying the session token', async () => {
  const lines = web.stdout().trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^Notifications listening at http:\/\/127\.0\.0\.1:\d+\/dalenys\/notify$/);
  expect(lines[1]).toMatch(READY_LINE);
  expect(web.token.length).toBeGreaterThanOrEqual(43);
});

test('the shell shows live data from core: version, data folder, environment', async ({ page }) => {
  await page.goto(web.url);
  const status = page.getByRole('status', { name: 'Status' });
  await expect(status).toContainText(`Version ${version}`);
  await expect(status.getByTestId('status-data-dir')).toHaveText(web.dataDir);
  await expect(status.getByTestId('status-environment')).toHaveText('Test mode');
  await expect(status.getByTestId('status-environment')).toHaveAttribute('title', 'Test mode — sandbox, no real money');
  await expect(status).toContainText('Web mode');
  await expect(status).toContainText('Notifications: listening');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const name of ['Terminal', 'History', 'Reports', 'Settings']) await expect(nav.getByRole('button', { name })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('shell.png') });
});

test('the navigation works from the keyboard alone', async ({ page }) => {
  await page.goto(web.url);
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('Version');
  await page.getByRole('button', { name: 'Terminal' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('a language change is saved in core and survives a restart of web mode', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-e2e-kept-'));
  await web.stop();
  web = await startWebMode([], dataDir);
  await page.goto(web.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('button', { name: 'Réglages', exact: true })).toBeVisible();

  await web.stop();
  web = await startWebMode([], dataDir);
  await page.goto(web.url);
  await expect(page.getByRole('status', { name: 'État' })).toContainText('Mode test');
  await rm(dataDir, { recursive: true, force: true });
});

test('a request without the token, or with a foreign Origin or Host, is refused with 403', async ({ page, request }) => {
  const base = `http://127.0.0.1:${web.port}`;
  // The page holds no secret and loads, but without the printed link it cannot reach core.
  const bare = await page.goto(`${base}/`);
  expect(bare?.status()).toBe(200);
  await expect(page.getByText('This page must be opened from the link Comptoir printed at start-up')).toBeVisible();
  expect((await request.post(`${base}/api/invoke/app.info`, { data: {} })).status()).toBe(403);
  const headers = { 'x-comptoir-token': web.token };
  expect((await request.post(`${base}/api/invoke/app.info`, { data: {}, headers: { ...headers, origin: 'http://evil.example' } })).status()).toBe(403);
  expect((await request.post(`${base}/api/invoke/app.info`, { data: {}, headers: { ...headers, host: 'evil.example' } })).status()).toBe(403);
  expect((await request.get(`${web.url}`, { headers: { host: `attacker.example:${web.port}` } })).status()).toBe(403);
  expect((await request.post(`${base}/api/invoke/app.info`, { data: {}, headers })).status()).toBe(200);
});

test('a page on another origin cannot call core even though it can reach the port', async ({ page }) => {
  const other = await startWebMode();
  try {
    await page.goto(other.url);
    const status = await page.evaluate(
      async ([port, token]) => {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/invoke/app.info`, {
            method: 'POST',
            headers: { 'x-comptoir-token': token as string },
            body: '',
          });
          return response.status;
        } catch {
          return 'blocked';
        }
      },
      [web.port, web.token] as const,
    );
    // The browser refuses the cross-origin call (or our server does, with 403): never a 200.
    expect(status === 'blocked' || status === 403).toBe(true);
  } finally {
    await other.stop();
  }
});

test('bad arguments exit with a usage message instead of starting', () => {
  const run = spawnSync(process.execPath, [`${root}/dist/electron/web/cli.js`, '--port', 'abc'], { encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('--port must be a number');
  expect(run.stdout).toBe('');
});

test('npm start explains, and names npm run web, when no Electron binary can be had', () => {
  // A binary path that cannot exist makes this deterministic on any machine, online or not.
  const run = spawnSync(process.execPath, [`${root}/build/start-electron.mjs`], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/comptoir-electron' },
    timeout: 120_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('could not start the desktop app');
  expect(run.stderr).toContain('npm run web');
});
