import { describe, expect, it } from 'vitest';
import { PaymentSubmission, RebillSubmission } from '../../shared/contract/terminal.js';

const keyed = {
  idempotencyKey: 'zero-amount-key-000001',
  accountId: 1,
  orderId: 'ORD-1',
  customer: { email: 'ana@example.com' },
  card: { number: '4111111111111111', expiry: '12-30', cvv: '987', holder: 'ANA LOPEZ' },
};
const rebill = { idempotencyKey: 'zero-amount-key-000002', accountId: 1, sourceOperationId: 1, aliasMode: 'oneclick', orderId: 'ORD-2' };

/** An amount of 0 only checks a card: an authorization may be for 0, a payment or a credit not (keyed card or saved card alike). */
describe('an amount of 0', () => {
  it('is an authorization only, for a keyed card', () => {
    expect(PaymentSubmission.safeParse({ ...keyed, operation: 'authorization', amount: 0 }).success).toBe(true);
    for (const operation of ['payment', 'credit']) {
      const parsed = PaymentSubmission.safeParse({ ...keyed, operation, amount: 0 });
      expect(
        parsed.error?.issues.map((issue) => issue.path.join('.')),
        operation,
      ).toEqual(['amount']);
    }
  });

  it('is an authorization only, for a saved card', () => {
    expect(RebillSubmission.safeParse({ ...rebill, operation: 'authorization', amount: 0 }).success).toBe(true);
    expect(RebillSubmission.safeParse({ ...rebill, operation: 'payment', amount: 0 }).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['amount']);
  });
});
