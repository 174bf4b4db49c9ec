import type { Worker } from 'node:worker_threads';
import { fromWireError, JournalError } from './journal-error.js';
import type { FilterTotals, OperationFilter, OperationPage, OperationPageQuery, ReadRequest, ReadResult, SummaryRow, SummarySpec } from './query-types.js';
import type { WorkerQuery, WorkerReply } from './reader-worker.js';
import { spawnJournalWorker } from './worker-spawn.js';

/** A query in flight: a promise that `cancel()` rejects at once with `JOURNAL_QUERY_CANCELLED`. */
export interface CancellableQuery<T> extends Promise<T> {
  cancel(): void;
}

export interface ReaderPoolOptions {
  /** The journal file (already opened and migrated by its owner `Journal`). */
  readonly file: string;
  /** Worker threads at most, default 2; each starts with the first query it runs. */
  readonly size?: number;
  /** Clock sent with each query (statuses `authorized`/`expired` depend on it). */
  readonly now?: () => number;
  /**
   * Reads a query on the caller's own connection. Given, it answers while no worker has
   * started yet (the first queries of a session never wait for a thread to load), and when a
   * worker cannot run or read (a damaged install, a file it cannot open): the caller's thread
   * is slower than none. A refusal of the query itself, a cancel or a close stand.
   */
  readonly local?: (request: ReadRequest) => unknown;
}

/** What a worker may end a query with that reading it elsewhere would not change. */
const STANDING_ERRORS = new Set<string>(['JOURNAL_INVALID_QUERY', 'JOURNAL_INVALID_CURSOR', 'JOURNAL_QUERY_CANCELLED', 'JOURNAL_POOL_CLOSED']);

interface Job {
  readonly id: number;
  readonly request: ReadRequest;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: JournalError) => void;
  settled: boolean;
  slot?: Slot;
}

interface Slot {
  /** Started with the first job it takes; null again after a death or a cancel. */
  worker: Worker | null;
  job: Job | null;
}

function spawn(file: string): Worker {
  return spawnJournalWorker('reader-worker', { file });
}

/**
 * Read-only connections in worker threads for list and report queries, so a query over a
 * year of operations never freezes the caller's event loop. Writes stay on the `Journal`
 * (owner thread); WAL lets these readers run while it writes. A worker starts with the first
 * query it takes, so a pool nobody queries costs nothing. Cancelling a running query
 * terminates its worker (better-sqlite3 has no interrupt); the next query starts a fresh one.
 */
export class ReaderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private started = false;
  private readonly now: () => number;

  constructor(private readonly options: ReaderPoolOptions) {
    this.now = options.now ?? Date.now;
    const size = options.size ?? 2;
    if (!Number.isSafeInteger(size) || size < 1 || size > 16) throw new JournalError('JOURNAL_INVALID_INPUT', 'pool size');
    for (let i = 0; i < size; i += 1) this.slots.push({ worker: null, job: null });
  }

  private start(slot: Slot): Worker {
    const worker = spawn(this.options.file);
    slot.worker = worker;
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        this.started = true;
        return;
      }
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = null;
      if (reply.ok) this.settle(job, { value: reply.value });
      else this.fail(job, fromWireError(reply, 'JOURNAL_QUERY_FAILED'));
      this.pump();
    });
    worker.on('error', (error) => this.replace(slot, worker, new JournalError('JOURNAL_QUERY_FAILED', error.message, { cause: error })));
    worker.on('exit', () => this.replace(slot, worker, new JournalError('JOURNAL_QUERY_FAILED', 'reader worker exited')));
    // Idle workers must not keep the process alive.
    worker.unref();
    return worker;
  }

  /** A worker died (or was terminated): fail its job; the slot's next job starts a fresh worker. */
  private replace(slot: Slot, worker: Worker, error: JournalError): void {
    if (slot.worker !== worker) return;
    const job = slot.job;
    slot.job = null;
    slot.worker = null;
    if (job) this.fail(job, error);
    if (this.closed) return;
    this.pump();
  }

  /** Whether a worker has loaded: until then, with `local`, queries are read on the caller's thread. */
  get ready(): boolean {
    return this.started;
  }

  /** A query a worker could not answer: read on the caller's connection when that can help. */
  private fail(job: Job, error: JournalError): void {
    if (this.options.local && !this.closed && !STANDING_ERRORS.has(error.code)) this.runLocally(job);
    else this.settle(job, { error });
  }

  private runLocally(job: Job): void {
    try {
      this.settle(job, { value: (this.options.local as (request: ReadRequest) => unknown)(job.request) });
    } catch (error) {
      this.settle(job, { error: error instanceof JournalError ? error : new JournalError('JOURNAL_QUERY_FAILED', (error as Error).message, { cause: error }) });
    }
  }

  private settle(job: Job, result: { value: unknown } | { error: JournalError }): void {
    if (job.settled) return;
    job.settled = true;
    if ('error' in result) job.reject(result.error);
    else job.resolve(result.value);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      let worker: Worker;
      try {
        worker = slot.worker ?? this.start(slot);
      } catch (error) {
        this.fail(job, new JournalError('JOURNAL_QUERY_FAILED', (error as Error).message, { cause: error }));
        continue;
      }
      slot.job = job;
      job.slot = slot;
      worker.ref();
      const message: WorkerQuery = { id: job.id, request: job.request, now: this.now() };
      worker.postMessage(message);
    }
    for (const slot of this.slots) if (!slot.job) slot.worker?.unref();
  }

  private cancel(job: Job): void {
    if (job.settled) return;
    this.settle(job, { error: new JournalError('JOURNAL_QUERY_CANCELLED') });
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      return;
    }
    const slot = job.slot;
    if (slot && slot.job === job) {
      const worker = slot.worker;
      slot.job = null;
      slot.worker = null;
      void worker?.terminate();
      this.pump();
    }
  }

  /** Runs one read in a worker. */
  query<R extends ReadRequest>(request: R): CancellableQuery<ReadResult<R>> {
    let job: Job | undefined;
    const promise = new Promise<ReadResult<R>>((resolve, reject) => {
      job = { id: this.nextId++, request, resolve: resolve as (value: unknown) => void, reject, settled: false };
    }) as CancellableQuery<ReadResult<R>>;
    const created = job as unknown as Job;
    promise.cancel = () => {
      // Whoever cancels has usually stopped waiting: the rejection must not become an unhandled one.
      promise.catch(() => undefined);
      this.cancel(created);
    };
    if (this.closed) {
      this.settle(created, { error: new JournalError('JOURNAL_POOL_CLOSED') });
    } else if (!this.started && this.options.local) {
      // Nobody waits for a thread to load: this one is read here, and a worker starts for the next.
      this.warm();
      this.runLocally(created);
    } else {
      this.queue.push(created);
      this.pump();
    }
    return promise;
  }

  /** Starts the first worker if none runs yet. */
  private warm(): void {
    const slot = this.slots[0];
    if (!slot || slot.worker) return;
    try {
      this.start(slot);
    } catch {
      // It stays unstarted: queries go on being read locally, and the next one tries again.
    }
  }

  page(query: OperationPageQuery): CancellableQuery<OperationPage> {
    return this.query({ kind: 'page', query });
  }

  count(filter: OperationFilter): CancellableQuery<number> {
    return this.query({ kind: 'count', filter });
  }

  totals(filter: OperationFilter): CancellableQuery<FilterTotals> {
    return this.query({ kind: 'totals', filter });
  }

  summary(spec: SummarySpec): CancellableQuery<readonly SummaryRow[]> {
    return this.query({ kind: 'summary', spec });
  }

  /** SQLite's quick check of the file, on a worker's connection: what it finds wrong, or nothing. */
  integrity(): CancellableQuery<readonly string[]> {
    return this.query({ kind: 'integrity' });
  }

  /** Rejects what is queued or running with `JOURNAL_POOL_CLOSED` and stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new JournalError('JOURNAL_POOL_CLOSED');
    for (const job of this.queue.splice(0)) this.settle(job, { error });
    for (const slot of this.slots) if (slot.job) this.settle(slot.job, { error });
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
  }
}

export function createReaderPool(options: ReaderPoolOptions): ReaderPool {
  return new ReaderPool(options);
}
