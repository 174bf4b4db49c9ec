import { Alert, Anchor, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { OperationDetail as Detail } from '../../../../shared/contract/history.js';
import type { ContractError } from '../../../../shared/contract/result.js';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { AppDialog } from '../../app/app-dialog.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import { useNow } from '../../app/use-now.js';
import { useAccounts, useClient, useEventListener, useSettings } from '../../contract/client-context.js';
import { useTerminalStore } from '../../state/terminal-store.js';
import { useUiStore } from '../../state/ui-store.js';
import { OutcomePanel } from '../operations/outcome-panel.js';
import { useFollowUps } from '../operations/use-follow-ups.js';
import { ReceiptDialog } from '../receipts/receipt-dialog.js';
import { OperationTimeline } from './timeline.js';

interface OperationDetailProps {
  readonly operationId: number;
  onClose(): void;
  /** A follow-up was made here: the table reads its first page again, so it shows at once. */
  onChanged(view: OperationView): void;
  /** Opens another operation's detail (the parent). */
  onOpen(operationId: number): void;
  /** Opened by R or C on a row: that follow-up's dialog, when the operation allows it now. */
  readonly openFirst?: 'capture' | 'refund' | undefined;
}

/**
 * One operation as the journal knows it, with the terminal's own outcome panel (the same
 * wording, the same follow-ups and their confirmations) and its timeline. Charging the saved
 * card again goes to the terminal's review step, like any charge.
 */
export function OperationDetailDialog({ operationId, onClose, onChanged, onOpen, openFirst }: OperationDetailProps) {
  const intl = useIntl();
  const client = useClient();
  const now = useNow(1000);
  const accounts = useAccounts().data?.accounts ?? [];
  const timeZone = useSettings().data?.timeZone;
  const followUpCalls = useFollowUps();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [focusToken, setFocusToken] = useState(0);
  const [receiptFor, setReceiptFor] = useState<OperationView | null>(null);

  const load = useCallback(() => {
    void client.call('history.detail', { operationId }).then((result) => {
      if (result.ok) {
        setDetail(result.value);
        setError(null);
      } else setError(result.error);
    });
  }, [client, operationId]);
  useEffect(load, [load]);

  // What is on screen changes when a notification or a lookup changes it: read it again.
  const shows = (id: number) =>
    detail !== null && (detail.operation.id === id || detail.parent?.id === id || detail.followUps.some((child) => child.id === id));
  useEventListener('operation.updated', (view) => {
    if (shows(view.id) || view.parentId === operationId) load();
  });
  useEventListener('operations.changed', ({ ids }) => {
    if (ids.some(shows)) load();
  });

  const operation = detail?.operation;
  const account = accounts.find((candidate) => candidate.id === operation?.accountId);
  const toTerminal = (rebill?: OperationView) => {
    const store = useTerminalStore.getState();
    if (rebill) store.startRebill(rebill);
    else store.startNewPayment();
    onClose();
    useUiStore.getState().goTo('terminal');
  };

  return (
    <AppDialog
      opened
      onClose={onClose}
      size="xl"
      title={intl.formatMessage({ id: 'history.detail.title' }, { orderId: operation?.orderId ?? '' })}
      testId="history-detail"
    >
      {error && (
        <Alert color="red" role="alert">
          {contractErrorText(intl, error)}
        </Alert>
      )}
      {!detail && !error && <Loader aria-label={intl.formatMessage({ id: 'history.loading' })} />}
      {detail && operation && (
        <Stack gap="md">
          {detail.parent && (
            <Text size="sm" data-testid="detail-parent">
              {intl.formatMessage(
                { id: 'history.detail.parent' },
                {
                  type: intl.formatMessage({ id: `receipt.type.${detail.parent.type}` }),
                  amount: formatAmount(detail.parent.amount, detail.parent.currency, intl.locale),
                },
              )}{' '}
              <Anchor component="button" onClick={() => onOpen(detail.parent?.id as number)}>
                {detail.parent.orderId}
              </Anchor>
            </Text>
          )}
          <OutcomePanel
            operation={operation}
            followUps={detail.followUps}
            account={account}
            context={null}
            followUpCalls={followUpCalls}
            focusToken={focusToken}
            now={now}
            onFollowUpDone={(result) => {
              setFocusToken((token) => token + 1);
              onChanged(result);
              load();
            }}
            onNewPayment={() => toTerminal()}
            onTryAnotherCard={() => toTerminal()}
            onRebill={(source) => toTerminal(source)}
            onPrint={setReceiptFor}
            openFirst={openFirst}
          />
          <OperationTimeline entries={detail.timeline} />
        </Stack>
      )}
      {receiptFor && (
        <ReceiptDialog
          opened
          operation={receiptFor}
          parent={[detail?.operation, detail?.parent, ...(detail?.followUps ?? [])].find((candidate) => candidate?.id === receiptFor.parentId) ?? undefined}
          account={accounts.find((candidate) => candidate.id === receiptFor.accountId)}
          timeZone={timeZone}
          onClose={() => setReceiptFor(null)}
        />
      )}
    </AppDialog>
  );
}
