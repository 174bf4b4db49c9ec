import { Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ContractCallError } from '../../../../shared/contract/client.js';
import type { ReconciliationException } from '../../../../shared/contract/reconciliation.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import { useActOnException, useExceptions, useImportFile, useReceivedFiles } from './use-reports.js';

/** One exception's row: what differs, its state, and the next step (acknowledge, then resolve or accept with a note). */
function ExceptionRow({ exception, importId }: { exception: ReconciliationException; importId: number }) {
  const intl = useIntl();
  const [note, setNote] = useState('');
  const act = useActOnException(importId);
  const money = (amount: number | null) => (amount === null ? '—' : formatAmount(amount, exception.currency, intl.locale));
  return (
    <Table.Tr>
      <Table.Td>
        <FormattedMessage id={`reports.reconcile.kind.${exception.kind}`} />
      </Table.Td>
      <Table.Td>{exception.transactionId ?? '—'}</Table.Td>
      <Table.Td>{exception.orderId ?? '—'}</Table.Td>
      <Table.Td>{money(exception.fileAmount)}</Table.Td>
      <Table.Td>{money(exception.journalAmount)}</Table.Td>
      <Table.Td>
        <FormattedMessage id={`reports.reconcile.state.${exception.state}`} />
        {exception.by !== null && ` (${exception.by}${exception.note ? ` — ${exception.note}` : ''})`}
      </Table.Td>
      <Table.Td>
        {exception.state === 'open' && (
          <Button size="xs" onClick={() => act.mutate({ exceptionId: exception.id, action: 'acknowledged' })}>
            <FormattedMessage id="reports.reconcile.acknowledge" />
          </Button>
        )}
        {exception.state === 'acknowledged' && (
          <Group gap="xs" wrap="nowrap">
            <TextInput
              size="xs"
              aria-label={intl.formatMessage({ id: 'reports.reconcile.note' })}
              placeholder={intl.formatMessage({ id: 'reports.reconcile.note' })}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <Button size="xs" onClick={() => act.mutate({ exceptionId: exception.id, action: 'resolved', note })}>
              <FormattedMessage id="reports.reconcile.resolve" />
            </Button>
            <Button size="xs" variant="default" onClick={() => act.mutate({ exceptionId: exception.id, action: 'accepted', note })}>
              <FormattedMessage id="reports.reconcile.accept" />
            </Button>
          </Group>
        )}
        {act.error instanceof ContractCallError && (
          <Text size="xs" c="red" role="alert">
            {contractErrorText(intl, act.error)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Dalenys' files received on the listener, imported one at a time, and what they found. */
export function ReconciliationPanel() {
  const intl = useIntl();
  const files = useReceivedFiles();
  const [chosen, setChosen] = useState<string>('');
  const importing = useImportFile();
  const importId = importing.data?.import.importId ?? null;
  const exceptions = useExceptions(importId);
  const fileName = chosen || files.data?.files[0] || '';
  const summary = importing.data?.import.summary;

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          <FormattedMessage id="reports.reconcile.title" />
        </Title>
        {files.data && files.data.files.length === 0 ? (
          <Text size="sm">
            <FormattedMessage id="reports.reconcile.noFiles" />
          </Text>
        ) : (
          <Group align="end">
            <NativeSelect
              label={intl.formatMessage({ id: 'reports.reconcile.file' })}
              data={files.data?.files ?? []}
              value={fileName}
              onChange={(event) => setChosen(event.currentTarget.value)}
            />
            <Button disabled={fileName === '' || importing.isPending} onClick={() => importing.mutate(fileName)}>
              <FormattedMessage id="reports.reconcile.import" />
            </Button>
          </Group>
        )}
        {importing.error instanceof ContractCallError && (
          <Text size="sm" c="red" role="alert">
            {contractErrorText(intl, importing.error)}
          </Text>
        )}
        {summary && (
          <Stack gap={4} role="status">
            <Text size="sm">
              <FormattedMessage id="reports.reconcile.summary" values={{ ...summary, payouts: undefined }} />
            </Text>
            {importing.data?.alreadyImported && (
              <Text size="sm">
                <FormattedMessage id="reports.reconcile.already" />
              </Text>
            )}
            {summary.payouts.map((payout) => (
              <Text size="sm" key={payout.currency}>
                <FormattedMessage
                  id="reports.reconcile.payout"
                  values={{
                    gross: formatAmount(payout.gross, payout.currency, intl.locale),
                    refunds: formatAmount(payout.refunds, payout.currency, intl.locale),
                    fees: formatAmount(payout.fees, payout.currency, intl.locale),
                    chargebacks: formatAmount(payout.chargebacks, payout.currency, intl.locale),
                    payout: formatAmount(payout.payout, payout.currency, intl.locale),
                    gap: formatAmount(payout.gap, payout.currency, intl.locale),
                  }}
                />
              </Text>
            ))}
          </Stack>
        )}
        {importId !== null && exceptions.data && exceptions.data.exceptions.length > 0 && (
          <Table aria-label={intl.formatMessage({ id: 'reports.reconcile.exceptions' })}>
            <Table.Thead>
              <Table.Tr>
                {(['kind', 'transactionId', 'orderId', 'dalenys', 'comptoir', 'state', 'action'] as const).map((column) => (
                  <Table.Th key={column}>
                    <FormattedMessage id={`reports.reconcile.column.${column}`} />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exceptions.data.exceptions.map((exception) => (
                <ExceptionRow key={exception.id} exception={exception} importId={importId} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
