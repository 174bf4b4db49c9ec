import { useRef } from 'react';
import { OPERATIONS_CHANGED_MAX, type OperationView } from '../../../../shared/contract/terminal.js';
import { useClient, useEventListener } from '../../contract/client-context.js';
import { useTerminalStore } from '../../state/terminal-store.js';

/** Views pushed lately; ids changed lately (as many as one event carries: ids are small). */
const REMEMBERED_VIEWS = 50;
const REMEMBERED_IDS = OPERATIONS_CHANGED_MAX;

/** Remembers the latest `limit` entries, forgetting the oldest. */
function remember<T>(map: Map<number, T>, limit: number, id: number, value: T): void {
  map.delete(id);
  map.set(id, value);
  if (map.size > limit) map.delete(map.keys().next().value as number);
}

/**
 * Keeps the outcome on screen, and its follow-ups, current.
 *
 * Core pushes `operation.updated` with the new view (an answer, a status lookup, a follow-up)
 * and `operations.changed` with ids only (what notifications changed, gathered: a burst of
 * thousands is a few small events); the views of the changed operations on screen are
 * fetched. Either can overtake the answer to submit, so recent ones are remembered:
 * `freshest` picks the newer of a remembered view and the one given, and fetches again an
 * operation that changed before the screen knew it.
 */
export function useLiveOperations(): (view: OperationView) => OperationView {
  const client = useClient();
  const recent = useRef(new Map<number, OperationView>());
  const changed = useRef(new Map<number, true>());

  const refetch = (operationId: number) => {
    void client.call('operations.get', { operationId }).then((result) => {
      // A failed fetch leaves the view as it was; the next change or visit brings it up to date.
      if (result.ok) useTerminalStore.getState().applyUpdate(result.value);
    });
  };

  useEventListener('operation.updated', (view) => {
    remember(recent.current, REMEMBERED_VIEWS, view.id, view);
    useTerminalStore.getState().applyUpdate(view);
  });
  useEventListener('operations.changed', ({ ids }) => {
    const { outcome, followUps } = useTerminalStore.getState();
    const shown = new Set([...(outcome ? [outcome.id] : []), ...followUps.map((followUp) => followUp.id)]);
    for (const id of ids) {
      if (shown.has(id)) refetch(id);
      else remember(changed.current, REMEMBERED_IDS, id, true);
    }
  });

  return (view) => {
    if (changed.current.delete(view.id)) refetch(view.id);
    const seen = recent.current.get(view.id);
    return seen && seen.updatedAt > view.updatedAt ? seen : view;
  };
}
