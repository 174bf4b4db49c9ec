import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useIntl } from 'react-intl';

interface VoidDialogProps {
  readonly opened: boolean;
  readonly amount: string;
  readonly busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Releasing an authorization cannot be undone: one explicit confirmation. */
export function VoidDialog({ opened, amount, busy, onConfirm, onCancel }: VoidDialogProps) {
  const intl = useIntl();
  return (
    <Modal opened={opened} onClose={onCancel} title={intl.formatMessage({ id: 'terminal.void.title' })} transitionProps={{ duration: 0 }} closeOnEscape={!busy}>
      <Stack gap="md">
        <Text>{intl.formatMessage({ id: 'terminal.void.body' }, { amount })}</Text>
        <Group justify="space-between">
          <Button variant="default" onClick={onCancel} disabled={busy} data-autofocus>
            {intl.formatMessage({ id: 'common.cancel' })}
          </Button>
          <Button color="red" onClick={onConfirm} loading={busy} data-testid="void-confirm">
            {intl.formatMessage({ id: 'terminal.void.confirm' })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
