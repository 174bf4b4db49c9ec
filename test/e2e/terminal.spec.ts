import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NO_FOLLOW_UP_DELAY, READY_LINE } from './web-mode.js';

/*
 * The virtual terminal end to end, keyboard only, in Chromium against web mode and its
 * built-in sandbox. One web-mode process serves the whole file so that, at the end, its data
 * folder, its logs and every page's browser storage can be searched for the card numbers and
 * security codes the tests typed.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const axePath = createRequire(import.meta.url).resolve('axe-core');

const VISA = '4111111111111111';
const MASTERCARD = '5555555555554444';
const AMEX = '378282246310005';
const DECLINED_4002 = '5555554530114002';
const INVALID = '4111111111111112';
// Every number and code typed below; listed up front because a failed test restarts the
// worker, and the scan at the end must still know what to look for.
const TYPED_PANS = new Set([VISA, MASTERCARD, AMEX, DECLINED_4002, INVALID]);
const TYPED_CVVS = new Set(['737', '829', '415', '306', '4321', '552', '913', '268']);
const BROWSER_STORAGE: string[] = [];

let server: { url: string; dataDir: string; logs: () => string; stop(): Promise<void> };

async function startServer() {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-e2e-terminal-'));
  // The specs below capture and refund right after paying: no 5-minute wait for them.
  const child: ChildProcess = spawn(process.execPath, [join(root, 'dist/electron/web/cli.js'), '--port', '0', '--data-dir', dataDir, ...NO_FOLLOW_UP_DELAY], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', () => {
      const found = output.match(READY_LINE);
      if (found) {
        clearTimeout(timer);
        resolve(found[1] as string);
      }
    });
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    logs: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

test.beforeAll(async () => {
  server = await startServer();
});

test.afterEach(async ({ page, context }) => {
  // What this page left in the browser, collected before its context goes away.
  const storage = await page
    .evaluate(async () => {
      const dump = (store: Storage) => Object.keys(store).map((key) => `${key}=${store.getItem(key) ?? ''}`);
      const databases = 'databases' in indexedDB ? (await indexedDB.databases()).map((db) => db.name ?? '') : [];
      return [...dump(localStorage), ...dump(sessionStorage), ...databases, document.cookie].join('\n');
    })
    .catch(() => '');
  const cookies = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('\n');
  BROWSER_STORAGE.push(storage, cookies);
});

/** Every file under a folder: the journal, its WAL and SHM, the sandbox ledger, settings, logs. */
async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (path) => ({ path, text: (await readFile(path)).toString('latin1') })));
}

/**
 * PANs are searched for as they were typed and grouped; a 3- or 4-digit CVV can occur by
 * chance inside any number, so it is searched for where it would be written as a value.
 */
function cardDataIn(text: string): string[] {
  const found: string[] = [];
  for (const pan of TYPED_PANS) {
    const grouped = pan.replace(/(\d{4})(?=\d)/g, '$1 ');
    if (text.includes(pan) || text.includes(grouped)) found.push(`PAN …${pan.slice(-4)}`);
  }
  for (const cvv of TYPED_CVVS) {
    if (new RegExp(`(cvv|cvc|cardcode|cardcvv)[^0-9a-z]{0,6}${cvv}(?!\\d)`, 'i').test(text) || text.includes(`"${cvv}"`)) found.push(`CVV ${cvv}`);
  }
  return found;
}

test.afterAll(async () => {
  // The detector itself must see what it looks for, or an empty result would prove nothing.
  expect(cardDataIn(`{"number":"${VISA}","cvv":"737"}`)).toEqual(['PAN …1111', 'CVV 737']);
  await server.stop();
  const leaks: string[] = [];
  for (const file of await filesUnder(server.dataDir)) for (const hit of cardDataIn(file.text)) leaks.push(`${file.path}: ${hit}`);
  for (const hit of cardDataIn(server.logs())) leaks.push(`web-mode logs: ${hit}`);
  for (const hit of cardDataIn(BROWSER_STORAGE.join('\n'))) leaks.push(`browser storage: ${hit}`);
  await rm(server.dataDir, { recursive: true, force: true });
  expect(leaks).toEqual([]);
});

// ---------------------------------------------------------------------------------------------

interface Payment {
  readonly amount: string;
  readonly card: string;
  readonly cvv: string;
  readonly expiry?: string;
  readonly email?: string;
  readonly holder?: string;
}

const amountField = (page: Page) => page.getByRole('textbox', { name: /^Amount/ });

async function openTerminal(page: Page) {
  await page.setViewportSize({ width: 1366, height: 1000 });
  await page.goto(server.url);
  await expect(amountField(page)).toBeFocused();
  // The generated order reference arrives from core; an operator sees it before going on.
  await expect(page.getByRole('textbox', { name: /^Order reference/ })).not.toHaveValue('');
}

/** Types the call's answers field by field with Enter between them; ends by asking for the review. */
async function keyPayment(page: Page, payment: Payment) {
  expect(TYPED_PANS.has(payment.card) && TYPED_CVVS.has(payment.cvv)).toBe(true);
  const { keyboard } = page;
  await expect(amountField(page)).toBeFocused();
  await keyboard.type(payment.amount);
  await keyboard.press('Enter'); // order reference (generated)
  await keyboard.press('Enter'); // customer ID
  await keyboard.press('Enter'); // customer name
  await keyboard.type('Ada Lovelace');
  await keyboard.press('Enter'); // customer email
  await keyboard.type(payment.email ?? 'ada@example.com');
  await keyboard.press('Enter'); // description
  await keyboard.press('Enter'); // card number
  await expect(page.getByRole('textbox', { name: /^Card number/ })).toBeFocused();
  await keyboard.type(payment.card);
  await keyboard.press('Enter');
  await keyboard.type(payment.expiry ?? '12/34');
  await keyboard.press('Enter');
  await keyboard.type(payment.cvv);
  await keyboard.press('Enter');
  await keyboard.type(payment.holder ?? 'Ada Lovelace');
  await keyboard.press('Enter');
}

/** Tab until the focused element's accessible text matches, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp, limit = 25) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      return active?.getAttribute('aria-label') ?? active?.textContent ?? '';
    });
    if (name.test(text.trim())) return;
  }
  throw new Error(`no focusable element matching ${name} within ${limit} Tabs`);
}

/** Records every call the page makes to core, to prove what was (not) sent. */
function watchCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    const match = /\/api\/invoke\/([\w.]+)/.exec(request.url());
    if (match) calls.push(match[1] as string);
  });
  return calls;
}

async function confirmReview(page: Page) {
  const review = page.getByTestId('review-dialog');
  await expect(review).toBeVisible();
  await expect(review.getByTestId('confirm-button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outcome')).toBeVisible();
}

// ---------------------------------------------------------------------------------------------

test('an approved payment, confirmed on screen by the gateway’s notification', async ({ page }) => {
  await openTerminal(page);
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
  await openTerminal(page);
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
  await openTerminal(page);
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
  await openTerminal(page);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Authorization' })).toBeChecked();
  await page.keyboard.press('Tab');
  await keyPayment(page, { amount: '45.00', card: MASTERCARD, cvv: '306' });
  await expect(page.getByTestId('confirm-button')).toHaveText('Authorize €45.00');
  await confirmReview(page);
  const outcome = page.getByTestId('outcome');
  await expect(outcome.getByRole('heading', { name: 'Authorization approved: funds reserved' })).toBeVisible();
  await tabTo(page, /^Capture €45\.00 now$/);
  await page.keyboard.press('Enter');
  await expect(outcome.getByTestId('follow-up')).toContainText('Capture approved');
  await expect(outcome.getByTestId('outcome-status')).toHaveText('Captured');
  // Money captured is refunded through the capture, which core now says is refundable.
  await expect(outcome.getByTestId('follow-up').getByRole('button', { name: 'Refund…' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('captured.png') });
});

test('a partial refund of a payment', async ({ page }) => {
  await openTerminal(page);
  await keyPayment(page, { amount: '20.00', card: AMEX, cvv: '4321' });
  await confirmReview(page);
  const outcome = page.getByTestId('outcome');
  await expect(outcome.getByRole('heading', { name: 'Payment approved' })).toBeVisible();
  await tabTo(page, /^Refund…$/);
  await page.keyboard.press('Enter');
  const amount = outcome.getByRole('textbox', { name: /^Amount to refund/ });
  await expect(amount).toBeFocused();
  await expect(amount).toHaveValue('20.00');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('7.50');
  await expect(outcome.getByTestId('refund-submit')).toHaveText('Refund €7.50 (partial)');
  await page.keyboard.press('Enter');
  await expect(outcome.getByTestId('outcome-status')).toHaveText('Partly refunded');
  await expect(outcome.getByTestId('follow-up')).toContainText('€7.50');
  await page.screenshot({ path: test.info().outputPath('partial-refund.png') });
});

test('a second charge of the same card and amount warns of a duplicate and needs a reason', async ({ page }) => {
  await openTerminal(page);
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
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outcome').getByRole('heading', { name: 'Payment approved' })).toBeVisible();
});

test('leaving the review with Esc sends nothing and keeps the form', async ({ page }) => {
  const calls = watchCalls(page);
  await openTerminal(page);
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
  await openTerminal(page);
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

  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: axePath });
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
      const results = await axe.run();
      return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.nodes.length})`);
    });
  }

  test('the form, the review and the outcome have no serious or critical axe violation', async ({ page }) => {
    await openTerminal(page);
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
