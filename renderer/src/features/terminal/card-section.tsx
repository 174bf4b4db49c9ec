import { Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { memo } from 'react';
import { useIntl } from 'react-intl';
import type { CardBrand } from '../../../../shared/domain/card.js';
import { isCoBadgeable, type CardEntry } from './card-entry.js';
import { CardNumberField } from './card-number-field.js';
import { CvvField } from './cvv-field.js';
import { ExpiryField } from './expiry-field.js';
import { errorText } from '../../app/field-error.js';
import { NetworkChoice } from './network-choice.js';
import { UNREMEMBERED_INPUT } from './sensitive-input.js';
import { FIELD_IDS, type FieldErrors, type FieldName } from './validate-payment.js';

interface CardSectionProps {
  readonly card: CardEntry;
  readonly brand: CardBrand;
  readonly errors: FieldErrors;
  onCard(patch: Partial<CardEntry>): void;
  onBlur(field: FieldName): void;
}

/** The card as read out by the customer; memoised, so clearing it re-renders only this part. */
export const CardSection = memo(function CardSection({ card, brand, errors, onCard, onBlur }: CardSectionProps) {
  const intl = useIntl();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="terminal-section-card">
      <Stack gap="sm">
        <Title order={2} size="h4" id="terminal-section-card">
          {intl.formatMessage({ id: 'terminal.section.card' })}
        </Title>
        <CardNumberField
          id={FIELD_IDS.cardNumber}
          digits={card.digits}
          brand={brand}
          error={errors.cardNumber}
          onDigits={(digits) => onCard({ digits })}
          onBlur={() => onBlur('cardNumber')}
        />
        <Group grow align="flex-start" gap="sm">
          <ExpiryField
            id={FIELD_IDS.expiry}
            value={card.expiry}
            error={errors.expiry}
            onValue={(expiry) => onCard({ expiry })}
            onBlur={() => onBlur('expiry')}
          />
          <CvvField id={FIELD_IDS.cvv} value={card.cvv} brand={brand} error={errors.cvv} onValue={(cvv) => onCard({ cvv })} onBlur={() => onBlur('cvv')} />
        </Group>
        <TextInput
          id={FIELD_IDS.holder}
          label={intl.formatMessage({ id: 'terminal.card.holder' })}
          required
          maxLength={255}
          value={card.holder}
          onChange={(event) => onCard({ holder: event.currentTarget.value })}
          onBlur={() => onBlur('holder')}
          error={errorText(intl, errors.holder)}
          {...UNREMEMBERED_INPUT}
        />
        {isCoBadgeable(brand) && (
          <div data-enter-skip>
            <NetworkChoice brand={brand} value={card.network} onChange={(network) => onCard({ network })} />
          </div>
        )}
      </Stack>
    </Paper>
  );
});
