import { Button, Group, Stack, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { AppDialog } from '../../app/app-dialog.js';

/** Esc (or a new payment) on a form with something typed: ask before throwing it away. */
export function DiscardDialog({ opened, onDiscard, onKeep }: { opened: boolean; onDiscard(): void; onKeep(): void }) {
  const intl = useIntl();
  return (
    <AppDialog opened={opened} onClose={onKeep} title={intl.formatMessage({ id: 'terminal.discard.title' })} returnFocus testId="discard-dialog">
      <Stack gap="md">
        <Text>{intl.formatMessage({ id: 'terminal.discard.body' })}</Text>
        <Group justify="space-between">
          <Button variant="default" onClick={onKeep} data-autofocus>
            {intl.formatMessage({ id: 'terminal.discard.keep' })}
          </Button>
          <Button color="red" onClick={onDiscard} data-testid="discard-confirm">
            {intl.formatMessage({ id: 'terminal.discard.confirm' })}
          </Button>
        </Group>
      </Stack>
    </AppDialog>
  );
}
