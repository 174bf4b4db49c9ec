import { Alert, Button, Group, Kbd, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import { isInFlight } from '../../../../shared/domain/operation-status.js';
import { readyMinute } from '../../../../shared/domain/follow-up-delay.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { contractErrorText } from './contract-error-text.js';
import { RefundForm } from './refund-form.js';
import type { FollowUpKind, useFollowUps } from './use-follow-ups.js';
import { useTimeReached } from './use-time-reached.js';
import { VoidDialog } from './void-dialog.js';

export type FollowUpDone = (result: OperationView, kind: FollowUpKind, targetId: number) => void;

interface FollowUpActionsProps {
  readonly operation: OperationView;
  readonly followUps: ReturnType<typeof useFollowUps>;
  onDone: FollowUpDone;
  /** Absent for a follow-up (a capture to refund): only the money actions are offered there. */
  readonly outcome?: { onNewPayment(): void; onTryAnotherCard(): void; onPrint(): void };
}

/** Whether core allows anything more on this operation. */
export function hasMoneyActions({ actions }: OperationView): boolean {
  return actions.capturableAmount > 0 || actions.refundableAmount > 0 || actions.voidable || actions.checkStatus;
}

/**
 * Only what the gateway will accept for this operation now, as core's `actions` say: a
 * captured authorization is refunded through its capture, so captures get their own row.
 */
export function FollowUpActions({ operation, followUps, onDone, outcome }: FollowUpActionsProps) {
  const intl = useIntl();
  const [refunding, setRefunding] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const { actions } = operation;
  const money = (minor: number) => formatAmount(minor, operation.currency, intl.locale);
  const failed = operation.status === 'declined' || operation.status === 'error' || operation.status === 'abandoned';
  // Dalenys refuses follow-ups within 5 minutes of their transaction: say from when, and wait.
  const ready = useTimeReached(actions.followUpsFrom);
  const waiting = !ready && actions.followUpsFrom !== null;
  const blocked = followUps.busy !== null || waiting;
  const act = async (kind: FollowUpKind, amount?: number) => {
    const result = await followUps.run(kind, operation.id, amount);
    if (result) {
      setRefunding(false);
      setVoiding(false);
      onDone(result, kind, operation.id);
    }
  };

  return (
    <Stack gap="sm">
      <Group gap="sm" role="group" aria-label={intl.formatMessage({ id: outcome ? 'terminal.actions' : 'terminal.actionsOn' }, { orderId: operation.orderId })}>
        {actions.checkStatus && (
          <Button color="orange" onClick={() => void act('checkStatus')} loading={followUps.busy === 'checkStatus'} data-autofocus>
            {intl.formatMessage({ id: 'terminal.action.checkStatus' })}
          </Button>
        )}
        {actions.capturableAmount > 0 && (
          <Button onClick={() => void act('capture', actions.capturableAmount)} loading={followUps.busy === 'capture'} disabled={blocked}>
            {intl.formatMessage({ id: 'terminal.action.capture' }, { amount: money(actions.capturableAmount) })}
          </Button>
        )}
        {actions.voidable && (
          <Button variant="outline" color="red" onClick={() => setVoiding(true)} disabled={blocked}>
            {intl.formatMessage({ id: 'terminal.action.void' })}
          </Button>
        )}
        {actions.refundableAmount > 0 && !refunding && (
          <Button variant="outline" color="orange" onClick={() => setRefunding(true)} disabled={blocked}>
            {intl.formatMessage({ id: 'terminal.action.refund' })}
          </Button>
        )}
        {outcome && failed && (
          <Button onClick={outcome.onTryAnotherCard} data-autofocus>
            {intl.formatMessage({ id: 'terminal.action.tryAnotherCard' })}
          </Button>
        )}
        {outcome && !isInFlight(operation.status) && (
          <Button variant="default" onClick={outcome.onPrint}>
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
          {intl.formatMessage(
            { id: actions.refundableAmount > 0 ? 'terminal.followUpsFrom.refund' : 'terminal.followUpsFrom.capture' },
            { time: intl.formatTime(readyMinute(actions.followUpsFrom), { timeStyle: 'short' }) },
          )}
        </Text>
      )}
      {refunding && (
        <RefundForm
          refundable={actions.refundableAmount}
          perInstalment={operation.instalments != null}
          currency={operation.currency}
          busy={followUps.busy === 'refund'}
          onRefund={(amount) => void act('refund', amount)}
          onCancel={() => setRefunding(false)}
        />
      )}
      {outcome && followUps.error && (
        <Alert color="red" role="alert" title={intl.formatMessage({ id: 'terminal.followUp.failed' })} withCloseButton onClose={followUps.clearError}
          closeButtonLabel={intl.formatMessage({ id: 'common.dismiss' })}>
          {contractErrorText(intl, followUps.error)}
        </Alert>
      )}
      <VoidDialog
        opened={voiding}
        amount={money(operation.amount)}
        busy={followUps.busy === 'void'}
        onConfirm={() => void act('void')}
        onCancel={() => setVoiding(false)}
      />
    </Stack>
  );
}
