import { Text, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { formatAmount, parseAmount } from '../../../../shared/domain/money.js';
import { errorText, type FieldError } from '../../app/field-error.js';

interface AmountFieldProps {
  readonly id: string;
  readonly value: string;
  readonly currency: string;
  readonly error: FieldError | undefined;
  onValue(value: string): void;
  onBlur(): void;
}

/**
 * Typed as the operator writes numbers (`12,50` or `12.50`), read by the shared parser in
 * minor units; the amount as it will be charged is echoed underneath, so a slip shows at once.
 */
export function AmountField({ id, value, currency, error, onValue, onBlur }: AmountFieldProps) {
  const intl = useIntl();
  const parsed = parseAmount(value, currency, intl.locale);
  return (
    <TextInput
      id={id}
      label={intl.formatMessage({ id: 'terminal.amount' }, { currency })}
      placeholder={intl.formatMessage({ id: 'terminal.amountPlaceholder' })}
      description={
        parsed.ok ? (
          <Text span size="xs" data-testid="amount-echo">
            {intl.formatMessage({ id: 'terminal.amountEcho' }, { amount: formatAmount(parsed.minor, currency, intl.locale) })}
          </Text>
        ) : (
          intl.formatMessage({ id: 'terminal.amountHint' })
        )
      }
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      inputMode="decimal"
      required
      size="md"
      value={value}
      onChange={(event) => onValue(event.currentTarget.value)}
      onBlur={onBlur}
      error={errorText(intl, error)}
      rightSection={
        <Text size="sm" c="dimmed" aria-hidden="true">
          {currency}
        </Text>
      }
      rightSectionWidth={52}
      autoComplete="off"
      spellCheck={false}
      styles={{ input: { fontVariantNumeric: 'tabular-nums', fontWeight: 600 } }}
    />
  );
}
