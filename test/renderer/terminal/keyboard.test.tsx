import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTerminalStore } from '../../../renderer/src/state/terminal-store.js';
import type { RenderedApp } from '../render-app.js';
import { renderTerminal, stubBrowser } from './render-terminal.js';

beforeAll(stubBrowser);
let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const named = (name: RegExp) => screen.getByRole('textbox', { name });

describe('keyboard', () => {
  it('follows a phone call with Enter alone: amount, reference, customer, card, then the review', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await waitFor(() => expect(document.activeElement).toBe(named(/^amount/i)));
    await user.keyboard('12.50{Enter}');
    expect(document.activeElement).toBe(named(/^order reference/i));
    await user.keyboard('{Enter}{Enter}{Enter}');
    expect(document.activeElement).toBe(named(/^customer email/i));
    await user.keyboard('ada@example.com{Enter}{Enter}');
    expect(document.activeElement).toBe(named(/^card number/i));
    await user.keyboard('4111111111111111{Enter}1234{Enter}123{Enter}Ada Lovelace{Enter}');
    const review = await screen.findByTestId('review-dialog');
    await waitFor(() => expect(document.activeElement).toBe(within(review).getByTestId('confirm-button')));
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Payment approved' })).toBeTruthy();
    expect(app.callsTo('payments.submit')).toHaveLength(1);
  });

  it('Esc on a filled form asks before clearing; keeping goes back untouched', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.type(named(/^amount/i), '99');
    await user.type(named(/^card number/i), '4111');
    await user.keyboard('{Escape}');
    const dialog = await screen.findByRole('dialog', { name: 'Clear this payment?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((named(/^card number/i) as HTMLInputElement).value).toBe('4111');
    await user.keyboard('{Escape}');
    await user.click(await screen.findByTestId('discard-confirm'));
    await waitFor(() => expect((named(/^amount/i) as HTMLInputElement).value).toBe(''));
    expect((named(/^card number/i) as HTMLInputElement).value).toBe('');
  });

  it('Alt+N starts a new payment from another screen, with a fresh idempotency key', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    const before = useTerminalStore.getState().draft.idempotencyKey;
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Settings' });
    await user.keyboard('{Alt>}n{/Alt}');
    await waitFor(() => expect(document.activeElement).toBe(named(/^amount/i)));
    expect(useTerminalStore.getState().draft.idempotencyKey).not.toBe(before);
  });

  it('shows the shortcut map from a visible button and from "?"', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.click(screen.getByRole('button', { name: /^Keyboard shortcuts/ }));
    const map = await screen.findByTestId('shortcut-map');
    expect(map.textContent).toContain('Start a new payment, from any screen');
    expect(map.textContent).toContain('Alt + N or Ctrl + Alt + N');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('shortcut-map')).toBeNull());
    screen.getByRole('button', { name: 'Settings' }).focus();
    await user.keyboard('?');
    expect(await screen.findByTestId('shortcut-map')).toBeTruthy();
  });

  it('gives every form control an accessible name', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.type(named(/^card number/i), '4111111111111111');
    await user.click(screen.getByRole('checkbox', { name: /^Pay in instalments/ }));
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
