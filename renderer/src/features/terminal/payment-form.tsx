import { Alert, Button, Grid, Group, Kbd, Paper, Stack, VisuallyHidden } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import type { CardBrand } from '../../../../shared/domain/card.js';
import type { PaymentDraft } from '../../state/terminal-store.js';
import { AccountPicker } from './account-picker.js';
import type { CardEntry } from './card-entry.js';
import { CardSection } from './card-section.js';
import { moveOnEnter } from './enter-navigation.js';
import { OptionsSection } from './options-section.js';
import { PaymentDetailsSection } from './payment-details-section.js';
import { SavedCardSection } from './saved-card-section.js';
import { FIELD_LABELS } from './use-payment-validation.js';
import { FIELD_ORDER, REVIEW_BUTTON_ID, type FieldErrors, type FieldName, type OrderIdAvailability } from './validate-payment.js';

export interface PaymentFormProps {
  readonly accounts: readonly AccountSummary[];
  readonly account: AccountSummary;
  readonly draft: PaymentDraft;
  readonly card: CardEntry;
  readonly brand: CardBrand;
  readonly amount: number | undefined;
  readonly orderIdAvailability: OrderIdAvailability;
  readonly orderIdGenerationFailed: boolean;
  readonly errors: FieldErrors;
  /** Set after a refused attempt to review: the summary lists what to fix. */
  readonly showSummary: boolean;
  readonly announcement: string;
  readonly preparing: boolean;
  readonly submitError: string | undefined;
  onAccount(accountId: number): void;
  onEdit(patch: Partial<Omit<PaymentDraft, 'idempotencyKey'>>): void;
  onCard(patch: Partial<CardEntry>): void;
  onBlur(field: FieldName): void;
  onReview(): void;
  onClear(): void;
  onFreshOrderId(): void;
}

/** The form, laid out in the order of a phone call: amount, reference, customer, then the card. */
export function PaymentForm(props: PaymentFormProps) {
  const { account, draft, errors } = props;
  const intl = useIntl();
  const invalid = FIELD_ORDER.filter((field) => errors[field]);
  return (
    <form
      noValidate
      aria-label={intl.formatMessage({ id: 'terminal.form' })}
      onSubmit={(event) => {
        event.preventDefault();
        props.onReview();
      }}
      onKeyDown={(event) => moveOnEnter(event, props.onReview)}
    >
      <Stack gap="md">
        <Paper withBorder radius="md" px="md" py="xs" bg="gray.0">
          <AccountPicker accounts={props.accounts} account={account} onChange={props.onAccount} />
        </Paper>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <PaymentDetailsSection
              account={account}
              draft={draft}
              orderIdAvailability={props.orderIdAvailability}
              orderIdGenerationFailed={props.orderIdGenerationFailed}
              errors={errors}
              onEdit={props.onEdit}
              onBlur={props.onBlur}
              onFreshOrderId={props.onFreshOrderId}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            {draft.rebill ? (
              <SavedCardSection draft={{ ...draft, rebill: draft.rebill }} onEdit={props.onEdit} />
            ) : (
              <Stack gap="md">
                <CardSection card={props.card} brand={props.brand} errors={errors} onCard={props.onCard} onBlur={props.onBlur} />
                <OptionsSection account={account} draft={draft} amount={props.amount} error={errors.instalments} onEdit={props.onEdit} />
              </Stack>
            )}
          </Grid.Col>
        </Grid>

        {props.showSummary && invalid.length > 0 && (
          <Alert color="red" role="alert" title={intl.formatMessage({ id: 'terminal.summary.title' }, { count: invalid.length })}>
            {invalid.map((field) => intl.formatMessage({ id: FIELD_LABELS[field] })).join(' · ')}
          </Alert>
        )}
        {props.submitError && (
          <Alert color="red" role="alert" title={intl.formatMessage({ id: 'terminal.submitError.title' })}>
            {props.submitError}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" size="md" loading={props.preparing} id={REVIEW_BUTTON_ID} data-testid="review-button">
            {intl.formatMessage({ id: 'terminal.review' })}
          </Button>
          <Button variant="default" size="md" onClick={props.onClear}>
            {intl.formatMessage({ id: 'terminal.clear' })} <Kbd ml={6}>Esc</Kbd>
          </Button>
        </Group>
        <VisuallyHidden role="status" aria-live="polite">
          {props.announcement}
        </VisuallyHidden>
      </Stack>
    </form>
  );
}
