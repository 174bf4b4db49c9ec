import { Loader, Text, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { errorText } from './field-error.js';
import type { FieldError, OrderIdAvailability } from './validate-payment.js';

interface OrderIdFieldProps {
  readonly id: string;
  readonly value: string;
  readonly availability: OrderIdAvailability;
  readonly generationFailed: boolean;
  readonly error: FieldError | undefined;
  onValue(value: string): void;
  onBlur(): void;
}

/** Prefilled from the account's counter, editable, and said to be free or taken as it changes. */
export function OrderIdField({ id, value, availability, generationFailed, error, onValue, onBlur }: OrderIdFieldProps) {
  const intl = useIntl();
  const shownError = errorText(intl, error ?? (availability === 'taken' ? { id: 'terminal.error.orderId.taken' } : undefined));
  const status =
    availability === 'checking' ? (
      <Text span size="xs" c="dimmed">
        {intl.formatMessage({ id: 'terminal.orderId.checking' })}
      </Text>
    ) : availability === 'available' ? (
      <Text span size="xs" c="teal.9" data-testid="order-id-available">
        {intl.formatMessage({ id: 'terminal.orderId.available' })}
      </Text>
    ) : generationFailed ? (
      intl.formatMessage({ id: 'terminal.orderId.generationFailed' })
    ) : (
      intl.formatMessage({ id: 'terminal.orderId.hint' })
    );
  return (
    <TextInput
      id={id}
      label={intl.formatMessage({ id: 'terminal.orderId' })}
      description={status}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      required
      maxLength={40}
      value={value}
      onChange={(event) => onValue(event.currentTarget.value)}
      onBlur={onBlur}
      error={shownError}
      rightSection={availability === 'checking' ? <Loader size="xs" aria-hidden="true" /> : null}
      autoComplete="off"
      spellCheck={false}
    />
  );
}
