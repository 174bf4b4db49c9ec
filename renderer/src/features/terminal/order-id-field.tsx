import { Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { errorText, type FieldError } from '../../app/field-error.js';
import type { OrderIdAvailability } from './validate-payment.js';

interface OrderIdFieldProps {
  readonly id: string;
  readonly value: string;
  /** The operator typed this reference; otherwise it is the account's next free one. */
  readonly edited: boolean;
  readonly availability: OrderIdAvailability;
  readonly generationFailed: boolean;
  readonly error: FieldError | undefined;
  onValue(value: string): void;
  onBlur(): void;
  onFresh(): void;
}

/**
 * Prefilled with the account's next free reference, which is only taken when the payment is
 * sent; editable, said to be free or taken as it changes, and back to a generated one on demand.
 */
export function OrderIdField({ id, value, edited, availability, generationFailed, error, onValue, onBlur, onFresh }: OrderIdFieldProps) {
  const intl = useIntl();
  const shownError = errorText(intl, error ?? (availability === 'taken' && edited ? { id: 'terminal.error.orderId.taken' } : undefined));
  const status =
    availability === 'checking' ? (
      <Text span size="xs" c="dimmed">
        {intl.formatMessage({ id: 'terminal.orderId.checking' })}
      </Text>
    ) : generationFailed ? (
      intl.formatMessage({ id: 'terminal.orderId.generationFailed' })
    ) : !edited && value !== '' ? (
      intl.formatMessage({ id: 'terminal.orderId.generated' })
    ) : availability === 'available' ? (
      <Text span size="xs" c="teal.9" data-testid="order-id-available">
        {intl.formatMessage({ id: 'terminal.orderId.available' })}
      </Text>
    ) : (
      intl.formatMessage({ id: 'terminal.orderId.hint' })
    );
  return (
    <Stack gap={4}>
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
        data-generated={!edited || undefined}
      />
      {edited && (
        <Group>
          <Button variant="subtle" size="compact-sm" onClick={onFresh} data-testid="order-id-fresh">
            {intl.formatMessage({ id: 'terminal.orderId.fresh' })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
