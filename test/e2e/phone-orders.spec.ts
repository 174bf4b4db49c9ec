import { expect, test, type Page } from '@playwright/test';
import { startWebMode, type WebMode } from './web-mode.js';
import { typedCardExpiry } from '../support/dates.js';

/*
 * Money rules a telephone order meets, in Chromium against web mode with its defaults: the
 * gateway's 5 minutes before a refund, and 3-D Secure a customer on the phone cannot do.
 */
let web: WebMode;

test.beforeAll(async () => {
  // Dalenys' 5-minute rule on, as a desk runs it.
  web = await startWebMode([], undefined, { asShipped: true });
});

test.afterAll(async () => {
  await web.stop();
});

async function pay(page: Page, card: string) {
  await page.setViewportSize({ width: 1366, height: 1000 });
  await page.goto(web.url);
  const amount = page.getByRole('textbox', { name: /^Amount/ });
  await expect(amount).toBeFocused();
  await expect(page.getByRole('textbox', { name: /^Order reference/ })).not.toHaveValue('');
  await amount.fill('31.40');
  await page.getByRole('textbox', { name: /^Customer email/ }).fill('ada@example.com');
  await page.getByRole('textbox', { name: /^Card number/ }).fill(card);
  await page.getByRole('textbox', { name: /^Expiry date/ }).fill(typedCardExpiry());
  await page.getByLabel(/^Security code/).fill('913');
  await page.getByRole('textbox', { name: /^Cardholder name/ }).fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Review payment' }).click();
  await page.getByTestId('review-dialog').getByTestId('confirm-button').click();
  const outcome = page.getByTestId('outcome');
  await expect(outcome).toBeVisible();
  return outcome;
}

test('a refund waits for the gateway’s 5 minutes, and the screen says from when', async ({ page }) => {
  const outcome = await pay(page, '4111111111111111');
  await expect(outcome.getByRole('heading', { name: 'Payment approved' })).toBeVisible();
  await expect(outcome.getByTestId('follow-ups-from')).toHaveText(
    /^Refund possible from \d{1,2}:\d{2}( [AP]M)? \([A-Za-z_/+-]+\): Dalenys waits 5 minutes after a transaction\.$/,
  );
  await expect(outcome.getByRole('button', { name: 'Refund…' })).toBeDisabled();
});

test('3-D Secure on the phone: what to do instead, then closed as abandoned after a confirmation', async ({ page }) => {
  const outcome = await pay(page, '5206019820620400');
  await expect(outcome.getByRole('heading', { name: 'Waiting for the customer to authenticate' })).toBeVisible();
  const alert = outcome.getByTestId('customer-action');
  await expect(alert).toContainText('Send the customer a payment link instead, or ask for another card');
  await alert.getByRole('button', { name: 'Close as abandoned…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Close this payment as abandoned?' });
  await expect(dialog.getByRole('button', { name: 'Keep waiting' })).toBeFocused();
  await dialog.getByTestId('abandon-confirm').click();
  await expect(outcome.getByTestId('outcome-status')).toHaveText('Abandoned');
  await expect(outcome.getByRole('heading', { name: 'Payment abandoned: nothing was charged' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('abandoned.png') });
});
