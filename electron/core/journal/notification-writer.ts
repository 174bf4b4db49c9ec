import type { Worker } from 'node:worker_threads';
import type { NotificationBatchItem } from './notification-recording.js';
import { fromWireError, JournalError, type WireJournalError } from './journal-error.js';
import type { NotificationInput, NotificationRecordResult } from './types.js';
import { spawnJournalWorker } from './worker-spawn.js';

/** A batch item as it crosses threads: a failure travels as its code. */
export type WireBatchItem = NotificationRecordResult | ({ readonly outcome: 'failed' } & WireJournalError);

export type WriterRequest =
  { readonly type: 'record'; readonly id: number; readonly inputs: readonly NotificationInput[]; readonly now: number } | { readonly type: 'close' };

export type WriterReply =
  | { readonly id: number; readonly ok: true; readonly results: readonly WireBatchItem[] }
  | { readonly id: number; readonly ok: false; readonly code: string; readonly detail: string };

export interface NotificationWriterOptions {
  /** The journal file, already opened and migrated by its owner `Journal`. */
  readonly file: string;
  /** Clock sent with each batch, so the writer agrees with the owner (tests use a fake one). */
  readonly now?: () => number;
  /**
   * Where batches go when the worker cannot run (it fails to start, or dies this many times
   * in a row without answering): normally the owner `Journal`, on its own thread. Slower
   * under a burst, but notifications are still recorded instead of refused.
   */
  readonly fallback?: {
    readonly recorder: { recordNotifications(inputs: readonly NotificationInput[]): NotificationBatchItem[] };
    /** Told once, with why, when the writer switches to it (for the log and the health line). */
    readonly onSwitch?: (reason: string) => void;
  };
}

/** Worker failures in a row (no answer in between) before batches go to the fallback. */
const FAILURES_BEFORE_FALLBACK = 3;

interface Pending {
  readonly resolve: (results: NotificationBatchItem[]) => void;
  readonly reject: (error: JournalError) => void;
}

/**
 * Records notifications into the journal from a worker thread with its own connection.
 *
 * Under a burst, the listener's thread would otherwise spend most of its time in SQLite and
 * waiting for fsyncs while requests queue behind it; here it only parses and verifies, and
 * the writer thread commits on the other core. SQLite serialises the two connections' writes
 * (BEGIN IMMEDIATE with a busy timeout), so the journal keeps one order of events; each
 * result comes back only once its batch is committed with synchronous=FULL.
 *
 * If the worker dies, the batches it held are rejected (the listener answers 500 and the
 * gateway retries; the journal deduplicates) and the next batch starts a fresh worker.
 */
export class NotificationWriter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private failures = 0;
  private usingFallback = false;
  private readonly now: () => number;

  constructor(private readonly options: NotificationWriterOptions) {
    this.now = options.now ?? Date.now;
    // Started now, so the first notification does not wait for a thread and a connection.
    try {
      this.start();
    } catch (error) {
      this.failed(`notification writer could not start: ${(error as Error).message}`);
    }
  }

  /** True once batches go to the fallback instead of the worker. */
  get degraded(): boolean {
    return this.usingFallback;
  }

  /** The same contract as `Journal.recordNotifications`, one commit per call. */
  recordNotifications(inputs: readonly NotificationInput[]): Promise<NotificationBatchItem[]> {
    if (this.closed) return Promise.reject(new JournalError('JOURNAL_CLOSED', 'notification writer'));
    const fallback = this.options.fallback;
    if (this.usingFallback && fallback) return Promise.resolve().then(() => fallback.recorder.recordNotifications(inputs));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      try {
        const worker = this.start();
        worker.ref();
        const request: WriterRequest = { type: 'record', id, inputs, now: this.now() };
        worker.postMessage(request);
      } catch (error) {
        this.pending.delete(id);
        this.failed(`notification writer could not start: ${(error as Error).message}`);
        reject(new JournalError('JOURNAL_WRITE_FAILED', (error as Error).message));
      }
    });
  }

  /** Counts a worker failure; after too many in a row, batches go to the fallback. */
  private failed(reason: string): void {
    this.failures += 1;
    if (this.usingFallback || !this.options.fallback || this.failures < FAILURES_BEFORE_FALLBACK) return;
    this.usingFallback = true;
    this.options.fallback.onSwitch?.(reason);
  }

  /** Lets the batches in flight finish, then closes the writer's connection and thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.ref();
      worker.postMessage({ type: 'close' } satisfies WriterRequest);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnJournalWorker('notification-writer-worker', { file: this.options.file, now: this.now() });
    this.worker = worker;
    worker.on('message', (reply: WriterReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      this.failures = 0;
      if (this.pending.size === 0) worker.unref();
      if (!reply.ok) {
        job.reject(fromWireError(reply, 'JOURNAL_WRITE_FAILED'));
        return;
      }
      job.resolve(reply.results.map((item) => (item.outcome === 'failed' ? { outcome: 'failed', error: fromWireError(item, 'JOURNAL_WRITE_FAILED') } : item)));
    });
    const stopped = (detail: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (!this.closed) this.failed(detail);
      const error = new JournalError('JOURNAL_WRITE_FAILED', detail);
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => stopped(`notification writer failed: ${error.message}`));
    worker.on('exit', (code) => stopped(`notification writer exited (${code})`));
    // An idle writer must not keep the process alive.
    worker.unref();
    return worker;
  }
}
