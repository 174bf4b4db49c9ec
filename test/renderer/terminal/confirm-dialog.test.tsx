import { MantineProvider } from '@mantine/core';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from '../../../renderer/src/features/operations/confirm-dialog.js';
import { ARMING_DELAY_MS } from '../../../renderer/src/features/operations/use-armed.js';
import { messagesEn } from '../../../renderer/src/i18n/messages-en.js';
import { stubBrowser } from './render-terminal.js';

/*
 * The confirmation before stopping instalments, closing a payment as abandoned or voiding: an
 * app dialog (plain header, a named close button), the safe choice focused, and a confirming
 * button that ignores activation until it is armed, so a repeated Enter or a double click
 * never confirms. The clock is a fake one: nothing here waits on real time.
 */
beforeAll(stubBrowser);
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function show(onConfirm: () => void, failure?: string) {
  render(
    <MantineProvider>
      <IntlProvider locale="en" messages={messagesEn}>
        <ConfirmDialog
          opened
          title="Stop the remaining instalments?"
          body="2 instalments will not be charged."
          confirm="Stop the instalments"
          cancel="Cancel"
          busy={false}
          failure={failure}
          testId="stop-confirm"
          onConfirm={onConfirm}
          onCancel={() => {}}
        />
      </IntlProvider>
    </MantineProvider>,
  );
  return screen.getByRole('dialog', { name: 'Stop the remaining instalments?' });
}

describe('a confirmation', () => {
  it('ignores a click until it is armed, then confirms once', () => {
    const onConfirm = vi.fn();
    const dialog = show(onConfirm);
    const confirm = within(dialog).getByTestId('stop-confirm');
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(confirm);
    act(() => vi.advanceTimersByTime(ARMING_DELAY_MS - 1));
    fireEvent.click(confirm);
    expect(onConfirm).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(confirm.getAttribute('data-armed')).toBe('true');
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('is an app dialog: no banner landmark, a named close button, and core’s refusal inside it', () => {
    const dialog = show(() => {}, 'The gateway did not stop the instalments (code 2008).');
    expect(dialog.querySelector('header')).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toContain('The gateway did not stop the instalments (code 2008).');
  });
});
