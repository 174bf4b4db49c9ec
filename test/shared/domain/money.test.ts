import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount } from '../../../shared/domain/money.js';

describe('amounts', () => {
  it('reads comma or point decimals into minor units', () => {
    expect(parseAmount('12,50', 'EUR')).toEqual({ ok: true, minor: 1250 });
    expect(parseAmount('12.5', 'EUR')).toEqual({ ok: true, minor: 1250 });
    expect(parseAmount('12', 'EUR')).toEqual({ ok: true, minor: 1200 });
    expect(parseAmount('0,01', 'EUR')).toEqual({ ok: true, minor: 1 });
    expect(parseAmount('19.99', 'EUR')).toEqual({ ok: true, minor: 1999 });
  });

  it('reads grouping in either convention', () => {
    expect(parseAmount('1 234,56', 'EUR')).toEqual({ ok: true, minor: 123456 });
    expect(parseAmount('1\u202f234,56', 'EUR')).toEqual({ ok: true, minor: 123456 });
    expect(parseAmount('1,234.56', 'EUR')).toEqual({ ok: true, minor: 123456 });
    expect(parseAmount('1.234,56', 'EUR')).toEqual({ ok: true, minor: 123456 });
    expect(parseAmount('1,234,567', 'EUR', 'en')).toEqual({ ok: true, minor: 123456700 });
  });

  it('refuses a single comma or point before three digits as ambiguous, in every locale, with both readings', () => {
    const readings = { asThousands: 123400, asDecimals: 1.234 };
    for (const locale of ['en', 'fr']) {
      expect(parseAmount('1,234', 'EUR', locale)).toEqual({ ok: false, problem: 'ambiguous', readings });
      expect(parseAmount('1.234', 'EUR', locale)).toEqual({ ok: false, problem: 'ambiguous', readings });
    }
    expect(parseAmount('12,345', 'EUR', 'en')).toMatchObject({ problem: 'ambiguous', readings: { asThousands: 1234500 } });
    // Not ambiguous: a leading zero, more than three digits before, or a currency with three decimals.
    expect(parseAmount('0,123', 'EUR')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(parseAmount('1234,567', 'EUR')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(parseAmount('1.234', 'KWD')).toEqual({ ok: true, minor: 1234 });
  });

  it('uses each currency’s decimals', () => {
    expect(parseAmount('1500', 'JPY')).toEqual({ ok: true, minor: 1500 });
    expect(parseAmount('1,5', 'JPY')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(parseAmount('1.234', 'KWD')).toEqual({ ok: true, minor: 1234 });
  });

  it('refuses what is not an amount', () => {
    expect(parseAmount('', 'EUR')).toEqual({ ok: false, problem: 'empty' });
    expect(parseAmount('-5', 'EUR')).toEqual({ ok: false, problem: 'negative' });
    expect(parseAmount('12,3456', 'EUR')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(parseAmount('1e3', 'EUR')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount('12,', 'EUR')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount('1,2,3', 'EUR')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount('99999999', 'EUR')).toEqual({ ok: false, problem: 'too_large' });
  });

  it('formats minor units in the operator’s locale', () => {
    expect(formatAmount(123456, 'EUR', 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(formatAmount(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatAmount(5, 'EUR', 'en')).toBe('€0.05');
  });
});
