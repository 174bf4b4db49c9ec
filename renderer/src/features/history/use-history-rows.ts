import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryFilter } from '../../../../shared/contract/history-filter.js';
import { HistoryRow, type HistorySort, type HistoryTotals } from '../../../../shared/contract/history.js';
import { unwrap } from '../../../../shared/contract/client.js';
import type { ContractError } from '../../../../shared/contract/result.js';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import { useClient, useEventListener } from '../../contract/client-context.js';

const PAGE_SIZE = 100;
/** A superseded read: the newer one answers instead, nothing to show. */
const CANCELLED = 'JOURNAL_QUERY_CANCELLED';

/** A view pushed by core, as a row of the table (the fields a row has, nothing else). */
function toRow(view: OperationView): HistoryRow {
  return HistoryRow.parse(view);
}

interface RowsState {
  /** The filter and sort the rows answer (a JSON key): another one than asked means loading. */
  readonly key: string | null;
  readonly rows: readonly HistoryRow[];
  readonly nextCursor: string | null;
  readonly loadingMore: boolean;
  readonly error: ContractError | null;
  /** Bumped when a new first page replaces the rows (the table scrolls back to the top then). */
  readonly generation: number;
}

/**
 * The rows of the History table for a filter and a sort: the first page, the next ones as the
 * operator scrolls, and every row shown kept current. Each new filter reads on the same stream,
 * so core cancels the read it supersedes. Rows change in place when core pushes a view
 * (`operation.updated`) or names changed ids (`operations.changed`, fetched only when shown):
 * their order and the scroll position and selection stay as they were.
 */
export function useHistoryRows(filter: HistoryFilter, sort: HistorySort) {
  const client = useClient();
  const [state, setState] = useState<RowsState>({ key: null, rows: [], nextCursor: null, loadingMore: false, error: null, generation: 0 });
  const latest = useRef(0);
  const shown = useRef(new Set<number>());
  const key = JSON.stringify([filter, sort]);

  const load = useCallback(
    () => {
      const request = ++latest.current;
      void client.call('history.page', { filter, sort, limit: PAGE_SIZE, cursor: null, stream: 'history-table' }).then((result) => {
        if (request !== latest.current) return;
        if (!result.ok) {
          if (result.error.code !== CANCELLED) setState((current) => ({ ...current, key, loadingMore: false, error: result.error }));
          return;
        }
        setState((current) => ({
          key,
          rows: result.value.items,
          nextCursor: result.value.nextCursor,
          loadingMore: false,
          error: null,
          generation: current.key === key ? current.generation : current.generation + 1,
        }));
      });
    },
    // The key stands for filter and sort: a new object with the same content reads nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, key],
  );

  useEffect(load, [load]);

  const loadMore = useCallback(() => {
    const { nextCursor, loadingMore } = state;
    if (nextCursor === null || loadingMore || state.key !== key) return;
    const request = ++latest.current;
    setState((current) => ({ ...current, loadingMore: true }));
    void client.call('history.page', { filter, sort, limit: PAGE_SIZE, cursor: nextCursor, stream: 'history-table' }).then((result) => {
      if (request !== latest.current) return;
      if (!result.ok) {
        if (result.error.code !== CANCELLED) setState((current) => ({ ...current, loadingMore: false, error: result.error }));
        return;
      }
      setState((current) => ({ ...current, rows: [...current.rows, ...result.value.items], nextCursor: result.value.nextCursor, loadingMore: false }));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, state]);

  useEffect(() => {
    shown.current = new Set(state.rows.map((row) => row.id));
  }, [state.rows]);

  const patch = useCallback((view: OperationView) => {
    setState((current) => {
      const at = current.rows.findIndex((row) => row.id === view.id);
      if (at < 0) return current;
      const rows = [...current.rows];
      rows[at] = toRow(view);
      return { ...current, rows };
    });
  }, []);

  useEventListener('operation.updated', (view) => {
    if (shown.current.has(view.id)) patch(view);
  });
  useEventListener('operations.changed', ({ ids }) => {
    for (const id of ids) {
      if (!shown.current.has(id)) continue;
      void client.call('operations.get', { operationId: id }).then((result) => {
        // A failed fetch leaves the row as it was; the next change brings it up to date.
        if (result.ok) patch(result.value);
      });
    }
  });

  /** Reads the first page again, keeping the rows on screen until it comes (after a follow-up adds one). */
  const refresh = load;

  return { ...state, loading: state.key !== key || state.loadingMore, loadMore, refresh, patch };
}

/** The count and the totals per currency of a filter, read again when the filter changes or after a follow-up. */
export function useHistoryTotals(filter: HistoryFilter, refreshToken: number): HistoryTotals | null {
  const client = useClient();
  const query = useQuery({
    queryKey: ['history.totals', JSON.stringify(filter), refreshToken],
    queryFn: () => unwrap(client.call('history.totals', { filter, stream: 'history-totals' })),
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
  return query.data ?? null;
}
