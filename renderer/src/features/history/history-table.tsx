import { Badge, Text, UnstyledButton } from '@mantine/core';
import { columnVisibilityFeature, tableFeatures, useTable, type ColumnDef, type ColumnVisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import type { HistoryRow, HistorySort } from '../../../../shared/contract/history.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { formatDateTime } from '../../i18n/format-date-time.js';
import { brandName } from '../operations/brand-name.js';

const features = tableFeatures({ columnVisibilityFeature });

export const HISTORY_COLUMNS = ['date', 'type', 'status', 'amount', 'orderId', 'transactionId', 'card', 'customer', 'operator', 'account'] as const;
type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

const ROW_HEIGHT = 40;
/** Rows from the end at which the next page is asked for. */
const PREFETCH_ROWS = 20;

function columns(intl: IntlShape, accountName: (id: number) => string): Array<ColumnDef<typeof features, HistoryRow>> {
  return [
    { id: 'date', header: intl.formatMessage({ id: 'history.column.date' }), accessorFn: (row) => formatDateTime(intl, row.createdAt) },
    { id: 'type', header: intl.formatMessage({ id: 'history.column.type' }), accessorFn: (row) => intl.formatMessage({ id: `receipt.type.${row.type}` }) },
    { id: 'status', header: intl.formatMessage({ id: 'history.column.status' }), accessorFn: (row) => intl.formatMessage({ id: `opstatus.${row.status}` }) },
    { id: 'amount', header: intl.formatMessage({ id: 'history.column.amount' }), accessorFn: (row) => formatAmount(row.amount, row.currency, intl.locale) },
    { id: 'orderId', header: intl.formatMessage({ id: 'history.column.orderId' }), accessorFn: (row) => row.orderId },
    { id: 'transactionId', header: intl.formatMessage({ id: 'history.column.transactionId' }), accessorFn: (row) => row.transactionId ?? '' },
    {
      id: 'card',
      header: intl.formatMessage({ id: 'history.column.card' }),
      accessorFn: (row) => (row.last4 ? `${brandName(intl, row.brand)} •••• ${row.last4}` : ''),
    },
    {
      id: 'customer',
      header: intl.formatMessage({ id: 'history.column.customer' }),
      accessorFn: (row) => row.customerName ?? row.customerEmail ?? row.customerIdent ?? '',
    },
    { id: 'operator', header: intl.formatMessage({ id: 'history.column.operator' }), accessorFn: (row) => row.operator ?? '' },
    { id: 'account', header: intl.formatMessage({ id: 'history.column.account' }), accessorFn: (row) => accountName(row.accountId) },
  ];
}

const SORTABLE: Partial<Record<HistoryColumn, HistorySort['by']>> = { date: 'date', amount: 'amount' };

interface HistoryTableProps {
  readonly rows: readonly HistoryRow[];
  /** Changes when a new first page replaced the rows: back to the top. */
  readonly generation: number;
  readonly sort: HistorySort;
  readonly columnVisibility: ColumnVisibilityState;
  readonly selectedId: number | null;
  readonly accountName: (id: number) => string;
  onSort(sort: HistorySort): void;
  onSelect(id: number): void;
  onOpen(id: number): void;
  /** A key for the selected row: `r` refund, `c` capture. */
  onShortcut(id: number, action: 'refund' | 'capture'): void;
  onNearEnd(): void;
}

/**
 * The journal's rows, virtualized: only the rows in view are in the page, however many pages
 * were read. The table is one tab stop; arrow keys move the selection (announced through
 * `aria-activedescendant`), Enter opens the detail. Rows are keyed by operation id, so a row
 * changed in place keeps its position, and the selection stays on it.
 */
export function HistoryTable(props: HistoryTableProps) {
  const intl = useIntl();
  const { rows, selectedId } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const columnDefs = useMemo(() => columns(intl, props.accountName), [intl, props.accountName]);
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({
    features,
    columns: columnDefs,
    data,
    getRowId: (row) => String(row.id),
    state: { columnVisibility: props.columnVisibility },
  });
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);

  useEffect(() => {
    if (last && last.index >= rows.length - PREFETCH_ROWS) props.onNearEnd();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [last?.index, rows.length]);

  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [props.generation]);

  const selectedIndex = selectedId === null ? -1 : rows.findIndex((row) => row.id === selectedId);
  const move = (to: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, to))];
    if (!row) return;
    props.onSelect(row.id);
    virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const selected = rows[selectedIndex];
    switch (event.key) {
      case 'ArrowDown':
        move(selectedIndex + 1);
        break;
      case 'ArrowUp':
        move(selectedIndex - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rows.length - 1);
        break;
      case 'PageDown':
        move(selectedIndex + 10);
        break;
      case 'PageUp':
        move(selectedIndex - 10);
        break;
      case 'Enter':
        if (selected) props.onOpen(selected.id);
        break;
      case 'r':
        if (selected) props.onShortcut(selected.id, 'refund');
        break;
      case 'c':
        if (selected) props.onShortcut(selected.id, 'capture');
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const visibleColumns = table.getVisibleLeafColumns();
  const modelRows = table.getRowModel().rows;
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (last?.end ?? 0);

  return (
    <div ref={scroller} style={{ height: 'calc(100vh - 420px)', minHeight: 240, overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)' }}>
      <table
        role="grid"
        tabIndex={0}
        aria-label={intl.formatMessage({ id: 'history.table.label' })}
        aria-rowcount={rows.length + 1}
        aria-activedescendant={selectedIndex >= 0 ? `history-row-${rows[selectedIndex]?.id}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (selectedIndex < 0 && rows[0]) props.onSelect(rows[0].id);
        }}
        data-testid="history-table"
        style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14 }}
      >
        <thead style={{ position: 'sticky', top: 0, background: 'var(--mantine-color-body)', zIndex: 1 }}>
          <tr aria-rowindex={1}>
            {visibleColumns.map((column) => {
              const by = SORTABLE[column.id as HistoryColumn];
              const sorted = by !== undefined && props.sort.by === by ? props.sort.direction : undefined;
              return (
                <th
                  key={column.id}
                  scope="col"
                  aria-sort={sorted === undefined ? undefined : sorted === 'asc' ? 'ascending' : 'descending'}
                  style={{ textAlign: 'left', padding: '8px', borderBottom: '1px solid var(--mantine-color-gray-4)', whiteSpace: 'nowrap' }}
                >
                  {by === undefined ? (
                    String(column.columnDef.header)
                  ) : (
                    <UnstyledButton
                      fw={700}
                      fz={14}
                      data-testid={`sort-${column.id}`}
                      onClick={() => props.onSort({ by, direction: sorted === 'desc' ? 'asc' : 'desc' })}
                    >
                      {String(column.columnDef.header)} {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                    </UnstyledButton>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true">
              <td style={{ height: paddingTop, padding: 0 }} colSpan={visibleColumns.length} />
            </tr>
          )}
          {items.map((item) => {
            const row = modelRows[item.index];
            const operation = rows[item.index];
            if (!row || !operation) return null;
            const selected = operation.id === selectedId;
            return (
              <tr
                key={operation.id}
                id={`history-row-${operation.id}`}
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                data-testid="history-row"
                data-operation-id={operation.id}
                data-status={operation.status}
                onClick={() => props.onSelect(operation.id)}
                onDoubleClick={() => props.onOpen(operation.id)}
                style={{
                  height: ROW_HEIGHT,
                  cursor: 'pointer',
                  background: selected ? 'var(--mantine-color-blue-1)' : undefined,
                  outline: selected ? '2px solid var(--mantine-color-blue-7)' : undefined,
                  outlineOffset: -2,
                }}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} style={{ padding: '0 8px', borderBottom: '1px solid var(--mantine-color-gray-2)', whiteSpace: 'nowrap' }}>
                    {cell.column.id === 'status' ? (
                      <Badge variant="light" color="gray" c="dark.7" data-testid="history-row-status">
                        {String(cell.getValue())}
                      </Badge>
                    ) : cell.column.id === 'amount' ? (
                      <Text span fz={14} style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {String(cell.getValue())}
                      </Text>
                    ) : (
                      String(cell.getValue())
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true">
              <td style={{ height: paddingBottom, padding: 0 }} colSpan={visibleColumns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
