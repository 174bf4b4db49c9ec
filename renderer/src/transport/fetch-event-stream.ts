/**
 * Server-sent events read with `fetch`, so the stream sends the session token in a header as
 * every call does. An `EventSource` cannot send headers: it would need the token in its URL or
 * in a cookie, and a cookie for 127.0.0.1 goes to every port of the machine.
 *
 * Reconnects with back-off when the stream ends or fails (the bridge replays the latest value
 * of each event to a new subscriber); stops for good when the token is refused, as after a
 * restart of web mode, when the page's calls say how to get back in.
 */
export interface EventStream {
  addEventListener(type: string, listener: (message: MessageEvent<string>) => void): void;
  close?(): void;
}

export interface FetchEventStreamOptions {
  readonly fetch?: typeof fetch;
  /** First wait before reconnecting, doubled up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

export function openFetchEventStream(url: string, headers: Readonly<Record<string, string>>, options: FetchEventStreamOptions = {}): EventStream {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const listeners = new Map<string, Set<(message: MessageEvent<string>) => void>>();
  const controller = new AbortController();
  let closed = false;

  function dispatch(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    const message = { data: data.join('\n') } as MessageEvent<string>;
    for (const listener of listeners.get(type) ?? []) listener(message);
  }

  /** True when it is worth connecting again. */
  async function readOnce(): Promise<boolean> {
    const response = await doFetch(url, {
      headers: { Accept: 'text/event-stream', ...headers },
      cache: 'no-store',
      credentials: 'omit',
      signal: controller.signal,
    });
    if (response.status === 401 || response.status === 403) return false;
    if (!response.ok || !response.body) return true;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const separator = /\r?\n\r?\n/.exec(buffer.slice(end)) as RegExpExecArray;
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + separator[0].length);
      }
    }
  }

  void (async () => {
    const first = options.retryMs ?? 1_000;
    let wait = first;
    while (!closed) {
      let again = true;
      try {
        again = await readOnce();
        wait = first;
      } catch {
        // Network gone, or the bridge stopped: try again after a while.
      }
      if (!again || closed) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, options.maxRetryMs ?? 15_000);
    }
  })();

  return {
    addEventListener(type, listener) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener);
    },
    close() {
      closed = true;
      controller.abort();
    },
  };
}
