import { Button, Group, Modal, Stack, Text } from '@mantine/core';

interface ConfirmDialogProps {
  readonly opened: boolean;
  readonly title: string;
  readonly body: string;
  readonly confirm: string;
  readonly cancel: string;
  readonly busy: boolean;
  /** `data-testid` of the confirming button. */
  readonly testId: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * One explicit confirmation before something that cannot be undone. The safe choice has the
 * focus, so Enter never confirms by accident.
 */
export function ConfirmDialog({ opened, title, body, confirm, cancel, busy, testId, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Modal opened={opened} onClose={onCancel} title={title} transitionProps={{ duration: 0 }} closeOnEscape={!busy}>
      <Stack gap="md">
        <Text>{body}</Text>
        <Group justify="space-between">
          <Button variant="default" onClick={onCancel} disabled={busy} data-autofocus>
            {cancel}
          </Button>
          <Button color="red" onClick={onConfirm} loading={busy} data-testid={testId}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
