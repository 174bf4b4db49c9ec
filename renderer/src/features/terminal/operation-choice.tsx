import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useIntl } from 'react-intl';
import type { TerminalOperation } from '../../state/terminal-store.js';

interface OperationChoiceProps {
  readonly value: TerminalOperation;
  readonly allowCredit: boolean;
  /** Charging a saved card: a payment or an authorization, never a credit. */
  readonly savedCard: boolean;
  onChange(value: TerminalOperation): void;
}

/**
 * Payment (charged now), authorization (reserved, captured later) or credit (money sent to the
 * card). A choice that is not available stays visible, disabled, and the hint says why.
 */
export function OperationChoice({ value, allowCredit, savedCard, onChange }: OperationChoiceProps) {
  const intl = useIntl();
  const labelId = useId();
  const creditDisabledWhy = savedCard ? 'terminal.operation.credit.noSavedCard' : allowCredit ? undefined : 'terminal.operation.credit.notAllowed';
  return (
    <Stack gap={4}>
      <Text id={labelId} size="sm" fw={500}>
        {intl.formatMessage({ id: 'terminal.operation' })}
      </Text>
      <div role="radiogroup" aria-labelledby={labelId}>
        <SegmentedControl
          name="terminal-operation"
          value={value}
          onChange={(next) => onChange(next as TerminalOperation)}
          data={(['payment', 'authorization', 'credit'] as const).map((choice) => ({
            value: choice,
            label: intl.formatMessage({ id: `terminal.operation.${choice}` }),
            disabled: choice === 'credit' && creditDisabledWhy !== undefined,
          }))}
        />
      </div>
      <Text size="xs" c="dimmed">
        {intl.formatMessage({ id: `terminal.operation.${value}.hint` })}
      </Text>
      {creditDisabledWhy && (
        <Text size="xs" c="dimmed" data-testid="credit-unavailable">
          {intl.formatMessage({ id: creditDisabledWhy })}
        </Text>
      )}
    </Stack>
  );
}
