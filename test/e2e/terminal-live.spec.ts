import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedAccount, startStandaloneSandbox, type StandaloneSandbox } from './support/live-account.js';
import { startWebMode, type WebMode } from './web-mode.js';
import { typedCardExpiry } from '../support/dates.js';

/*
 * A live account asks for one more explicit confirmation before charging. No live Dalenys
 * account can be reached from here, so its gateway is the standalone sandbox (`npm run
 * sandbox`) on loopback, and the account is added to the data folder through the journal's
 * own API before web mode starts: the product itself runs unmodified.
 */
const IDENTIFIER = 'LIVE-SHOP';
const PASSWORD = 'live-shop-secret';

let gateway: StandaloneSandbox;
let web: WebMode;
let dataDir: string;

test.beforeAll(async () => {
  gateway = await startStandaloneSandbox(IDENTIFIER, PASSWORD);
  dataDir = await mkdtemp(join(tmpdir(), 'comptoir-e2e-live-'));
  seedAccount(dataDir, { name: 'Boutique Lyon', identifier: IDENTIFIER, password: PASSWORD, host: gateway.url, environment: 'live' });
  web = await startWebMode([], dataDir);
});

test.afterAll(async () => {
  await web.stop();
  await gateway.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('a live account needs an extra, explicit confirmation before the charge is sent', async ({ page, request }) => {
  const submitted: string[] = [];
  page.on('request', (sent) => {
    if (sent.url().includes('/api/invoke/payments.submit')) submitted.push(sent.url());
  });
  await page.setViewportSize({ width: 1366, height: 1000 });
  await page.goto(web.url);
  // Issue 17: a real account is used only once an administrator exists; the desk stays signed in as her.
  await page.getByRole('button', { name: 'Create the administrator' }).click();
  const firstAdmin = page.getByRole('dialog', { name: 'Create the first administrator' });
  await firstAdmin.getByRole('textbox', { name: 'Name' }).fill('Ada');
  await firstAdmin.locator('input[type="password"]').fill('482913');
  await firstAdmin.getByRole('button', { name: 'Create the administrator' }).click();
  await expect(firstAdmin).toBeHidden();
  // Choosing the account is not what this test is about; the form then puts focus on the amount.
  await page.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Boutique Lyon · EUR · Live' });
  await expect(page.getByText('LIVE environment — real cards are charged')).toBeVisible();
  // The status bar and the banner say the same: money goes to a live account.
  await expect(page.getByTestId('status-environment')).toHaveText('LIVE');
  await expect(page.getByTestId('status-environment')).toHaveAttribute('title', 'LIVE — real payments');

  const amount = page.getByRole('textbox', { name: /^Amount/ });
  await expect(amount).toBeFocused();
  // As an operator would: the account's own order reference is there before typing on.
  await expect(page.getByRole('textbox', { name: /^Order reference/ })).toHaveValue(/^LIVE-\d+$/);
  const { keyboard } = page;
  await keyboard.type('18.40');
  for (const step of ['', '', 'Ada Lovelace', 'ada@example.com', '', '4111111111111111', typedCardExpiry(), '552', 'Ada Lovelace']) {
    await keyboard.press('Enter');
    if (step) await keyboard.type(step);
  }
  await keyboard.press('Enter');

  const review = page.getByTestId('review-dialog');
  await expect(review).toBeVisible();
  await expect(review.getByText('Live account: real money')).toBeVisible();
  const confirm = review.getByTestId('confirm-button');
  await expect(confirm).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('live-review.png') });
  await keyboard.press('Enter');
  expect(submitted).toEqual([]);

  const tick = review.getByRole('checkbox', { name: /I confirm a real charge of €18\.40 on Boutique Lyon/ });
  await tick.focus();
  await keyboard.press('Space');
  await expect(confirm).toBeEnabled();
  // The button is armed a moment after the review opens (a repeated key never charges).
  await expect(confirm).toHaveAttribute('data-armed', 'true');
  await confirm.focus();
  await keyboard.press('Enter');
  const outcome = page.getByTestId('outcome');
  await expect(outcome.getByRole('heading', { name: 'Payment approved' })).toBeVisible();
  expect(submitted).toHaveLength(1);
  await page.screenshot({ path: test.info().outputPath('live-approved.png') });

  // The charge reached the account's own gateway, once.
  // The ledger is shown to the account's own identifier and password only.
  const inspector = { Authorization: `Basic ${Buffer.from(`${IDENTIFIER}:${PASSWORD}`).toString('base64')}` };
  const ledger = (await (await request.get(`${gateway.url}/sandbox/ledger`, { headers: inspector })).json()) as { transactions: Array<{ amount: number }> };
  expect(ledger.transactions.map((transaction) => transaction.amount)).toEqual([1840]);
});
