import { TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { formatAmount, parseAmount } from '../../../../shared/domain/money.js';
import { amountFieldError } from '../../app/amount-error.js';
import { errorText, type FieldError } from '../../app/field-error.js';

/** What a typed follow-up amount reads as: minor units within (0, max], or why not. */
export function readFollowUpAmount(text: string, max: number, currency: string, locale: string, tooMuch: FieldError): { minor?: number; error?: FieldError } {
  const parsed = parseAmount(text, currency, locale);
  if (!parsed.ok) return { error: amountFieldError(parsed, currency, locale) };
  if (parsed.minor === 0) return { error: { id: 'terminal.error.amount.zero' } };
  if (parsed.minor > max) return { error: tooMuch };
  return { minor: parsed.minor };
}

interface FollowUpAmountFieldProps {
  readonly label: string;
  readonly text: string;
  readonly max: number;
  readonly currency: string;
  readonly error: FieldError | undefined;
  /** Said after the maximum (a payment in instalments is refunded one instalment at a time). */
  readonly hint?: string;
  onText(text: string): void;
}

/** The amount of a capture or refund: prefilled with what is left, never more. */
export function FollowUpAmountField({ label, text, max, currency, error, hint, onText }: FollowUpAmountFieldProps) {
  const intl = useIntl();
  const maximum = intl.formatMessage({ id: 'terminal.followUp.max' }, { max: formatAmount(max, currency, intl.locale) });
  return (
    <TextInput
      data-autofocus
      label={label}
      description={hint === undefined ? maximum : `${maximum} · ${hint}`}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      inputMode="decimal"
      value={text}
      onChange={(event) => onText(event.currentTarget.value)}
      error={text === '' ? undefined : errorText(intl, error)}
      autoComplete="off"
      spellCheck={false}
      w={280}
    />
  );
}
