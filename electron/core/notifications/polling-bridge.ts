import { systemClock, type Clock } from './clock.js';
import { normalizeExecCode } from '../../../shared/domain/exec-code-meanings.js';
import { matchLookupRow } from '../gateway/lookup-match.js';
import { categorizeExecCode, isFinalCategory, type Categorize } from './final-outcome.js';
import { TokenBucket } from './token-bucket.js';
import { silentLogger, type MaybePromise, type NotificationLogger } from './types.js';

/**
 * The polling bridge: for a desk the gateway cannot reach (or a notification that never
 * came), asks getTransactions about every operation the store says is awaiting (pending,
 * unknown, or an answer whose confirmation is overdue) until each one has a final result.
 * A lookup that answered without the operation is reported to the store (`applyNotFound`),
 * which decides what that means; the operation is asked about again with back-off.
 * Per-operation exponential back-off keeps quiet operations cheap; one token bucket for all
 * accounts keeps the desk under the gateway's rate limit.
 */

export interface StatusQuery {
  readonly orderIds?: readonly string[];
  readonly transactionIds?: readonly string[];
}

/** One getTransactions DATA row (EXECCODE is `"0"`-style, AMOUNT a decimal string). */
export type StatusRow = Readonly<Record<string, string | undefined>>;

/** getTransactions through the gateway client; the client joins the ids with `;`. */
export interface StatusLookup {
  lookup(accountId: string, query: StatusQuery): Promise<readonly StatusRow[]>;
}

/** What the bridge needs to know of an operation to look it up and recognise its row. */
interface OperationRef {
  readonly id: string;
  readonly identifier: string;
  /** Lower case. */
  readonly operationType: string;
  readonly orderId?: string;
  readonly transactionId?: string;
}

export interface AwaitingOperation extends OperationRef {
  /** The account whose credentials the lookup uses. */
  readonly accountId: string;
}

export interface StatusReport {
  /** Four digits (normalised from the row). Always final. */
  readonly execCode: string;
  readonly row: StatusRow;
  /** Every row of the answer `row` was read from (the store may see a second charge there). */
  readonly rows?: readonly StatusRow[];
}

export interface PollingStore {
  /** Operations still waiting for a final result: pending (0001/0002/0003/5004) or unknown. */
  listAwaiting(): MaybePromise<readonly AwaitingOperation[]>;
  /** Records a final status found by lookup; the operation then leaves `listAwaiting`. */
  applyStatus(operationId: string, report: StatusReport): MaybePromise<void>;
  /** Records that a lookup answered and no row names the operation (its id, or its ORDERID). */
  applyNotFound(operationId: string): MaybePromise<void>;
}

export interface PollingOptions {
  readonly lookup: StatusLookup;
  readonly store: PollingStore;
  readonly clock?: Clock;
  readonly logger?: NotificationLogger;
  readonly categorize?: Categorize;
  /** Ids per getTransactions call. Default 50. */
  readonly batchSize?: number;
  /** Lookups per second across all accounts. Default 2. */
  readonly ratePerSecond?: number;
  /** Lookups that may go out back to back. Default 2. */
  readonly burst?: number;
  /** Wait before the first lookup of a newly seen operation (the notification may come). Default 30 s. */
  readonly firstDelayMs?: number;
  /** Back-off after the n-th unsuccessful lookup: base * 2^(n-1), capped. Defaults 15 s, 15 min. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** How often the awaiting list is read again to pick up new operations. Default 30 s. */
  readonly rescanMs?: number;
  /** Called after a status was recorded (e.g. to refresh the health panel). */
  readonly onSettled?: (operation: AwaitingOperation, report: StatusReport) => void;
}

export interface SweepSummary {
  /** Operations asked about. */
  readonly checked: number;
  /** Operations that got a final status. */
  readonly settled: number;
  /** getTransactions calls made, and how many failed. */
  readonly lookups: number;
  readonly failedLookups: number;
}

interface Schedule {
  op: AwaitingOperation;
  attempt: number;
  nextAt: number;
}

const EMPTY_SWEEP: SweepSummary = { checked: 0, settled: 0, lookups: 0, failedLookups: 0 };

export class PollingBridge {
  private readonly clock: Clock;
  private readonly logger: NotificationLogger;
  private readonly categorize: Categorize;
  private readonly bucket: TokenBucket;
  private readonly batchSize: number;
  private readonly firstDelayMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly rescanMs: number;
  private readonly schedules = new Map<string, Schedule>();
  private chain: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private started = false;
  private halted = false;
  private timer: unknown;
  private wake: (() => void) | undefined;

  constructor(private readonly options: PollingOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.categorize = options.categorize ?? categorizeExecCode;
    this.batchSize = Math.max(1, options.batchSize ?? 50);
    this.firstDelayMs = options.firstDelayMs ?? 30_000;
    this.baseDelayMs = options.baseDelayMs ?? 15_000;
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
    this.rescanMs = options.rescanMs ?? 30_000;
    this.bucket = new TokenBucket(options.ratePerSecond ?? 2, options.burst ?? 2, () => this.clock.now());
  }

  get running(): boolean {
    return this.started && !this.halted;
  }

  /** Starts the periodic cycle; the first one runs at once (it only reads the awaiting list). */
  start(): void {
    if (this.running) return;
    this.started = true;
    this.halted = false;
    this.arm(0);
  }

  /** Stops scheduling, cuts short a rate-limit wait, and resolves when the current cycle ends. */
  async stop(): Promise<void> {
    this.halted = true;
    this.disarm();
    this.wake?.();
    await this.chain;
  }

  /**
   * Looks up every awaiting operation now, ignoring back-off (still rate-limited): the
   * start-up recovery sweep. Works whether or not the bridge is started.
   */
  sweepNow(): Promise<SweepSummary> {
    return this.enqueue(true);
  }

  private enqueue(force: boolean): Promise<SweepSummary> {
    this.busy += 1;
    const run = this.chain.then(() => this.cycle(force));
    this.chain = run
      .catch(() => undefined)
      .finally(() => {
        this.busy -= 1;
        if (this.busy === 0 && this.running) this.arm(this.nextDelay());
      });
    return run;
  }

  private arm(ms: number): void {
    this.disarm();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.busy === 0 && this.running) void this.enqueue(false);
    }, ms);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private nextDelay(): number {
    const now = this.clock.now();
    let delay = this.rescanMs;
    for (const s of this.schedules.values()) delay = Math.min(delay, Math.max(0, s.nextAt - now));
    return delay;
  }

  private backoff(attempt: number): number {
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  }

  private async cycle(force: boolean): Promise<SweepSummary> {
    let awaiting: readonly AwaitingOperation[];
    try {
      awaiting = await this.options.store.listAwaiting();
    } catch (err) {
      this.logger.error({ code: 'NOTIFY_LOOKUP_FAILED', reason: errorName(err) }, 'cannot list awaiting operations');
      return EMPTY_SWEEP;
    }
    const now = this.clock.now();
    const seen = new Set<string>();
    for (const op of awaiting) {
      seen.add(op.id);
      const existing = this.schedules.get(op.id);
      if (existing) existing.op = op;
      else this.schedules.set(op.id, { op, attempt: 0, nextAt: now + this.firstDelayMs });
      if (force) (this.schedules.get(op.id) as Schedule).nextAt = now;
    }
    for (const id of [...this.schedules.keys()]) if (!seen.has(id)) this.schedules.delete(id);

    const due = [...this.schedules.values()].filter((s) => s.nextAt <= now);
    let checked = 0;
    let settled = 0;
    let lookups = 0;
    let failedLookups = 0;
    for (const batch of this.batches(due)) {
      if (this.halted && !force) break;
      if (!(await this.takeToken())) break;
      lookups += 1;
      checked += batch.schedules.length;
      let rows: readonly StatusRow[];
      try {
        rows = await this.options.lookup.lookup(batch.accountId, batch.query);
      } catch (err) {
        failedLookups += 1;
        this.logger.warn({ code: 'NOTIFY_LOOKUP_FAILED', accountId: batch.accountId, reason: errorName(err) }, 'status lookup failed');
        for (const s of batch.schedules) this.postpone(s);
        continue;
      }
      for (const s of batch.schedules) {
        if (await this.settle(s, rows)) settled += 1;
      }
    }
    return { checked, settled, lookups, failedLookups };
  }

  private async settle(s: Schedule, rows: readonly StatusRow[]): Promise<boolean> {
    const match = matchLookupRow(rows, { orderId: s.op.orderId, type: s.op.operationType, transactionId: s.op.transactionId });
    if (match.kind === 'absent') await this.notFound(s);
    const row = match.kind === 'found' ? match.row : undefined;
    // A row EXECCODE reads "0" for 0000; anything but digits has no category, so it is never final.
    const execCode = row?.EXECCODE === undefined ? undefined : normalizeExecCode(row.EXECCODE);
    if (row === undefined || execCode === undefined || !isFinalCategory(this.categorize(execCode))) {
      this.postpone(s);
      return false;
    }
    // Whether it contradicts the answer is the journal's to say, as it records the row.
    const report: StatusReport = { execCode, row, rows };
    try {
      await this.options.store.applyStatus(s.op.id, report);
    } catch (err) {
      this.logger.error({ code: 'NOTIFY_SINK_FAILED', operationId: s.op.id, reason: errorName(err) }, 'cannot record status');
      this.postpone(s);
      return false;
    }
    this.schedules.delete(s.op.id);
    this.options.onSettled?.(s.op, report);
    return true;
  }

  private async notFound(s: Schedule): Promise<void> {
    try {
      await this.options.store.applyNotFound(s.op.id);
    } catch (err) {
      this.logger.error({ code: 'NOTIFY_SINK_FAILED', operationId: s.op.id, reason: errorName(err) }, 'cannot record a lookup that found nothing');
    }
  }

  private postpone(s: Schedule): void {
    s.attempt += 1;
    s.nextAt = this.clock.now() + this.backoff(s.attempt);
  }

  private async takeToken(): Promise<boolean> {
    for (;;) {
      const wait = this.bucket.tryTake();
      if (wait === 0) return true;
      await this.sleep(wait);
      if (this.halted) return false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this.clock.setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.clock.clearTimeout(handle);
        this.wake = undefined;
        resolve();
      };
    });
  }

  /**
   * getTransactions takes either TRANSACTIONIDs or ORDERIDs, `;`-joined, so ids are grouped
   * per account and per kind. An id containing `;` would be split by the gateway: it is
   * looked up on its own, where the split does no harm to the others.
   */
  private *batches(due: readonly Schedule[]): Generator<{ accountId: string; query: StatusQuery; schedules: Schedule[] }> {
    const groups = new Map<string, { accountId: string; kind: 'transactionIds' | 'orderIds'; schedules: Schedule[] }>();
    const singles: Array<{ accountId: string; query: StatusQuery; schedules: Schedule[] }> = [];
    for (const s of due) {
      const kind = s.op.transactionId !== undefined ? 'transactionIds' : s.op.orderId !== undefined ? 'orderIds' : undefined;
      if (kind === undefined) continue;
      const id = (kind === 'transactionIds' ? s.op.transactionId : s.op.orderId) as string;
      if (id.includes(';')) {
        singles.push({ accountId: s.op.accountId, query: { [kind]: [id] }, schedules: [s] });
        continue;
      }
      const groupKey = JSON.stringify([s.op.accountId, kind]);
      let group = groups.get(groupKey);
      if (!group) {
        group = { accountId: s.op.accountId, kind, schedules: [] };
        groups.set(groupKey, group);
      }
      group.schedules.push(s);
    }
    for (const group of groups.values()) {
      for (let i = 0; i < group.schedules.length; i += this.batchSize) {
        const schedules = group.schedules.slice(i, i + this.batchSize);
        const ids = schedules.map((s) => (group.kind === 'transactionIds' ? s.op.transactionId : s.op.orderId) as string);
        yield { accountId: group.accountId, query: { [group.kind]: ids }, schedules };
      }
    }
    yield* singles;
  }
}

function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.name : 'unknown';
}
