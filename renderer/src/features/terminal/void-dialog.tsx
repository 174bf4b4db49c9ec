import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { AppDialog } from '../../app/app-dialog.js';
import { useArmed } from './use-armed.js';

interface VoidDialogProps {
  readonly opened: boolean;
  readonly amount: string;
  readonly busy: boolean;
  readonly failure: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/** Releasing an authorization cannot be undone: one explicit confirmation, armed after a pause. */
export function VoidDialog({ opened, amount, busy, failure, onConfirm, onCancel }: VoidDialogProps) {
  const intl = useIntl();
  const armed = useArmed(opened);
  return (
    <AppDialog opened={opened} onClose={onCancel} title={intl.formatMessage({ id: 'terminal.void.title' })} closeOnEscape={!busy} testId="void-dialog">
      <Stack gap="md">
        <Text>{intl.formatMessage({ id: 'terminal.void.body' }, { amount })}</Text>
        {failure && (
          <Alert color="red" role="alert" title={intl.formatMessage({ id: 'terminal.followUp.failed' })}>
            {failure}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onCancel} disabled={busy} data-autofocus>
            {intl.formatMessage({ id: 'common.cancel' })}
          </Button>
          <Button
            color="red"
            onClick={() => armed && !busy && onConfirm()}
            loading={busy}
            aria-disabled={!armed || undefined}
            data-armed={armed}
            data-testid="void-confirm"
          >
            {intl.formatMessage({ id: 'terminal.void.confirm' })}
          </Button>
        </Group>
      </Stack>
    </AppDialog>
  );
}
