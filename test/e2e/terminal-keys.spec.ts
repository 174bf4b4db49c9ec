import { expect, test, type Page } from '@playwright/test';
import {
  amountField,
  confirmReview,
  dialogSettled,
  keyPayment,
  MASTERCARD,
  openTerminal,
  orderIdField,
  tabTo,
  useTerminalServer,
  VISA,
  waitArmed,
  watchCalls,
} from './support/terminal.js';
import { typedCardExpiry } from '../support/dates.js';

/*
 * Issue 14, items 6, 7, 9, 10, 11 and 13 end to end, keyboard only: keys and amounts that
 * cannot surprise, Esc and `?` that do what the topmost thing expects, errors only once the
 * operator has typed, and focus that always lands somewhere sensible.
 */

const server = useTerminalServer({ pans: [VISA, MASTERCARD], cvvs: ['737', '306', '415'] });

const submits = (calls: string[]) => calls.filter((call) => call === 'payments.submit').length;

test('two Enter presses 250 ms apart, or a held Enter, never charge: only a deliberate press once the button is ready', async ({ page }) => {
  const calls = watchCalls(page);
  await openTerminal(page, server().url);
  // The last field's Enter asks for the review…
  await keyPayment(page, { amount: '12.00', card: VISA, cvv: '737' });
  // …and a second Enter a quarter of a second later, as from a bouncing or impatient key.
  // (Two presses "250 ms apart" is the behaviour under test, hence the one fixed pause.)
  await page.waitForTimeout(250);
  await page.keyboard.press('Enter');
  // A held key repeats.
  await page.keyboard.down('Enter');
  await page.keyboard.down('Enter');
  await page.keyboard.down('Enter');
  await page.keyboard.up('Enter');
  const confirm = page.getByTestId('confirm-button');
  await expect(page.getByTestId('review-dialog')).toBeVisible();
  await expect(confirm).not.toBeFocused();
  // The button takes the focus only once armed: nothing was sent meanwhile.
  await expect(confirm).toBeFocused();
  await expect(confirm).toHaveAttribute('data-armed', 'true');
  expect(submits(calls)).toBe(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outcome')).toBeVisible();
  expect(submits(calls)).toBe(1);
});

test('an ambiguous or too large amount is refused saying why; a large one is read back in words before it can be charged', async ({ page }) => {
  const calls = watchCalls(page);
  await openTerminal(page, server().url);
  const amount = amountField(page);
  for (const typed of ['1,234', '1.234']) {
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(typed);
    await page.keyboard.press('Tab');
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(
      page.getByText('Ambiguous: this could be €1,234.00 or €1.234. Type it without a thousands separator (1234), or with at most two decimals.', {
        exact: true,
      }),
    ).toBeVisible();
    await page.keyboard.press('Shift+Tab');
  }
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('20000000');
  await page.keyboard.press('Tab');
  await expect(page.getByText('The amount is too large: at most €10,000,000.00.', { exact: true })).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('6000.50');
  await expect(page.getByTestId('amount-echo')).toHaveText('Reads as €6,000.50');
  await keyPayment(page, { amount: '', card: MASTERCARD, cvv: '306' });

  // Above the account's €5,000 threshold: the amount in words, and a tick before the button works.
  const review = page.getByTestId('review-dialog');
  await expect(review.getByTestId('amount-in-words')).toHaveText('six thousand euros and fifty cents');
  const tick = review.getByRole('checkbox', { name: 'The customer confirmed €6,000.50, as read in words' });
  await expect(tick).toBeFocused();
  await expect(review.getByTestId('confirm-button')).toBeDisabled();
  await page.keyboard.press('Enter');
  expect(submits(calls)).toBe(0);
  await page.keyboard.press('Space');
  await expect(review.getByTestId('confirm-button')).toBeEnabled();
  await waitArmed(page, 'confirm-button');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outcome').getByTestId('outcome-amount')).toHaveText('€6,000.50');
  expect(submits(calls)).toBe(1);
});

test('Esc closes only the topmost thing, and ? opens the shortcut map wherever focus is except in a text field', async ({ page }) => {
  await openTerminal(page, server().url);
  await page.keyboard.type('25');
  // In a text field `?` is a character…
  await page.keyboard.type('?');
  await expect(amountField(page)).toHaveValue('25?');
  await expect(page.getByTestId('shortcut-map')).toHaveCount(0);
  await page.keyboard.press('Backspace');
  // …and F1 is the way to the map from there; Esc closes the map, and only the map.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('shortcut-map')).toBeVisible();
  await dialogSettled(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(amountField(page)).toBeFocused();
  await expect(amountField(page)).toHaveValue('25');

  // On a tick box `?` is not a character: it opens the map.
  const saveCard = page.getByRole('checkbox', { name: /^Save the card/ });
  await tabTo(page, /^Save the card for later charges$/);
  await expect(saveCard).toBeFocused();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-map')).toBeVisible();
  await dialogSettled(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(saveCard).toBeFocused();

  // With nothing open, Esc on a form with something typed asks first; Esc again keeps it.
  await page.keyboard.press('Escape');
  const discard = page.getByRole('dialog', { name: 'Clear this payment?' });
  await expect(discard).toBeVisible();
  // Esc reaches the dialog once its focus trap holds the focus (the safe choice).
  await expect(discard.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await dialogSettled(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(saveCard).toBeFocused();
  await expect(amountField(page)).toHaveValue('25');
});

async function visibleErrors(page: Page): Promise<number> {
  return page.locator('[aria-invalid="true"]').count();
}

test('no error on a field focus merely passed through; errors after typing or asking for the review', async ({ page }) => {
  await openTerminal(page, server().url);
  // Tab through every field of an empty form.
  await tabTo(page, /^Review payment$/);
  expect(await visibleErrors(page)).toBe(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Typed, then emptied, then left: now it is worth saying.
  await amountField(page).focus();
  await page.keyboard.type('5');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
  await expect(amountField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter the amount.', { exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Customer email/ })).not.toHaveAttribute('aria-invalid', 'true');

  // Asking for the review shows them all, and puts the caret in the first.
  await tabTo(page, /^Review payment$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('fields need attention');
  await expect(amountField(page)).toBeFocused();
  await expect(page.getByRole('textbox', { name: /^Customer email/ })).toHaveAttribute('aria-invalid', 'true');
});

test('leaving with a half-typed card asks first and says card details are never kept; the focus returns where it was', async ({ page }) => {
  await openTerminal(page, server().url);
  await keyPaymentWithoutReview(page);
  const settings = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' });
  await settings.focus();
  await page.keyboard.press('Enter');
  const leave = page.getByRole('dialog', { name: 'Leave this payment?' });
  await expect(leave).toContainText('Comptoir never keeps card details');
  await expect(leave.getByRole('button', { name: 'Stay on the payment' })).toBeFocused();
  await dialogSettled(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(settings).toBeFocused();
  await expect(page.getByRole('textbox', { name: /^Card number/ })).toHaveValue('4111 1111 1111 1111');
  await page.keyboard.press('Enter');
  await expect(leave.getByRole('button', { name: 'Stay on the payment' })).toBeFocused();
  await dialogSettled(page);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('leave-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  // Back on the terminal: the rest of the payment is there, the card is not.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Terminal' }).focus();
  await page.keyboard.press('Enter');
  await expect(amountField(page)).toHaveValue('31.00');
  await expect(page.getByRole('textbox', { name: /^Card number/ })).toHaveValue('');
  await expect(orderIdField(page)).not.toHaveValue('');
});

/** Amount, email and card typed, the review not asked for. */
async function keyPaymentWithoutReview(page: Page) {
  await page.keyboard.type('31.00');
  await page.getByRole('textbox', { name: /^Customer email/ }).focus();
  await page.keyboard.type('ada@example.com');
  await page.getByRole('textbox', { name: /^Card number/ }).focus();
  await page.keyboard.type(VISA);
  await page.keyboard.press('Enter');
  await page.keyboard.type(typedCardExpiry());
  await page.keyboard.press('Enter');
  await page.keyboard.type('415');
}

test('after a payment the focus is on the result; a new payment starts in the amount', async ({ page }) => {
  await openTerminal(page, server().url);
  await keyPayment(page, { amount: '14.00', card: VISA, cvv: '737' });
  await confirmReview(page);
  await expect(page.getByTestId('outcome').getByRole('heading', { level: 2 })).toBeFocused();
  await page.keyboard.press('Alt+N');
  await expect(amountField(page)).toBeFocused();
});
