import { fail, type Result } from '../../../shared/contract/result.js';
import type { Transport } from '../../../shared/contract/transport.js';
import { openFetchEventStream, type EventStream } from './fetch-event-stream.js';

export type { EventStream };

/** The header web mode's bridge reads the session token from, for calls and events alike. */
const TOKEN_HEADER = 'X-Comptoir-Token';

/**
 * Web mode: calls are POSTs carrying the session token in a header (which another site
 * cannot add), events come over one stream shared by all subscribers, with the same header.
 * No cookie is involved anywhere.
 */
export function createWebTransport(
  token: string,
  base = '',
  openEvents: (url: string, headers: Readonly<Record<string, string>>) => EventStream = openFetchEventStream,
): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const latest = new Map<string, unknown>();
  let source: EventStream | undefined;

  function ensureSource(event: string): void {
    source ??= openEvents(`${base}/api/events`, { [TOKEN_HEADER]: token });
    if (listeners.has(event)) return;
    listeners.set(event, new Set());
    source.addEventListener(event, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.data);
      } catch {
        return;
      }
      latest.set(event, payload);
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  }

  return {
    async invoke(channel, payload) {
      try {
        const response = await fetch(`${base}/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: payload === undefined ? '' : JSON.stringify(payload),
          credentials: 'omit',
        });
        return (await response.json()) as Result<unknown>;
      } catch {
        return fail('CORE_UNAVAILABLE', 'Comptoir’s engine is not answering.');
      }
    },
    subscribe(event, listener) {
      ensureSource(event);
      listeners.get(event)?.add(listener);
      if (latest.has(event)) listener(latest.get(event));
      return () => void listeners.get(event)?.delete(listener);
    },
  };
}
