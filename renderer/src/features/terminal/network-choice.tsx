import { Radio, Group } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { NetworkChoice as Choice } from './card-entry.js';

interface NetworkChoiceProps {
  readonly brand: 'visa' | 'mastercard';
  readonly value: Choice;
  onChange(value: Choice): void;
}

/**
 * Visa and Mastercard cards issued in France are usually co-badged CB; the cardholder, not
 * the merchant, picks the network (EU 2015/751 art. 8). The card's own brand is the default.
 */
export function NetworkChoice({ brand, value, onChange }: NetworkChoiceProps) {
  const intl = useIntl();
  return (
    <Radio.Group
      label={intl.formatMessage({ id: 'terminal.card.network' })}
      description={intl.formatMessage({ id: 'terminal.card.networkHint' })}
      value={value}
      onChange={(next) => onChange(next === 'cb' ? 'cb' : 'brand')}
    >
      <Group gap="lg" mt={6}>
        <Radio value="brand" label={intl.formatMessage({ id: `brand.${brand}` })} />
        <Radio value="cb" label={intl.formatMessage({ id: 'brand.cb' })} />
      </Group>
    </Radio.Group>
  );
}
