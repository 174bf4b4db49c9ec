import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { AppDialog } from '../../app/app-dialog.js';
import { useArmed } from './use-armed.js';

interface ConfirmDialogProps {
  readonly opened: boolean;
  readonly title: string;
  readonly body: string;
  readonly confirm: string;
  readonly cancel: string;
  readonly busy: boolean;
  /** Core's refusal, shown where the operator is looking. */
  readonly failure?: ReactNode;
  /** `data-testid` of the confirming button; the dialog's is `dialogTestId`. */
  readonly testId: string;
  readonly dialogTestId?: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * One explicit confirmation before something that cannot be undone. The safe choice has the
 * focus, and the confirming button ignores activation until it is armed (a pause after the
 * dialog appears), so neither Enter nor a double click confirms by accident.
 */
export function ConfirmDialog({ opened, title, body, confirm, cancel, busy, failure, testId, dialogTestId, onConfirm, onCancel }: ConfirmDialogProps) {
  const intl = useIntl();
  const armed = useArmed(opened);
  return (
    <AppDialog opened={opened} onClose={onCancel} title={title} closeOnEscape={!busy} testId={dialogTestId}>
      <Stack gap="md">
        <Text>{body}</Text>
        {failure && (
          <Alert color="red" role="alert" title={intl.formatMessage({ id: 'terminal.followUp.failed' })}>
            {failure}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onCancel} disabled={busy} data-autofocus>
            {cancel}
          </Button>
          <Button
            color="red"
            onClick={() => armed && !busy && onConfirm()}
            loading={busy}
            aria-disabled={!armed || undefined}
            data-armed={armed}
            data-testid={testId}
          >
            {confirm}
          </Button>
        </Group>
      </Stack>
    </AppDialog>
  );
}
