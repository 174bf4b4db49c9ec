import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where an Electron binary exists: the packaged settings hold in the real thing. */
test('the desktop app opens the shell on app://comptoir with the preload bridge only', async () => {
  const userData = await mkdtemp(join(tmpdir(), 'comptoir-electron-'));
  const app = await electron.launch({
    executablePath: process.env.COMPTOIR_ELECTRON_BINARY,
    args: ['.', `--user-data-dir=${userData}`],
  });
  const window = await app.firstWindow();
  await expect(window).toHaveURL('app://comptoir/index.html');
  await expect(window.getByRole('status', { name: 'Status' })).toContainText('Desktop');
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  expect(await window.evaluate(() => Object.keys((globalThis as { comptoir?: object }).comptoir ?? {}))).toEqual(['operations', 'events']);
  await app.close();
});
