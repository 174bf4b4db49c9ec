import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath } from '../../../electron/core/journal/index.js';
import { cardExpiry } from '../../support/dates.js';
import { PAN, startCore, type TestCore } from '../../support/start-core.js';

/**
 * Issue 13 item 9: a card number typed into any free-text field is refused at core's boundary,
 * before the journal gets a row and before the gateway gets a byte, whatever separators the
 * operator used and even glued to letters.
 */
describe('a card number in a free-text field of a submission', () => {
  let f: TestCore;
  let seq = 0;

  const invoke = (channel: string, payload?: unknown) => f.call(channel, payload);

  /** Read from the file itself: asking core about an ORDERID holding a card number is refused too. */
  function operationCount(): number {
    const journal = new BetterSqlite3(journalPath(f.dataDir, 'default'), { readonly: true });
    try {
      return (journal.prepare('SELECT count(*) AS n FROM operations').get() as { n: number }).n;
    } finally {
      journal.close();
    }
  }

  function submission(overrides: Record<string, unknown> = {}) {
    seq += 1;
    return {
      idempotencyKey: `card-in-text-key${seq}x${Date.now()}x`,
      accountId: f.accountId,
      operation: 'payment',
      amount: 1000 + seq,
      orderId: `ORD-TEXT-${seq}`,
      description: 'Phone order',
      customer: { email: 'ana@example.com', name: 'Ana Lopez', ident: 'C-42' },
      card: { number: PAN, expiry: cardExpiry(), cvv: '987', holder: 'ANA LOPEZ' },
      ...overrides,
    };
  }

  beforeAll(async () => {
    f = await startCore();
  });
  afterAll(async () => {
    await f.close();
  });

  const card = { number: PAN, expiry: cardExpiry(), cvv: '987' };
  const attempts: Array<[string, string, Record<string, unknown>]> = [
    ['card.holder', 'no-break spaces', { card: { ...card, holder: 'ANA 4111\u00a01111\u00a01111\u00a01111' } }],
    ['orderId', 'glued to letters', { orderId: 'ref4111111111111111x' }],
    ['orderId', 'dots', { orderId: 'CMD-4111.1111.1111.1111' }],
    ['description', 'narrow no-break spaces', { description: 'carte 4111\u202f1111\u202f1111\u202f1111 exp 12/30' }],
    ['description', 'thin spaces and a tab', { description: 'card 4111\u20091111\t1111\u20091111' }],
    ['customer.ident', 'underscores', { customer: { email: 'ana@example.com', ident: 'ID_4111_1111_1111_1111' } }],
    ['customer.email', 'glued in an e-mail', { customer: { email: '4111111111111111@example.com' } }],
    ['customer.name', 'slashes', { customer: { email: 'ana@example.com', name: 'Ana 4111/1111/1111/1111' } }],
    ['duplicateOverride.reason', 'en dashes', { duplicateOverride: { reason: 'same card 4111\u20131111\u20131111\u20131111' } }],
  ];

  for (const [path, how, overrides] of attempts) {
    it(`refuses it in ${path} (${how}) with PAYMENT_CARD_NUMBER_IN_TEXT, recording and sending nothing`, async () => {
      const input = submission(overrides);
      const result = await invoke('payments.submit', input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('PAYMENT_CARD_NUMBER_IN_TEXT');
      expect(result.error.issues).toEqual([{ path, message: expect.any(String) }]);
      expect(JSON.stringify(result.error)).not.toContain('4111');
      // No journal row, no request at the gateway.
      expect(operationCount()).toBe(0);
      expect(f.core.sandbox.ledger.requests()).toHaveLength(0);
    });
  }

  it('lets the card number field itself, and an ordinary 12-digit order number, through', async () => {
    const result = await invoke('payments.submit', submission({ orderId: '123456789012', description: 'Order 7000-0000-0007' }));
    expect(result).toMatchObject({ ok: true, value: { operation: { status: 'approved', last4: '1111' } } });
    await f.core.sandbox.settled();
    // The built-in sandbox says only documented things: nothing for the allow-list to warn about.
    expect(f.logs.join('\n')).not.toContain('no documentation lists');
  });
});
