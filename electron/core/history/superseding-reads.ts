import type { CancellableQuery } from '../journal/reader-pool.js';

/** Streams remembered at most: a page that invents names cannot grow this without bound. */
const MAX_STREAMS = 64;

/**
 * One read in flight per stream: a newer read on a stream cancels the one still running
 * there (its caller gets `JOURNAL_QUERY_CANCELLED`), so a search the operator typed past
 * stops costing a reader thread at once.
 */
export class SupersedingReads {
  private readonly running = new Map<string, CancellableQuery<unknown>>();

  run<T>(stream: string | undefined, start: () => CancellableQuery<T>): Promise<T> {
    if (stream === undefined) return start();
    this.running.get(stream)?.cancel();
    this.running.delete(stream);
    if (this.running.size >= MAX_STREAMS) {
      const oldest = this.running.keys().next().value as string;
      this.running.get(oldest)?.cancel();
      this.running.delete(oldest);
    }
    const query = start();
    this.running.set(stream, query);
    const forget = () => {
      if (this.running.get(stream) === query) this.running.delete(stream);
    };
    query.then(forget, forget);
    return query;
  }
}
