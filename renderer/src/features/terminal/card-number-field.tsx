import { Badge, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { formatCardNumber, type CardBrand } from '../../../../shared/domain/card.js';
import { CARD_NUMBER_MASK } from './card-masks.js';
import { errorText, type FieldError } from '../../app/field-error.js';
import { UNCOPYABLE_INPUT, UNREMEMBERED_INPUT } from './sensitive-input.js';
import { useMaskedChange } from './use-masked-change.js';

interface CardNumberFieldProps {
  readonly id: string;
  readonly digits: string;
  readonly brand: CardBrand;
  readonly error: FieldError | undefined;
  onDigits(digits: string): void;
  onBlur(): void;
}

/** Grouped by brand as typed (Amex 4-6-5, up to 19 digits), pastes cleaned, caret kept. */
export function CardNumberField({ id, digits, brand, error, onDigits, onBlur }: CardNumberFieldProps) {
  const intl = useIntl();
  const display = formatCardNumber(digits);
  const onChange = useMaskedChange(CARD_NUMBER_MASK, display, onDigits);
  const brandName = intl.formatMessage({ id: `brand.${brand}` });
  return (
    <TextInput
      id={id}
      label={intl.formatMessage({ id: 'terminal.card.number' })}
      description={
        digits.length > 0 && brand !== 'unknown'
          ? intl.formatMessage({ id: 'terminal.card.brandDetected' }, { brand: brandName })
          : intl.formatMessage({ id: 'terminal.card.numberHint' })
      }
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      inputMode="numeric"
      required
      value={display}
      onChange={onChange}
      onBlur={onBlur}
      error={errorText(intl, error)}
      rightSectionWidth={132}
      rightSection={
        brand !== 'unknown' ? (
          <Badge variant="light" color="blue" aria-hidden="true" data-testid="card-brand">
            {brandName}
          </Badge>
        ) : null
      }
      styles={{ input: { fontVariantNumeric: 'tabular-nums', letterSpacing: '0.04em' } }}
      {...UNREMEMBERED_INPUT}
      {...UNCOPYABLE_INPUT}
    />
  );
}
