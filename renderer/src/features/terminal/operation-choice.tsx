import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useIntl } from 'react-intl';
import type { TerminalOperation } from '../../state/terminal-store.js';

interface OperationChoiceProps {
  readonly value: TerminalOperation;
  readonly allowCredit: boolean;
  onChange(value: TerminalOperation): void;
}

/** Payment (charged now), authorization (reserved, captured later) or credit where allowed. */
export function OperationChoice({ value, allowCredit, onChange }: OperationChoiceProps) {
  const intl = useIntl();
  const labelId = useId();
  const choices: TerminalOperation[] = allowCredit ? ['payment', 'authorization', 'credit'] : ['payment', 'authorization'];
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
          data={choices.map((choice) => ({ value: choice, label: intl.formatMessage({ id: `terminal.operation.${choice}` }) }))}
        />
      </div>
      <Text size="xs" c="dimmed">
        {intl.formatMessage({ id: `terminal.operation.${value}.hint` })}
      </Text>
    </Stack>
  );
}
