import { Alert, Button, Stack, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import { ConfirmDialog } from './confirm-dialog.js';
import type { FollowUpDone } from './follow-up-actions.js';
import { useConfirmedAction } from './use-confirmed-action.js';
import type { useFollowUps } from './use-follow-ups.js';

interface CustomerActionAlertProps {
  readonly operation: OperationView;
  readonly followUps: ReturnType<typeof useFollowUps>;
  onDone: FollowUpDone;
}

/**
 * The gateway waits for the customer (3-D Secure, 0001, even unasked; or a redirection, 0002),
 * which a customer on the phone cannot do: say so, say what to do instead, and offer to close
 * the payment on this desk as abandoned (nothing is sent; the gateway's later word still counts).
 */
export function CustomerActionAlert({ operation, followUps, onDone }: CustomerActionAlertProps) {
  const intl = useIntl();
  const abandon = useConfirmedAction('abandon', operation.id, followUps, onDone);
  const title = operation.execCode === '0002' ? 'terminal.outcome.customerAction.redirection' : 'terminal.outcome.customerAction.threeDSecure';
  return (
    <Alert color="orange" variant="light" title={intl.formatMessage({ id: title })} data-testid="customer-action">
      <Stack gap="sm">
        <Text size="sm">{intl.formatMessage({ id: 'terminal.outcome.customerAction.body' })}</Text>
        <Text size="xs" c="dimmed">
          {intl.formatMessage({ id: 'terminal.outcome.execCode' }, { code: operation.execCode })}
        </Text>
        <Button color="orange" variant="filled" w="fit-content" onClick={abandon.open} disabled={followUps.busy !== null} data-autofocus>
          {intl.formatMessage({ id: 'terminal.action.abandon' })}
        </Button>
      </Stack>
      <ConfirmDialog
        {...abandon.dialog}
        title={intl.formatMessage({ id: 'terminal.abandon.title' })}
        body={intl.formatMessage({ id: 'terminal.abandon.body' })}
        confirm={intl.formatMessage({ id: 'terminal.abandon.confirm' })}
        cancel={intl.formatMessage({ id: 'terminal.abandon.keep' })}
        testId="abandon-confirm"
      />
    </Alert>
  );
}
