import { describe, expect, it } from 'vitest';
import { buildSubmission } from '../../../renderer/src/features/terminal/build-submission.js';
import { EMPTY_CARD } from '../../../renderer/src/features/terminal/card-entry.js';
import { checkSchedule, defaultSchedule } from '../../../renderer/src/features/terminal/instalment-schedule.js';
import { outcomeWording } from '../../../renderer/src/features/operations/outcome-wording.js';
import { validatePayment } from '../../../renderer/src/features/terminal/validate-payment.js';
import { emptyDraft, retryOrderId } from '../../../renderer/src/state/terminal-store.js';
import { PaymentSubmission, type OperationView } from '../../../shared/contract/terminal.js';
import { accountSummary } from '../account-summary.js';

const NOW = Date.UTC(2026, 4, 12, 15, 0, 0);
const rows = (...pairs: [string, string][]) => pairs.map(([date, amountText]) => ({ date, amountText }));

describe('instalment schedule', () => {
  it('splits evenly, the remainder on the first, dates from today within 90 days', () => {
    const schedule = defaultSchedule(10_000, 3, NOW, 'EUR', 'fr');
    expect(schedule).toEqual(rows(['2026-05-12', '33,34'], ['2026-06-11', '33,33'], ['2026-07-11', '33,33']));
    expect(checkSchedule(schedule, 10_000, 'EUR', 'fr', NOW)).toMatchObject({ sum: 10_000, parsed: [{ amount: 3334 }, { amount: 3333 }, { amount: 3333 }] });
    const twelve = defaultSchedule(1200, 12, NOW, 'EUR', 'en');
    expect(twelve.at(-1)?.date).toBe('2026-08-08');
    expect(checkSchedule(twelve, 1200, 'EUR', 'en', NOW).schedule).toBeUndefined();
  });

  it('names what is wrong: first date, order, span, sum, card expiry, count', () => {
    const check = (schedule: ReturnType<typeof rows>, total = 2000, expiry?: string) => checkSchedule(schedule, total, 'EUR', 'en', NOW, expiry).schedule;
    expect(check(rows(['2026-05-13', '10'], ['2026-06-13', '10']))).toBe('first_not_today');
    expect(check(rows(['2026-05-12', '10'], ['2026-05-12', '10']))).toBe('order');
    expect(check(rows(['2026-05-12', '10'], ['2026-08-11', '10']))).toBe('span');
    expect(check(rows(['2026-05-12', '10'], ['2026-08-10', '10']))).toBeUndefined();
    expect(check(rows(['2026-05-12', '10'], ['2026-06-12', '9.99']))).toBe('sum');
    expect(check(rows(['2026-05-12', '10'], ['2026-06-12', '10']), 2000, '05-26')).toBe('after_expiry');
    expect(check(rows(['2026-05-12', '20']))).toBe('count');
    expect(checkSchedule(rows(['2026-05-12', 'ten'], ['2026-06-12', '10']), 2000, 'EUR', 'en', NOW).rows).toEqual(['amount', undefined]);
  });
});

describe('retry reference', () => {
  it('keeps the order recognisable across attempts and within 40 characters', () => {
    expect(retryOrderId('SBX-000012')).toBe('SBX-000012-T2');
    expect(retryOrderId('SBX-000012-T2')).toBe('SBX-000012-T3');
    expect(retryOrderId('X'.repeat(38))).toBe('');
  });
});

describe('submission', () => {
  const card = { ...EMPTY_CARD, digits: '4111111111111111', expiry: '12/34', cvv: '123', holder: ' Ada ' };

  it('is accepted by the contract, with the network the cardholder chose and nothing empty', () => {
    const draft = { ...emptyDraft(1), amountText: '12.50', orderId: 'SBX-1', customerEmail: ' ada@example.com ', customerName: '' };
    const submission = buildSubmission(
      draft,
      { ...card, network: 'cb' },
      { account: accountSummary(), amount: 1250, expiryWire: '12-34', locale: 'en', now: NOW },
    );
    expect(PaymentSubmission.safeParse(submission).success).toBe(true);
    expect(submission).toMatchObject({
      amount: 1250,
      customer: { email: 'ada@example.com' },
      card: { network: 'cb', holder: 'Ada', expiry: '12-34' },
      saveCard: false,
    });
    expect(submission).not.toHaveProperty('description');
    expect(submission.customer).not.toHaveProperty('name');
  });

  it('sends no network for a card that is not co-badged, and no saved card for a credit', () => {
    const draft = { ...emptyDraft(1), operation: 'credit' as const, orderId: 'SBX-2', customerEmail: 'a@b.fr', saveCard: true };
    const amex = { ...card, digits: '378282246310005', cvv: '1234' };
    const submission = buildSubmission(draft, amex, { account: accountSummary(), amount: 500, expiryWire: '12-34', locale: 'en', now: NOW });
    expect(submission.card).not.toHaveProperty('network');
    expect(submission.saveCard).toBe(false);
    expect(PaymentSubmission.safeParse(submission).success).toBe(true);
  });

  it('validates the form as core would, before anything is sent', () => {
    const draft = { ...emptyDraft(1), amountText: '12,345', orderId: 'é', customerEmail: 'nope' };
    const { errors } = validatePayment(
      draft,
      { ...card, cvv: '12', expiry: '01/20' },
      { currency: 'EUR', locale: 'fr', now: NOW, orderIdAvailability: 'available' },
    );
    expect(Object.fromEntries(Object.entries(errors).map(([field, error]) => [field, error?.id]))).toEqual({
      amount: 'terminal.error.amount.ambiguous',
      orderId: 'terminal.error.orderId.format',
      customerEmail: 'terminal.error.email.invalid',
      expiry: 'terminal.error.expiry.past',
      cvv: 'terminal.error.cvv',
    });
  });
});

describe('outcome wording after lookups', () => {
  const operation = (patch: Partial<OperationView>) =>
    ({
      type: 'payment',
      status: 'unknown',
      amount: 1250,
      currency: 'EUR',
      execCode: null,
      confirmation: 'none',
      settled: { captured: 0, refunded: 0 },
      ...patch,
    }) as OperationView;

  it('an operation no lookup found for 15 minutes is "not found: nothing was charged", not "refused"', () => {
    expect(outcomeWording(operation({ status: 'error', confirmation: 'not_found' }), 'en')).toMatchObject({
      tone: 'failure',
      headline: { id: 'terminal.outcome.notFound' },
    });
    expect(outcomeWording(operation({ status: 'error', confirmation: 'none' }), 'en').headline).toEqual({ id: 'terminal.outcome.refused' });
  });

  it('one not found yet is still unknown', () => {
    expect(outcomeWording(operation({ status: 'unknown', confirmation: 'not_found_yet' }), 'fr')).toMatchObject({
      tone: 'unknown',
      headline: { id: 'terminal.outcome.unknown' },
    });
  });
});
