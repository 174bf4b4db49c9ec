import { Alert, Button, Group, Kbd, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { OperationView, RefundReason } from '../../../../shared/contract/terminal.js';
import { isInFlight } from '../../../../shared/domain/operation-status.js';
import { readyMinute } from '../../../../shared/domain/follow-up-delay.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { formatClockTime } from '../../i18n/format-date-time.js';
import type { MessageKey } from '../../i18n/messages.js';
import { CaptureDialog } from './capture-dialog.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import { RefundDialog } from './refund-dialog.js';
import type { Approval } from '../../../../shared/contract/operators.js';
import type { FollowUpKind, useFollowUps } from './use-follow-ups.js';
import { useTimeReached } from './use-time-reached.js';
import { VoidDialog } from './void-dialog.js';

export type FollowUpDone = (result: OperationView, kind: FollowUpKind, targetId: number) => void;

interface FollowUpActionsProps {
  readonly operation: OperationView;
  readonly followUps: ReturnType<typeof useFollowUps>;
  onDone: FollowUpDone;
  onPrint(operation: OperationView): void;
  /** Absent for a follow-up (a capture to refund): only its own actions are offered there. */
  readonly outcome?: { onNewPayment(): void; onTryAnotherCard(): void; onRebill(operation: OperationView): void };
  /** Opens this dialog at once when the operation allows it now (a History shortcut on a row). */
  readonly openFirst?: 'capture' | 'refund' | undefined;
}

type Dialog = 'capture' | 'refund' | 'void' | null;

/** What the "possible from" line names: the first thing the operator would do here. */
function waitingFor(actions: OperationView['actions']): MessageKey {
  if (actions.refundableAmount > 0) return 'terminal.followUpsFrom.refund';
  if (actions.capturableAmount > 0 || actions.voidable) return 'terminal.followUpsFrom.capture';
  return 'terminal.followUpsFrom.rebill';
}

/** Errors of the calls asked for here; stopping instalments and abandoning show theirs in their own confirmation. */
const ownFailure = (kind: FollowUpKind | null): boolean => kind !== 'stopInstalments' && kind !== 'abandon';

/**
 * Only what the gateway will accept for this operation now, as core's `actions` say: a
 * captured authorization is refunded through its capture, so captures get their own row.
 * Capture, refund and void each ask for a confirmation in a dialog; on success the focus goes
 * to the outcome's heading (the page's job), on cancel back to the button that opened it.
 */
export function FollowUpActions({ operation, followUps, onDone, onPrint, outcome, openFirst }: FollowUpActionsProps) {
  const intl = useIntl();
  const [dialog, setDialog] = useState<Dialog>(() => {
    const { actions: allowed } = operation;
    if (allowed.followUpsFrom !== null && allowed.followUpsFrom > Date.now()) return null;
    if (openFirst === 'capture' && allowed.capturableAmount > 0) return 'capture';
    if (openFirst === 'refund' && allowed.refundableAmount > 0) return 'refund';
    return null;
  });
  const { actions } = operation;
  const money = (minor: number) => formatAmount(minor, operation.currency, intl.locale);
  const failed = operation.status === 'declined' || operation.status === 'error' || operation.status === 'abandoned';
  // Dalenys refuses follow-ups within 5 minutes of their transaction: say from when, and wait.
  const ready = useTimeReached(actions.followUpsFrom);
  const waiting = !ready && actions.followUpsFrom !== null;
  const failure = followUps.error && dialog ? contractErrorText(intl, followUps.error) : undefined;
  const open = (next: Dialog) => {
    followUps.clearError();
    setDialog(next);
  };
  const act = async (kind: FollowUpKind, amount?: number, reason?: RefundReason, approval?: Approval) => {
    const result = await followUps.run(kind, operation.id, amount, reason, approval);
    if (result) {
      setDialog(null);
      onDone(result, kind, operation.id);
    }
  };
  const blocked = followUps.busy !== null || waiting;

  return (
    <Stack gap="sm">
      <Group gap="sm" role="group" aria-label={intl.formatMessage({ id: outcome ? 'terminal.actions' : 'terminal.actionsOn' }, { orderId: operation.orderId })}>
        {actions.checkStatus && (
          <Button color="orange" onClick={() => void act('checkStatus')} loading={followUps.busy === 'checkStatus'} data-autofocus>
            {intl.formatMessage({ id: 'terminal.action.checkStatus' })}
          </Button>
        )}
        {actions.capturableAmount > 0 && (
          <Button onClick={() => open('capture')} disabled={blocked}>
            {intl.formatMessage({ id: 'terminal.action.capture' })}
          </Button>
        )}
        {actions.voidable && (
          <Button variant="outline" color="red" onClick={() => open('void')} disabled={blocked}>
            {intl.formatMessage({ id: 'terminal.action.void' })}
          </Button>
        )}
        {actions.refundableAmount > 0 && (
          <Button variant="outline" color="orange" onClick={() => open('refund')} disabled={blocked}>
            {intl.formatMessage({ id: 'terminal.action.refund' })}
          </Button>
        )}
        {outcome && actions.rebillAlias !== null && (
          <Button variant="light" onClick={() => outcome.onRebill(operation)} disabled={waiting} data-testid="rebill-button">
            {intl.formatMessage({ id: 'terminal.action.rebill' })}
          </Button>
        )}
        {outcome && failed && (
          <Button onClick={outcome.onTryAnotherCard} data-autofocus>
            {intl.formatMessage({ id: 'terminal.action.tryAnotherCard' })}
          </Button>
        )}
        {!isInFlight(operation.status) && (
          <Button variant="default" onClick={() => onPrint(operation)}>
            {intl.formatMessage({ id: 'terminal.action.print' })}
          </Button>
        )}
        {outcome && (
          <Button variant={failed || actions.checkStatus ? 'default' : 'filled'} color="blue" onClick={outcome.onNewPayment}>
            {intl.formatMessage({ id: 'terminal.action.newPayment' })} <Kbd ml={6}>Alt+N</Kbd>
          </Button>
        )}
      </Group>
      {waiting && actions.followUpsFrom !== null && (
        <Text size="sm" c="dimmed" data-testid="follow-ups-from">
          {intl.formatMessage({ id: waitingFor(actions) }, { time: formatClockTime(intl, readyMinute(actions.followUpsFrom)) })}
        </Text>
      )}
      {followUps.error && !dialog && outcome && ownFailure(followUps.failed) && (
        <Alert
          color="red"
          role="alert"
          title={intl.formatMessage({ id: 'terminal.followUp.failed' })}
          withCloseButton
          onClose={followUps.clearError}
          closeButtonLabel={intl.formatMessage({ id: 'common.dismiss' })}
        >
          {contractErrorText(intl, followUps.error)}
        </Alert>
      )}
      <CaptureDialog
        opened={dialog === 'capture'}
        capturable={actions.capturableAmount}
        currency={operation.currency}
        busy={followUps.busy === 'capture'}
        failure={failure}
        onCapture={(amount) => void act('capture', amount)}
        onCancel={() => setDialog(null)}
      />
      <RefundDialog
        opened={dialog === 'refund'}
        refundable={actions.refundableAmount}
        perInstalment={operation.instalments != null}
        currency={operation.currency}
        busy={followUps.busy === 'refund'}
        failure={failure}
        onRefund={(amount, reason, approval) => void act('refund', amount, reason, approval)}
        onCancel={() => setDialog(null)}
      />
      <VoidDialog
        opened={dialog === 'void'}
        amount={money(operation.amount)}
        busy={followUps.busy === 'void'}
        failure={failure}
        onConfirm={() => void act('void')}
        onCancel={() => setDialog(null)}
      />
    </Stack>
  );
}
