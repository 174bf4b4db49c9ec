import type { OperationView } from '../../shared/contract/terminal.js';

/**
 * An operation as core shows it, for tests of what the screen makes of one: an approved card
 * payment of €100.00 with nothing else known, changed by `patch`. `fixtures-match-core.test.ts`
 * checks it against a real core's view.
 */
export function operationView(patch: Partial<OperationView> = {}): OperationView {
  return {
    id: 1,
    accountId: 1,
    parentId: null,
    type: 'payment',
    status: 'approved',
    amount: 10_000,
    currency: 'EUR',
    orderId: 'A-1',
    transactionId: 'T1',
    execCode: '0000',
    message: 'OK',
    brand: null,
    bin6: null,
    last4: null,
    expiry: null,
    holderName: null,
    customerIdent: null,
    customerEmail: null,
    customerName: null,
    description: null,
    operator: null,
    alias: null,
    aliasMode: null,
    expiresAt: null,
    createdAt: 1,
    updatedAt: 1,
    confirmation: 'none',
    actions: { capturableAmount: 0, refundableAmount: 0, voidable: false, rebillAlias: null, checkStatus: false, followUpsFrom: null },
    settled: { captured: 0, refunded: 0 },
    refundReason: null,
    instalments: null,
    ...patch,
  };
}
