import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OperationView } from '../../../shared/contract/terminal.js';
import { ReceiptCopy } from '../../../renderer/src/features/receipts/receipt-copy.js';
import { operationView } from '../operation-view.js';
import { stubBrowser } from '../terminal/render-terminal.js';

/* A receipt never says "charged" of money that was not taken: a payment closed as abandoned, or declined. */
beforeAll(stubBrowser);
afterEach(cleanup);

// A phone payment that asked for 3-D Secure: no transaction, a card known by its last four.
const base: Partial<OperationView> = {
  amount: 3140,
  orderId: 'SBX-000007',
  transactionId: null,
  execCode: '0001',
  message: null,
  brand: 'mastercard',
  last4: '0400',
  holderName: 'ADA LOVELACE',
};

function receipt(patch: Partial<OperationView>, locale: 'en' | 'fr' = 'en') {
  render(
    <MantineProvider>
      <ReceiptCopy
        operation={operationView({ ...base, ...patch })}
        parent={undefined}
        account={undefined}
        kind="customer"
        locale={locale}
        timeZone="Europe/Paris"
      />
    </MantineProvider>,
  );
  return { result: screen.getByTestId('receipt-result').textContent ?? '', amount: screen.getByTestId('receipt-amount').textContent ?? '' };
}

describe('a receipt of money not taken', () => {
  it('of a payment closed as abandoned says so, and calls its amount not charged', () => {
    const { result, amount } = receipt({ status: 'abandoned' });
    expect(result).toContain('Payment abandoned: nothing was charged');
    expect(amount).toMatch(/^Amount, not charged\s*€31\.40$/);
  });

  it('of a declined payment too, in French', () => {
    const { amount } = receipt({ status: 'declined', execCode: '4002' }, 'fr');
    expect(amount).toMatch(/^Montant, non débité\s*31,40\s€$/);
  });

  it('of an approved payment still says charged', () => {
    expect(receipt({ status: 'approved', execCode: '0000', transactionId: 'T-1' }).amount).toMatch(/^Amount charged\s*€31\.40$/);
  });
});
