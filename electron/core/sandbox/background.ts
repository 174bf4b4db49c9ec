import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The sandbox's asynchronous work (notification retries, late notifications, export
 * deliveries). Tracked so tests can wait for quiet (`settled`) instead of sleeping, and
 * cancelled as a whole on close.
 */
export class Background {
  private readonly tasks = new Set<Promise<void>>();
  private readonly controller = new AbortController();

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {
    // Every delivery in flight listens to this one signal; hundreds at once are normal. Only a
    // warning is at stake, so a host whose AbortSignal is not Node's (a DOM test environment
    // running core) must not fail here.
    try {
      setMaxListeners(0, this.controller.signal);
    } catch {
      // not Node's AbortSignal: keep the default limit
    }
  }

  get closed(): boolean {
    return this.controller.signal.aborted;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs `task` in the background; a failure goes to `onError`, never to an unhandled rejection. */
  run(task: () => Promise<void>): Promise<void> {
    if (this.closed) return Promise.resolve();
    const promise = (async () => {
      try {
        await task();
      } catch (error) {
        if (!this.closed) this.onError(error);
      }
    })();
    this.tasks.add(promise);
    void promise.finally(() => this.tasks.delete(promise));
    return promise;
  }

  /** Real-time wait that ends early (rejecting) when the sandbox closes. */
  async sleep(ms: number): Promise<void> {
    if (ms <= 0) return;
    await sleep(ms, undefined, { signal: this.controller.signal });
  }

  /** Resolves when no background work is left, including work started meanwhile. */
  async settled(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.settled();
  }
}
