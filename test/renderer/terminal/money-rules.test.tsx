import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { createIntl } from 'react-intl';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.js';
import type { CallContext } from '../../../electron/core/dispatcher.js';
import type { Result } from '../../../shared/contract/result.js';
import type { OperationView } from '../../../shared/contract/terminal.js';
import { contractErrorText } from '../../../renderer/src/app/contract-error-text.js';
import { messagesFr } from '../../../renderer/src/i18n/messages-fr.js';
import { useTerminalStore } from '../../../renderer/src/state/terminal-store.js';
import { renderApp, type RenderedApp } from '../render-app.js';
import { armed, fillPayment, resetStores, stubBrowser } from './render-terminal.js';
import { cardExpiry } from '../../support/dates.js';

/*
 * The outcome panel against a real core and its built-in sandbox: when a follow-up becomes
 * possible, 3-D Secure on a phone order, and a payment in instalments, in English and French.
 */
beforeAll(stubBrowser);

const CTX: CallContext = { role: 'admin', operator: null, transport: 'memory' };
const ENROLLED = '5206019820620400';
/** The minute shown, in the operator's time zone (Europe/Paris by default) and named, computed here independently. */
const clock = (at: number, locale: string) =>
  `${new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'Europe/Paris' }).format(Math.ceil(at / 60_000) * 60_000)} (Europe/Paris)`;

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function call<T>(core: Core, channel: string, payload?: unknown): Promise<T> {
  const result = (await core.dispatcher.invoke(channel, payload, CTX)) as Result<T>;
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

async function open(locale: 'en' | 'fr' = 'en') {
  resetStores();
  app = await renderApp({ settings: { locale } });
  const user = userEvent.setup({ delay: null });
  await screen.findByRole('form', { name: /card payment|paiement par carte/i });
  return { core: app.core, user };
}

/** Submits straight to core (what the form cannot key, such as dated instalments) and shows its outcome. */
async function submitAndShow(core: Core, fields: Record<string, unknown>): Promise<{ operation: OperationView; outcome: HTMLElement }> {
  const { accounts } = await call<{ accounts: Array<{ id: number }> }>(core, 'accounts.list');
  const { operation } = await call<{ operation: OperationView }>(core, 'payments.submit', {
    accountId: accounts[0]?.id,
    operation: 'payment',
    customer: { email: 'ada@example.com' },
    card: { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: 'ADA LOVELACE' },
    ...fields,
  });
  act(() => useTerminalStore.getState().showOutcome(operation));
  return { operation, outcome: await screen.findByTestId('outcome') };
}

async function payThroughTheForm(user: ReturnType<typeof userEvent.setup>, card?: string) {
  await fillPayment(user, card ? { card } : {});
  await user.click(screen.getByRole('button', { name: /^(Review payment|Vérifier le paiement)$/ }));
  await user.click(await armed(within(await screen.findByTestId('review-dialog')).getByTestId('confirm-button')));
  return screen.findByTestId('outcome');
}

describe('when a follow-up becomes possible', () => {
  it('says from when a refund is possible, in the operator’s time zone, and keeps the button off until then', async () => {
    const { core, user } = await open();
    const outcome = await payThroughTheForm(user);
    const view = await call<OperationView>(core, 'operations.get', { operationId: useTerminalStore.getState().outcome?.id });
    const from = view.actions.followUpsFrom as number;
    expect(from).toBeGreaterThan(Date.now() + 4 * 60_000);
    expect(within(outcome).getByTestId('follow-ups-from').textContent).toBe(
      `Refund possible from ${clock(from, 'en')}: Dalenys waits 5 minutes after a transaction.`,
    );
    expect(within(outcome).getByRole('button', { name: 'Refund…' }).hasAttribute('disabled')).toBe(true);
  });

  it('says it in French too', async () => {
    const { core, user } = await open('fr');
    const outcome = await payThroughTheForm(user);
    const view = await call<OperationView>(core, 'operations.get', { operationId: useTerminalStore.getState().outcome?.id });
    expect(within(outcome).getByTestId('follow-ups-from').textContent).toBe(
      `Remboursement possible à partir de ${clock(view.actions.followUpsFrom as number, 'fr')}\u00a0: Dalenys attend 5 minutes après une transaction.`,
    );
  });

  it('keeps “charge this card again” off until then too, and says so when nothing else waits', async () => {
    const { core } = await open();
    // A card check that saves the card: nothing to capture, refund or void, only the saved card to charge later.
    const { operation, outcome } = await submitAndShow(core, {
      idempotencyKey: 'card-check-key-000001',
      operation: 'authorization',
      amount: 0,
      orderId: 'CHECK-1',
      saveCard: true,
    });
    expect(operation.actions).toMatchObject({ capturableAmount: 0, refundableAmount: 0, voidable: false, rebillAlias: expect.any(String) });
    expect(within(outcome).getByTestId('rebill-button').hasAttribute('disabled')).toBe(true);
    expect(within(outcome).getByTestId('follow-ups-from').textContent).toBe(
      `Charging this card again is possible from ${clock(operation.actions.followUpsFrom as number, 'en')}: Dalenys waits 5 minutes after a transaction.`,
    );
  });

  it('states the time in core’s refusal, in the operator’s language', () => {
    const at = Date.UTC(2026, 5, 1, 12, 34, 20);
    const intl = createIntl({ locale: 'fr', messages: messagesFr, timeZone: 'Europe/Paris' });
    const text = contractErrorText(intl, { code: 'PAYMENT_FOLLOW_UP_TOO_EARLY', message: 'ignored', params: { time: at } });
    // 12:34:20 UTC is 14:34:20 in Paris in June: possible from 14:35, never a moment too early.
    expect(text).toContain('possible à partir de 14:35 (Europe/Paris). Rien n’a été envoyé.');
    expect(text).toContain('(code PAYMENT_FOLLOW_UP_TOO_EARLY)');
  });
});

describe('3-D Secure on a phone order', () => {
  it('says the customer cannot authenticate on the phone and what to do, then closes the payment as abandoned after a confirmation', async () => {
    const { core, user } = await open();
    const outcome = await payThroughTheForm(user, ENROLLED);
    expect(within(outcome).getByRole('heading', { name: 'Waiting for the customer to authenticate' })).toBeTruthy();
    const alert = within(outcome).getByTestId('customer-action');
    expect(alert.textContent).toContain('The bank asks the customer to authenticate (3-D Secure)');
    expect(alert.textContent).toContain(
      'A customer on the phone cannot do this, and nothing has been charged. Send the customer a payment link instead, or ask for another card',
    );
    expect(within(outcome).queryByTestId('outcome-exec')).toBeNull();

    await user.click(within(alert).getByRole('button', { name: 'Close as abandoned…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Close this payment as abandoned?' });
    // The safe choice has the focus: Enter does not close the payment by accident.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Keep waiting'));
    await user.click(await armed(within(dialog).getByTestId('abandon-confirm')));
    await waitFor(() => expect(within(outcome).getByTestId('outcome-status').textContent).toBe('Abandoned'));
    expect(within(outcome).getByRole('heading', { name: 'Payment abandoned: nothing was charged' })).toBeTruthy();
    expect(within(outcome).getByTestId('outcome-abandoned').textContent).toContain('Send the customer a payment link, or take another card');
    expect(within(outcome).queryByTestId('customer-action')).toBeNull();
    expect(within(outcome).getByRole('button', { name: 'Try another card' })).toBeTruthy();
    const view = await call<OperationView>(core, 'operations.get', { operationId: useTerminalStore.getState().outcome?.id });
    expect(view.status).toBe('abandoned');
  });

  it('says it in French', async () => {
    const { user } = await open('fr');
    const outcome = await payThroughTheForm(user, ENROLLED);
    expect(within(outcome).getByRole('heading', { name: 'En attente de l’authentification du client' })).toBeTruthy();
    expect(within(outcome).getByTestId('customer-action').textContent).toContain(
      'Un client au téléphone ne peut pas le faire, et rien n’a été débité. Envoyez-lui plutôt un lien de paiement, ou demandez une autre carte',
    );
    await user.click(within(outcome).getByRole('button', { name: 'Clôturer comme abandonné…' }));
    await user.click(
      await armed(within(await screen.findByRole('dialog', { name: 'Clôturer ce paiement comme abandonné\u00a0?' })).getByTestId('abandon-confirm')),
    );
    await waitFor(() => expect(within(outcome).getByTestId('outcome-status').textContent).toBe('Abandonné'));
  });
});

describe('a payment in instalments', () => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const shownDay = (date: string, locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${date}T00:00:00Z`));

  async function showPlan(core: Core): Promise<{ outcome: HTMLElement; dates: string[] }> {
    const dates = [day(0), day(30), day(60)];
    const { outcome } = await submitAndShow(core, {
      idempotencyKey: 'plan-key-000000000001',
      amount: 3500,
      orderId: 'PLAN-1',
      instalments: [
        { date: dates[0], amount: 1000 },
        { date: dates[1], amount: 1000 },
        { date: dates[2], amount: 1500 },
      ],
    });
    return { outcome, dates };
  }

  it('shows each date, amount and state, and stops the remaining instalments after a confirmation', async () => {
    const { core, user } = await open();
    const { outcome, dates } = await showPlan(core);
    const plan = within(outcome).getByTestId('instalment-plan');
    expect(within(plan).getByTestId('instalment-charged').textContent).toBe('€10.00 charged of €35.00');
    const rows = () =>
      within(plan)
        .getAllByTestId('instalment')
        .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(rows()).toEqual([
      [shownDay(dates[0] as string, 'en'), '€10.00', 'Charged'],
      [shownDay(dates[1] as string, 'en'), '€10.00', 'Scheduled'],
      [shownDay(dates[2] as string, 'en'), '€15.00', 'Scheduled'],
    ]);

    await user.click(within(plan).getByRole('button', { name: 'Stop the remaining instalments…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop the remaining instalments?' });
    expect(dialog.textContent).toContain('2 instalments of €25.00 in all will not be charged. Those already charged stay charged');
    await user.click(await armed(within(dialog).getByTestId('stop-instalments-confirm')));
    await waitFor(() => expect(rows().map((row) => row[2])).toEqual(['Charged', 'Stopped', 'Stopped']));
    expect(within(plan).getByTestId('instalment-stop').textContent).toBe('The remaining instalments are stopped.');
    expect(within(plan).queryByRole('button', { name: 'Stop the remaining instalments…' })).toBeNull();
  });

  it('shows the plan in French', async () => {
    const { core } = await open('fr');
    const { outcome, dates } = await showPlan(core);
    const plan = within(outcome).getByTestId('instalment-plan');
    expect(within(plan).getByRole('heading', { name: 'Échéances' })).toBeTruthy();
    expect(within(plan).getAllByTestId('instalment')[1]?.textContent).toContain(shownDay(dates[1] as string, 'fr'));
    expect(
      within(plan)
        .getAllByTestId('instalment')
        .map((row) => row.querySelectorAll('td')[2]?.textContent),
    ).toEqual(['Prélevée', 'Prévue', 'Prévue']);
    expect(within(plan).getByRole('button', { name: 'Arrêter les échéances restantes…' })).toBeTruthy();
  });
});
