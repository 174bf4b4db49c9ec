import { TextInput } from '@mantine/core';
import type { ChangeEvent } from 'react';
import { useIntl } from 'react-intl';
import { cvvLength, type CardBrand } from '../../../../shared/domain/card.js';
import { errorText, type FieldError } from '../../app/field-error.js';
import { UNCOPYABLE_INPUT, UNREMEMBERED_INPUT } from './sensitive-input.js';

interface CvvFieldProps {
  readonly id: string;
  readonly value: string;
  readonly brand: CardBrand;
  readonly error: FieldError | undefined;
  onValue(value: string): void;
  onBlur(): void;
}

/** Masked like a password (shoulder-surfing, screen recordings), as long as the brand's code. */
export function CvvField({ id, value, brand, error, onValue, onBlur }: CvvFieldProps) {
  const intl = useIntl();
  const length = cvvLength(brand);
  return (
    <TextInput
      id={id}
      type="password"
      label={intl.formatMessage({ id: 'terminal.card.cvv' })}
      description={intl.formatMessage({ id: 'terminal.card.cvvHint' }, { length })}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      inputMode="numeric"
      required
      maxLength={length}
      value={value}
      onChange={(event: ChangeEvent<HTMLInputElement>) => onValue(event.currentTarget.value.replace(/\D+/g, '').slice(0, length))}
      onBlur={onBlur}
      error={errorText(intl, error)}
      {...UNREMEMBERED_INPUT}
      {...UNCOPYABLE_INPUT}
    />
  );
}
