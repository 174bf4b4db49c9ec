import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { ConfirmDialog } from './confirm-dialog.js';

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
  return (
    <ConfirmDialog
      opened={opened}
      title={intl.formatMessage({ id: 'terminal.void.title' })}
      body={intl.formatMessage({ id: 'terminal.void.body' }, { amount })}
      confirm={intl.formatMessage({ id: 'terminal.void.confirm' })}
      cancel={intl.formatMessage({ id: 'common.cancel' })}
      busy={busy}
      failure={failure}
      testId="void-confirm"
      dialogTestId="void-dialog"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
