import { useRef } from 'react';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import { useEventListener } from '../../contract/client-context.js';
import { useTerminalStore } from '../../state/terminal-store.js';

const REMEMBERED = 50;

/**
 * Applies `operation.updated` to the outcome on screen (answer, notification, lookup) and
 * remembers the latest view of recent operations, because an update can overtake the answer
 * to submit: `freshest` picks whichever of the two is newer.
 */
export function useLiveOperations(): (view: OperationView) => OperationView {
  const recent = useRef(new Map<number, OperationView>());
  useEventListener('operation.updated', (view) => {
    recent.current.delete(view.id);
    recent.current.set(view.id, view);
    if (recent.current.size > REMEMBERED) recent.current.delete(recent.current.keys().next().value as number);
    useTerminalStore.getState().applyUpdate(view);
  });
  return (view) => {
    const seen = recent.current.get(view.id);
    return seen && seen.updatedAt > view.updatedAt ? seen : view;
  };
}
