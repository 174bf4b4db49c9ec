import { signParams } from '../gateway/signature.js';
import type { AccountRegistry } from './sandbox-accounts.js';
import type { Background } from './background.js';
import type { SandboxClock } from './sandbox-clock.js';
import { send, SendError } from './http-send.js';
import type { Ledger } from './ledger.js';
import { notificationParams } from './notification-fields.js';
import type { DeliveryAttempt, NotificationMode, NotificationPolicy, NotificationRecord, TransactionRecord } from './types.js';

/**
 * Sends the HASH-signed notification of each transaction to its account's URL, form-encoded
 * (POST body by default, query string for GET accounts), and retries with back-off until
 * the answer body is exactly `OK`. The HTTP status is not considered: Dalenys only documents
 * the `OK` body (DOC-INT p.34).
 */
export interface NotificationOverride {
  readonly mode: NotificationMode;
  readonly delayMs?: number;
}

/** How the notifications of one request are sequenced around its synchronous answer. */
export interface NotificationPlan {
  /** Awaited before the answer is written (the `before` mode's first attempt). */
  beforeAnswer(): Promise<void>;
  /** Called once the answer is written (or when there is no answer at all). */
  afterAnswer(): void;
}

const NOOP_PLAN: NotificationPlan = { beforeAnswer: async () => undefined, afterAnswer: () => undefined };

export class Notifier {
  constructor(
    private readonly ledger: Ledger,
    private readonly accounts: AccountRegistry,
    private readonly background: Background,
    private readonly clock: SandboxClock,
    private readonly policy: () => NotificationPolicy,
  ) {}

  plan(transactions: readonly TransactionRecord[], override?: NotificationOverride): NotificationPlan {
    if (transactions.length === 0) return NOOP_PLAN;
    const policy = this.policy();
    const mode = override?.mode ?? policy.mode;
    const delayMs = override?.delayMs ?? policy.delayMs;
    if (mode === 'never') {
      for (const tx of transactions) this.skip(tx);
      return NOOP_PLAN;
    }
    if (mode === 'before') {
      return {
        beforeAnswer: async () => {
          await Promise.all(transactions.map((tx) => this.start(tx, 1).firstAttempt));
        },
        afterAnswer: () => undefined,
      };
    }
    return {
      beforeAnswer: async () => undefined,
      afterAnswer: () => {
        for (const tx of transactions) {
          if (mode === 'late') {
            void this.background.run(async () => {
              await this.background.sleep(delayMs);
              await this.start(tx, 1).done;
            });
          } else if (mode === 'twice') {
            void this.background.run(async () => {
              const first = this.start(tx, 1);
              await first.done;
              await this.start(tx, 2, first.record).done;
            });
          } else {
            this.start(tx, 1);
          }
        }
      },
    };
  }

  /** Notifies at once, for results that have no synchronous answer (3-D Secure, instalments). */
  now(transactions: readonly TransactionRecord[], override?: NotificationOverride): void {
    const plan = this.plan(transactions, override?.mode === 'before' ? undefined : override);
    void plan.beforeAnswer().then(() => plan.afterAnswer());
  }

  private skip(tx: TransactionRecord): void {
    const account = this.accounts.get(tx.identifier);
    this.ledger.addNotification({
      id: this.ledger.nextLocalId(),
      transactionId: tx.transactionId,
      identifier: tx.identifier,
      ...(account?.notificationUrl === undefined ? {} : { url: account.notificationUrl }),
      method: account?.notificationMethod ?? 'POST',
      params: notificationParams(tx),
      copy: 1,
      state: 'skipped',
      attempts: [],
    });
  }

  /**
   * Records and starts one delivery. `firstAttempt` settles after the first try, `done` after
   * the last. A duplicate (`copy` 2) resends the very same params as `original`.
   */
  private start(
    tx: TransactionRecord,
    copy: number,
    original?: NotificationRecord,
  ): { record: NotificationRecord; firstAttempt: Promise<void>; done: Promise<void> } {
    const account = this.accounts.get(tx.identifier);
    const params = original?.params ?? notificationParams(tx);
    const url = account?.notificationUrl;
    const record: NotificationRecord = {
      id: this.ledger.nextLocalId(),
      transactionId: tx.transactionId,
      identifier: tx.identifier,
      ...(url === undefined ? {} : { url }),
      method: account?.notificationMethod ?? 'POST',
      params,
      copy,
      state: url === undefined ? 'skipped' : 'pending',
      attempts: [],
    };
    this.ledger.addNotification(record);
    if (account === undefined || url === undefined || this.background.closed) {
      return { record, firstAttempt: Promise.resolve(), done: Promise.resolve() };
    }
    const signed = { ...params, HASH: signParams(params, account.password) };
    let firstDone: () => void = () => undefined;
    const firstAttempt = new Promise<void>((resolve) => {
      firstDone = resolve;
    });
    const done = this.background.run(async () => {
      try {
        await this.deliver(record, url, record.method, signed, firstDone);
      } finally {
        firstDone();
      }
    });
    return { record, firstAttempt, done };
  }

  private async deliver(record: NotificationRecord, url: string, method: 'POST' | 'GET', signed: Record<string, string>, firstDone: () => void): Promise<void> {
    const policy = this.policy();
    const encoded = new URLSearchParams(signed).toString();
    const attempts = Math.max(1, policy.attempts);
    for (let i = 0; i < attempts; i += 1) {
      const attempt = await this.attempt(url, method, encoded, policy.timeoutMs);
      record.attempts.push(attempt);
      if (attempt.ok) {
        record.state = 'delivered';
        this.ledger.changedNotification(record);
        return;
      }
      const last = i === attempts - 1;
      if (last) record.state = 'failed';
      this.ledger.changedNotification(record);
      if (i === 0) firstDone();
      if (last) return;
      const interval = policy.intervalsMs[Math.min(i, policy.intervalsMs.length - 1)] ?? 1000;
      try {
        await this.background.sleep(interval);
      } catch {
        // The sandbox closed during the back-off: the delivery stays failed.
        record.state = 'failed';
        this.ledger.changedNotification(record);
        return;
      }
    }
  }

  private async attempt(url: string, method: 'POST' | 'GET', encoded: string, timeoutMs: number): Promise<DeliveryAttempt> {
    const at = this.clock();
    try {
      const result =
        method === 'GET'
          ? await send(`${url}${url.includes('?') ? '&' : '?'}${encoded}`, { method, timeoutMs, signal: this.background.signal })
          : await send(url, {
              method,
              timeoutMs,
              signal: this.background.signal,
              headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8', 'Content-Length': Buffer.byteLength(encoded) },
              body: encoded,
            });
      return { at, ok: result.body === 'OK', status: result.status, detail: result.body.slice(0, 200) };
    } catch (error) {
      return { at, ok: false, detail: error instanceof SendError ? error.code : 'ERROR' };
    }
  }
}
