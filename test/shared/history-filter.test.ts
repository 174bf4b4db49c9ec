import { describe, expect, it } from 'vitest';
import { HistoryFilter } from '../../shared/contract/history-filter.js';

describe('the history filter shared by History, reports and exports', () => {
  it('accepts an empty filter and a full one', () => {
    expect(HistoryFilter.parse({})).toEqual({});
    const full = {
      from: 1_000,
      to: 2_000,
      statuses: ['approved', 'unknown'],
      confirmations: ['awaiting', 'discrepancy'],
      types: ['payment', 'refund'],
      accountIds: [1],
      operators: ['ana'],
      currencies: ['EUR'],
      amountMin: 100,
      amountMax: 100,
      brands: ['visa'],
      last4: '1111',
      orderId: 'SBX-000001',
      transactionId: 'A123',
      customer: 'ada@example.com',
      text: 'lovelace',
    };
    expect(HistoryFilter.parse(full)).toEqual(full);
  });

  it.each([
    ['a period that ends before it starts', { from: 2_000, to: 2_000 }, 'to'],
    ['an amount range upside down', { amountMin: 200, amountMax: 100 }, 'amountMax'],
    ['a last four that is not four digits', { last4: '111' }, 'last4'],
    ['a status that does not exist', { statuses: ['paid'] }, 'statuses'],
    ['a confirmation that does not exist', { confirmations: ['maybe'] }, 'confirmations'],
    ['a field nobody declared', { cardNumber: '4111111111111111' }, ''],
    ['a currency in lower case', { currencies: ['eur'] }, 'currencies'],
  ])('refuses %s', (_label, input, path) => {
    const parsed = HistoryFilter.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).some((issuePath) => issuePath.startsWith(path))).toBe(true);
  });
});
