import type { CoreLink } from '../../../shared/contract/core-link.js';
import type { Core } from '../core.js';
import type { CallContext } from '../dispatcher.js';

/** Core in the caller's own process, seen through the CoreLink interface. */
export function inProcessLink(core: Core, ctx: CallContext): CoreLink {
  return {
    invoke: (channel, payload) => core.dispatcher.invoke(channel, payload, ctx),
    subscribe: (listener) => core.events.subscribe(listener),
  };
}
