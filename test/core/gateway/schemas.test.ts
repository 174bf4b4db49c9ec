import { describe, expect, it } from 'vitest';
import { GatewayInputError } from '../../../electron/core/gateway/errors.js';
import { createGatewaySchemas, PaymentInput } from '../../../electron/core/gateway/schemas.js';
import { validateInput } from '../../../electron/core/gateway/validation.js';
import { card, cardAuthorization, cardPayment, clock, customer, CVV, PAN } from './fixtures.js';

const schemas = createGatewaySchemas(clock);

function inputError(run: () => unknown): GatewayInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayInputError) return error;
    throw error;
  }
  throw new Error('expected a GatewayInputError');
}

const payment = (input: unknown) => validateInput('payment', schemas.Payment, input);
const paymentError = (input: unknown) => inputError(() => payment(input));

describe('payment input', () => {
  it('accepts a complete card payment and strips spaces from the card number', () => {
    const parsed = payment(cardPayment({ card: { ...card, number: '4111 1111-1111 1111' } }));
    expect(parsed.source === 'card' && parsed.card.number).toBe(PAN);
  });

  it('requires every common client field, each with its gateway name and both languages', () => {
    for (const field of Object.keys(customer)) {
      const input: Record<string, unknown> = { ...cardPayment() };
      delete input[field];
      const error = paymentError(input);
      expect(error.code).toBe('GATEWAY_INVALID_INPUT');
      expect(error.field).toBe(field);
      expect(error.issues[0]?.en).toBe('is required');
      expect(error.issues[0]?.fr).toBe('est obligatoire');
    }
    expect(paymentError({ ...cardPayment(), clientUserAgent: '' }).param).toBe('CLIENTUSERAGENT');
  });

  it.each([
    ['orderId', 'x'.repeat(41), 'ORDERID', 'must be at most 40 characters'],
    ['description', 'x'.repeat(511), 'DESCRIPTION', 'must be at most 510 characters'],
    ['clientIdent', 'x'.repeat(256), 'CLIENTIDENT', 'must be at most 255 characters'],
    ['clientEmail', 'not-an-email', 'CLIENTEMAIL', 'must be an e-mail address'],
    ['clientIp', '2001:db8::1', 'CLIENTIP', 'must be an IPv4 address such as 203.0.113.7'],
    ['clientIp', '256.1.1.1', 'CLIENTIP', 'must be an IPv4 address such as 203.0.113.7'],
    ['orderId', '   ', 'ORDERID', 'must not be only spaces'],
    ['orderId', 'a\nb', 'ORDERID', 'must not contain control characters or line breaks'],
    ['orderId', 'bad\ud800', 'ORDERID', 'contains a character that cannot be sent (broken encoding)'],
    ['amount', 10.5, 'AMOUNT', 'must be a whole number of cents (minor units), without a decimal point'],
    ['amount', 0, 'AMOUNT', 'must be at least 1 (minor unit)'],
    ['language', 'XX', 'LANGUAGE', 'must be one of: FR, EN, DE, ES, IT, NL, CN, RU, PT, CZ'],
  ])('%s = %j is refused (%s)', (field, value, param, en) => {
    const error = paymentError({ ...cardPayment(), [field]: value });
    expect(error.field).toBe(field);
    expect(error.param).toBe(param);
    expect(error.issues[0]?.en).toBe(en);
    expect(error.issues[0]?.fr).not.toBe(en);
  });

  it('accepts multi-line descriptions and an empty optional field', () => {
    expect(() => payment({ ...cardPayment(), description: 'line 1\nline 2', clientReferrer: '', extraData: '' })).not.toThrow();
  });

  it('checks the card: digits, Luhn, expiry, CVV length by brand', () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ number: '4111111111111112' }, 'card.number', 'is not a valid card number (check digit)'],
      [{ number: '41111111' }, 'card.number', 'must be 12 to 19 digits'],
      [{ expiry: '13-28' }, 'card.expiry', 'must be the expiry month written MM-YY'],
      [{ expiry: '02-26' }, 'card.expiry', 'the card has expired'],
      [{ cvv: '12' }, 'card.cvv', 'must be 3 digits (4 for American Express)'],
      [{ cvv: '1234' }, 'card.cvv', 'must be 3 digits for this card'],
      [{ number: '378282246310005', cvv: '123' }, 'card.cvv', 'must be 4 digits for an American Express card'],
    ];
    for (const [change, field, en] of cases) {
      const error = paymentError(cardPayment({ card: { ...card, ...change } }));
      expect(error.field, JSON.stringify(change)).toBe(field);
      expect(error.issues[0]?.en).toBe(en);
    }
    expect(() => payment(cardPayment({ card: { ...card, expiry: '03-26' } }))).not.toThrow();
    expect(() => payment(cardPayment({ card: { ...card, number: '378282246310005', cvv: '1234' } }))).not.toThrow();
  });

  it('never puts the card number or the CVV in an error', () => {
    const error = paymentError(cardPayment({ card: { ...card, expiry: '99-99' }, clientEmail: 'nope' }));
    const text = `${error.message} ${JSON.stringify(error)} ${JSON.stringify(error.issues)}`;
    expect(text).not.toContain(PAN);
    expect(text).not.toContain(CVV);
  });

  it('refuses unknown fields, naming them', () => {
    const error = paymentError({ ...cardPayment(), amout: 100 });
    expect(error.issues[0]?.en).toBe('contains unknown fields: amout');
  });

  it('needs a source of card or alias', () => {
    const error = paymentError({ ...customer, amount: 100 });
    expect(error.field).toBe('source');
    expect(error.issues[0]?.en).toBe('must be card or alias');
  });

  it('pays by alias with oneclick or subscription, without card data', () => {
    const parsed = payment({ source: 'alias', alias: 'A189063', aliasMode: 'subscription', ...customer, amount: 500 });
    expect(parsed.source).toBe('alias');
    expect(paymentError({ source: 'alias', alias: 'A1', aliasMode: 'ONECLICK', ...customer, amount: 500 }).param).toBe('ALIASMODE');
    expect(paymentError({ source: 'alias', alias: 'A1', aliasMode: 'oneclick', card, ...customer, amount: 500 }).issues[0]?.en).toBe(
      'contains unknown fields: card',
    );
  });
});

describe('instalments (AMOUNTS)', () => {
  const today = '2026-03-15';

  it('accepts a schedule starting today, within 90 days, before the card expires', () => {
    const parsed = payment(
      cardPayment({
        amount: undefined,
        instalments: [
          { date: today, amount: 1000 },
          { date: '2026-04-15', amount: 1000 },
          { date: '2026-06-13', amount: 1000 },
        ],
      }),
    );
    expect(parsed.instalments).toHaveLength(3);
  });

  it.each([
    [
      [
        { date: '2026-03-16', amount: 1 },
        { date: '2026-04-16', amount: 1 },
      ],
      'the first instalment must be today (UTC)',
    ],
    [
      [
        { date: today, amount: 1 },
        { date: '2026-06-14', amount: 1 },
      ],
      'the last instalment must be at most 90 days after the first',
    ],
    [
      [
        { date: today, amount: 1 },
        { date: today, amount: 1 },
      ],
      'two instalments have the same date',
    ],
    [[{ date: today, amount: 1 }], 'needs at least 2 instalments'],
  ])('refuses %j', (instalments, en) => {
    const error = paymentError(cardPayment({ amount: undefined, instalments }));
    expect(error.field).toBe('instalments');
    expect(error.param).toBe('AMOUNTS');
    expect(error.issues.map((issue) => issue.en)).toContain(en);
  });

  it('refuses a last date after the card expires', () => {
    const error = paymentError(
      cardPayment({
        card: { ...card, expiry: '04-26' },
        amount: undefined,
        instalments: [
          { date: today, amount: 1 },
          { date: '2026-04-30', amount: 1 },
          { date: '2026-05-01', amount: 1 },
        ],
      }),
    );
    expect(error.issues[0]?.en).toBe('the last instalment must be before the card expires');
    expect(error.issues[0]?.fr).toBe('la dernière échéance doit précéder l’expiration de la carte');
  });

  it('refuses an invalid calendar date, both amount and instalments, and neither', () => {
    expect(
      paymentError(
        cardPayment({
          amount: undefined,
          instalments: [
            { date: today, amount: 1 },
            { date: '2026-02-30', amount: 1 },
          ],
        }),
      ).field,
    ).toBe('instalments.1.date');
    expect(
      paymentError(
        cardPayment({
          instalments: [
            { date: today, amount: 1 },
            { date: '2026-04-01', amount: 1 },
          ],
        }),
      ).issues[0]?.en,
    ).toBe('give either an amount or instalments, not both');
    expect(paymentError(cardPayment({ amount: undefined })).issues[0]?.en).toBe('an amount (or instalments) is required');
  });

  it('is a payment-only field', () => {
    const error = inputError(() =>
      validateInput('authorization', schemas.Authorization, { ...cardAuthorization(), instalments: [{ date: today, amount: 1 }] }),
    );
    expect(error.issues[0]?.en).toContain('unknown fields');
  });
});

describe('authorization and credit', () => {
  it('allows AMOUNT=0 (card check) for an authorization only', () => {
    expect(validateInput('authorization', schemas.Authorization, cardAuthorization({ amount: 0 })).amount).toBe(0);
    expect(paymentError(cardPayment({ amount: 0 })).field).toBe('amount');
    expect(inputError(() => validateInput('credit', schemas.Credit, { card, ...customer, amount: 0 })).field).toBe('amount');
  });

  it('credit takes a card, never an alias', () => {
    expect(() => validateInput('credit', schemas.Credit, { card, ...customer, amount: 100 })).not.toThrow();
    const error = inputError(() => validateInput('credit', schemas.Credit, { alias: 'A1', ...customer, amount: 100 }));
    expect(error.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['card', '(input)']));
    expect(error.issues.map((issue) => issue.en)).toContain('contains unknown fields: alias');
  });
});

describe('follow-ups', () => {
  const base = { transactionId: 'A189063', orderId: 'CMD-42', description: 'Capture' };

  it('capture/refund/void need TRANSACTIONID, ORDERID, DESCRIPTION; AMOUNT is optional (partial)', () => {
    for (const schema of [schemas.Capture, schemas.Refund, schemas.Void]) {
      expect(validateInput('capture', schema, base).amount).toBeUndefined();
      expect(validateInput('capture', schema, { ...base, amount: 50 }).amount).toBe(50);
      expect(inputError(() => validateInput('capture', schema, { ...base, transactionId: undefined })).param).toBe('TRANSACTIONID');
      expect(inputError(() => validateInput('capture', schema, { ...base, transactionId: 'A'.repeat(33) })).param).toBe('TRANSACTIONID');
      expect(inputError(() => validateInput('capture', schema, { ...base, amount: -5 })).param).toBe('AMOUNT');
    }
  });

  it('stopNTimes needs a SCHEDULEID', () => {
    expect(inputError(() => validateInput('stopntimes', schemas.StopNTimes, {})).param).toBe('SCHEDULEID');
  });
});

describe('lookups and exports', () => {
  it('getTransactions takes transaction ids or order ids, not both, without semicolons', () => {
    expect(validateInput('getTransactions', schemas.GetTransactions, { orderIds: ['a', 'b'] }).orderIds).toEqual(['a', 'b']);
    expect(inputError(() => validateInput('getTransactions', schemas.GetTransactions, {})).issues[0]?.en).toBe('give transaction ids or order ids');
    expect(inputError(() => validateInput('getTransactions', schemas.GetTransactions, { orderIds: ['a'], transactionIds: ['b'] })).issues[0]?.en).toBe(
      'give transaction ids or order ids, not both',
    );
    expect(inputError(() => validateInput('getTransactions', schemas.GetTransactions, { orderIds: ['a;b'] })).field).toBe('orderIds.0');
    expect(inputError(() => validateInput('getTransactions', schemas.GetTransactions, { orderIds: [] })).issues[0]?.en).toBe('needs at least one reference');
    expect(inputError(() => validateInput('getTransactions', schemas.GetTransactions, { orderIds: ['a'], compression: 'GZIP' })).param).toBe('COMPRESSION');
  });

  it('exports need MAILTO or CALLBACKURL, never both', () => {
    const ok = validateInput('exportTransactions', schemas.ExportTransactions, { date: '2026-02', mailTo: 'ops@example.com' });
    expect(ok.compression).toBe('GZIP');
    expect(inputError(() => validateInput('exportTransactions', schemas.ExportTransactions, { date: '2026-02' })).issues[0]?.en).toBe(
      'an e-mail address or a callback URL is required',
    );
    const both = inputError(() =>
      validateInput('exportReconciliation', schemas.ExportReconciliation, {
        date: '2026-02-01',
        mailTo: 'ops@example.com',
        callbackUrl: 'https://example.com/cb',
      }),
    );
    expect(both.param).toBe('CALLBACKURL');
    expect(both.issues[0]?.fr).toBe('indiquez une adresse e-mail ou une URL de rappel, pas les deux');
    expect(inputError(() => validateInput('exportChargebacks', schemas.ExportChargebacks, { date: '2026-02', callbackUrl: 'ftp://x' })).param).toBe(
      'CALLBACKURL',
    );
  });

  it('checks export periods', () => {
    const schema = schemas.ExportTransactions;
    const mail = { mailTo: 'ops@example.com' };
    expect(() => validateInput('exportTransactions', schema, { startDate: '2026-01-01', endDate: '2026-01-31', ...mail })).not.toThrow();
    expect(inputError(() => validateInput('exportTransactions', schema, { startDate: '2026-01-01', ...mail })).field).toBe('endDate');
    expect(inputError(() => validateInput('exportTransactions', schema, { startDate: '2026-02-01', endDate: '2026-01-01', ...mail })).issues[0]?.en).toBe(
      'the start date must not be after the end date',
    );
    expect(
      inputError(() => validateInput('exportTransactions', schema, { date: '2026-01', startDate: '2026-01-01', endDate: '2026-01-02', ...mail })).issues[0]?.en,
    ).toBe('give a date or a start and end date, not both');
    expect(inputError(() => validateInput('exportTransactions', schema, { date: '2026-13', ...mail })).param).toBe('DATE');
    expect(inputError(() => validateInput('exportReconciledTransactions', schemas.ExportReconciledTransactions, { date: '2026-02', ...mail })).param).toBe(
      'DATE',
    );
    expect(inputError(() => validateInput('exportTransactions', schema, { date: '2026-01', timeZone: 'Mars/Olympus', ...mail })).param).toBe('TIMEZONE');
  });
});

describe('the default exported schemas', () => {
  it('are usable on their own with the real clock (as the UI contract would)', () => {
    const result = PaymentInput.safeParse(cardPayment({ card: { ...card, expiry: '12-99' } }));
    expect(result.success).toBe(true);
  });
});
