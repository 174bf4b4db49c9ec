import { Alert, Button, Group, Stack, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { AppDialog } from '../../app/app-dialog.js';

interface FollowUpDialogProps {
  readonly opened: boolean;
  readonly title: string;
  readonly testId: string;
  readonly busy: boolean;
  onCancel(): void;
  /** The form, mounted only while the dialog is open so that it starts afresh each time. */
  readonly children: ReactNode;
}

/** A capture or a refund: Esc closes it unless the request is on its way. */
export function FollowUpDialog({ opened, title, testId, busy, onCancel, children }: FollowUpDialogProps) {
  return (
    <AppDialog opened={opened} onClose={onCancel} closeOnEscape={!busy} title={title} testId={testId}>
      {opened && children}
    </AppDialog>
  );
}

interface FollowUpFormProps {
  readonly busy: boolean;
  /** Core's refusal, shown where the operator is looking. */
  readonly failure: ReactNode;
  /** The confirming button ignores activation until then (`useArmed`). */
  readonly armed: boolean;
  readonly confirm: { readonly label: string; readonly testId: string; readonly disabled: boolean; readonly color?: MantineColor };
  onSubmit(): void;
  onCancel(): void;
  /** The fields. */
  readonly children: ReactNode;
}

/** Fields, core's refusal, then Cancel and the armed confirming button; Enter submits. */
export function FollowUpForm({ busy, failure, armed, confirm, onSubmit, onCancel, children }: FollowUpFormProps) {
  const intl = useIntl();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="md">
        {children}
        {failure && (
          <Alert color="red" role="alert" title={intl.formatMessage({ id: 'terminal.followUp.failed' })}>
            {failure}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {intl.formatMessage({ id: 'common.cancel' })}
          </Button>
          <Button
            type="submit"
            {...(confirm.color ? { color: confirm.color } : {})}
            loading={busy}
            disabled={confirm.disabled}
            aria-disabled={!armed || undefined}
            data-armed={armed}
            data-testid={confirm.testId}
          >
            {confirm.label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
