import { Button, Checkbox, Group, NativeSelect, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ContractCallError } from '../../../../shared/contract/client.js';
import type { HistoryFilter } from '../../../../shared/contract/history-filter.js';
import type { ExportFormat } from '../../../../shared/contract/reports.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import { useEvent } from '../../contract/client-context.js';
import { useCancelExport, useStartExport } from './use-reports.js';

/** Export of the period's operations: format, CSV options, a progress bar and a cancel button. */
export function ExportPanel({ filter, timeZone, title }: { filter: HistoryFilter; timeZone: string; title: string }) {
  const intl = useIntl();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [delimiter, setDelimiter] = useState<',' | ';'>(intl.locale.startsWith('fr') ? ';' : ',');
  const [bom, setBom] = useState(true);
  const start = useStartExport();
  const cancel = useCancelExport();
  const progress = useEvent('reports.exportProgress');
  const mine = progress && start.data && progress.exportId === start.data.exportId ? progress : undefined;
  const running = start.isPending || mine?.state === 'running' || (start.data !== undefined && mine === undefined);
  const percent = mine && mine.total > 0 ? Math.round((mine.done / mine.total) * 100) : 0;

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          <FormattedMessage id="reports.export.title" />
        </Title>
        <Group align="end">
          <NativeSelect
            label={intl.formatMessage({ id: 'reports.export.format' })}
            data={['csv', 'xlsx', 'pdf'].map((value) => ({ value, label: value.toUpperCase() }))}
            value={format}
            onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)}
          />
          {format === 'csv' && (
            <>
              <NativeSelect
                label={intl.formatMessage({ id: 'reports.export.delimiter' })}
                data={[
                  { value: ',', label: intl.formatMessage({ id: 'reports.export.comma' }) },
                  { value: ';', label: intl.formatMessage({ id: 'reports.export.semicolon' }) },
                ]}
                value={delimiter}
                onChange={(event) => setDelimiter(event.currentTarget.value as ',' | ';')}
              />
              <Checkbox label={intl.formatMessage({ id: 'reports.export.bom' })} checked={bom} onChange={(event) => setBom(event.currentTarget.checked)} />
            </>
          )}
          <Button disabled={running} onClick={() => start.mutate({ filter, format, timeZone, title, ...(format === 'csv' ? { delimiter, bom } : {}) })}>
            <FormattedMessage id="reports.export.start" />
          </Button>
          {running && start.data && (
            <Button variant="default" onClick={() => cancel.mutate(start.data.exportId)}>
              <FormattedMessage id="reports.export.cancel" />
            </Button>
          )}
        </Group>
        {mine && (
          <Stack gap={4}>
            <Progress value={mine.state === 'done' ? 100 : percent} aria-label={intl.formatMessage({ id: 'reports.export.progress' })} />
            <Text size="sm" role="status">
              <FormattedMessage
                id={`reports.export.state.${mine.state}`}
                values={{ done: mine.done, total: mine.total, file: mine.fileName, code: mine.code ?? '' }}
              />
            </Text>
            {mine.code !== null && mine.state === 'failed' && (
              <Text size="sm" c="red">
                {contractErrorText(intl, { code: mine.code, message: '' })}
              </Text>
            )}
          </Stack>
        )}
        {start.error instanceof ContractCallError && (
          <Text size="sm" c="red" role="alert">
            {contractErrorText(intl, start.error)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
