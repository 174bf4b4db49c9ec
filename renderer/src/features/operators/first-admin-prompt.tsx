import { Alert, Button, Modal } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { OperatorForm } from './operator-form.js';

/**
 * On a desk with no operator yet: the offer to create the first administrator, at once and
 * dismissible (the sandbox works without one; a real account needs one).
 */
export function FirstAdminPrompt() {
  const intl = useIntl();
  const [dismissed, setDismissed] = useState(false);
  const [open, setOpen] = useState(false);
  if (dismissed) return null;
  return (
    <>
      <Alert
        color="blue"
        mb="md"
        withCloseButton
        closeButtonLabel={intl.formatMessage({ id: 'operators.firstPrompt.dismiss' })}
        onClose={() => setDismissed(true)}
        title={intl.formatMessage({ id: 'operators.firstPrompt.title' })}
        // An offer, not an error: screen readers are not interrupted by it.
        role="note"
        data-testid="first-admin-prompt"
      >
        {intl.formatMessage({ id: 'operators.firstPrompt.body' })}{' '}
        <Button size="xs" variant="light" onClick={() => setOpen(true)} data-testid="first-admin-open">
          {intl.formatMessage({ id: 'operators.createFirst' })}
        </Button>
      </Alert>
      <Modal opened={open} onClose={() => setOpen(false)} title={intl.formatMessage({ id: 'operators.firstPrompt.title' })}>
        <OperatorForm firstAdmin onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}
