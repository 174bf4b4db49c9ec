import { act, render, screen, waitFor, type RenderResult } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Root } from '../../../renderer/src/app/root.js';
import { emptyDraft, useTerminalStore } from '../../../renderer/src/state/terminal-store.js';
import { useUiStore } from '../../../renderer/src/state/ui-store.js';
import { createFakeCore, type FakeCoreOptions } from './fake-core.js';
import { typedCardExpiry } from '../../support/dates.js';

/** Mantine reads colour-scheme preferences through matchMedia, which happy-dom lacks. */
export function stubBrowser(): void {
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
    onchange: null,
    addListener() {},
    removeListener() {},
    dispatchEvent: () => false,
  })) as never;
}

export function resetStores(): void {
  useTerminalStore.setState({ draft: emptyDraft(), step: 'form', outcome: null, followUps: [], newPaymentRequested: false });
  useUiStore.setState({ section: 'terminal' });
}

/** The whole app on a fake core, opened on the terminal with its account loaded. */
export async function renderTerminal(options: FakeCoreOptions = {}): Promise<{ fake: ReturnType<typeof createFakeCore>; user: ReturnType<typeof userEvent.setup>; view: RenderResult }> {
  resetStores();
  const fake = createFakeCore(options);
  const view = render(<Root client={fake.client} />);
  // No pause between keystrokes: the tests drive the keyboard, not a clock.
  const user = userEvent.setup({ delay: null });
  await screen.findByRole('form', { name: /card payment|paiement par carte/i });
  return { fake, user, view };
}

export interface PaymentValues {
  readonly amount?: string;
  readonly card?: string;
  readonly expiry?: string;
  readonly cvv?: string;
  readonly holder?: string;
  readonly email?: string;
}

export const VISA = '4111111111111111';

/**
 * Fills a payment field by field, as an agent pasting from an order would (keystroke-level
 * behaviour has its own tests); each field is left with Tab so blur checks run.
 */
export async function fillPayment(user: ReturnType<typeof userEvent.setup>, values: PaymentValues = {}) {
  const put = async (input: HTMLElement, text: string) => {
    act(() => input.focus());
    await user.paste(text);
  };
  const field = (name: RegExp) => screen.getByRole('textbox', { name });
  // English or French labels, so a test can run the form in either language.
  if (values.amount !== '') await put(field(/^(amount|montant)/i), values.amount ?? '12.50');
  if (values.email !== '') await put(field(/^(customer email|e-mail du client)/i), values.email ?? 'ada@example.com');
  await put(field(/^(card number|numéro de carte)/i), values.card ?? VISA);
  await put(field(/^(expiry date|date d’expiration)/i), values.expiry ?? typedCardExpiry());
  await put(screen.getByLabelText(/^(security code|cryptogramme)/i), values.cvv ?? '123');
  await put(field(/^(cardholder name|nom du porteur)/i), values.holder ?? 'Ada Lovelace');
  await user.tab();
}

/**
 * A money-moving confirmation ignores activation until it is armed (a pause after it appears,
 * so a repeated key never charges): wait for that, as an operator's reading takes longer.
 */
export async function armed<T extends HTMLElement>(button: T): Promise<T> {
  await waitFor(() => {
    if (button.getAttribute('data-armed') !== 'true') throw new Error('not armed yet');
  }, { timeout: 3000 });
  return button;
}
