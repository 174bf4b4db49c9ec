import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { formatAmount } from '../../../../shared/domain/money.js';
import type { InstalmentDraft } from '../../state/terminal-store.js';
import { errorText, type FieldError } from '../../app/field-error.js';
import { checkSchedule, defaultSchedule, MAX_INSTALMENTS, MIN_INSTALMENTS } from './instalment-schedule.js';

interface InstalmentsEditorProps {
  readonly countId: string;
  readonly rows: readonly InstalmentDraft[];
  /** The payment's amount in minor units, when it parses. */
  readonly total: number | undefined;
  readonly currency: string;
  readonly now: number;
  readonly error: FieldError | undefined;
  onRows(rows: InstalmentDraft[]): void;
}

/** A dated schedule (AMOUNTS): first today, at most 90 days, adding up to the amount. */
export function InstalmentsEditor({ countId, rows, total, currency, now, error, onRows }: InstalmentsEditorProps) {
  const intl = useIntl();
  const check = checkSchedule(rows, total ?? 0, currency, intl.locale, now);
  const counts = Array.from({ length: MAX_INSTALMENTS - MIN_INSTALMENTS + 1 }, (_, index) => String(index + MIN_INSTALMENTS));
  const split = (count: number) => onRows(defaultSchedule(total ?? 0, count, now, currency, intl.locale));
  const edit = (at: number, patch: Partial<InstalmentDraft>) => onRows(rows.map((row, index) => (index === at ? { ...row, ...patch } : row)));
  const shownError = errorText(intl, error);
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm">
        <NativeSelect
          id={countId}
          label={intl.formatMessage({ id: 'terminal.instalments.count' })}
          value={String(rows.length)}
          onChange={(event) => split(Number(event.currentTarget.value))}
          data={counts}
          w={160}
        />
        <Button variant="default" onClick={() => split(rows.length)} disabled={total === undefined}>
          {intl.formatMessage({ id: 'terminal.instalments.split' })}
        </Button>
      </Group>
      <Table withTableBorder layout="fixed" verticalSpacing={4} aria-label={intl.formatMessage({ id: 'terminal.instalments.table' })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48}>#</Table.Th>
            <Table.Th>{intl.formatMessage({ id: 'terminal.instalments.date' })}</Table.Th>
            <Table.Th>{intl.formatMessage({ id: 'terminal.instalments.amount' }, { currency })}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={index}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Td>
                <TextInput
                  type="date"
                  aria-label={intl.formatMessage({ id: 'terminal.instalments.dateOf' }, { index: index + 1 })}
                  value={row.date}
                  onChange={(event) => edit(index, { date: event.currentTarget.value })}
                  error={check.rows[index] === 'date'}
                  readOnly={index === 0}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  inputMode="decimal"
                  aria-label={intl.formatMessage({ id: 'terminal.instalments.amountOf' }, { index: index + 1 })}
                  value={row.amountText}
                  onChange={(event) => edit(index, { amountText: event.currentTarget.value })}
                  error={check.rows[index] === 'amount'}
                  autoComplete="off"
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" data-testid="instalments-sum">
        {intl.formatMessage(
          { id: 'terminal.instalments.sum' },
          { sum: formatAmount(check.sum, currency, intl.locale), total: total === undefined ? '—' : formatAmount(total, currency, intl.locale) },
        )}
      </Text>
      {shownError && (
        <Text size="sm" c="red.9" role="alert">
          {shownError}
        </Text>
      )}
    </Stack>
  );
}
