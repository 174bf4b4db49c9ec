import { act, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { emptyDraft, useTerminalStore } from '../../../renderer/src/state/terminal-store.js';
import { useUiStore } from '../../../renderer/src/state/ui-store.js';
import type { OperationView } from '../../../shared/contract/terminal.js';
import { renderApp, type AppOptions, type RenderedApp } from '../render-app.js';
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

const HOUR = 3_600_000;

/**
 * The whole app on a real core (`renderApp`), opened on the terminal with its account loaded.
 * Follow-ups are possible at once (core's own tests and money-rules cover the 5 minutes), and
 * the polling bridge waits an hour, so only what a test does settles an operation.
 */
export async function renderTerminal(options: AppOptions = {}): Promise<{ app: RenderedApp; user: ReturnType<typeof userEvent.setup> }> {
  resetStores();
  const app = await renderApp({ followUpDelayMs: 0, polling: { firstDelayMs: HOUR }, ...options });
  // No pause between keystrokes: the tests drive the keyboard, not a clock.
  const user = userEvent.setup({ delay: null });
  await screen.findByRole('form', { name: /card payment|paiement par carte/i });
  return { app, user };
}

/** The operation the outcome panel shows. */
export function shownOperation(): OperationView {
  const shown = useTerminalStore.getState().outcome;
  if (!shown) throw new Error('no outcome on screen');
  return shown;
}

/** A payment recorded before the screen opened, keyed by `operator` at another desk. */
export async function earlierPayment(app: RenderedApp, overrides: Record<string, unknown>, operator: string): Promise<OperationView> {
  const { operation } = await app.invoke<{ operation: OperationView }>('payments.submit', app.submission(overrides), {
    role: 'clerk',
    operator,
    transport: 'memory',
  });
  return operation;
}

/**
 * The next payment ends with its result unknown: the gateway answers 502 (after charging it,
 * or before, as `charged` says), the lookup made at once fails too, and no notification
 * comes. Only a status check can then tell.
 */
export function nextPaymentUnknown(app: RenderedApp, charged: boolean): void {
  const faults = app.core.sandbox.faults;
  faults.next({ kind: 'http-error', status: 502, afterProcessing: charged }, { match: { method: 'payment' } });
  faults.add({ kind: 'notification', mode: 'never' }, { match: { method: 'payment' }, times: 1 });
  faults.next({ kind: 'http-error', status: 503 }, { match: { method: 'getTransactions' } });
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
/** The built-in sandbox's test card declined with 4002 (insufficient funds). */
export const DECLINED_4002 = '5555554530114002';

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
  await waitFor(
    () => {
      if (button.getAttribute('data-armed') !== 'true') throw new Error('not armed yet');
    },
    { timeout: 3000 },
  );
  return button;
}
