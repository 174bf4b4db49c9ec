import { currencyExponent, formatAmount, MAX_MAJOR_UNITS, type ParsedAmount } from '../../../shared/domain/money.js';
import type { FieldError } from './field-error.js';

/**
 * Why a typed amount is refused, with what the message needs to be useful: both readings of
 * an ambiguous `1,234`, and the limit of a too large one.
 */
export function amountFieldError(parsed: ParsedAmount, currency: string, locale: string): FieldError | undefined {
  if (parsed.ok) return undefined;
  switch (parsed.problem) {
    case 'ambiguous':
      return {
        id: 'terminal.error.amount.ambiguous',
        values: {
          thousands: formatAmount(parsed.readings.asThousands, currency, locale),
          decimals: new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 3 }).format(parsed.readings.asDecimals),
        },
      };
    case 'too_large':
      return { id: 'terminal.error.amount.too_large', values: { max: formatAmount(MAX_MAJOR_UNITS * 10 ** currencyExponent(currency), currency, locale) } };
    default:
      return { id: `terminal.error.amount.${parsed.problem}` };
  }
}
