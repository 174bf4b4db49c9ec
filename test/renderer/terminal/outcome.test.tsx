import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTerminalStore } from '../../../renderer/src/state/terminal-store.js';
import type { RenderedApp } from '../render-app.js';
import { armed, DECLINED_4002, earlierPayment, fillPayment, nextPaymentUnknown, renderTerminal, shownOperation, stubBrowser } from './render-terminal.js';

beforeAll(stubBrowser);
let app: RenderedApp | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await app?.close();
  app = undefined;
});

type User = Awaited<ReturnType<typeof renderTerminal>>['user'];
async function pay(user: User, values: Parameters<typeof fillPayment>[1] = {}) {
  await fillPayment(user, values);
  await user.click(screen.getByRole('button', { name: 'Review payment' }));
  await user.click(await armed(within(await screen.findByTestId('review-dialog')).getByTestId('confirm-button')));
  return screen.findByTestId('outcome');
}

describe('outcome', () => {
  it('says an approval in plain words, waits for the gateway’s confirmation, then shows it', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    app.core.sandbox.setNotificationPolicy({ mode: 'never' });
    const outcome = await pay(user);
    expect(within(outcome).getByRole('heading', { name: 'Payment approved' })).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Payment approved');
    expect(within(outcome).getByTestId('outcome-amount').textContent).toBe('€12.50');
    expect(within(outcome).getByTestId('outcome-exec').textContent).toContain('Operation accepted');
    expect(within(outcome).getByText('Visa •••• 1111')).toBeTruthy();
    const confirmation = within(outcome).getByTestId('confirmation');
    expect(confirmation.textContent).toBe('Waiting for the gateway’s confirmation');
    // The gateway's notification arrives.
    expect(await app.deliverHeldNotification(shownOperation().transactionId as string)).toBe('OK');
    await waitFor(() => expect(confirmation.textContent).toContain('Confirmed by the gateway'));
    expect(confirmation.getAttribute('aria-live')).toBe('polite');
  });

  it('shows the confirmation even when the notification overtook the answer', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    app.core.sandbox.setNotificationPolicy({ mode: 'before' });
    const outcome = await pay(user);
    expect(within(outcome).getByRole('heading', { name: 'Payment approved' })).toBeTruthy();
    await waitFor(() => expect(within(outcome).getByTestId('confirmation').textContent).toContain('Confirmed by the gateway'));
    // The change was announced (ids only) around the answer, before or after it: the screen fetches the operation once.
    await waitFor(() => expect(app?.callsTo('operations.get')).toEqual([{ operationId: shownOperation().id }]));
  });

  it('fetches only the operations on screen when notifications change others', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    app.core.sandbox.setNotificationPolicy({ mode: 'never' });
    const other = await earlierPayment(app, { amount: 900, orderId: 'ELSEWHERE-1' }, 'marie');
    const outcome = await pay(user);
    const shown = shownOperation();
    expect(await app.deliverHeldNotification(other.transactionId as string)).toBe('OK');
    expect(await app.deliverHeldNotification(shown.transactionId as string)).toBe('OK');
    await waitFor(() => expect(within(outcome).getByTestId('confirmation').textContent).toContain('Confirmed by the gateway'));
    expect(app.callsTo('operations.get')).toEqual([{ operationId: shown.id }]);
  });

  it('copies the transaction ID with one click', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const outcome = await pay(user);
    const transactionId = within(outcome).getByTestId('transaction-id').textContent;
    await user.click(within(outcome).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(transactionId);
    expect(await within(outcome).findByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it('explains a decline (4002) with the hint for the call, and retries with another card keeping the rest', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    const outcome = await pay(user, { card: DECLINED_4002, amount: '30' });
    expect(within(outcome).getByRole('heading', { name: 'Declined' })).toBeTruthy();
    expect(within(outcome).getByTestId('outcome-exec').textContent).toContain('Insufficient funds');
    expect(within(outcome).getByTestId('outcome-hint').textContent).toBe('Ask the customer for another card');
    expect(within(outcome).queryByRole('button', { name: /Refund/ })).toBeNull();
    await user.click(within(outcome).getByRole('button', { name: 'Try another card' }));
    const card = (await screen.findByRole('textbox', { name: /^card number/i })) as HTMLInputElement;
    expect(card.value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(card));
    expect((screen.getByRole('textbox', { name: /^amount/i }) as HTMLInputElement).value).toBe('30');
    expect((screen.getByRole('textbox', { name: /^customer email/i }) as HTMLInputElement).value).toBe('ada@example.com');
  });

  it('an unknown result offers only a status check, never a blind retry, and settles with it', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    // The gateway charged it, but its answer was lost and so was the lookup made at once.
    nextPaymentUnknown(app, true);
    const outcome = await pay(user);
    expect(within(outcome).getByRole('heading', { name: 'Result unknown' })).toBeTruthy();
    expect(within(outcome).getByRole('alert').textContent).toContain('Do not key this payment again while its result is unknown');
    expect(within(outcome).queryByRole('button', { name: 'Try another card' })).toBeNull();
    expect(within(outcome).queryByRole('button', { name: 'Print receipt' })).toBeNull();
    const unknown = shownOperation();
    await user.click(within(outcome).getByRole('button', { name: 'Check status at the gateway' }));
    expect(await within(outcome).findByRole('heading', { name: 'Payment approved' })).toBeTruthy();
    const [charge] = app.core.sandbox.ledger.transactionsByOrderId(unknown.orderId);
    expect(within(outcome).getByTestId('transaction-id').textContent).toBe(charge?.transactionId);
    expect(app.callsTo('operations.checkStatus')).toEqual([{ operationId: unknown.id }]);
    expect(app.callsTo('payments.submit')).toHaveLength(1);
    expect(app.core.sandbox.ledger.transactionsByOrderId(unknown.orderId)).toHaveLength(1);
  });

  it('a status check that finds nothing yet says so, keeps the result unknown and the warning not to key it again', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    // Nothing reached the gateway: a lookup finds nothing, and soon after sending that proves nothing yet.
    nextPaymentUnknown(app, false);
    const outcome = await pay(user);
    await user.click(within(outcome).getByRole('button', { name: 'Check status at the gateway' }));
    const confirmation = within(outcome).getByTestId('confirmation');
    await waitFor(() => expect(confirmation.textContent).toBe('Not found at the gateway yet. Comptoir keeps checking; do not key the payment again.'));
    expect(within(outcome).getByRole('heading', { name: 'Result unknown' })).toBeTruthy();
    expect(within(outcome).getByRole('alert').textContent).toContain('Do not key this payment again');
    expect(within(outcome).queryByRole('button', { name: 'Try another card' })).toBeNull();
    expect(within(outcome).getByRole('button', { name: 'Check status at the gateway' })).toBeTruthy();
    expect(app.callsTo('payments.submit')).toHaveLength(1);
  });

  it('says the same in French', async () => {
    const { app: opened, user } = await renderTerminal({ settings: { locale: 'fr' } });
    app = opened;
    nextPaymentUnknown(app, false);
    await fillPayment(user, { amount: '12,50' });
    await user.click(screen.getByRole('button', { name: /^Vérifier le paiement/ }));
    await user.click(await armed(within(await screen.findByTestId('review-dialog')).getByTestId('confirm-button')));
    const outcome = await screen.findByTestId('outcome');
    expect(within(outcome).getByRole('alert').textContent).toBe(
      'Ne saisissez pas ce paiement une nouvelle fois tant que son résultat est inconnu\u00a0: il est peut-être passé. Comptoir continue d’interroger la passerelle et affichera le résultat ici.',
    );
    await user.click(within(outcome).getByRole('button', { name: 'Vérifier l’état auprès de la passerelle' }));
    await waitFor(() =>
      expect(within(outcome).getByTestId('confirmation').textContent).toBe(
        'Pas encore trouvé à la passerelle. Comptoir continue de vérifier\u00a0; ne saisissez pas le paiement une nouvelle fois.',
      ),
    );
  });

  it('captures an authorization now, then refunds through the capture', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.click(screen.getByRole('radio', { name: 'Authorization' }));
    const outcome = await pay(user);
    expect(within(outcome).getByRole('heading', { name: 'Authorization approved: funds reserved' })).toBeTruthy();
    expect(within(outcome).getByRole('button', { name: 'Void the authorization' })).toBeTruthy();
    await user.click(within(outcome).getByRole('button', { name: 'Capture…' }));
    const captureDialog = await screen.findByRole('dialog', { name: 'Capture the authorization' });
    expect((within(captureDialog).getByRole('textbox', { name: /^amount to capture/i }) as HTMLInputElement).value).toBe('12.50');
    await user.click(await armed(within(captureDialog).getByTestId('capture-confirm')));
    const followUp = await within(outcome).findByTestId('follow-up');
    await waitFor(() => expect(document.activeElement).toBe(within(outcome).getByRole('heading', { level: 2 })));
    expect(followUp.textContent).toContain('Capture approved');
    const authorization = shownOperation();
    const [capture] = app.callsTo('operations.capture') as { operationId: number; idempotencyKey: string; amount: number }[];
    expect(capture).toMatchObject({ operationId: authorization.id, amount: 1250 });
    await waitFor(() => expect(within(outcome).getByTestId('outcome-status').textContent).toBe('Captured'));
    expect(within(outcome).getByRole('heading', { level: 2 }).textContent).toBe('Captured €12.50');
    expect(within(outcome).queryByRole('button', { name: /^Capture/ })).toBeNull();
    expect(within(outcome).getAllByRole('button', { name: 'Refund…' })).toHaveLength(1);
    await user.click(within(followUp).getByRole('button', { name: 'Refund…' }));
    const refund = await screen.findByRole('dialog', { name: 'Refund' });
    await user.selectOptions(within(refund).getByRole('combobox', { name: /^reason for the refund/i }), 'returned_goods');
    await user.click(await armed(within(refund).getByTestId('refund-submit')));
    await waitFor(() => expect(within(outcome).getAllByTestId('follow-up')).toHaveLength(2));
    const captureView = useTerminalStore.getState().followUps.find((view) => view.type === 'capture');
    expect(app.callsTo('operations.refund')).toMatchObject([{ operationId: captureView?.id, amount: 1250, reason: { code: 'returned_goods' } }]);
    await waitFor(() => expect(within(outcome).getAllByTestId('follow-up')[0]?.textContent).toContain('Refunded'));
  });

  it('refunds part of a payment, never more than is left', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    const outcome = await pay(user, { amount: '20' });
    await user.click(within(outcome).getByRole('button', { name: 'Refund…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refund' });
    const amount = within(dialog).getByRole('textbox', { name: /^amount to refund/i }) as HTMLInputElement;
    expect(amount.value).toBe('20.00');
    await user.clear(amount);
    await user.type(amount, '25');
    expect(within(dialog).getByText('At most €20.00 can be refunded.')).toBeTruthy();
    await user.clear(amount);
    await user.type(amount, '5');
    await armed(within(dialog).getByTestId('refund-submit'));
    // No reason yet: refused on the spot, nothing sent.
    await user.keyboard('{Enter}');
    expect(within(dialog).getByText('Choose why the money is given back.')).toBeTruthy();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^reason for the refund/i }), 'other');
    await user.type(within(dialog).getByRole('textbox', { name: /^details/i }), 'Scratched box{Enter}');
    await waitFor(() => expect(within(outcome).getByTestId('outcome-status').textContent).toBe('Partly refunded'));
    expect(app.callsTo('operations.refund')).toMatchObject([
      { operationId: shownOperation().id, amount: 500, reason: { code: 'other', note: 'Scratched box' } },
    ]);
    expect(within(outcome).getByRole('heading', { level: 2 }).textContent).toBe('Refunded €5.00 of €20.00');
    expect(within(outcome).getByTestId('outcome-amount').textContent).toBe('€15.00');
    expect(within(outcome).getByTestId('follow-up').textContent).toContain('€5.00');
    expect(within(outcome).getByTestId('refund-reason').textContent).toBe('Reason: Other — Scratched box');
  });

  it('voids an authorization after one confirmation', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    await user.click(screen.getByRole('radio', { name: 'Authorization' }));
    const outcome = await pay(user);
    await user.click(within(outcome).getByRole('button', { name: 'Void the authorization' }));
    await user.click(await armed(await screen.findByTestId('void-confirm')));
    await waitFor(() => expect(within(outcome).getByTestId('outcome-status').textContent).toBe('Voided'));
    expect(within(outcome).getByRole('heading', { level: 2 }).textContent).toBe('Released, nothing charged');
    expect(within(outcome).getByTestId('outcome-amount').textContent).toBe('€0.00');
    expect(outcome.getAttribute('data-tone')).toBe('released');
    expect(app.callsTo('operations.void')).toHaveLength(1);
  });
});

describe('receipt', () => {
  it('prints merchant and customer copies in the customer’s language, with the last four digits only', async () => {
    const { app: opened, user } = await renderTerminal();
    app = opened;
    const print = vi.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true });
    const outcome = await pay(user);
    await user.click(within(outcome).getByRole('button', { name: 'Print receipt' }));
    const preview = await screen.findByTestId('receipt-preview');
    expect(within(preview).getByTestId('receipt-merchant').textContent).toContain('Merchant copy');
    expect(within(preview).getByTestId('receipt-customer').textContent).toContain('Please keep this receipt');
    expect(preview.textContent).toContain('Visa •••• 1111');
    // Neither the number nor its first six (as a number of their own: a transaction id such as
    // A1796411111001 may hold the same digits by chance).
    expect(preview.textContent).not.toContain('4111111111111111');
    expect(preview.textContent).not.toMatch(/(?<![0-9])411111(?![0-9])/);
    await user.click(screen.getByRole('radio', { name: 'Français' }));
    expect(within(preview).getByTestId('receipt-customer').textContent).toContain('Ticket client');
    expect(within(preview).getByTestId('receipt-customer').textContent).toMatch(/12,50\s€/);
    expect(within(preview).getByTestId('receipt-customer').getAttribute('lang')).toBe('fr');
    expect(screen.getByRole('heading', { name: 'Payment approved' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.querySelector('.comptoir-print-area')?.textContent).toContain('Ticket commerçant');
  });
});
