import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useIntl } from 'react-intl';

/** Esc (or a new payment) on a form with something typed: ask before throwing it away. */
export function DiscardDialog({ opened, onDiscard, onKeep }: { opened: boolean; onDiscard(): void; onKeep(): void }) {
  const intl = useIntl();
  return (
    <Modal opened={opened} onClose={onKeep} title={intl.formatMessage({ id: 'terminal.discard.title' })} transitionProps={{ duration: 0 }} returnFocus>
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
    </Modal>
  );
}
