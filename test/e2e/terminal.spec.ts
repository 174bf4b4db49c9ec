import { expect, test } from '@playwright/test';
import {
  AMEX,
  amountField,
  confirmReview,
  DECLINED_4002,
  INVALID,
  inFollowUpAmount,
  keyPayment,
  MASTERCARD,
  openTerminal,
  seriousViolations,
  tabTo,
  useTerminalServer,
  VISA,
  waitArmed,
  watchCalls,
} from './support/terminal.js';

/*
 * The virtual terminal end to end, keyboard only, in Chromium against web mode and its
 * built-in sandbox. One web-mode process serves the whole file so that, at the end, its data
 * folder, its logs and every page's browser storage can be searched for the card numbers and
 * security codes the tests typed.
 */

const server = useTerminalServer({ pans: [VISA, MASTERCARD, AMEX, DECLINED_4002, INVALID], cvvs: ['737', '829', '415', '306', '4321', '552', '913', '268'] });

// ---------------------------------------------------------------------------------------------

test('an approved payment, confirmed on screen by the gateway’s notification', async ({ page }) => {
  await openTerminal(page, server().url);
  await keyPayment(page, { amount: '12.50', card: VISA, cvv: '737' });
  const review = page.getByTestId('review-dialog');
  await expect(review.getByTestId('review-amount')).toHaveText('€12.50');
  await expect(review.getByTestId('review-card')).toHaveText('Visa •••• 1111');
  await page.screenshot({ path: test.info().outputPath('review.png') });
  await confirmReview(page);
  const outcome = page.getByTestId('outcome');
  await expect(outcome.getByRole('heading', { name: 'Payment approved' })).toBeFocused();
  await expect(outcome.getByTestId('transaction-id')).not.toBeEmpty();
  await expect(outcome.getByTestId('confirmation')).toHaveAttribute('data-state', 'confirmed');
  await expect(outcome.getByTestId('confirmation')).toHaveText(/Confirmed by the gateway/);
  // The status bar's notification health saw it arrive, and nothing is left waiting.
  await expect(page.getByTestId('status-notifications')).toContainText(/last at \d/);
  await expect(page.getByTestId('status-awaiting')).toHaveText('nothing awaiting confirmation');
  await expect(page.getByRole('textbox', { name: /^Card number/ })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('approved.png') });
});

test('a declined card (4002) is explained with the hint for the call, and another card can be tried', async ({ page }) => {
  await openTerminal(page, server().url);
  await keyPayment(page, { amount: '23.10', card: DECLINED_4002, cvv: '829' });
  await confirmReview(page);
  const outcome = page.getByTestId('outcome');
  await expect(outcome.getByRole('heading', { name: 'Declined' })).toBeVisible();
  await expect(outcome.getByTestId('outcome-exec')).toContainText('Insufficient funds');
  await expect(outcome.getByTestId('outcome-hint')).toHaveText('Ask the customer for another card');
  await page.screenshot({ path: test.info().outputPath('declined.png') });
  await tabTo(page, /^Try another card$/);
  await page.keyboard.press('Enter');
  const card = page.getByRole('textbox', { name: /^Card number/ });
  await expect(card).toBeFocused();
  await expect(card).toHaveValue('');
  await expect(amountField(page)).toHaveValue('23.10');
});

test('an invalid card number is stopped before anything is sent', async ({ page }) => {
  const calls = watchCalls(page);
  await openTerminal(page, server().url);
  await keyPayment(page, { amount: '31.00', card: INVALID, cvv: '415' });
  await expect(page.getByRole('alert')).toContainText('1 field needs attention');
  const card = page.getByRole('textbox', { name: /^Card number/ });
  await expect(card).toBeFocused();
  await expect(card).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('The card number is not valid: a digit is probably wrong.')).toBeVisible();
  await expect(page.getByTestId('review-dialog')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('invalid-card.png') });
  expect(calls).not.toContain('payments.submit');
  expect(calls).not.toContain('terminal.findDuplicates');
});

test('an authorization, then its capture', async ({ page }) => {
  await openTerminal(page, server().url);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Authorization' })).toBeChecked();
  await page.keyboard.press('Tab');
  await keyPayment(page, { amount: '45.00', card: MASTERCARD, cvv: '306' });
  await expect(page.getByTestId('confirm-button')).toHaveText('Authorize €45.00');
  await confirmReview(page);
  const outcome = page.getByTestId('outcome');
  await expect(outcome.getByRole('heading', { name: 'Authorization approved: funds reserved' })).toBeVisible();
  await tabTo(page, /^Capture…$/);
  await page.keyboard.press('Enter');
  await inFollowUpAmount(page);
  await waitArmed(page, 'capture-confirm');
  await page.keyboard.press('Enter');
  await expect(outcome.getByTestId('follow-up')).toContainText('Capture approved');
  await expect(outcome.getByTestId('outcome-status')).toHaveText('Captured');
  // Money captured is refunded through the capture, which core now says is refundable.
  await expect(outcome.getByTestId('follow-up').getByRole('button', { name: 'Refund…' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('captured.png') });
});

test('a partial refund of a payment', async ({ page }) => {
  await openTerminal(page, server().url);
  await keyPayment(page, { amount: '20.00', card: AMEX, cvv: '4321' });
  await confirmReview(page);
  const outcome = page.getByTestId('outcome');
  await expect(outcome.getByRole('heading', { name: 'Payment approved' })).toBeVisible();
  await tabTo(page, /^Refund…$/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Refund' });
  const amount = dialog.getByRole('textbox', { name: /^Amount to refund/ });
  await expect(amount).toHaveValue('20.00');
  await inFollowUpAmount(page, '7.50');
  await expect(dialog.getByTestId('refund-submit')).toHaveText('Refund €7.50 (partial)');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Customer');
  await waitArmed(page, 'refund-submit');
  await page.keyboard.press('Enter');
  await expect(outcome.getByTestId('outcome-status')).toHaveText('Partly refunded');
  await expect(outcome.getByTestId('follow-up')).toContainText('€7.50');
  await page.screenshot({ path: test.info().outputPath('partial-refund.png') });
});

test('a second charge of the same card and amount warns of a duplicate and needs a reason', async ({ page }) => {
  await openTerminal(page, server().url);
  await keyPayment(page, { amount: '64.20', card: VISA, cvv: '552' });
  await confirmReview(page);
  await page.keyboard.press('Alt+N');
  await expect(amountField(page)).toBeFocused();
  await keyPayment(page, { amount: '64.20', card: VISA, cvv: '552' });
  const review = page.getByTestId('review-dialog');
  const warning = review.getByTestId('duplicate-warning');
  await expect(warning).toContainText('card ending 1111 for €64.20');
  await expect(review.getByTestId('confirm-button')).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('duplicate-warning.png') });
  await expect(review.getByRole('checkbox', { name: 'This is not a duplicate: charge anyway' })).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Customer ordered a second one');
  await waitArmed(page, 'confirm-button');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outcome').getByRole('heading', { name: 'Payment approved' })).toBeVisible();
});

test('leaving the review with Esc sends nothing and keeps the form', async ({ page }) => {
  const calls = watchCalls(page);
  await openTerminal(page, server().url);
  await keyPayment(page, { amount: '88.00', card: MASTERCARD, cvv: '913' });
  await expect(page.getByTestId('review-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('review-dialog')).toHaveCount(0);
  await expect(page.getByTestId('review-button')).toBeFocused();
  await expect(amountField(page)).toHaveValue('88.00');
  await page.screenshot({ path: test.info().outputPath('review-cancelled.png') });
  expect(calls).toContain('terminal.findDuplicates');
  expect(calls).not.toContain('payments.submit');
});

test('the shortcut map is one key away and lists the new-payment shortcut', async ({ page }) => {
  await openTerminal(page, server().url);
  await page.keyboard.press('F1');
  const map = page.getByTestId('shortcut-map');
  await expect(map).toContainText('Start a new payment, from any screen');
  await expect(page.getByRole('note', { name: 'Environment' })).toContainText('Test environment');
  await page.screenshot({ path: test.info().outputPath('shortcuts.png') });
  await page.keyboard.press('Escape');
  await expect(map).toHaveCount(0);
});

test.describe('accessibility', () => {
  // axe is injected as a script file, which the app's CSP (script-src 'self') refuses otherwise.
  test.use({ bypassCSP: true });

  test('the form, the review and the outcome have no serious or critical axe violation', async ({ page }) => {
    await openTerminal(page, server().url);
    await page.keyboard.press('Enter');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Shift+Tab');
    await keyPayment(page, { amount: '9.99', card: VISA, cvv: '268' });
    await expect(page.getByTestId('review-dialog')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await confirmReview(page);
    await expect(page.getByTestId('confirmation')).toHaveAttribute('data-state', 'confirmed');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('accessibility-outcome.png') });
  });
});
