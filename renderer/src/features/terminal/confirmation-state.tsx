import { Group, Loader, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { OperationView } from '../../../../shared/contract/terminal.js';

/** Whether the gateway's notification has confirmed the answer; read out as it changes. */
export function ConfirmationState({ confirmation }: { confirmation: OperationView['confirmation'] }) {
  const intl = useIntl();
  const text = confirmation === 'none' ? '' : intl.formatMessage({ id: `terminal.confirmation.${confirmation}` });
  return (
    <Group gap="xs" role="status" aria-live="polite" data-testid="confirmation" data-state={confirmation} mih={24}>
      {confirmation === 'awaiting' && <Loader size="xs" aria-hidden="true" />}
      {confirmation === 'confirmed' && (
        <Text span c="teal.9" fw={700} aria-hidden="true">
          ✓
        </Text>
      )}
      {text && (
        <Text size="sm" fw={confirmation === 'discrepancy' ? 700 : 500} c={confirmation === 'discrepancy' ? 'red.9' : confirmation === 'confirmed' ? 'teal.9' : 'dimmed'}>
          {text}
        </Text>
      )}
    </Group>
  );
}
