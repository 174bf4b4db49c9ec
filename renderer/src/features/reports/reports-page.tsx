import { Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import type { HistoryFilter } from '../../../../shared/contract/history-filter.js';
import type { ReportSummary } from '../../../../shared/contract/reports.js';
import { formatLocalDateTime, nextDay, startOfLocalDay } from '../../../../shared/domain/local-time.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { useNow } from '../../app/use-now.js';
import { useAccounts, useSettings } from '../../contract/client-context.js';
import type { MessageKey } from '../../i18n/messages.js';
import { ExportPanel } from './export-panel.js';
import { ReconciliationPanel } from './reconciliation-panel.js';
import { useReportSummary } from './use-reports.js';

type Rows = ReportSummary['byCurrency'];

function TotalsTable({ label, rows }: { label: MessageKey; rows: Rows }) {
  const intl = useIntl();
  return (
    <Paper withBorder radius="md" p="sm">
      <Table aria-label={intl.formatMessage({ id: label })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <FormattedMessage id={label} />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="reports.count" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="reports.amount" />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.key ?? ''}-${row.currency}`}>
              <Table.Td>{row.key ?? '—'}</Table.Td>
              <Table.Td>{row.count}</Table.Td>
              <Table.Td>{formatAmount(row.amount, row.currency, intl.locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** A valid period in the zone, as UTC bounds, or null while the days typed are not one. */
function periodOf(first: string, last: string, timeZone: string): { from: number; to: number } | null {
  try {
    const from = startOfLocalDay(first, timeZone);
    const to = startOfLocalDay(nextDay(last), timeZone);
    return from < to ? { from, to } : null;
  } catch {
    return null;
  }
}

/** Totals of a period in the operator's zone, its exports, and reconciliation with Dalenys' files. */
export function ReportsPage() {
  const intl = useIntl();
  const settings = useSettings();
  const accounts = useAccounts();
  const timeZone = settings.data?.timeZone ?? 'UTC';
  const today = formatLocalDateTime(useNow(), timeZone).slice(0, 10);
  const [first, setFirst] = useState<string | null>(null);
  const [last, setLast] = useState<string | null>(null);
  const [accountId, setAccountId] = useState('');
  const period = periodOf(first ?? today, last ?? today, timeZone);
  const accountIds = accountId === '' ? undefined : [Number(accountId)];
  const summary = useReportSummary(period && { ...period, timeZone, ...(accountIds ? { accountIds } : {}) });
  const filter: HistoryFilter = period ? { from: period.from, to: period.to, ...(accountIds ? { accountIds } : {}) } : {};
  const title = intl.formatMessage({ id: 'reports.fileTitle' }, { first: first ?? today, last: last ?? today, zone: timeZone });

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        <FormattedMessage id="reports.title" />
      </Title>
      <Group align="end">
        <TextInput
          type="date"
          label={intl.formatMessage({ id: 'reports.from' })}
          value={first ?? today}
          onChange={(event) => setFirst(event.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={intl.formatMessage({ id: 'reports.to' })}
          value={last ?? today}
          onChange={(event) => setLast(event.currentTarget.value)}
        />
        <NativeSelect
          label={intl.formatMessage({ id: 'reports.account' })}
          data={[
            { value: '', label: intl.formatMessage({ id: 'reports.allAccounts' }) },
            ...(accounts.data?.accounts ?? []).map((a) => ({ value: String(a.id), label: a.name })),
          ]}
          value={accountId}
          onChange={(event) => setAccountId(event.currentTarget.value)}
        />
        <Text size="sm" data-testid="reports-zone">
          <FormattedMessage id="reports.zone" values={{ zone: timeZone }} />
        </Text>
      </Group>
      {period === null && (
        <Text c="red" role="alert">
          <FormattedMessage id="reports.invalidPeriod" />
        </Text>
      )}
      {summary.data && (
        <Stack gap="sm">
          <Text data-testid="reports-approval">
            {summary.data.approvalRate === null ? (
              <FormattedMessage id="reports.approvalNone" />
            ) : (
              <FormattedMessage
                id="reports.approval"
                values={{ rate: <FormattedNumber value={summary.data.approvalRate} style="percent" maximumFractionDigits={1} /> }}
              />
            )}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TotalsTable label="reports.by.currency" rows={summary.data.byCurrency} />
            <TotalsTable label="reports.by.status" rows={summary.data.byStatus} />
            <TotalsTable label="reports.by.type" rows={summary.data.byType} />
            <TotalsTable label="reports.by.brand" rows={summary.data.byBrand} />
            <TotalsTable label="reports.by.operator" rows={summary.data.byOperator} />
            <TotalsTable label="reports.by.day" rows={summary.data.byDay} />
          </SimpleGrid>
        </Stack>
      )}
      {period && <ExportPanel filter={filter} timeZone={timeZone} title={title} />}
      <ReconciliationPanel />
    </Stack>
  );
}
