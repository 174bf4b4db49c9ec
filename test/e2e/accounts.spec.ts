import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandaloneSandbox, type StandaloneSandbox } from './support/live-account.js';
import { amountField, confirmReview, keyPayment, VISA } from './support/terminal.js';
import { startWebMode, type WebMode } from './web-mode.js';

/*
 * Issue 16 end to end: an administrator adds a custom-hosts account (a standalone sandbox with
 * its own IDENTIFIER and password) through Settings → Accounts by its labels, sets its
 * password, tests the connection, switches the terminal to it, pays, and switches back. The
 * password and the vault passphrase must appear nowhere: the page, its storage, the event
 * stream, the logs, or any file of the data folder but the vault.
 */
const IDENTIFIER = 'ATELIER-E2E';
const PASSWORD = 'Atelier-e2e-Password-5c1d';
const PASSPHRASE = 'e2e vault passphrase 8a2f';

let gateway: StandaloneSandbox;
let web: WebMode;
let dataDir: string;
const events = { text: '', stop: () => undefined as void };

/** The event stream, as another tab of this desk would read it (header token, as the page does). */
async function captureEvents(server: WebMode): Promise<void> {
  const controller = new AbortController();
  events.stop = () => controller.abort();
  const response = await fetch(new URL('/api/events', server.url), { headers: { 'X-Comptoir-Token': server.token }, signal: controller.signal });
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no event stream');
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        events.text += decoder.decode(value, { stream: true });
      }
    } catch {
      // Aborted at the end of the test.
    }
  })();
}

test.beforeAll(async () => {
  gateway = await startStandaloneSandbox(IDENTIFIER, PASSWORD);
  dataDir = await mkdtemp(join(tmpdir(), 'comptoir-e2e-accounts-'));
  web = await startWebMode([], dataDir);
  await captureEvents(web);
});

test.afterAll(async () => {
  events.stop();
  await web.stop();
  await gateway.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function browserTraces(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const all = (store: Storage) => Object.keys(store).map((key) => `${key}=${store.getItem(key) ?? ''}`);
    const databases = 'databases' in indexedDB ? (await indexedDB.databases()).map((db) => db.name ?? '') : [];
    // Every input's current value too: a password left in a field is in the page's memory.
    const values = [...document.querySelectorAll('input, textarea')].map((field) => (field as HTMLInputElement).value);
    return [document.documentElement.outerHTML, ...values, ...all(localStorage), ...all(sessionStorage), ...databases, document.cookie].join('\n');
  });
}

test('an administrator adds a custom-hosts account, tests it, pays on it and switches back; its password shows nowhere', async ({ page, context }) => {
  await page.setViewportSize({ width: 1366, height: 1000 });
  await page.goto(web.url);
  await expect(amountField(page)).toBeFocused();

  // Issue 17: a real account is used only once an administrator exists; the desk stays signed in as her.
  await page.getByRole('button', { name: 'Create the administrator' }).click();
  const firstAdmin = page.getByRole('dialog', { name: 'Create the first administrator' });
  await firstAdmin.getByRole('textbox', { name: 'Name' }).fill('Ada');
  await firstAdmin.locator('input[type="password"]').fill('482913');
  await firstAdmin.getByRole('button', { name: 'Create the administrator' }).click();
  await expect(firstAdmin).toBeHidden();

  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const accounts = page.getByRole('region', { name: 'Accounts' });
  await expect(accounts).toBeVisible();

  // The vault's passphrase, chosen in the browser before the first real password.
  await accounts.getByLabel('Vault passphrase', { exact: true }).fill(PASSPHRASE);
  await accounts.getByLabel('Vault passphrase again', { exact: true }).fill(PASSPHRASE);
  await accounts.getByRole('button', { name: 'Set up the vault' }).click();
  await expect(accounts.getByText('Vault unlocked.')).toBeVisible();

  await accounts.getByRole('button', { name: 'Add an account' }).click();
  const form = page.getByRole('form', { name: 'Add an account' });
  await form.getByLabel('Display name').fill('Atelier');
  await form.getByLabel('IDENTIFIER').fill(IDENTIFIER);
  await form.getByLabel('Environment').selectOption({ label: 'Custom hosts' });
  await form.getByLabel('These hosts are').selectOption({ label: 'Test (no real money)' });
  await form.getByLabel('Primary host').fill(gateway.url);
  await form.getByLabel('ORDERID prefix').fill('ATL-');
  await form.getByLabel('CLIENTIP sent for phone orders').fill('127.0.0.1');
  await form.getByLabel('Gateway password', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: 'Save the account' }).click();
  await expect(form).toBeHidden();

  const row = page.getByRole('region', { name: 'Atelier' });
  await expect(row.getByText('Password set')).toBeVisible();
  await row.getByRole('button', { name: 'Test the connection of Atelier' }).click();
  const verdict = row.getByTestId('connection-test');
  await expect(verdict).toHaveAttribute('data-verdict', 'ok');
  await expect(verdict).toContainText('Connected: the gateway accepted this account’s signed request.');

  // Replacing the password: write-only, the field is empty once sent.
  await row.getByLabel('New gateway password for Atelier').fill(PASSWORD);
  await row.getByRole('button', { name: 'Set the password' }).click();
  await expect(row.getByText('Password saved in the vault.')).toBeVisible();
  await expect(row.getByLabel('New gateway password for Atelier')).toHaveValue('');

  // The terminal: a card typed for the sandbox is cleared by switching account.
  await page.getByRole('navigation').getByRole('button', { name: 'Terminal' }).click();
  const cardNumber = page.getByRole('textbox', { name: /^Card number/ });
  await cardNumber.fill(VISA);
  await page.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Atelier · EUR · Test' });
  await expect(page.getByTestId('environment-banner')).toContainText('Account: Atelier');
  await expect(page.getByTestId('environment-banner')).toHaveAttribute('data-environment', 'test');
  await expect(cardNumber).toHaveValue('');

  await amountField(page).focus();
  await keyPayment(page, { amount: '12.30', card: VISA, cvv: '737' });
  await confirmReview(page);
  await expect(page.getByTestId('outcome').getByRole('heading', { name: 'Payment approved' })).toBeVisible();

  // The payment is in the standalone sandbox's ledger (its own inspection endpoint), not the built-in one's.
  const ledger = await fetch(new URL('/sandbox/ledger', gateway.url), {
    headers: { Authorization: `Basic ${Buffer.from(`${IDENTIFIER}:${PASSWORD}`).toString('base64')}` },
  });
  expect(JSON.stringify(await ledger.json())).toContain('ATL-');

  await page.getByRole('button', { name: /^New payment/ }).click();
  await page.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Sandbox · EUR · Test' });
  await expect(page.getByTestId('environment-banner')).toContainText('Account: Sandbox');

  const traces = [await browserTraces(page), (await context.cookies()).map((cookie) => cookie.value).join('\n')].join('\n');
  expect(traces.includes(PASSWORD), 'password in the page or its storage').toBe(false);
  expect(traces.includes(PASSPHRASE), 'passphrase in the page or its storage').toBe(false);
  expect(events.text).toContain('operation.updated');
  expect(events.text.includes(PASSWORD), 'password in the event stream').toBe(false);
  expect(web.logs().includes(PASSWORD) || web.logs().includes(PASSPHRASE), 'secret in the logs').toBe(false);
  const leaks: string[] = [];
  for (const entry of await readdir(dataDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name === 'vault.json') continue;
    const bytes = await readFile(join(entry.parentPath, entry.name));
    if (bytes.includes(PASSWORD) || bytes.includes(PASSPHRASE)) leaks.push(entry.name);
  }
  expect(leaks).toEqual([]);
  // The detector sees what it looks for: the vault holds the password, encrypted, so not as text.
  expect((await readFile(join(dataDir, 'vault.json'))).includes(PASSWORD)).toBe(false);
});
