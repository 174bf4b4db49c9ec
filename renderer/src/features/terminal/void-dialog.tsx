import { useIntl } from 'react-intl';
import { ConfirmDialog } from './confirm-dialog.js';

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
    <ConfirmDialog
      opened={opened}
      title={intl.formatMessage({ id: 'terminal.void.title' })}
      body={intl.formatMessage({ id: 'terminal.void.body' }, { amount })}
      confirm={intl.formatMessage({ id: 'terminal.void.confirm' })}
      cancel={intl.formatMessage({ id: 'common.cancel' })}
      busy={busy}
      testId="void-confirm"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
