import type { ComptoirBridge } from '../../../shared/contract/bridge-api.js';
import { fail } from '../../../shared/contract/result.js';
import type { Transport } from '../../../shared/contract/transport.js';

type Operation = (input?: unknown) => ReturnType<ComptoirBridge['operations'][keyof ComptoirBridge['operations']]>;
type Subscriber = (listener: (payload: unknown) => void) => () => void;

/** Own properties only: `toString` or `__proto__` must never resolve to something callable. */
function own<T>(record: object, key: string): T | undefined {
  return Object.hasOwn(record, key) ? ((record as Record<string, T>)[key] as T) : undefined;
}

/** The desktop app: the preload's named functions, looked up by operation name. */
export function createElectronTransport(bridge: ComptoirBridge): Transport {
  return {
    invoke(channel, payload) {
      const operation = own<Operation>(bridge.operations, channel);
      if (typeof operation !== 'function') {
        return Promise.resolve(fail('UNKNOWN_OPERATION', 'This action does not exist in this version of Comptoir.'));
      }
      return operation(payload);
    },
    subscribe(event, listener) {
      const subscribe = own<Subscriber>(bridge.events, event);
      return typeof subscribe === 'function' ? subscribe(listener) : () => undefined;
    },
  };
}
