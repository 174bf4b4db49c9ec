import { expect, test, type Page } from '@playwright/test';
import {
  confirmReview,
  inFollowUpAmount,
  DECLINED_4002,
  keyPayment,
  MASTERCARD,
  openTerminal,
  setLocale,
  tabTo,
  useTerminalServer,
  VISA,
  waitArmed,
} from './support/terminal.js';

/*
 * Issue 14, items 1–4, 11, 14 and 16 end to end, keyboard only: after a capture, a refund, a
 * void or a notification, the outcome and the receipts say what is true now; an authorization
 * says what to do next; instalments say what is charged today.
 */

const server = useTerminalServer({ pans: [VISA, MASTERCARD, DECLINED_4002], cvvs: ['306', '737', '829', '552', '913'] });

const heading = (page: Page) => page.getByTestId('outcome').getByRole('heading', { level: 2 });

async function chooseAuthorization(page: Page) {
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Authorization' })).toBeChecked();
  await page.keyboard.press('Tab');
}

test('an authorization says what to do next; a partial capture, then a refund, are what the outcome says', async ({ page }) => {
  await openTerminal(page, server().url);
  await chooseAuthorization(page);
  await keyPayment(page, { amount: '45.00', card: MASTERCARD, cvv: '306' });
  await confirmReview(page);
  const outcome = page.getByTestId('outcome');
  await expect(heading(page)).toHaveText('Authorization approved: funds reserved');
  await expect(outcome.getByTestId('outcome-net-label')).toHaveText('reserved on the card, not charged yet');
  // What to do next, by when, how long is left: not "nothing more to do".
  const deadline = outcome.getByTestId('authorization-deadline');
  await expect(deadline).toContainText('Next: capture within 7 days');
  await expect(deadline).toContainText(/Capture by [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} (AM|PM) \(Europe\/Paris\) \(in 7 days\)/);
  await expect(outcome).not.toContainText('Nothing more to do');

  // Partial capture: the amount is prefilled with what is left, and the dialog says what happens to the rest.
  await tabTo(page, /^Capture…$/);
  await page.keyboard.press('Enter');
  const capture = page.getByRole('dialog', { name: 'Capture the authorization' });
  const amount = capture.getByRole('textbox', { name: /^Amount to capture/ });
  await expect(amount).toHaveValue('45.00');
  await inFollowUpAmount(page, '30');
  await expect(capture.getByTestId('capture-partial-note')).toHaveText('One capture per authorization: the remaining €15.00 will be released.');
  await expect(capture.getByTestId('capture-confirm')).toHaveText('Capture €30.00');
  await waitArmed(page, 'capture-confirm');
  await page.keyboard.press('Enter');

  // The outcome follows: heading (focused again), badge, net amount and how it came about.
  await expect(heading(page)).toHaveText('Captured €30.00 of €45.00; the rest was released');
  await expect(heading(page)).toBeFocused();
  await expect(outcome.getByTestId('outcome-status')).toHaveText('Partly captured');
  await expect(outcome.getByTestId('outcome-amount')).toHaveText('€30.00');
  await expect(outcome.getByTestId('outcome-breakdown')).toHaveText(/Authorized €45\.00\s*Captured €30\.00\s*Released €15\.00/);
  await expect(outcome.getByTestId('authorization-deadline')).toHaveCount(0);
  await expect(outcome.getByTestId('follow-up')).toContainText('Capture approved');
  // Only what core's actions allow: nothing more on the authorization, a refund on the capture.
  await expect(outcome.getByRole('button', { name: /^Capture/ })).toHaveCount(0);
  await expect(outcome.getByRole('button', { name: 'Void the authorization' })).toHaveCount(0);

  // A dialog closed without acting gives the focus back to its button.
  await tabTo(page, /^Refund…$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Refund' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(outcome.getByTestId('follow-up').getByRole('button', { name: 'Refund…' })).toBeFocused();

  await page.keyboard.press('Enter');
  await inFollowUpAmount(page, '10');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Goods');
  await waitArmed(page, 'refund-submit');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Captured €30.00, refunded €10.00');
  await expect(heading(page)).toBeFocused();
  await expect(outcome.getByTestId('outcome-amount')).toHaveText('€20.00');
  await expect(outcome.getByTestId('outcome-net-label')).toHaveText('kept after refunds');
});

test('a partial refund says how much of what, with its reason, on screen and on a receipt of its own', async ({ page }) => {
  await openTerminal(page, server().url);
  await keyPayment(page, { amount: '100.00', card: VISA, cvv: '737' });
  await confirmReview(page);
  const outcome = page.getByTestId('outcome');
  await tabTo(page, /^Refund…$/);
  await page.keyboard.press('Enter');
  const refund = page.getByRole('dialog', { name: 'Refund' });
  await inFollowUpAmount(page, '30');
  await waitArmed(page, 'refund-submit');
  // No reason chosen: refused there, nothing sent.
  await page.keyboard.press('Enter');
  await expect(refund.getByText('Choose why the money is given back.')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Goods');
  await expect(refund.getByRole('combobox', { name: /^Reason for the refund/ })).toHaveValue('returned_goods');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Box damaged in transit');
  await page.keyboard.press('Enter');

  await expect(heading(page)).toHaveText('Refunded €30.00 of €100.00');
  await expect(heading(page)).toBeFocused();
  await expect(outcome.getByTestId('outcome-status')).toHaveText('Partly refunded');
  await expect(outcome.getByTestId('outcome-amount')).toHaveText('€70.00');
  await expect(outcome.getByTestId('outcome-net-label')).toHaveText('kept after refunds');
  await expect(outcome.getByTestId('follow-up').getByTestId('refund-reason')).toHaveText('Reason: Goods returned — Box damaged in transit');

  // The refund's own receipt: its amount, its reason, the order it refunds, TEST in large letters.
  const refundRow = outcome.getByTestId('follow-up');
  await tabTo(page, /^Print receipt$/);
  await tabTo(page, /^Print receipt$/);
  await expect(refundRow.getByRole('button', { name: 'Print receipt' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Refund receipt' });
  const customer = dialog.getByTestId('receipt-customer');
  await expect(customer.getByTestId('receipt-test-mark')).toHaveText('TEST');
  await expect(customer.getByTestId('receipt-amount')).toHaveText(/Amount refunded\s*€30\.00/);
  await expect(customer.getByTestId('receipt-reason')).toHaveText(/Reason\s*Goods returned — Box damaged in transit/);
  await expect(customer).toContainText(/Original order\s*SBX-\d{6}/);
  await expect(customer.getByTestId('receipt-date')).toHaveText(/Date\s*[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} (AM|PM) \(Europe\/Paris\)/);
  // In French: day before month, the month spelled, the zone named.
  await tabTo(page, /^English$/, { backwards: true, limit: 10 });
  await page.keyboard.press('ArrowRight');
  await expect(customer.getByTestId('receipt-date')).toHaveText(/Date\s*\d{1,2} [a-zéû]+\.? \d{4},? (à )?\d{2}:\d{2} \(Europe\/Paris\)/);
  await expect(customer.getByTestId('receipt-reason')).toHaveText(/Motif\s*Marchandise retournée — Box damaged in transit/);
  await expect(customer.getByTestId('receipt-test-mark')).toHaveText('TEST');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(refundRow.getByRole('button', { name: 'Print receipt' })).toBeFocused();
});

test('a voided authorization is released with nothing charged, and its receipt does not say reserved', async ({ page }) => {
  await openTerminal(page, server().url);
  await chooseAuthorization(page);
  await keyPayment(page, { amount: '60.00', card: MASTERCARD, cvv: '552' });
  await confirmReview(page);
  const outcome = page.getByTestId('outcome');
  await tabTo(page, /^Void the authorization$/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Void the authorization?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // Cancel keeps the focus until the operator moves on; the button to void is armed by then.
  await waitArmed(page, 'void-confirm');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Released, nothing charged');
  await expect(heading(page)).toBeFocused();
  await expect(outcome).toHaveAttribute('data-tone', 'released');
  await expect(outcome.getByTestId('outcome-status')).toHaveText('Voided');
  await expect(outcome.getByTestId('outcome-amount')).toHaveText('€0.00');
  await expect(outcome.getByTestId('outcome-net-label')).toHaveText('nothing charged');
  await expect(outcome.getByTestId('outcome-exec')).toHaveCount(0);

  await tabTo(page, /^Print receipt$/);
  await page.keyboard.press('Enter');
  const receipt = page.getByRole('dialog', { name: 'Authorization receipt' });
  for (const copy of [receipt.getByTestId('receipt-merchant'), receipt.getByTestId('receipt-customer')]) {
    await expect(copy.getByTestId('receipt-result')).toHaveText(/Result\s*Released, nothing charged/);
    await expect(copy.getByTestId('receipt-note')).toHaveText('Authorization released: nothing was charged.');
    await expect(copy.getByTestId('receipt-net')).toHaveText(/Net charged\s*€0\.00/);
    await expect(copy).not.toContainText(/reserved/i);
  }
  await page.keyboard.press('Escape');
  await expect(outcome.getByRole('button', { name: 'Print receipt' }).first()).toBeFocused();
});

test('a decline confirmed by the gateway shows no green tick beside it', async ({ page }) => {
  await openTerminal(page, server().url);
  await keyPayment(page, { amount: '23.10', card: DECLINED_4002, cvv: '829' });
  await confirmReview(page);
  const outcome = page.getByTestId('outcome');
  await expect(heading(page)).toHaveText('Declined');
  const confirmation = outcome.getByTestId('confirmation');
  await expect(confirmation).toHaveAttribute('data-state', 'confirmed');
  await expect(confirmation).toHaveText('The gateway confirmed the refusal');
  await expect(confirmation.getByTestId('confirmation-tick')).toHaveCount(0);
  await expect(outcome.getByTestId('outcome-net-label')).toHaveText('not charged');
});

async function payInInstalments(page: Page, amount: string, card: string, labels: { instalments: RegExp; review: RegExp }) {
  await keyPayment(page, { amount, card, cvv: card === VISA ? '913' : '306' });
  // Back from the review to tick the option (Enter passes over options), then review again.
  await expect(page.getByTestId('review-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('review-button')).toBeFocused();
  await tabTo(page, labels.instalments, { backwards: true });
  await page.keyboard.press('Space');
  await tabTo(page, labels.review);
  await page.keyboard.press('Enter');
}

test('instalments say what is charged today, how many follow and the total, in the operator’s language', async ({ page }) => {
  await openTerminal(page, server().url);
  // Cards and amounts not used above in this file, or the duplicate guard would rightly ask.
  await payInInstalments(page, '100', MASTERCARD, { instalments: /^Pay in instalments$/, review: /^Review payment$/ });
  const review = page.getByTestId('review-dialog');
  await expect(review.getByTestId('confirm-button')).toHaveText('Charge €33.34 today, then 2 more; €100.00 in total');
  await expect(review.getByTestId('review-schedule')).toContainText(/[A-Z][a-z]+ \d{1,2}, \d{4}: €33\.34/);
  await confirmReview(page);
  await expect(heading(page)).toHaveText('Payment approved: €33.34 today, then 2 more; €100.00 in total');

  await setLocale(page, server(), 'fr');
  try {
    await openTerminal(page, server().url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await payInInstalments(page, '120', VISA, { instalments: /^Payer en plusieurs fois$/, review: /^Vérifier le paiement$/ });
    const confirm = page.getByTestId('review-dialog').getByTestId('confirm-button');
    // French: comma decimals, the euro sign after, and a no-break space before the semicolon.
    await expect(confirm).toHaveText(/^Débiter 40,00\s€ aujourd’hui, puis 2 autres\u00a0; 120,00\s€ au total$/);
    await expect(page.getByTestId('review-schedule')).toContainText(/\d{1,2} [a-zéû]+ \d{4}\u00a0: 40,00\s€/);
    await confirmReview(page);
    await expect(heading(page)).toHaveText(/^Paiement accepté\u00a0: 40,00\s€ aujourd’hui, puis 2 autres\u00a0; 120,00\s€ au total$/);
  } finally {
    await setLocale(page, server(), 'en');
  }
});
