import { Button, Checkbox, Collapse, Group, MultiSelect, Popover, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { ColumnVisibilityState } from '@tanstack/react-table';
import { useState, type RefObject } from 'react';
import { useIntl } from 'react-intl';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import { OPERATION_STATUSES } from '../../../../shared/domain/operation-status.js';
import { OPERATION_TYPES } from '../../../../shared/domain/operation-type.js';
import { CONFIRMATIONS, EMPTY_FORM, type FilterForm, type FormProblem } from './filter-form.js';
import { HISTORY_COLUMNS } from './history-table.js';
import { DATE_PRESETS, type DatePreset } from './zoned-range.js';

const BRANDS = ['visa', 'mastercard', 'cb', 'amex', 'maestro'] as const;

interface HistoryFiltersProps {
  readonly form: FilterForm;
  readonly problems: readonly FormProblem[];
  readonly accounts: readonly AccountSummary[];
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly columnVisibility: ColumnVisibilityState;
  onChange(patch: Partial<FilterForm>): void;
  onColumnVisibility(next: ColumnVisibilityState): void;
}

/** The filter bar: the search box and the common filters, the others under "More filters", and the column chooser. */
export function HistoryFilters({ form, problems, accounts, searchRef, columnVisibility, onChange, onColumnVisibility }: HistoryFiltersProps) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const [more, setMore] = useState(false);
  const problem = (field: FormProblem) => (problems.includes(field) ? t(`history.filter.problem.${field}`) : undefined);
  return (
    <Stack gap="xs" component="search" aria-label={t('history.filters')}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          ref={searchRef}
          type="search"
          label={t('history.filter.text')}
          placeholder={t('history.filter.textPlaceholder')}
          value={form.text}
          onChange={(event) => onChange({ text: event.currentTarget.value })}
          w={280}
          data-testid="history-search"
        />
        <Select
          label={t('history.filter.date')}
          data={DATE_PRESETS.map((preset) => ({ value: preset, label: t(`history.preset.${preset}`) }))}
          value={form.preset}
          onChange={(value) => onChange({ preset: (value ?? 'all') as DatePreset })}
          allowDeselect={false}
          w={170}
          data-testid="history-preset"
        />
        {form.preset === 'custom' && (
          <>
            <TextInput
              type="date"
              label={t('history.filter.from')}
              value={form.customFrom}
              onChange={(event) => onChange({ customFrom: event.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('history.filter.to')}
              value={form.customTo}
              onChange={(event) => onChange({ customTo: event.currentTarget.value })}
            />
          </>
        )}
        <TextInput
          label={t('history.filter.last4')}
          value={form.last4}
          onChange={(event) => onChange({ last4: event.currentTarget.value })}
          inputMode="numeric"
          maxLength={4}
          w={110}
          error={problem('last4')}
          data-testid="history-last4"
        />
        <TextInput
          label={t('history.filter.orderId')}
          value={form.orderId}
          onChange={(event) => onChange({ orderId: event.currentTarget.value })}
          w={180}
          data-testid="history-order-id"
        />
        <MultiSelect
          label={t('history.filter.status')}
          data={OPERATION_STATUSES.map((status) => ({ value: status, label: t(`opstatus.${status}`) }))}
          value={[...form.statuses]}
          onChange={(value) => onChange({ statuses: value as FilterForm['statuses'] })}
          w={220}
          clearable
        />
        <Button variant="light" onClick={() => setMore((open) => !open)} aria-expanded={more} aria-controls="history-more-filters">
          {t(more ? 'history.filter.fewer' : 'history.filter.more')}
        </Button>
        <Button variant="subtle" onClick={() => onChange(EMPTY_FORM)} data-testid="history-clear">
          {t('history.filter.clear')}
        </Button>
        <Popover position="bottom-end" withArrow trapFocus>
          <Popover.Target>
            <Button variant="default" data-testid="column-chooser">
              {t('history.columns')}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Stack gap={6} role="group" aria-label={t('history.columns')}>
              {HISTORY_COLUMNS.map((column) => (
                <Checkbox
                  key={column}
                  label={t(`history.column.${column}`)}
                  checked={columnVisibility[column] !== false}
                  disabled={column === 'date'}
                  onChange={(event) => onColumnVisibility({ ...columnVisibility, [column]: event.currentTarget.checked })}
                />
              ))}
            </Stack>
          </Popover.Dropdown>
        </Popover>
      </Group>
      <Collapse expanded={more} id="history-more-filters">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <MultiSelect
            label={t('history.filter.confirmation')}
            data={CONFIRMATIONS.map((value) => ({ value, label: t(`history.confirmation.${value}`) }))}
            value={[...form.confirmations]}
            onChange={(value) => onChange({ confirmations: value as FilterForm['confirmations'] })}
            clearable
          />
          <MultiSelect
            label={t('history.filter.type')}
            data={OPERATION_TYPES.map((type) => ({ value: type, label: t(`receipt.type.${type}`) }))}
            value={[...form.types]}
            onChange={(value) => onChange({ types: value as FilterForm['types'] })}
            clearable
          />
          <MultiSelect
            label={t('history.filter.account')}
            data={accounts.map((account) => ({ value: String(account.id), label: account.name }))}
            value={form.accountIds.map(String)}
            onChange={(value) => onChange({ accountIds: value.map(Number) })}
            clearable
          />
          <MultiSelect
            label={t('history.filter.brand')}
            data={BRANDS.map((brand) => ({ value: brand, label: t(`brand.${brand}`) }))}
            value={[...form.brands]}
            onChange={(value) => onChange({ brands: value })}
            clearable
          />
          <TextInput label={t('history.filter.operator')} value={form.operator} onChange={(event) => onChange({ operator: event.currentTarget.value })} />
          <TextInput
            label={t('history.filter.amountMin')}
            value={form.amountMin}
            onChange={(event) => onChange({ amountMin: event.currentTarget.value })}
            inputMode="decimal"
            error={problem('amountMin')}
          />
          <TextInput
            label={t('history.filter.amountMax')}
            value={form.amountMax}
            onChange={(event) => onChange({ amountMax: event.currentTarget.value })}
            inputMode="decimal"
            error={problem('amountMax')}
          />
          <TextInput
            label={t('history.filter.transactionId')}
            value={form.transactionId}
            onChange={(event) => onChange({ transactionId: event.currentTarget.value })}
          />
          <TextInput label={t('history.filter.customer')} value={form.customer} onChange={(event) => onChange({ customer: event.currentTarget.value })} />
        </SimpleGrid>
      </Collapse>
    </Stack>
  );
}
