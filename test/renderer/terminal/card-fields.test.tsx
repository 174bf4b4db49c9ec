import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyDigitMask } from '../../../renderer/src/features/terminal/digit-mask.js';
import { CARD_NUMBER_MASK, EXPIRY_MASK } from '../../../renderer/src/features/terminal/card-masks.js';
import { fillPayment, renderTerminal, stubBrowser } from './render-terminal.js';
import type { RenderedApp } from '../render-app.js';

beforeAll(stubBrowser);
let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const cardInput = () => screen.getByRole('textbox', { name: /^card number/i }) as HTMLInputElement;

describe('digit mask (pure)', () => {
  it('keeps the caret after the same digit when a group boundary moves', () => {
    // Typing `5` after "41" in "4111 1111": the digits shift right across the space.
    const edit = applyDigitMask(CARD_NUMBER_MASK, '4111 1111', '41511 1111', 3, 'insertText');
    expect(edit).toEqual({ digits: '415111111', display: '4151 1111 1', caret: 3 });
  });

  it('treats Backspace on a separator as deleting the digit before it', () => {
    const edit = applyDigitMask(CARD_NUMBER_MASK, '4111 1111', '41111111', 4, 'deleteContentBackward');
    expect(edit).toEqual({ digits: '4111111', display: '4111 111', caret: 3 });
  });

  it('treats Delete on a separator as deleting the digit after it', () => {
    const edit = applyDigitMask(CARD_NUMBER_MASK, '4111 2345', '41112345', 4, 'deleteContentForward');
    expect(edit.display).toBe('4111 345');
    expect(edit.caret).toBe(4);
  });

  it('pads a one-digit month and moves the caret past the pad', () => {
    expect(applyDigitMask(EXPIRY_MASK, '', '5', 1, 'insertText')).toEqual({ digits: '05', display: '05', caret: 2 });
    expect(applyDigitMask(EXPIRY_MASK, '12', '123', 3, 'insertText')).toEqual({ digits: '123', display: '12/3', caret: 4 });
  });
});

describe('card number field', () => {
  it('groups Visa 4-4-4-4 as it is typed, and Amex 4-6-5 and 19-digit numbers as they arrive', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.type(cardInput(), '4111111111111111');
    expect(cardInput().value).toBe('4111 1111 1111 1111');
    expect(screen.getByTestId('card-brand').textContent).toBe('Visa');
    await user.clear(cardInput());
    await user.paste('378282246310005');
    expect(cardInput().value).toBe('3782 822463 10005');
    expect(screen.getByTestId('card-brand').textContent).toBe('American Express');
    await user.clear(cardInput());
    await user.paste('44444444444444444489999');
    expect(cardInput().value).toBe('4444 4444 4444 4444 448');
  });

  it('does not jump the caret to the end when a digit is inserted in the middle', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.type(cardInput(), '41111111');
    await user.type(cardInput(), '5', { initialSelectionStart: 2, initialSelectionEnd: 2 });
    expect(cardInput().value).toBe('4151 1111 1');
    expect(cardInput().selectionStart).toBe(3);
    await user.keyboard('9');
    expect(cardInput().value).toBe('4159 1111 11');
    expect(cardInput().selectionStart).toBe(4);
    await user.keyboard('{Backspace}{Backspace}');
    expect(cardInput().value).toBe('4111 1111');
    expect(cardInput().selectionStart).toBe(2);
  });

  it('cleans a pasted number of spaces, dashes, dots and letters', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.click(cardInput());
    await user.paste('4111-1111 1111.1111 x');
    expect(cardInput().value).toBe('4111 1111 1111 1111');
  });

  it('cannot be copied, cut or dragged out, and is hidden from autofill and spell-checking', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.click(cardInput());
    await user.paste('4111111111111111');
    const cvv = screen.getByLabelText(/^security code/i) as HTMLInputElement;
    for (const input of [cardInput(), cvv]) {
      expect(fireEvent.copy(input)).toBe(false);
      expect(fireEvent.cut(input)).toBe(false);
      expect(fireEvent.dragStart(input)).toBe(false);
    }
    expect(cvv.type).toBe('password');
    for (const input of [
      cardInput(),
      cvv,
      screen.getByRole('textbox', { name: /^expiry date/i }),
      screen.getByRole('textbox', { name: /^cardholder name/i }),
    ]) {
      expect(input.getAttribute('autocomplete')).toBe('off');
      expect(input.getAttribute('spellcheck')).toBe('false');
      expect(input.getAttribute('autocorrect')).toBe('off');
    }
    expect(document.body.innerHTML).not.toMatch(/cc-(number|csc|exp|name)/);
  });

  it('flags a full-length number that fails the Luhn check at once, and blocks the review', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await fillPayment(user, { card: '4111111111111112' });
    expect(cardInput().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The card number is not valid: a digit is probably wrong.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Review payment' }));
    expect((await screen.findByRole('alert')).textContent).toContain('1 field needs attention');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(cardInput());
    expect(app.callsTo('payments.submit')).toHaveLength(0);
    expect(app.callsTo('terminal.findDuplicates')).toHaveLength(0);
  });

  it('links the error text to the field so a screen reader reads it', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.type(cardInput(), '4111111111111112');
    const describedBy = cardInput().getAttribute('aria-describedby') ?? '';
    const described = describedBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
    expect(described.join(' ')).toContain('The card number is not valid');
  });
});

describe('expiry, CVV and co-badging', () => {
  it('refuses an expiry date in the past and a month above 12', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    const expiry = screen.getByRole('textbox', { name: /^expiry date/i }) as HTMLInputElement;
    await user.type(expiry, '0120');
    expect(expiry.value).toBe('01/20');
    await user.tab();
    expect(await screen.findByText('This card has expired.')).toBeTruthy();
    await user.clear(expiry);
    await user.type(expiry, '1330');
    await user.tab();
    expect(await screen.findByText('The month must be 01 to 12.')).toBeTruthy();
  });

  it('asks for 4 CVV digits on an Amex card and 3 on a Visa', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    const cvv = screen.getByLabelText(/^security code/i) as HTMLInputElement;
    await user.click(cardInput());
    await user.paste('378282246310005');
    expect(cvv.maxLength).toBe(4);
    await user.type(cvv, '123');
    await user.tab();
    expect(await screen.findByText('Enter the 4-digit security code.')).toBeTruthy();
    await user.clear(cardInput());
    await user.paste('4111111111111111');
    await waitFor(() => expect(cvv.maxLength).toBe(3));
    expect(screen.queryByText('Enter the 4-digit security code.')).toBeNull();
  });

  it('offers the CB network for Visa and Mastercard, defaulting to the brand, and not for Amex', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.click(cardInput());
    await user.paste('5555555555554444');
    const group = screen.getByRole('radiogroup', { name: /card network/i });
    expect((screen.getByRole('radio', { name: 'Mastercard' }) as HTMLInputElement).checked).toBe(true);
    expect(group).toBeTruthy();
    await user.clear(cardInput());
    await user.paste('378282246310005');
    expect(screen.queryByRole('radiogroup', { name: /card network/i })).toBeNull();
  });
});
