import { TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { EXPIRY_MASK } from './card-masks.js';
import { errorText, type FieldError } from '../../app/field-error.js';
import { UNREMEMBERED_INPUT } from './sensitive-input.js';
import { useMaskedChange } from './use-masked-change.js';

interface ExpiryFieldProps {
  readonly id: string;
  readonly value: string;
  readonly error: FieldError | undefined;
  onValue(value: string): void;
  onBlur(): void;
}

/** `MM/YY`; the slash comes by itself. Past dates are refused by validation, not by the mask. */
export function ExpiryField({ id, value, error, onValue, onBlur }: ExpiryFieldProps) {
  const intl = useIntl();
  const onChange = useMaskedChange(EXPIRY_MASK, value, (digits) => onValue(EXPIRY_MASK.format(digits)));
  return (
    <TextInput
      id={id}
      label={intl.formatMessage({ id: 'terminal.card.expiry' })}
      placeholder={intl.formatMessage({ id: 'terminal.card.expiryPlaceholder' })}
      description={intl.formatMessage({ id: 'terminal.card.expiryHint' })}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      inputMode="numeric"
      required
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      error={errorText(intl, error)}
      {...UNREMEMBERED_INPUT}
    />
  );
}
