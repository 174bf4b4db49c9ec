import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTerminalStore } from '../../../renderer/src/state/terminal-store.js';
import type { PaymentSubmission } from '../../../shared/contract/terminal.js';
import { addGatewayAccount } from '../../support/gateway-stub.js';
import { cardExpiry } from '../../support/dates.js';
import { ACCOUNT, startFixture, type Fixture } from '../../support/sandbox-fixture.js';
import type { RenderedApp } from '../render-app.js';
import { armed, DECLINED_4002, earlierPayment, fillPayment, renderTerminal, stubBrowser, VISA } from './render-terminal.js';

beforeAll(stubBrowser);
let app: RenderedApp | undefined;
afterEach(async () => {
  localStorage.clear();
  sessionStorage.clear();
  await app?.close();
  app = undefined;
});

const submissions = (opened: RenderedApp) => opened.callsTo('payments.submit') as PaymentSubmission[];
const reviewButton = () => screen.getByRole('button', { name: 'Review payment' });
const openReview = async (user: Awaited<ReturnType<typeof renderTerminal>>['user']) => {
  await user.click(reviewButton());
  return screen.findByTestId('review-dialog');
};

describe('amount', () => {
  it('reads the amount as an English operator writes it, in minor units', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await fillPayment(user, { amount: '1,234.56' });
    expect(screen.getByTestId('amount-echo').textContent).toBe('Reads as €1,234.56');
    const review = await openReview(user);
    expect(within(review).getByTestId('review-amount').textContent).toBe('€1,234.56');
    await user.click(await armed(within(review).getByTestId('confirm-button')));
    await screen.findByTestId('outcome');
    expect(submissions(app)[0]?.amount).toBe(123456);
  });

  it('reads a French amount with a comma and a space, and refuses an ambiguous one showing both readings', async () => {
    const { app: opened, user } = await renderTerminal({ settings: { locale: 'fr' } });
    app = opened;
    const amount = () => screen.getByRole('textbox', { name: /^montant/i });
    await user.type(amount(), '1,234');
    await user.tab();
    const message = await screen.findByText(/^Montant ambigu/);
    // Both readings, and French spacing: a no-break space before the colon.
    expect(message.textContent).toMatch(/^Montant ambigu\u00a0: cela peut être 1\s234,00\s€ ou 1,234\s€\./);
    expect(amount().getAttribute('aria-invalid')).toBe('true');
    await user.clear(amount());
    await user.type(amount(), '1 234,56');
    expect(screen.getByTestId('amount-echo').textContent).toMatch(/^Lu comme 1\s234,56\s€$/);
    expect(useTerminalStore.getState().draft.amountText).toBe('1 234,56');
  });

  it('refuses a zero amount for a payment but accepts it for an authorization (card check)', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await fillPayment(user, { amount: '0' });
    await user.click(reviewButton());
    expect(await screen.findByText(/The amount must be more than zero/)).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Authorization' }));
    const review = await openReview(user);
    expect(within(review).getByTestId('confirm-button').textContent).toBe('Check the card');
  });
});

describe('order reference', () => {
  it('shows the next free reference without taking it, says when a typed one is used, and gives the next free one back on demand', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await earlierPayment(app, { orderId: 'SBX-USED' }, 'marie');
    const { orderId: next } = await app.invoke<{ orderId: string }>('terminal.nextOrderId', { accountId: app.accountId });
    const orderId = screen.getByRole('textbox', { name: /^order reference/i }) as HTMLInputElement;
    await waitFor(() => expect(orderId.value).toBe(next));
    expect(screen.getByText('The next free reference: taken only when the payment is sent')).toBeTruthy();
    await user.clear(orderId);
    await user.type(orderId, 'SBX-USED');
    expect(await screen.findByText('This reference is already used on this account.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Use the next free reference' }));
    // Asking again took nothing: the same reference comes back.
    await waitFor(() => expect(orderId.value).toBe(next));
    expect(app.callsTo('terminal.nextOrderId')).toHaveLength(2);
    await fillPayment(user);
    await user.click(await armed(within(await openReview(user)).getByTestId('confirm-button')));
    await screen.findByTestId('outcome');
    expect(submissions(app)[0]).toMatchObject({ orderId: next, orderIdGenerated: true });
    expect(useTerminalStore.getState().outcome?.orderId).toBe(next);
  });
});

describe('review step', () => {
  it('shows what will be charged with the card masked, and Esc goes back sending nothing', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await fillPayment(user);
    const review = await openReview(user);
    expect(within(review).getByTestId('review-amount').textContent).toBe('€12.50');
    expect(within(review).getByTestId('review-card').textContent).toBe('Visa •••• 1111');
    const { orderId: next } = await app.invoke<{ orderId: string }>('terminal.nextOrderId', { accountId: app.accountId });
    expect(within(review).getByTestId('review-order-id').textContent).toBe(next);
    expect(within(review).getByText('Sandbox')).toBeTruthy();
    expect(review.textContent).not.toContain('4111111111111111');
    expect(review.textContent).not.toContain('4111 1111');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('review-dialog')).toBeNull());
    expect(submissions(app)).toHaveLength(0);
    expect((screen.getByRole('textbox', { name: /^card number/i }) as HTMLInputElement).value).toBe('4111 1111 1111 1111');
    // The focus is back on the review button, found by its id.
    await waitFor(() => expect(document.activeElement).toBe(reviewButton()));
  });

  it('asks a live account for one more explicit confirmation', async () => {
    // No live Dalenys account is reachable from here: the live account's gateway is a sandbox of its own.
    const gateway: Fixture = await startFixture({ now: () => Date.now() });
    try {
      const { app: opened, user } = await renderTerminal({
        prepare: async (dataDir) =>
          void (await addGatewayAccount(dataDir, {
            name: 'Boutique Live',
            identifier: ACCOUNT.identifier,
            password: ACCOUNT.password,
            primary: gateway.sandbox.url,
          })),
      });
      app = opened;
      expect(screen.getByTestId('environment-banner').getAttribute('data-environment')).toBe('test');
      const picker = screen.getByRole('combobox', { name: /^account/i }) as HTMLSelectElement;
      await user.selectOptions(picker, within(picker).getByRole('option', { name: /^Boutique Live/ }));
      await waitFor(() => expect(screen.getByTestId('environment-banner').getAttribute('data-environment')).toBe('live'));
      await liveCharge(opened, user);
      expect(await screen.findByRole('heading', { name: 'Payment approved' })).toBeTruthy();
      expect(gateway.sandbox.ledger.transactions()).toHaveLength(1);
    } finally {
      await app?.close();
      app = undefined;
      await gateway.close();
    }
  });

  async function liveCharge(opened: RenderedApp, user: Awaited<ReturnType<typeof renderTerminal>>['user']) {
    await fillPayment(user);
    const review = await openReview(user);
    const confirm = await armed(within(review).getByTestId('confirm-button'));
    expect(confirm.hasAttribute('disabled')).toBe(true);
    await user.click(confirm);
    expect(submissions(opened)).toHaveLength(0);
    await user.click(within(review).getByRole('checkbox', { name: 'I confirm a real charge of €12.50 on Boutique Live' }));
    expect(confirm.hasAttribute('disabled')).toBe(false);
    await user.click(confirm);
    await screen.findByTestId('outcome');
    expect(submissions(opened)).toHaveLength(1);
  }
});

describe('duplicate guard', () => {
  it('warns of a possible duplicate and needs a tick and a reason, sent with the payment', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    const earlier = await earlierPayment(app, { amount: 1250, card: { number: VISA, expiry: cardExpiry(), cvv: '123', holder: 'ADA LOVELACE' } }, 'marie');
    await fillPayment(user);
    const review = await openReview(user);
    const warning = within(review).getByTestId('duplicate-warning');
    expect(warning.textContent).toContain('card ending 1111 for €12.50 in the last 10 minutes');
    expect(warning.textContent).toContain(`order ${earlier.orderId} · Approved · by marie`);
    expect(app.callsTo('terminal.findDuplicates')).toEqual([{ accountId: app.accountId, last4: '1111', amount: 1250 }]);
    const confirm = await armed(within(review).getByTestId('confirm-button'));
    expect(confirm.hasAttribute('disabled')).toBe(true);
    await user.click(within(review).getByRole('checkbox', { name: 'This is not a duplicate: charge anyway' }));
    expect(confirm.hasAttribute('disabled')).toBe(true);
    await user.type(within(review).getByRole('textbox', { name: /^reason for charging again/i }), 'Second item, customer agreed');
    expect(confirm.hasAttribute('disabled')).toBe(false);
    await user.click(confirm);
    await screen.findByTestId('outcome');
    expect(submissions(app)[0]?.duplicateOverride).toEqual({ reason: 'Second item, customer agreed' });
  });

  it('sends one payment only when confirm is pressed twice and Enter hit while in flight', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await fillPayment(user);
    const review = await openReview(user);
    const release = app.hold();
    const confirm = await armed(within(review).getByTestId('confirm-button'));
    await user.click(confirm);
    await user.click(confirm);
    confirm.focus();
    await user.keyboard('{Enter}{Enter}');
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    release();
    await screen.findByTestId('outcome');
    expect(submissions(app)).toHaveLength(1);
    expect(submissions(app)[0]?.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps the draft’s idempotency key when a submission fails, and makes a new one for a new attempt', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await fillPayment(user, { card: DECLINED_4002, cvv: '123' });
    await user.click(await armed(within(await openReview(user)).getByTestId('confirm-button')));
    await screen.findByRole('heading', { name: 'Declined' });
    const first = submissions(app)[0]?.idempotencyKey;
    await user.click(screen.getByRole('button', { name: 'Try another card' }));
    await fillPayment(user, { amount: '', email: '' });
    await user.click(await armed(within(await openReview(user)).getByTestId('confirm-button')));
    await screen.findByRole('heading', { name: 'Payment approved' });
    const [a, b] = submissions(app);
    expect(b?.idempotencyKey).not.toBe(first);
    expect(b?.orderId).toBe(`${a?.orderId}-T2`);
    expect(b?.amount).toBe(a?.amount);
  });
});

describe('card data hygiene', () => {
  it('clears the card from the form and the DOM at submission, and keeps it out of stores and storage', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await fillPayment(user, { cvv: '737' });
    const release = app.hold();
    await user.click(await armed(within(await openReview(user)).getByTestId('confirm-button')));
    await waitFor(() => expect((screen.getByRole('textbox', { name: /^card number/i }) as HTMLInputElement).value).toBe(''));
    expect((screen.getByLabelText(/^security code/i) as HTMLInputElement).value).toBe('');
    release();
    await screen.findByTestId('outcome');
    const sent = submissions(app)[0] as PaymentSubmission;
    expect(sent.card).toMatchObject({ number: VISA, cvv: '737', expiry: cardExpiry(), holder: 'Ada Lovelace', network: 'visa' });

    const html = document.documentElement.outerHTML;
    expect(html).not.toContain(VISA);
    expect(html).not.toContain('4111 1111 1111 1111');
    const values = Array.from(document.querySelectorAll('input'), (input) => input.value);
    expect(values).not.toContain('737');
    const stored = JSON.stringify(useTerminalStore.getState());
    expect(stored).not.toContain(VISA);
    expect(stored).not.toMatch(/"(cvv|number|card|cardNumber|pan)"/i);
    for (const storage of [localStorage, sessionStorage]) {
      const dump = Object.keys(storage)
        .map((key) => `${key}=${storage.getItem(key)}`)
        .join('\n');
      expect(dump).not.toContain('4111');
      expect(dump).not.toContain('737');
    }

    await user.click(screen.getByRole('button', { name: /^New payment/ }));
    expect(((await screen.findByRole('textbox', { name: /^card number/i })) as HTMLInputElement).value).toBe('');
  });

  it('asks before leaving with card details typed, says they are never kept, and keeps the rest of the draft', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await fillPayment(user, { amount: '40' });
    await user.type(screen.getByRole('textbox', { name: /^customer name/i }), 'Grace');
    const settings = screen.getByRole('button', { name: 'Settings' });
    await user.click(settings);
    const leave = await screen.findByRole('dialog', { name: 'Leave this payment?' });
    expect(leave.textContent).toContain('Comptoir never keeps card details');
    await user.click(within(leave).getByRole('button', { name: 'Stay on the payment' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((screen.getByRole('textbox', { name: /^card number/i }) as HTMLInputElement).value).toBe('4111 1111 1111 1111');
    await waitFor(() => expect(document.activeElement).toBe(settings));
    await user.click(settings);
    await user.click(await screen.findByTestId('leave-confirm'));
    await screen.findByRole('heading', { name: 'Settings' });
    await user.click(screen.getByRole('button', { name: 'Terminal' }));
    expect(((await screen.findByRole('textbox', { name: /^amount/i })) as HTMLInputElement).value).toBe('40');
    expect((screen.getByRole('textbox', { name: /^customer name/i }) as HTMLInputElement).value).toBe('Grace');
    expect((screen.getByRole('textbox', { name: /^card number/i }) as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText(/^security code/i) as HTMLInputElement).value).toBe('');
  });
});

describe('co-badging and options', () => {
  it('sends the cardholder’s CB choice, a saved-card request and an instalment schedule that adds up', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await fillPayment(user, { amount: '100' });
    await user.click(screen.getByRole('radio', { name: 'CB' }));
    await user.click(screen.getByRole('checkbox', { name: /^Save the card/ }));
    await user.click(screen.getByRole('checkbox', { name: /^Pay in instalments/ }));
    expect(screen.getByTestId('instalments-sum').textContent).toBe('Instalments add up to €100.00 of €100.00');
    const review = await openReview(user);
    expect(within(review).getByTestId('review-card').textContent).toBe('Visa •••• 1111 (via CB)');
    await user.click(await armed(within(review).getByTestId('confirm-button')));
    await screen.findByTestId('outcome');
    const sent = submissions(app)[0] as PaymentSubmission;
    expect(sent.card.network).toBe('cb');
    expect(sent.saveCard).toBe(true);
    expect(sent.instalments?.map((row) => row.amount)).toEqual([3334, 3333, 3333]);
    expect(sent.instalments?.[0]?.date).toBe(new Date().toISOString().slice(0, 10));
  });
});
