import type { AppStatus } from '../../../shared/contract/schemas.js';
import { systemClock, type Clock } from './clock.js';
import type { MaybePromise, SinkOutcome } from './types.js';

/**
 * Notification health, the one account of it: whether the listener is up and where, when each
 * account last heard from the gateway, how many operations still wait for a confirmation, and
 * how many calls were refused and why (a run of NOTIFY_BAD_SIGNATURE means a wrong password in
 * the settings, or someone probing the port). Core publishes it in `app.status`
 * (`notificationStatus`); the status bar shows it.
 *
 * Changes are coalesced: at thousands of notifications a second the renderer gets a few
 * snapshots a second, not one per call.
 */

/** Where the listener is in its life (the screen sees `stopped` and `closed` as `off`). */
export type ListenerPhase = 'stopped' | 'starting' | 'listening' | 'failed' | 'closed';

export interface ListenerHealth {
  readonly state: ListenerPhase;
  readonly url?: string;
  readonly notifyUrl?: string;
  /** A NOTIFICATIONS_ERRORS code when `state` is `failed`. */
  readonly errorCode?: string;
  /** UTC epoch ms of the last state change. */
  readonly since: number;
}

export interface HealthSnapshot {
  readonly listener: ListenerHealth;
  /**
   * IDENTIFIER -> UTC epoch ms of the newest verified notification, a gateway's retry of one
   * already recorded included: it too shows that the gateway reaches this desk.
   */
  readonly lastNotificationAt: Readonly<Record<string, number>>;
  readonly awaitingConfirmation: number;
  /** Verified notifications recorded (applied or kept) and replays answered without effect. */
  readonly accepted: number;
  readonly duplicates: number;
  /** Refusal code -> count since start. */
  readonly rejected: Readonly<Record<string, number>>;
  /** UTC epoch ms of this snapshot. */
  readonly at: number;
}

export interface HealthOptions {
  /** Operations awaiting confirmation, from the store; read at most once per emitted snapshot. */
  readonly countAwaiting?: () => MaybePromise<number>;
  readonly clock?: Clock;
  /** Minimum gap between two emitted snapshots. Default 250 ms. */
  readonly coalesceMs?: number;
}

export type HealthSubscriber = (snapshot: HealthSnapshot) => void;

export class NotificationHealth {
  private readonly clock: Clock;
  private readonly coalesceMs: number;
  private listener: ListenerHealth;
  private readonly lastAt = new Map<string, number>();
  private readonly rejectedCounts = new Map<string, number>();
  private accepted = 0;
  private duplicates = 0;
  private awaiting = 0;
  private readonly subscribers = new Set<HealthSubscriber>();
  private timer: unknown;
  private closed = false;

  constructor(private readonly options: HealthOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.coalesceMs = options.coalesceMs ?? 250;
    this.listener = { state: 'stopped', since: this.clock.now() };
  }

  snapshot(): HealthSnapshot {
    return {
      listener: this.listener,
      lastNotificationAt: Object.fromEntries(this.lastAt),
      awaitingConfirmation: this.awaiting,
      accepted: this.accepted,
      duplicates: this.duplicates,
      rejected: Object.fromEntries(this.rejectedCounts),
      at: this.clock.now(),
    };
  }

  /** Returns the unsubscribe function. */
  subscribe(subscriber: HealthSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  setListenerState(state: ListenerPhase, details: { url?: string; notifyUrl?: string; errorCode?: string } = {}): void {
    this.listener = { state, ...details, since: this.clock.now() };
    this.invalidate();
  }

  notificationRecorded(identifier: string, outcome: SinkOutcome, at: number): void {
    if (outcome === 'duplicate') this.duplicates += 1;
    else this.accepted += 1;
    const previous = this.lastAt.get(identifier);
    if (previous === undefined || at > previous) this.lastAt.set(identifier, at);
    this.invalidate();
  }

  requestRejected(code: string): void {
    this.rejectedCounts.set(code, (this.rejectedCounts.get(code) ?? 0) + 1);
    this.invalidate();
  }

  /** Something changed (e.g. the polling bridge settled an operation): emit a fresh snapshot soon. */
  invalidate(): void {
    if (this.closed || this.timer !== undefined || this.subscribers.size === 0) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.coalesceMs);
  }

  /** Re-reads the awaiting count and emits a snapshot to every subscriber now. */
  async flush(): Promise<HealthSnapshot> {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed) return this.snapshot();
    if (this.options.countAwaiting) {
      try {
        this.awaiting = await this.options.countAwaiting();
      } catch {
        // A failed count keeps the previous figure; the store reports its own failure.
      }
    }
    const snapshot = this.snapshot();
    // Shutdown may have begun while the count was read.
    if (this.closed) return snapshot;
    for (const subscriber of this.subscribers) {
      try {
        subscriber(snapshot);
      } catch {
        // One broken subscriber must not starve the others.
      }
    }
    return snapshot;
  }

  /** Shutdown: the pending snapshot is dropped and nobody is told anything more. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.subscribers.clear();
  }
}

/** The notifications part of `app.status`, as the status bar shows it. */
export function notificationStatus(snapshot: HealthSnapshot): AppStatus['notifications'] {
  const times = Object.values(snapshot.lastNotificationAt);
  return {
    state: snapshot.listener.state === 'stopped' || snapshot.listener.state === 'closed' ? 'off' : snapshot.listener.state,
    url: snapshot.listener.notifyUrl ?? null,
    lastReceivedAt: times.length === 0 ? null : Math.max(...times),
    lastReceivedByAccount: { ...snapshot.lastNotificationAt },
    awaitingConfirmation: snapshot.awaitingConfirmation,
  };
}
