import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebMode, type WebMode } from '../web-mode.js';
import { cardDataIn, filesUnder } from '../../support/card-data.js';
import { typedCardExpiry } from '../../support/dates.js';

/*
 * What the terminal's end-to-end specs share: one web-mode process per spec file whose data
 * folder, logs and every page's browser storage are searched, at the end, for the card numbers
 * and security codes the spec typed; and the keyboard moves of an operator.
 */

export const VISA = '4111111111111111';
export const MASTERCARD = '5555555555554444';
export const AMEX = '378282246310005';
export const DECLINED_4002 = '5555554530114002';
export const INVALID = '4111111111111112';

const axePath = createRequire(import.meta.url).resolve('axe-core');

/**
 * Starts web mode for the spec file and, at its end, fails if any card number or CVV in
 * `typed` reached the data folder, the logs or the browser's storage. A failed test restarts
 * the worker, so what is typed is declared up front.
 */
export function useTerminalServer(typed: { pans: readonly string[]; cvvs: readonly string[] }): () => WebMode {
  const pans = new Set(typed.pans);
  const cvvs = new Set(typed.cvvs);
  const storage: string[] = [];
  let server: WebMode | undefined;
  let dataDir = '';

  test.beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'comptoir-e2e-terminal-'));
    server = await startWebMode([], dataDir);
  });

  test.afterEach(async ({ page, context }) => {
    // What this page left in the browser, collected before its context goes away.
    const dump = await page
      .evaluate(async () => {
        const all = (store: Storage) => Object.keys(store).map((key) => `${key}=${store.getItem(key) ?? ''}`);
        const databases = 'databases' in indexedDB ? (await indexedDB.databases()).map((db) => db.name ?? '') : [];
        return [...all(localStorage), ...all(sessionStorage), ...databases, document.cookie].join('\n');
      })
      .catch(() => '');
    const cookies = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('\n');
    storage.push(dump, cookies);
  });

  test.afterAll(async () => {
    // The detector itself must see what it looks for, or an empty result would prove nothing.
    expect(cardDataIn(`{"number":"${VISA}","cvv":"737"}`, new Set([VISA]), new Set(['737']))).toEqual(['PAN …1111', 'CVV 737']);
    if (!server) return;
    await server.stop();
    const leaks: string[] = [];
    for (const file of await filesUnder(dataDir)) for (const hit of cardDataIn(file.text, pans, cvvs)) leaks.push(`${file.path}: ${hit}`);
    for (const hit of cardDataIn(server.logs(), pans, cvvs)) leaks.push(`web-mode logs: ${hit}`);
    for (const hit of cardDataIn(storage.join('\n'), pans, cvvs)) leaks.push(`browser storage: ${hit}`);
    await rm(dataDir, { recursive: true, force: true });
    expect(leaks).toEqual([]);
  });

  return () => {
    if (!server) throw new Error('web mode is not running');
    return server;
  };
}

// ---- an operator's moves ---------------------------------------------------------------------

export interface Payment {
  readonly amount: string;
  readonly card: string;
  readonly cvv: string;
  readonly expiry?: string;
  readonly email?: string;
  readonly holder?: string;
}

export const amountField = (page: Page) => page.getByRole('textbox', { name: /^(Amount|Montant) \(/ });
export const orderIdField = (page: Page) => page.getByRole('textbox', { name: /^(Order reference|Référence de commande)/ });

/** Opens the terminal (in French after `setLocale`), waits for the generated reference. */
export async function openTerminal(page: Page, url: string, width = 1366) {
  await page.setViewportSize({ width, height: 1000 });
  await page.goto(url);
  await expect(amountField(page)).toBeFocused();
  // The generated order reference arrives from core; an operator sees it before going on.
  await expect(orderIdField(page)).not.toHaveValue('');
}

/** Types the call's answers field by field with Enter between them; ends by asking for the review. */
export async function keyPayment(page: Page, payment: Payment) {
  const { keyboard } = page;
  await expect(amountField(page)).toBeFocused();
  // A new form's generated reference arrives from core (after Alt+N too): seen before going on.
  await expect(orderIdField(page)).not.toHaveValue('');
  await keyboard.type(payment.amount);
  await keyboard.press('Enter'); // order reference (generated)
  await keyboard.press('Enter'); // customer ID
  await keyboard.press('Enter'); // customer name
  await keyboard.type('Ada Lovelace');
  await keyboard.press('Enter'); // customer email
  await keyboard.type(payment.email ?? 'ada@example.com');
  await keyboard.press('Enter'); // description
  await keyboard.press('Enter'); // card number
  await expect(page.getByRole('textbox', { name: /^(Card number|Numéro de carte)/ })).toBeFocused();
  await keyboard.type(payment.card);
  await keyboard.press('Enter');
  await keyboard.type(payment.expiry ?? typedCardExpiry());
  await keyboard.press('Enter');
  await keyboard.type(payment.cvv);
  await keyboard.press('Enter');
  await keyboard.type(payment.holder ?? 'Ada Lovelace');
  await keyboard.press('Enter');
}

/** The focused element's accessible text, as a keyboard user's screen reader would say it. */
async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    const labelled = active?.id ? document.querySelector(`label[for="${active.id}"]`)?.textContent : undefined;
    return (active?.getAttribute('aria-label') ?? labelled ?? active?.textContent ?? '').trim();
  });
}

/** Tab until the focused element's accessible text matches, as a keyboard user would. */
export async function tabTo(page: Page, name: RegExp, { limit = 30, backwards = false } = {}) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (name.test(await focusedText(page))) return;
  }
  throw new Error(`no focusable element matching ${name} within ${limit} Tabs`);
}

/** Records every call the page makes to core, to prove what was (not) sent. */
export function watchCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    const match = /\/api\/invoke\/([\w.]+)/.exec(request.url());
    if (match) calls.push(match[1] as string);
  });
  return calls;
}

/** The review's confirm button takes the focus once armed; Enter then confirms. */
export async function confirmReview(page: Page) {
  const review = page.getByTestId('review-dialog');
  await expect(review).toBeVisible();
  await expect(review.getByTestId('confirm-button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outcome')).toBeVisible();
}

/**
 * A dialog moves the focus inside itself from timers of its own (Mantine's focus trap sets two
 * at opening); a key sent between them would be undone. Timers of equal delay run in order,
 * so one set now runs after both: the dialog has settled when it does.
 */
export async function dialogSettled(page: Page) {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

/**
 * The amount field of a capture or refund dialog has the focus, and the dialog has settled:
 * typing goes there. With `amount`, it replaces the prefilled one (what is left), as an
 * operator selects it all and types over it.
 */
export async function inFollowUpAmount(page: Page, amount?: string) {
  await expect(page.getByRole('dialog').getByRole('textbox', { name: /^(Amount to|Montant à)/ })).toBeFocused();
  await dialogSettled(page);
  if (amount === undefined) return;
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(amount);
}

/** Waits until a money-moving confirmation is armed (it ignores keys for a moment after it opens). */
export async function waitArmed(page: Page, testId: string) {
  await expect(page.getByTestId(testId)).toHaveAttribute('data-armed', 'true');
}

/** Saves the operator's language in core, as Settings would. */
export async function setLocale(page: Page, server: WebMode, locale: 'en' | 'fr') {
  const response = await page.request.post(`http://127.0.0.1:${server.port}/api/invoke/settings.update`, {
    data: { locale },
    headers: { 'x-comptoir-token': server.token },
  });
  expect(response.status()).toBe(200);
}

/** axe's serious and critical findings on the page as it is (axe injected as a file: the CSP refuses inline). */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
    const results = await axe.run();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')})`);
  });
}
