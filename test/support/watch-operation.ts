import type { Core } from '../../electron/core/core.js';
import type { CallContext } from '../../electron/core/dispatcher.js';
import type { EventPayload } from '../../shared/contract/events.js';
import type { Result } from '../../shared/contract/result.js';

type Operation = EventPayload<'operation.updated'>;

/**
 * The first view of an operation that satisfies `predicate`, seen as the screen sees it: pushed
 * with `operation.updated` (answers, lookups, follow-ups), or fetched with `operations.get` when
 * `operations.changed` names it (notifications). Never resolves if core never says so.
 */
export function watchOperation(core: Core, operationId: number, predicate: (operation: Operation) => boolean, ctx: CallContext): Promise<Operation> {
  return new Promise((resolve, reject) => {
    let done = false;
    // Replaced by the real unsubscribe once `subscribe` returns.
    let stop = (): void => undefined;
    const offer = (operation: Operation) => {
      if (done || !predicate(operation)) return;
      done = true;
      stop();
      resolve(operation);
    };
    // A new subscriber is first told the latest events again: that may already be the answer.
    stop = core.events.subscribe((name, payload) => {
      if (name === 'operation.updated' && (payload as Operation).id === operationId) offer(payload as Operation);
      if (name === 'operations.changed' && (payload as EventPayload<'operations.changed'>).ids.includes(operationId)) {
        void (core.dispatcher.invoke('operations.get', { operationId }, ctx) as Promise<Result<Operation>>).then(
          (result) => (result.ok ? offer(result.value) : reject(new Error(result.error.code))),
          reject,
        );
      }
    });
    if (done) stop();
  });
}
