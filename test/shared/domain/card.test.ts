import { describe, expect, it } from 'vitest';
import { cardDigits, cardSummary, cvvValid, detectBrand, formatCardNumber, luhnValid, panProblem, parseExpiry } from '../../../shared/domain/card.js';

const NOW = Date.UTC(2026, 10, 25);

describe('card rules', () => {
  it('checks Luhn on the sandbox test cards and refuses a one-digit change', () => {
    for (const pan of ['5555556778250000', '372068397730000', '5555557376384001', '4111111111111111', '1111222233334444', '5555553818524007']) {
      expect(luhnValid(pan), pan).toBe(true);
    }
    expect(luhnValid('5555550082334007')).toBe(false);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('detects brands from their prefixes', () => {
    expect(detectBrand('4111111111111111')).toBe('visa');
    expect(detectBrand('5555556778250000')).toBe('mastercard');
    expect(detectBrand('2221000000000009')).toBe('mastercard');
    expect(detectBrand('372068397730000')).toBe('amex');
    expect(detectBrand('36227206271667')).toBe('diners');
    expect(detectBrand('6011000990139424')).toBe('discover');
    expect(detectBrand('3530111333300000')).toBe('jcb');
    expect(detectBrand('6759649826438453')).toBe('maestro');
    expect(detectBrand('1111222233334444')).toBe('unknown');
  });

  it('groups by brand: Amex 4-6-5, others by four, up to 19 digits', () => {
    expect(formatCardNumber('372068397730000')).toBe('3720 683977 30000');
    expect(formatCardNumber('4111111111111111')).toBe('4111 1111 1111 1111');
    expect(formatCardNumber('4111111111111111111')).toBe('4111 1111 1111 1111 111');
    expect(formatCardNumber('41111')).toBe('4111 1');
    expect(formatCardNumber('4111 1111 1111 1111 1111 22')).toBe('4111 1111 1111 1111 111');
  });

  it('cleans pasted numbers', () => {
    expect(cardDigits(' 4111-1111.1111 1111\n')).toBe('4111111111111111');
  });

  it('names what is wrong with a number', () => {
    expect(panProblem('')).toBe('empty');
    expect(panProblem('4111 1111')).toBe('too_short');
    expect(panProblem('4111111111111112')).toBe('luhn');
    expect(panProblem('37206839773000')).toBe('bad_length_for_brand');
    expect(panProblem('4111 1111 1111 1111')).toBeUndefined();
  });

  it('keeps only brand, first six and last four', () => {
    expect(cardSummary('4111111111111111')).toEqual({ brand: 'visa', bin6: '411111', last4: '1111' });
  });

  it('reads expiry as MM/YY, valid to the end of that month, and gives the wire form MM-YY', () => {
    expect(parseExpiry('11/26', NOW)).toEqual({ ok: true, wire: '11-26' });
    expect(parseExpiry('1227', NOW)).toEqual({ ok: true, wire: '12-27' });
    expect(parseExpiry('10/26', NOW)).toEqual({ ok: false, problem: 'past' });
    expect(parseExpiry('13/27', NOW)).toEqual({ ok: false, problem: 'month' });
    expect(parseExpiry('1/27', NOW)).toEqual({ ok: false, problem: 'format' });
  });

  it('wants a CVV of the brand’s length', () => {
    expect(cvvValid('123', 'visa')).toBe(true);
    expect(cvvValid('1234', 'visa')).toBe(false);
    expect(cvvValid('1234', 'amex')).toBe(true);
    expect(cvvValid('123', 'amex')).toBe(false);
  });
});
