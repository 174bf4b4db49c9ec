import { expect, test, type Page } from '@playwright/test';
import {
  amountField,
  confirmReview,
  dialogSettled,
  inFollowUpAmount,
  keyPayment,
  MASTERCARD,
  openTerminal,
  seriousViolations,
  setLocale,
  tabTo,
  useTerminalServer,
  VISA,
  waitArmed,
} from './support/terminal.js';

/*
 * Issue 14, items 17 and 18, and the acceptance's axe run: the terminal, every dialog and the
 * receipt have no serious or critical axe finding, in English and in French, at 1024 and at
 * 1400 pixels; with a dialog open there is still one banner landmark and every close button
 * has a name; at 1024 pixels nothing in the status bar is cut; French puts a no-break space
 * before its colons.
 */

const server = useTerminalServer({ pans: [VISA, MASTERCARD], cvvs: ['737', '306'] });

// axe is injected as a script file, which the app's CSP (script-src 'self') refuses otherwise.
test.use({ bypassCSP: true });

const WORDS = {
  en: {
    authorization: 'Authorization',
    credit: 'Credit',
    capture: /^Capture…$/,
    refund: /^Refund…$/,
    void: /^Void the authorization$/,
    print: /^Print receipt$/,
    settings: 'Settings',
  },
  fr: {
    authorization: 'Autorisation',
    credit: 'Crédit',
    capture: /^Capturer…$/,
    refund: /^Rembourser…$/,
    void: /^Annuler l’autorisation$/,
    print: /^Imprimer le ticket$/,
    settings: 'Réglages',
  },
} as const;

/** axe clean, one banner landmark, every dialog's close button named, and French spacing right. */
async function checkScreen(page: Page, locale: 'en' | 'fr', where: string) {
  // A dialog names itself from its title a moment after it opens.
  for (const dialog of await page.getByRole('dialog').all()) await expect(dialog).toHaveAttribute('aria-labelledby', /.+/);
  expect(await seriousViolations(page), `${where}: axe`).toEqual([]);
  await expect(page.getByRole('banner'), `${where}: banner landmarks`).toHaveCount(1);
  for (const close of await page.getByRole('dialog').locator('.mantine-Modal-close').all()) {
    expect(await close.getAttribute('aria-label'), `${where}: close button name`).toBeTruthy();
  }
  if (locale === 'fr') expect(await frenchSpacingProblems(page), `${where}: French spacing`).toEqual([]);
}

/** Visible text where `:`, `;`, `?` or `!` follows a word or a plain space instead of a no-break space. */
async function frenchSpacingProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || parent.closest('[data-testid="status-data-dir"], kbd, code, [lang="en"]') || parent.offsetParent === null) continue;
      if (/(^|[^\s\u00a0\u202f\d])[:;?!](\s|$)|\s[:;?!]/.test(text.replace(/[\u00a0\u202f][:;?!]/g, ''))) problems.push(text.trim());
    }
    return problems;
  });
}

/** At this width every item of the status bar shows whole, except the data folder, which gives way from its start. */
async function statusBarFits(page: Page) {
  const cut = await page.evaluate(() => {
    const bar = document.querySelector('[role="status"][aria-label]');
    if (!bar) return ['no status bar'];
    const items = Array.from(bar.children) as HTMLElement[];
    const right = bar.getBoundingClientRect().right;
    return items
      .filter((item) => !item.querySelector('[data-testid="status-data-dir"]'))
      .filter((item) => item.scrollWidth > item.clientWidth + 1 || item.getBoundingClientRect().right > right || item.getBoundingClientRect().height > 28)
      .map((item) => item.textContent ?? '');
  });
  expect(cut).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** Labels and badges on screen are not cut off. */
async function labelsWhole(page: Page) {
  const cut = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('label, .mantine-Badge-root, .mantine-Badge-label, .mantine-SegmentedControl-label'))
      .filter((element) => element.offsetParent !== null && element.scrollWidth > element.clientWidth + 1)
      .map((element) => element.textContent ?? ''),
  );
  expect(cut).toEqual([]);
}

for (const locale of ['en', 'fr'] as const) {
  for (const width of [1024, 1400]) {
    test(`terminal, dialogs and receipt are accessible in ${locale.toUpperCase()} at ${width} px`, async ({ page }) => {
      test.setTimeout(180_000);
      const words = WORDS[locale];
      // Each run its own amounts, so the duplicate guard stays out of the way.
      const base = (locale === 'en' ? 1 : 3) * 1000 + width;
      await setLocale(page, server(), locale);
      try {
        await openTerminal(page, server().url, width);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await checkScreen(page, locale, 'empty form');
        await statusBarFits(page);
        // Whatever is scrolled to or focused stays clear of the fixed header and status bar.
        expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom))).toBeGreaterThanOrEqual(40);
        await labelsWhole(page);

        // Asked to review with nothing typed: every error shown.
        await tabTo(page, locale === 'en' ? /^Review payment$/ : /^Vérifier le paiement$/);
        await page.keyboard.press('Enter');
        await expect(page.getByRole('alert').first()).toBeVisible();
        await checkScreen(page, locale, 'form with errors');

        // The shortcut map, then the question before clearing.
        await page.keyboard.press('F1');
        await expect(page.getByTestId('shortcut-map')).toBeVisible();
        await checkScreen(page, locale, 'shortcut map');
        await page.keyboard.press('Escape');
        await amountField(page).focus();
        await page.keyboard.type('1');
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('discard-dialog')).toBeVisible();
        await checkScreen(page, locale, 'discard dialog');
        await dialogSettled(page);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await expect(amountField(page)).toHaveValue('');

        // An authorization above the large-amount threshold: the review with its confirmation in words.
        await amountField(page).focus();
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('ArrowRight');
        await expect(page.getByRole('radio', { name: words.authorization })).toBeChecked();
        await page.keyboard.press('Tab');
        await keyPayment(page, { amount: String(5000 + base), card: MASTERCARD, cvv: '306' });
        await expect(page.getByTestId('large-amount')).toBeVisible();
        await checkScreen(page, locale, 'review, large amount');
        await page.keyboard.press('Space');
        await waitArmed(page, 'confirm-button');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('authorization-deadline')).toBeVisible();
        await expect(page.getByTestId('confirmation')).toHaveAttribute('data-state', 'confirmed');
        await checkScreen(page, locale, 'authorization outcome');
        await statusBarFits(page);
        await labelsWhole(page);

        await tabTo(page, words.capture);
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('capture-dialog')).toBeVisible();
        await checkScreen(page, locale, 'capture dialog');
        await inFollowUpAmount(page, '100');
        await waitArmed(page, 'capture-confirm');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('follow-up')).toBeVisible();
        await checkScreen(page, locale, 'outcome after a partial capture');

        await tabTo(page, words.refund);
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('refund-dialog')).toBeVisible();
        await page.keyboard.press('Enter'); // no reason yet: the errors show
        await checkScreen(page, locale, 'refund dialog');
        await page.keyboard.press('Escape');

        await tabTo(page, words.print, { backwards: true });
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('receipt-dialog')).toBeVisible();
        await checkScreen(page, locale, 'receipt');
        await page.keyboard.press('Escape');

        // A new authorization, for the void dialog.
        await page.keyboard.press('Alt+N');
        await expect(amountField(page)).toBeFocused();
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Tab');
        await keyPayment(page, { amount: String(base / 100), card: VISA, cvv: '737' });
        await confirmReview(page);
        await tabTo(page, words.void);
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('void-dialog')).toBeVisible();
        await checkScreen(page, locale, 'void dialog');
        await page.keyboard.press('Escape');

        // A credit's review, and the question before leaving with card details typed.
        await page.keyboard.press('Alt+N');
        await expect(amountField(page)).toBeFocused();
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await expect(page.getByRole('radio', { name: words.credit })).toBeChecked();
        await page.keyboard.press('Tab');
        await keyPayment(page, { amount: String(base / 10), card: VISA, cvv: '737' });
        await expect(page.getByTestId('credit-warning')).toBeVisible();
        await checkScreen(page, locale, 'credit review');
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('review-button')).toBeFocused();
        await page.getByRole('navigation').getByRole('button', { name: words.settings }).focus();
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('leave-dialog')).toBeVisible();
        await checkScreen(page, locale, 'leave dialog');
        await dialogSettled(page);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');

        // Settings: the time-zone list and the per-account limits.
        await expect(page.getByRole('heading', { level: 1, name: words.settings })).toBeVisible();
        await checkScreen(page, locale, 'settings');
        await labelsWhole(page);

        // The current navigation item, hovered, keeps its contrast.
        await page.getByRole('navigation').getByRole('button', { name: words.settings }).hover();
        expect(await seriousViolations(page), 'hovered navigation').toEqual([]);
      } finally {
        await setLocale(page, server(), 'en');
      }
    });
  }
}
