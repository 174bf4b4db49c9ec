import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTerminalStore } from '../../../renderer/src/state/terminal-store.js';
import type { FakeCore } from './fake-core.js';
import { renderTerminal, stubBrowser } from './render-terminal.js';

beforeAll(stubBrowser);
let fake: FakeCore | undefined;
afterEach(() => {
  cleanup();
  expect(fake?.violations ?? []).toEqual([]);
  fake = undefined;
});

const named = (name: RegExp) => screen.getByRole('textbox', { name });

describe('keyboard', () => {
  it('follows a phone call with Enter alone: amount, reference, customer, card, then the review', async () => {
    const app = await renderTerminal();
    fake = app.fake;
    await waitFor(() => expect(document.activeElement).toBe(named(/^amount/i)));
    await app.user.keyboard('12.50{Enter}');
    expect(document.activeElement).toBe(named(/^order reference/i));
    await app.user.keyboard('{Enter}{Enter}{Enter}');
    expect(document.activeElement).toBe(named(/^customer email/i));
    await app.user.keyboard('ada@example.com{Enter}{Enter}');
    expect(document.activeElement).toBe(named(/^card number/i));
    await app.user.keyboard('4111111111111111{Enter}1234{Enter}123{Enter}Ada Lovelace{Enter}');
    const review = await screen.findByTestId('review-dialog');
    await waitFor(() => expect(document.activeElement).toBe(within(review).getByTestId('confirm-button')));
    await app.user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Payment approved' })).toBeTruthy();
    expect(fake.callsTo('payments.submit')).toHaveLength(1);
  });

  it('Esc on a filled form asks before clearing; keeping goes back untouched', async () => {
    const app = await renderTerminal();
    fake = app.fake;
    await app.user.type(named(/^amount/i), '99');
    await app.user.type(named(/^card number/i), '4111');
    await app.user.keyboard('{Escape}');
    const dialog = await screen.findByRole('dialog', { name: 'Clear this payment?' });
    await app.user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((named(/^card number/i) as HTMLInputElement).value).toBe('4111');
    await app.user.keyboard('{Escape}');
    await app.user.click(await screen.findByTestId('discard-confirm'));
    await waitFor(() => expect((named(/^amount/i) as HTMLInputElement).value).toBe(''));
    expect((named(/^card number/i) as HTMLInputElement).value).toBe('');
  });

  it('Alt+N starts a new payment from another screen, with a fresh idempotency key', async () => {
    const app = await renderTerminal();
    fake = app.fake;
    const before = useTerminalStore.getState().draft.idempotencyKey;
    await app.user.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Settings' });
    await app.user.keyboard('{Alt>}n{/Alt}');
    await waitFor(() => expect(document.activeElement).toBe(named(/^amount/i)));
    expect(useTerminalStore.getState().draft.idempotencyKey).not.toBe(before);
  });

  it('shows the shortcut map from a visible button and from "?"', async () => {
    const app = await renderTerminal();
    fake = app.fake;
    await app.user.click(screen.getByRole('button', { name: /^Keyboard shortcuts/ }));
    const map = await screen.findByTestId('shortcut-map');
    expect(map.textContent).toContain('Start a new payment, from any screen');
    expect(map.textContent).toContain('Alt + N or Ctrl + Alt + N');
    await app.user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('shortcut-map')).toBeNull());
    screen.getByRole('button', { name: 'Settings' }).focus();
    await app.user.keyboard('?');
    expect(await screen.findByTestId('shortcut-map')).toBeTruthy();
  });

  it('gives every form control an accessible name', async () => {
    const app = await renderTerminal();
    fake = app.fake;
    await app.user.type(named(/^card number/i), '4111111111111111');
    await app.user.click(screen.getByRole('checkbox', { name: /^Pay in instalments/ }));
    const form = screen.getByRole('form');
    for (const control of form.querySelectorAll('input, select, button, textarea')) {
      if ((control as HTMLInputElement).type === 'hidden') continue;
      const id = control.getAttribute('id');
      const labelled =
        control.getAttribute('aria-label') ||
        control.getAttribute('aria-labelledby') ||
        (id && form.querySelector(`label[for="${id}"]`)) ||
        control.closest('label') ||
        (control.tagName === 'BUTTON' && control.textContent?.trim());
      expect(labelled, control.outerHTML.slice(0, 120)).toBeTruthy();
    }
  });
});
