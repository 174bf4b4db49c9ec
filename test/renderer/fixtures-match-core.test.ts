import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../shared/contract/accounts.js';
import type { OperationView } from '../../shared/contract/terminal.js';
import { startCore, type TestCore } from '../support/start-core.js';
import { accountSummary } from './account-summary.js';
import { operationView } from './operation-view.js';

/**
 * The renderer's pure tests (outcome wording, receipts, submissions) feed the screen made-up
 * views and accounts instead of a core. Each must be what a real core says for the same case,
 * or those tests check a screen against a core that does not exist: same fields, same kinds
 * of value, and the values that matter equal.
 */

/** Every path in a value, with the kind of what is there (`null`, `number`, `string`…). */
function shape(value: unknown, path = ''): string[] {
  if (value === null) return [`${path}: null`];
  if (Array.isArray(value)) return [`${path}: array`];
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .flatMap(([key, inner]) => shape(inner, path ? `${path}.${key}` : key))
      .sort();
  return [`${path}: ${typeof value}`];
}

describe('the renderer tests’ made-up views and accounts match a real core’s', () => {
  let f: TestCore;
  let account: AccountSummary;
  let payment: OperationView;

  beforeAll(async () => {
    f = await startCore({ sandbox: { notifications: { mode: 'never' } } });
    account = (await f.invoke<{ accounts: AccountSummary[] }>('accounts.list')).accounts[0] as AccountSummary;
    // What operationView() stands for: an approved card payment of €100.00.
    const { operation } = await f.invoke<{ operation: OperationView }>('payments.submit', f.submission({ amount: 10_000 }));
    payment = operation;
  });
  afterAll(async () => {
    await f.close();
  });

  it('accountSummary() is the Sandbox account core creates on first launch', () => {
    expect(accountSummary({ id: account.id })).toEqual(account);
  });

  it('operationView() has the fields of core’s view of an approved payment, with the same kinds of value', () => {
    // Fields core fills from the card, the customer and the gateway, which the fixture leaves empty.
    const filled = {
      brand: 'visa',
      bin6: '411111',
      last4: '1111',
      expiry: payment.expiry,
      holderName: 'ANA LOPEZ',
      customerIdent: 'C-42',
      customerEmail: 'ana@example.com',
      customerName: 'Ana Lopez',
      description: payment.description,
      operator: 'ana',
    };
    const made = operationView({ ...filled, confirmation: 'awaiting', actions: payment.actions });
    expect(shape(made)).toEqual(shape(payment));
  });

  it('operationView() says what core says of that payment where the screen reads it', () => {
    const made = operationView();
    for (const field of [
      'type',
      'status',
      'amount',
      'currency',
      'execCode',
      'parentId',
      'settled',
      'refundReason',
      'alias',
      'aliasMode',
      'expiresAt',
    ] as const) {
      expect(made[field], field).toEqual(payment[field]);
    }
    expect(payment.actions).toMatchObject({ capturableAmount: 0, voidable: false, rebillAlias: null, checkStatus: false });
  });
});
