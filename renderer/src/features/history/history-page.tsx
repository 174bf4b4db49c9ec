import { Alert, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { ColumnVisibilityState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { HistorySort } from '../../../../shared/contract/history.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import { useNow } from '../../app/use-now.js';
import { useAccounts, useSettings } from '../../contract/client-context.js';
import { EMPTY_FORM, toHistoryFilter, type FilterForm } from './filter-form.js';
import { HistoryFilters } from './history-filters.js';
import { SavedFilters } from './saved-filters.js';
import { HistoryTable } from './history-table.js';
import { HistoryTotals } from './history-totals.js';
import { OperationDetailDialog } from './operation-detail.js';
import { useHistoryRows, useHistoryTotals } from './use-history-rows.js';

const DEFAULT_SORT: HistorySort = { by: 'date', direction: 'desc' };
const COLUMNS_KEY = 'comptoir.history.columns';

/** Which columns show: a screen preference (no operation data), kept in this browser. */
function savedColumns(): ColumnVisibilityState {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? '{}');
    if (saved === null || typeof saved !== 'object' || Array.isArray(saved)) return {};
    return Object.fromEntries(Object.entries(saved).filter(([, visible]) => typeof visible === 'boolean')) as ColumnVisibilityState;
  } catch {
    return {};
  }
}

/**
 * History: every operation of the journal under a filter, with its count and totals, and the
 * detail of one with its follow-ups. `/` focuses the search box from anywhere on the page.
 */
export function HistoryPage() {
  const intl = useIntl();
  const now = useNow();
  const settings = useSettings().data;
  const accountList = useAccounts().data?.accounts;
  const accounts = useMemo(() => accountList ?? [], [accountList]);
  const timeZone = settings?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const currency = accounts[0]?.currency ?? 'EUR';
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [sort, setSort] = useState<HistorySort>(DEFAULT_SORT);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [openFirst, setOpenFirst] = useState<'capture' | 'refund' | undefined>(undefined);
  const open = (id: number, action?: 'capture' | 'refund') => {
    setOpenFirst(action);
    setOpenId(id);
  };
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>(savedColumns);
  const [totalsToken, setTotalsToken] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);

  const { filter, problems } = useMemo(() => toHistoryFilter(form, now, timeZone, currency, intl.locale), [form, now, timeZone, currency, intl.locale]);
  const history = useHistoryRows(filter, sort);
  const totals = useHistoryTotals(filter, totalsToken);
  const accountName = useCallback((id: number) => accounts.find((account) => account.id === id)?.name ?? `#${id}`, [accounts]);

  useEffect(() => {
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(columnVisibility));
  }, [columnVisibility]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (event.key === '/' && !typing && openId === null) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openId]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h2">
          {intl.formatMessage({ id: 'history.title' })}
        </Title>
        <HistoryTotals totals={totals} />
      </Group>
      <SavedFilters form={form} currency={currency} onApply={setForm} />
      <HistoryFilters
        form={form}
        problems={problems}
        accounts={accounts}
        searchRef={searchRef}
        columnVisibility={columnVisibility}
        onChange={(patch) => setForm((current) => ({ ...current, ...patch }))}
        onColumnVisibility={setColumnVisibility}
      />
      {history.error && (
        <Alert color="red" role="alert">
          {contractErrorText(intl, history.error)}
        </Alert>
      )}
      <HistoryTable
        rows={history.rows}
        generation={history.generation}
        sort={sort}
        columnVisibility={columnVisibility}
        selectedId={selectedId}
        accountName={accountName}
        onSort={setSort}
        onSelect={setSelectedId}
        onOpen={(id) => open(id)}
        onShortcut={open}
        onNearEnd={history.loadMore}
      />
      <Group gap="xs" mih={24}>
        {history.loading && <Loader size="xs" aria-label={intl.formatMessage({ id: 'history.loading' })} />}
        {!history.loading && history.rows.length === 0 && !history.error && (
          <Text c="dimmed" data-testid="history-empty">
            {intl.formatMessage({ id: 'history.empty' })}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {intl.formatMessage({ id: 'history.keyboardHint' })}
        </Text>
      </Group>
      {openId !== null && (
        <OperationDetailDialog
          key={openId}
          operationId={openId}
          onClose={() => setOpenId(null)}
          onOpen={(id) => open(id)}
          openFirst={openFirst}
          onChanged={(view) => {
            history.patch(view);
            history.refresh();
            setTotalsToken((token) => token + 1);
          }}
        />
      )}
    </Stack>
  );
}
