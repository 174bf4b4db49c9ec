import { Group, Loader, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { OperationView } from '../../../../shared/contract/terminal.js';

const COLOR: Readonly<Record<OperationView['confirmation'], string>> = {
  none: 'dimmed',
  awaiting: 'dimmed',
  confirmed: 'teal.9',
  discrepancy: 'red.9',
  not_found_yet: 'orange.9',
  not_found: 'dimmed',
};

/** What the gateway's record says so far (notification or lookup); read out as it changes. */
export function ConfirmationState({ confirmation }: { confirmation: OperationView['confirmation'] }) {
  const intl = useIntl();
  const text = confirmation === 'none' ? '' : intl.formatMessage({ id: `terminal.confirmation.${confirmation}` });
  const checking = confirmation === 'awaiting' || confirmation === 'not_found_yet';
  return (
    <Group gap="xs" role="status" aria-live="polite" data-testid="confirmation" data-state={confirmation} mih={24}>
      {checking && <Loader size="xs" aria-hidden="true" />}
      {confirmation === 'confirmed' && (
        <Text span c="teal.9" fw={700} aria-hidden="true">
          ✓
        </Text>
      )}
      {text && (
        <Text size="sm" fw={confirmation === 'discrepancy' || confirmation === 'not_found_yet' ? 700 : 500} c={COLOR[confirmation]}>
          {text}
        </Text>
      )}
    </Group>
  );
}
