import { Alert, Checkbox, List, Stack, Text, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { formatTimeOfDay } from '../../i18n/format-date-time.js';

export interface DuplicateOverride {
  readonly acknowledged: boolean;
  readonly reason: string;
}

const MIN_OVERRIDE_REASON = 3;

export function overrideComplete(override: DuplicateOverride): boolean {
  return override.acknowledged && override.reason.trim().length >= MIN_OVERRIDE_REASON;
}

interface DuplicateWarningProps {
  readonly matches: readonly OperationView[];
  readonly windowMinutes: number;
  readonly last4: string;
  readonly override: DuplicateOverride;
  onOverride(override: DuplicateOverride): void;
}

/**
 * Same last four digits and amount within the window: perhaps a colleague already took this
 * payment. Going on needs a tick and a reason, which core records with the operation.
 */
export function DuplicateWarning({ matches, windowMinutes, last4, override, onOverride }: DuplicateWarningProps) {
  const intl = useIntl();
  const first = matches[0];
  return (
    <Alert color="orange" variant="light" title={intl.formatMessage({ id: 'terminal.duplicate.title' })} role="alert" data-testid="duplicate-warning">
      <Stack gap="xs">
        <Text size="sm">
          {intl.formatMessage(
            { id: 'terminal.duplicate.body' },
            { count: matches.length, last4, minutes: windowMinutes, amount: first ? formatAmount(first.amount, first.currency, intl.locale) : '' },
          )}
        </Text>
        <List size="sm" spacing={2}>
          {matches.slice(0, 5).map((match) => (
            <List.Item key={match.id}>
              {intl.formatMessage(
                { id: match.operator ? 'terminal.duplicate.matchBy' : 'terminal.duplicate.match' },
                {
                  time: formatTimeOfDay(intl, match.createdAt),
                  orderId: match.orderId,
                  status: intl.formatMessage({ id: `opstatus.${match.status}` }),
                  operator: match.operator ?? '',
                },
              )}
            </List.Item>
          ))}
        </List>
        <Checkbox
          data-autofocus
          label={intl.formatMessage({ id: 'terminal.duplicate.acknowledge' })}
          checked={override.acknowledged}
          onChange={(event) => onOverride({ ...override, acknowledged: event.currentTarget.checked })}
        />
        {override.acknowledged && (
          <TextInput
            label={intl.formatMessage({ id: 'terminal.duplicate.reason' })}
            description={intl.formatMessage({ id: 'terminal.duplicate.reasonHint' }, { min: MIN_OVERRIDE_REASON })}
            required
            maxLength={200}
            value={override.reason}
            onChange={(event) => onOverride({ ...override, reason: event.currentTarget.value })}
            autoComplete="off"
          />
        )}
      </Stack>
    </Alert>
  );
}
