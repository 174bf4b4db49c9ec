import { OPERATIONS_CHANGED_MAX } from '../../../shared/contract/terminal.js';
import type { Logger } from '../logging/logger.js';

export interface CoalescedPublisherOptions {
  /** How long an operation waits to be published, gathering the notifications that follow. */
  readonly delayMs?: number;
  /** Operations per call at most; the rest wait for the next turn of the event loop. */
  readonly chunk?: number;
}

const DEFAULT_DELAY_MS = 25;

/**
 * Tells the UI which operations notifications changed, a moment later and once each.
 *
 * A burst (the gateway replaying a backlog after an outage) names thousands of operations a
 * second, many of them several times, on the thread that also answers the gateway. Here an
 * operation named several times in the window is published once, after the answers went out,
 * and a large set goes out a chunk at a time, one chunk per turn of the event loop, so
 * requests keep being served in between.
 */
export class CoalescedPublisher {
  private readonly pending = new Set<number>();
  /** Cancels the flush that is due, if one is. */
  private cancelFlush: (() => void) | undefined;
  private closed = false;
  private readonly delayMs: number;
  private readonly chunk: number;

  constructor(
    /** Sends a chunk of operation ids (never empty). */
    private readonly publish: (operationIds: number[]) => void,
    private readonly logger: Logger,
    options: CoalescedPublisherOptions = {},
  ) {
    this.delayMs = options.delayMs ?? DEFAULT_DELAY_MS;
    this.chunk = Math.max(1, Math.min(options.chunk ?? OPERATIONS_CHANGED_MAX, OPERATIONS_CHANGED_MAX));
  }

  /** Operations waiting to be published. */
  get size(): number {
    return this.pending.size;
  }

  add(operationId: number): void {
    if (this.closed) return;
    this.pending.add(operationId);
    if (this.cancelFlush) return;
    const timer = setTimeout(() => this.flush(), this.delayMs);
    this.cancelFlush = () => clearTimeout(timer);
  }

  /** Drops what is still waiting; nothing is published after this (shutdown). */
  close(): void {
    this.closed = true;
    this.pending.clear();
    this.cancelFlush?.();
    this.cancelFlush = undefined;
  }

  private flush(): void {
    this.cancelFlush = undefined;
    if (this.closed) return;
    const chunk: number[] = [];
    for (const operationId of this.pending) {
      if (chunk.length === this.chunk) break;
      chunk.push(operationId);
    }
    for (const operationId of chunk) this.pending.delete(operationId);
    try {
      this.publish(chunk);
    } catch (error) {
      // The journal has them; the screen catches up on its next read of those operations.
      this.logger.warn({ err: error, operations: chunk.length, first: chunk[0] }, 'telling the UI about notified operations failed');
    }
    if (this.pending.size === 0 || this.cancelFlush || this.closed) return;
    const next = setImmediate(() => this.flush());
    this.cancelFlush = () => clearImmediate(next);
  }
}
