import { Paper, Stack, Title } from '@mantine/core';
import { memo } from 'react';
import { useIntl } from 'react-intl';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import type { PaymentDraft } from '../../state/terminal-store.js';
import { AmountField } from './amount-field.js';
import { CustomerFields } from './customer-fields.js';
import { OperationChoice } from './operation-choice.js';
import { OrderIdField } from './order-id-field.js';
import { FIELD_IDS, type FieldErrors, type FieldName, type OrderIdAvailability } from './validate-payment.js';

interface PaymentDetailsSectionProps {
  readonly account: AccountSummary;
  readonly draft: PaymentDraft;
  readonly orderIdAvailability: OrderIdAvailability;
  readonly orderIdGenerationFailed: boolean;
  readonly errors: FieldErrors;
  onEdit(patch: Partial<Omit<PaymentDraft, 'idempotencyKey'>>): void;
  onBlur(field: FieldName): void;
  onFreshOrderId(): void;
}

/** What is charged and to whom; memoised so typing the card does not re-render it. */
export const PaymentDetailsSection = memo(function PaymentDetailsSection(props: PaymentDetailsSectionProps) {
  const { account, draft, errors, onEdit, onBlur } = props;
  const intl = useIntl();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="terminal-section-payment">
      <Stack gap="sm">
        <Title order={2} size="h4" id="terminal-section-payment">
          {intl.formatMessage({ id: 'terminal.section.payment' })}
        </Title>
        <OperationChoice
          value={draft.operation}
          allowCredit={account.allowCredit}
          savedCard={draft.rebill !== null}
          onChange={(operation) => onEdit({ operation, ...(operation !== 'payment' ? { instalments: null } : {}) })}
        />
        <AmountField
          id={FIELD_IDS.amount}
          value={draft.amountText}
          currency={account.currency}
          error={errors.amount}
          onValue={(amountText) => onEdit({ amountText })}
          onBlur={() => onBlur('amount')}
        />
        <OrderIdField
          id={FIELD_IDS.orderId}
          value={draft.orderId}
          edited={draft.orderIdEdited}
          availability={props.orderIdAvailability}
          generationFailed={props.orderIdGenerationFailed}
          error={errors.orderId}
          onValue={(orderId) => onEdit({ orderId, orderIdEdited: true })}
          onBlur={() => onBlur('orderId')}
          onFresh={props.onFreshOrderId}
        />
        <CustomerFields draft={draft} errors={errors} savedCustomer={draft.rebill !== null} onEdit={onEdit} onBlurEmail={() => onBlur('customerEmail')} />
      </Stack>
    </Paper>
  );
});
