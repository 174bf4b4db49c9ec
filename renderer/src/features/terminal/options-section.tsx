import { Checkbox, Paper, Stack, Title } from '@mantine/core';
import { memo } from 'react';
import { useIntl } from 'react-intl';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import type { InstalmentDraft, PaymentDraft } from '../../state/terminal-store.js';
import { defaultSchedule } from './instalment-schedule.js';
import { InstalmentsEditor } from './instalments-editor.js';
import { FIELD_IDS } from './validate-payment.js';
import type { FieldError } from '../../app/field-error.js';

interface OptionsSectionProps {
  readonly account: AccountSummary;
  readonly draft: PaymentDraft;
  /** The amount in minor units, when it parses (instalments split it). */
  readonly amount: number | undefined;
  readonly error: FieldError | undefined;
  onEdit(patch: Partial<Omit<PaymentDraft, 'idempotencyKey'>>): void;
}

/**
 * Save the card (alias) and instalments; Enter passes over these, Tab reaches them. An option
 * the chosen operation does not allow stays visible, disabled, saying why.
 */
export const OptionsSection = memo(function OptionsSection({ account, draft, amount, error, onEdit }: OptionsSectionProps) {
  const intl = useIntl();
  const now = Date.now();
  const setInstalments = (on: boolean) => onEdit({ instalments: on ? defaultSchedule(amount ?? 0, 3, now, account.currency, intl.locale) : null });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="terminal-section-options">
      <Stack gap="sm">
        <Title order={2} size="h5" id="terminal-section-options">
          {intl.formatMessage({ id: 'terminal.section.options' })}
        </Title>
        <div data-enter-skip>
          <Checkbox
            label={intl.formatMessage({ id: 'terminal.saveCard' })}
            description={intl.formatMessage({ id: draft.operation === 'credit' ? 'terminal.saveCard.disabledCredit' : 'terminal.saveCardHint' })}
            checked={draft.saveCard && draft.operation !== 'credit'}
            disabled={draft.operation === 'credit'}
            onChange={(event) => onEdit({ saveCard: event.currentTarget.checked })}
          />
        </div>
        <div data-enter-skip>
          <Checkbox
            label={intl.formatMessage({ id: 'terminal.instalments.enable' })}
            description={intl.formatMessage({ id: draft.operation === 'payment' ? 'terminal.instalments.hint' : 'terminal.instalments.disabled' })}
            checked={draft.operation === 'payment' && draft.instalments !== null}
            disabled={draft.operation !== 'payment'}
            onChange={(event) => setInstalments(event.currentTarget.checked)}
          />
        </div>
        {draft.operation === 'payment' && draft.instalments && (
          <InstalmentsEditor
            countId={FIELD_IDS.instalments}
            rows={draft.instalments}
            total={amount}
            currency={account.currency}
            now={now}
            error={error}
            onRows={(instalments: InstalmentDraft[]) => onEdit({ instalments })}
          />
        )}
      </Stack>
    </Paper>
  );
});
