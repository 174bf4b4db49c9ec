import { fail, type Result } from '../../../shared/contract/result.js';
import type { Transport } from '../../../shared/contract/transport.js';

/**
 * Web mode: calls are POSTs carrying the session token in a header (which another site
 * cannot add), events come over one EventSource shared by all subscribers.
 */
export interface EventStream {
  addEventListener(type: string, listener: (message: MessageEvent<string>) => void): void;
}

export function createWebTransport(
  token: string,
  base = '',
  openEvents: (url: string) => EventStream = (url) => new EventSource(url),
): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const latest = new Map<string, unknown>();
  let source: EventStream | undefined;

  function ensureSource(event: string): void {
    source ??= openEvents(`${base}/api/events?token=${encodeURIComponent(token)}`);
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
          headers: { 'Content-Type': 'application/json', 'X-Comptoir-Token': token },
          body: payload === undefined ? '' : JSON.stringify(payload),
          credentials: 'same-origin',
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
