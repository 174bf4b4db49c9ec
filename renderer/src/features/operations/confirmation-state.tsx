import { Group, Loader, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import type { OutcomeTone } from './outcome-wording.js';

const COLOR: Readonly<Record<OperationView['confirmation'], string>> = {
  none: 'dimmed',
  awaiting: 'dimmed',
  confirmed: 'teal.9',
  discrepancy: 'red.9',
  not_found_yet: 'orange.9',
  not_found: 'dimmed',
};

/**
 * What the gateway's record says so far (notification or lookup); read out as it changes. A
 * confirmed decline is confirmed too, but without the green tick of a success beside it.
 */
export function ConfirmationState({ confirmation, tone }: { confirmation: OperationView['confirmation']; tone: OutcomeTone }) {
  const intl = useIntl();
  const failure = tone === 'failure';
  const key = confirmation === 'confirmed' && failure ? 'terminal.confirmation.confirmedFailure' : `terminal.confirmation.${confirmation}`;
  const text = confirmation === 'none' ? '' : intl.formatMessage({ id: key });
  const checking = confirmation === 'awaiting' || confirmation === 'not_found_yet';
  return (
    <Group gap="xs" role="status" aria-live="polite" data-testid="confirmation" data-state={confirmation} mih={24}>
      {checking && <Loader size="xs" aria-hidden="true" />}
      {confirmation === 'confirmed' && !failure && (
        <Text span c="teal.9" fw={700} aria-hidden="true" data-testid="confirmation-tick">
          ✓
        </Text>
      )}
      {text && (
        <Text
          size="sm"
          fw={confirmation === 'discrepancy' || confirmation === 'not_found_yet' ? 700 : 500}
          c={confirmation === 'confirmed' && failure ? 'dark.7' : COLOR[confirmation]}
        >
          {text}
        </Text>
      )}
    </Group>
  );
}
