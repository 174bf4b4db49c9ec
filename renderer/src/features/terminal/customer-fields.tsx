import { SimpleGrid, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { PaymentDraft } from '../../state/terminal-store.js';
import { errorText } from '../../app/field-error.js';
import { FIELD_IDS, type FieldErrors } from './validate-payment.js';

type CustomerPatch = Partial<Pick<PaymentDraft, 'customerIdent' | 'customerName' | 'customerEmail' | 'description'>>;

interface CustomerFieldsProps {
  readonly draft: PaymentDraft;
  readonly errors: FieldErrors;
  /** A saved card is charged for the customer who saved it: only the description is asked. */
  readonly savedCustomer: boolean;
  onEdit(patch: CustomerPatch): void;
  onBlurEmail(): void;
}

/** Who pays and what for (the email is required by the gateway); kept with the operation, never card data. */
export function CustomerFields({ draft, errors, savedCustomer, onEdit, onBlurEmail }: CustomerFieldsProps) {
  const intl = useIntl();
  const common = { autoComplete: 'off', spellCheck: false } as const;
  const description = (
    <TextInput
      label={intl.formatMessage({ id: 'terminal.description' })}
      maxLength={510}
      value={draft.description}
      onChange={(event) => onEdit({ description: event.currentTarget.value })}
      {...common}
    />
  );
  if (savedCustomer) return description;
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={intl.formatMessage({ id: 'terminal.customer.ident' })}
          maxLength={255}
          value={draft.customerIdent}
          onChange={(event) => onEdit({ customerIdent: event.currentTarget.value })}
          {...common}
        />
        <TextInput
          label={intl.formatMessage({ id: 'terminal.customer.name' })}
          maxLength={255}
          value={draft.customerName}
          onChange={(event) => onEdit({ customerName: event.currentTarget.value })}
          {...common}
        />
      </SimpleGrid>
      <TextInput
        id={FIELD_IDS.customerEmail}
        type="email"
        required
        label={intl.formatMessage({ id: 'terminal.customer.email' })}
        maxLength={255}
        value={draft.customerEmail}
        onChange={(event) => onEdit({ customerEmail: event.currentTarget.value })}
        onBlur={onBlurEmail}
        error={errorText(intl, errors.customerEmail)}
        {...common}
      />
      {description}
    </>
  );
}
