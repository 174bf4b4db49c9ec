import { expect, test, type Page } from '@playwright/test';
import { independentHash } from '../support/independent-signer.js';
import { cardExpiry } from '../support/dates.js';
import { inFollowUpAmount, MASTERCARD, seriousViolations, setLocale, useTerminalServer, VISA, waitArmed } from './support/terminal.js';
import type { WebMode } from './web-mode.js';

/*
 * Issue 18 end to end in web mode: find an operation by its last four and by its ORDERID;
 * capture part of an authorization, then refund the capture in parts until nothing remains,
 * each action gone once it is no longer possible; void an authorization; charge a saved card
 * again; a notification that arrives while the table is open changes its row in place.
 * Operations the test needs as a starting point are made through the contract, as the
 * terminal would make them; everything about History is done on the screen.
 */

const server = useTerminalServer({ pans: [VISA, MASTERCARD], cvvs: ['737'] });

interface View {
  readonly id: number;
  readonly orderId: string;
  readonly transactionId: string | null;
  readonly amount: number;
  readonly accountId: number;
}

let seq = 0;

async function invoke<T>(web: WebMode, channel: string, payload: unknown): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${web.port}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-comptoir-token': web.token },
    body: JSON.stringify(payload),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function charge(
  web: WebMode,
  options: { operation?: 'payment' | 'authorization'; amount: number; orderId: string; card?: string; saveCard?: boolean },
): Promise<View> {
  const { accounts } = await invoke<{ accounts: Array<{ id: number }> }>(web, 'accounts.list', undefined);
  seq += 1;
  const { operation } = await invoke<{ operation: View }>(web, 'payments.submit', {
    idempotencyKey: `history-e2e-key-${seq}x${Date.now()}x`,
    accountId: accounts[0]?.id,
    operation: options.operation ?? 'payment',
    amount: options.amount,
    orderId: options.orderId,
    customer: { email: 'ada@example.com', name: 'Ada Lovelace' },
    card: { number: options.card ?? VISA, expiry: cardExpiry(), cvv: '737', holder: 'Ada Lovelace' },
    saveCard: options.saveCard ?? false,
  });
  return operation;
}

const rows = (page: Page) => page.getByTestId('history-row');

async function openHistory(page: Page) {
  await page.setViewportSize({ width: 1600, height: 1100 });
  await page.goto(server().url);
  await page.getByRole('navigation').getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
}

/** The detail of the only row the filter left, opened from the keyboard. */
async function openOnlyRow(page: Page, orderId: string) {
  await page.getByTestId('history-order-id').fill(orderId);
  await expect(rows(page)).toHaveCount(1);
  await page.getByTestId('history-table').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('history-detail')).toBeVisible();
  await expect(page.getByTestId('history-detail').getByTestId('outcome-order-id')).toHaveText(orderId);
}

test('finds an operation by its last four digits and by its ORDERID, with the count and totals of the filter', async ({ page }) => {
  await charge(server(), { amount: 1234, orderId: 'HIST-FIND-VISA' });
  await charge(server(), { amount: 5678, orderId: 'HIST-FIND-MC', card: MASTERCARD });
  await openHistory(page);

  await page.getByTestId('history-last4').fill(MASTERCARD.slice(-4));
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('HIST-FIND-MC');
  await expect(rows(page)).toContainText('Mastercard •••• 4444');
  await expect(page.getByTestId('history-count')).toHaveText('1 operation');
  await expect(page.getByTestId('history-total')).toHaveText('EUR: €56.78 (1)');

  await page.getByTestId('history-last4').fill('');
  await page.getByTestId('history-order-id').fill('HIST-FIND-VISA');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('€12.34');

  // The search box (the / key puts the caret there) finds it by a word of its reference too.
  await page.getByTestId('history-order-id').fill('');
  await page.getByTestId('history-table').focus();
  await page.keyboard.press('/');
  await expect(page.getByTestId('history-search')).toBeFocused();
  await page.keyboard.type('hist-find-mc');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('HIST-FIND-MC');
});

test('captures part of an authorization, then refunds the capture in parts until nothing remains', async ({ page }) => {
  await charge(server(), { operation: 'authorization', amount: 4500, orderId: 'HIST-CAPTURE' });
  await openHistory(page);
  await openOnlyRow(page, 'HIST-CAPTURE');
  const detail = page.getByTestId('history-detail');

  await detail.getByRole('button', { name: 'Capture…' }).click();
  await inFollowUpAmount(page, '30');
  await waitArmed(page, 'capture-confirm');
  await page.getByTestId('capture-confirm').click();
  await expect(detail.getByTestId('outcome-status')).toHaveText('Partly captured');
  // One capture per authorization: nothing more to capture or void, a refund on the capture.
  await expect(detail.getByRole('button', { name: 'Capture…' })).toHaveCount(0);
  await expect(detail.getByRole('button', { name: 'Void the authorization' })).toHaveCount(0);
  const captureRow = detail.getByTestId('follow-up');
  await expect(captureRow).toContainText('Capture approved');

  for (const [amount, left] of [
    ['10', true],
    ['20', false],
  ] as const) {
    await captureRow.getByRole('button', { name: 'Refund…' }).click();
    await inFollowUpAmount(page, amount);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Goods');
    await waitArmed(page, 'refund-submit');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Refund' })).toHaveCount(0);
    if (left) await expect(captureRow.getByRole('button', { name: 'Refund…' })).toBeVisible();
  }
  // Everything captured was given back: no refund is offered any more.
  await expect(captureRow.getByRole('button', { name: 'Refund…' })).toHaveCount(0);
  await expect(detail.getByTestId('outcome-net-label')).toHaveText('kept after refunds');
  await expect(detail.getByTestId('outcome-amount')).toHaveText('€0.00');
  // The timeline holds the intent, the request, the answer and the gateway's notification.
  await expect(detail.getByTestId('timeline-entry').first()).toHaveAttribute('data-kind', 'intent_recorded');
  await expect(detail.locator('[data-testid="timeline-entry"][data-kind="response"]')).toContainText('The transaction has been accepted');

  // The table shows the follow-ups at once, and the authorization's new status.
  await page.keyboard.press('Escape');
  await page.getByTestId('history-order-id').fill('');
  await page.getByTestId('history-search').fill('hist-capture');
  await expect(rows(page)).toHaveCount(4);
  await expect(page.locator('[data-testid="history-row"][data-status="partially_captured"]')).toHaveCount(1);
});

test('voids an authorization; the void is gone once done', async ({ page }) => {
  await charge(server(), { operation: 'authorization', amount: 6000, orderId: 'HIST-VOID' });
  await openHistory(page);
  await openOnlyRow(page, 'HIST-VOID');
  const detail = page.getByTestId('history-detail');
  await detail.getByRole('button', { name: 'Void the authorization' }).click();
  await waitArmed(page, 'void-confirm');
  await page.getByTestId('void-confirm').click();
  await expect(detail.getByTestId('outcome-status')).toHaveText('Voided');
  await expect(detail.getByRole('button', { name: 'Void the authorization' })).toHaveCount(0);
  await expect(detail.getByRole('button', { name: 'Capture…' })).toHaveCount(0);
});

test('charges a saved card again from its detail, through the terminal’s review', async ({ page }) => {
  await charge(server(), { amount: 1500, orderId: 'HIST-SAVED', saveCard: true });
  await openHistory(page);
  await openOnlyRow(page, 'HIST-SAVED');
  await page.getByTestId('history-detail').getByTestId('rebill-button').click();
  // The terminal's form for the saved card: no card fields, the caret in the amount.
  const amount = page.getByRole('textbox', { name: /^Amount \(/ });
  await expect(amount).toBeFocused();
  await expect(page.getByTestId('saved-card')).toContainText('Visa •••• 1111');
  await page.keyboard.type('25.00');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const review = page.getByTestId('review-dialog');
  await expect(review.getByTestId('confirm-button')).toHaveText('Charge €25.00');
  await expect(review.getByTestId('confirm-button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outcome').getByRole('heading', { level: 2 })).toHaveText('Payment approved');
});

test('a notification that arrives while the table is open changes its row in place, keeping the selection', async ({ page }) => {
  const web = server();
  const first = await charge(web, { amount: 700, orderId: 'HIST-LIVE-1' });
  const second = await charge(web, { amount: 800, orderId: 'HIST-LIVE-2' });
  await openHistory(page);
  await page.getByTestId('history-search').fill('hist-live');
  await expect(rows(page)).toHaveCount(2);
  const row = page.locator(`[data-testid="history-row"][data-operation-id="${first.id}"]`);
  await expect(row.getByTestId('history-row-status')).toHaveText('Approved');
  // The operator selects the second row, as they would before taking a call.
  await page.locator(`[data-testid="history-row"][data-operation-id="${second.id}"]`).click();

  // The gateway's later word on the first payment: refused after all (its notification wins).
  const notifyUrl = /^Notifications listening at (\S+)$/m.exec(web.stdout())?.[1] as string;
  const password = await sandboxPassword(web);
  const params = {
    IDENTIFIER: 'COMPTOIR-SANDBOX',
    OPERATIONTYPE: 'payment',
    TRANSACTIONID: first.transactionId as string,
    ORDERID: first.orderId,
    AMOUNT: String(first.amount),
    EXECCODE: '4001',
    MESSAGE: 'Transaction refused by the bank',
    CURRENCY: 'EUR',
  };
  const answer = await fetch(notifyUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...params, HASH: independentHash(params, password) }).toString(),
  });
  expect(await answer.text()).toBe('OK');

  await expect(row.getByTestId('history-row-status')).toHaveText('Declined');
  await expect(rows(page).first()).toHaveAttribute('data-operation-id', String(second.id));
  await expect(page.locator(`[data-testid="history-row"][data-operation-id="${second.id}"]`)).toHaveAttribute('aria-selected', 'true');
});

test.describe('accessibility', () => {
  // axe is injected as a script, which the app's own CSP refuses.
  test.use({ bypassCSP: true });

  test('the History page and the detail have no serious accessibility finding, in English and in French', async ({ page }) => {
    await charge(server(), { amount: 900, orderId: 'HIST-A11Y' });
    for (const locale of ['en', 'fr'] as const) {
      await setLocale(page, server(), locale);
      await page.setViewportSize({ width: 1600, height: 1100 });
      await page.goto(server().url);
      await page
        .getByRole('navigation')
        .getByRole('button', { name: locale === 'en' ? 'History' : 'Historique' })
        .click();
      await expect(rows(page).first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('history-order-id').fill('HIST-A11Y');
      await expect(rows(page)).toHaveCount(1);
      await page.getByTestId('history-table').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('history-detail').getByTestId('timeline')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    }
    await setLocale(page, server(), 'en');
  });
});

/** The built-in sandbox account's password, as core keeps it in the data folder (to sign a notification as the gateway would). */
async function sandboxPassword(web: WebMode): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const secrets = JSON.parse(await readFile(`${web.dataDir}/secrets.json`, 'utf8')) as Record<string, string>;
  const key = Object.keys(secrets).find((name) => name.startsWith('account:'));
  return secrets[key as string] as string;
}
