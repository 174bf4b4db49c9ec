import { Button, Group, Stack, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { AppDialog } from '../../app/app-dialog.js';

/**
 * Leaving the terminal with card details typed: they are never kept anywhere, so leaving erases
 * them; the rest of the payment waits for the operator's return.
 */
export function LeaveDialog({ opened, onLeave, onStay }: { opened: boolean; onLeave(): void; onStay(): void }) {
  const intl = useIntl();
  return (
    <AppDialog opened={opened} onClose={onStay} title={intl.formatMessage({ id: 'terminal.leave.title' })} testId="leave-dialog">
      <Stack gap="md">
        <Text>{intl.formatMessage({ id: 'terminal.leave.body' })}</Text>
        <Group justify="space-between">
          <Button variant="default" onClick={onStay} data-autofocus>
            {intl.formatMessage({ id: 'terminal.leave.stay' })}
          </Button>
          <Button color="red" onClick={onLeave} data-testid="leave-confirm">
            {intl.formatMessage({ id: 'terminal.leave.confirm' })}
          </Button>
        </Group>
      </Stack>
    </AppDialog>
  );
}
