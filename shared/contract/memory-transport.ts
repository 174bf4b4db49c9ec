import type { CoreLink } from './core-link.js';
import type { Transport } from './transport.js';

/**
 * The transport for renderer tests: no socket, no IPC, but every value is structured-cloned
 * both ways so that nothing passes that a real boundary would not carry.
 */
export function createMemoryTransport(link: CoreLink): Transport {
  return {
    async invoke(channel, payload) {
      const result = await link.invoke(channel, payload === undefined ? undefined : structuredClone(payload));
      return structuredClone(result);
    },
    subscribe(event, listener) {
      return link.subscribe((name, payload) => {
        if (name === event) listener(structuredClone(payload));
      });
    },
  };
}
