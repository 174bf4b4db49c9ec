import { expect, test, type Page } from '@playwright/test';
import { amountField, confirmReview, keyPayment, openTerminal, orderIdField, tabTo, useTerminalServer, VISA, watchCalls } from './support/terminal.js';
import { typedCardExpiry } from '../support/dates.js';

/*
 * Issue 14, item 15 end to end, keyboard only: a card saved with a payment is charged again by
 * its alias, one-click or subscription, with a new amount and order reference, through the
 * same review step, and no card data keyed or sent.
 */

const server = useTerminalServer({ pans: [VISA], cvvs: ['737'] });

const outcome = (page: Page) => page.getByTestId('outcome');

/** A payment with "Save the card" ticked: keyed, then back from the review to tick the option. */
async function payAndSaveCard(page: Page, amount: string) {
  await keyPayment(page, { amount, card: VISA, cvv: '737' });
  await expect(page.getByTestId('review-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('review-button')).toBeFocused();
  await tabTo(page, /^Save the card for later charges$/, { backwards: true });
  await page.keyboard.press('Space');
  await tabTo(page, /^Review payment$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('review-details')).toContainText('Save the card for later charges');
  await confirmReview(page);
}

test('a saved card is charged again, one-click, with a new amount and reference, through the same review', async ({ page }) => {
  const calls = watchCalls(page);
  const sent: unknown[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/invoke/payments.rebill')) sent.push(request.postDataJSON());
  });
  await openTerminal(page, server().url);
  await payAndSaveCard(page, '15.00');
  const first = await outcome(page).getByTestId('outcome-order-id').textContent();
  await expect(outcome(page).getByTestId('outcome-card')).toHaveText('Card saved Visa •••• 1111');

  await tabTo(page, /^Charge this card again$/);
  await page.keyboard.press('Enter');
  // The form, for the saved card: no card fields, the card and customer shown, the caret in the amount.
  await expect(amountField(page)).toBeFocused();
  await expect(page.getByRole('textbox', { name: /^Card number/ })).toHaveCount(0);
  const saved = page.getByTestId('saved-card');
  await expect(saved).toContainText(`Visa •••• 1111 · ${typedCardExpiry()}`);
  await expect(saved).toContainText('Ada Lovelace · ada@example.com');
  await expect(page.getByRole('radio', { name: /^One-click/ })).toBeChecked();
  await expect(page.getByTestId('credit-unavailable')).toHaveText('Credit is unavailable: a saved card can only be charged.');
  await expect(orderIdField(page)).not.toHaveValue(first ?? '');

  await page.keyboard.type('25.00');
  await page.keyboard.press('Enter'); // order reference (the next free one)
  await page.keyboard.press('Enter'); // description
  await page.keyboard.press('Enter'); // the options of a saved card are passed over: review
  const review = page.getByTestId('review-dialog');
  await expect(review.getByTestId('review-card')).toHaveText('Visa •••• 1111');
  await expect(review.getByTestId('review-alias-mode')).toHaveText('One-click: the customer asks for it now');
  await expect(review.getByTestId('confirm-button')).toHaveText('Charge €25.00');
  const reference = await review.getByTestId('review-order-id').textContent();
  await confirmReview(page);

  await expect(outcome(page).getByRole('heading', { level: 2 })).toHaveText('Payment approved');
  await expect(outcome(page).getByTestId('outcome-amount')).toHaveText('€25.00');
  await expect(outcome(page).getByTestId('outcome-order-id')).toHaveText(reference ?? '');
  expect(reference).not.toBe(first);
  // Charged with the alias named by the source operation, never with card data.
  expect(calls.filter((call) => call === 'payments.submit')).toHaveLength(1);
  expect(sent).toEqual([expect.objectContaining({ operation: 'payment', aliasMode: 'oneclick', amount: 2500, orderId: reference })]);
  expect(JSON.stringify(sent)).not.toMatch(/card|cvv|alias"/i);
  // The same card can be charged again from this outcome too.
  await expect(outcome(page).getByTestId('rebill-button')).toBeVisible();
});

test('a saved card is reserved again under a subscription', async ({ page }) => {
  await openTerminal(page, server().url);
  await payAndSaveCard(page, '16.00');
  await tabTo(page, /^Charge this card again$/);
  await page.keyboard.press('Enter');
  await expect(amountField(page)).toBeFocused();
  // Authorization, from the keyboard: back to the operation choice, one to the right.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Authorization' })).toBeChecked();
  await tabTo(page, /^One-click: the customer asks for it now$/);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /^Subscription/ })).toBeChecked();
  await amountField(page).focus();
  await page.keyboard.type('40');
  await tabTo(page, /^Review payment$/);
  await page.keyboard.press('Enter');
  const review = page.getByTestId('review-dialog');
  await expect(review.getByTestId('review-alias-mode')).toHaveText('Subscription: an agreed recurring charge');
  await expect(review.getByTestId('confirm-button')).toHaveText('Authorize €40.00');
  await confirmReview(page);
  await expect(outcome(page).getByRole('heading', { level: 2 })).toHaveText('Authorization approved: funds reserved');
  await expect(outcome(page).getByTestId('outcome-amount')).toHaveText('€40.00');
});
