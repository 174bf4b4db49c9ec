import { AccountRegistry, validateNotificationUrl } from './sandbox-accounts.js';
import { Background } from './background.js';
import { settleCardTransaction } from './card-operations.js';
import { systemSandboxClock, type SandboxClock } from './sandbox-clock.js';
import type { SandboxCore } from './sandbox-core.js';
import { SandboxError } from './errors.js';
import { EXEC } from './sandbox-exec-codes.js';
import { ExportService } from './exports/export-service.js';
import { formatDecimalAmount } from './exports/formats.js';
import { Faults } from './faults.js';
import { HttpLayer } from './http-server.js';
import { IdFactory, initialSequence } from './ids.js';
import { Ledger } from './ledger.js';
import { Notifier } from './notifier.js';
import { DEFAULT_NOTIFICATION_POLICY, resolvePolicy, resolveRules, resolveTimings, validatePort, type SandboxOptions } from './options.js';
import { ReferenceLocks } from './reference-locks.js';
import { runDueInstalments } from './schedule-operations.js';
import { acsPage, resultPage, ThreeDSecureRegistry } from './three-d-secure.js';
import { expireDueAuthentications, registerPendingAuthentications } from './three-d-secure-expiry.js';
import type { ChargebackRecord, NotificationMethod, NotificationPolicy, SandboxAccountOptions, SandboxRules, TransactionRecord } from './types.js';

/**
 * The built-in Dalenys sandbox: an in-process emulator of the server-to-server API over real
 * loopback HTTP. Cheap to start (no files unless asked), able to change an account's
 * notification URL after start, and closed with `close()`.
 */
export class Sandbox {
  /** Base URL of the primary listener, e.g. `http://127.0.0.1:8089`. */
  readonly url: string;
  /** Base URL of the secondary listener, when `secondaryPort` was given. */
  readonly secondaryUrl: string | undefined;
  readonly port: number;
  readonly secondaryPort: number | undefined;
  readonly ledger: Ledger;
  readonly faults: Faults;
  readonly rules: SandboxRules;
  readonly now: SandboxClock;
  private policy: NotificationPolicy;
  private closing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  /** Follow-ups earlier than this after their reference get 2017. */
  readonly followUpDelayMs: number;
  /** Pending 3-D Secure authentications end in 4009 after this long. */
  readonly threeDSecureExpiryMs: number;

  /** @internal Use `startSandbox`. */
  constructor(
    private readonly core: SandboxCore,
    private readonly http: HttpLayer,
    private readonly notifier: Notifier,
    private readonly background: Background,
    faults: Faults,
    policy: NotificationPolicy,
    instalmentTickMs: number,
  ) {
    const [primary, secondary] = http.all;
    this.url = primary?.url ?? '';
    this.port = primary?.port ?? 0;
    this.secondaryUrl = secondary?.url;
    this.secondaryPort = secondary?.port;
    this.ledger = core.ledger;
    this.faults = faults;
    this.rules = core.rules;
    this.now = core.clock;
    this.policy = policy;
    this.followUpDelayMs = core.followUpDelayMs;
    this.threeDSecureExpiryMs = core.threeDSecureExpiryMs;
    if (instalmentTickMs > 0) {
      this.timer = setInterval(() => this.runDueInstalments(), instalmentTickMs);
      this.timer.unref();
    }
    core.threeDs.onAdded = () => this.armThreeDSecureExpiry();
    registerPendingAuthentications(core);
    this.expireThreeDSecure();
  }

  /** Full URLs of the three endpoints on the primary (or secondary) listener. */
  endpoints(server: 'primary' | 'secondary' = 'primary'): { process: string; export: string; reconciliation: string } {
    const base = server === 'primary' ? this.url : (this.secondaryUrl ?? '');
    return {
      process: `${base}/front/service/rest/process`,
      export: `${base}/front/service/rest/export`,
      reconciliation: `${base}/front/service/rest/reconciliation`,
    };
  }

  get notificationPolicy(): NotificationPolicy {
    return this.policy;
  }

  /** Changes how notifications are sent from now on (mode, retries, timeouts). */
  setNotificationPolicy(patch: Partial<NotificationPolicy>): void {
    this.policy = resolvePolicy(this.policy, patch);
  }

  /** Points an account's notifications somewhere else (undefined: no notifications). */
  setNotificationUrl(identifier: string, url: string | undefined, method?: NotificationMethod): void {
    const account = this.core.accounts.require(identifier);
    validateNotificationUrl(url);
    if (method !== undefined && method !== 'POST' && method !== 'GET')
      throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'notification method must be POST or GET');
    account.notificationUrl = url;
    if (method !== undefined) account.notificationMethod = method;
  }

  addAccount(account: SandboxAccountOptions): void {
    this.core.accounts.add(account);
  }

  /** Refuse (true) or accept again (false) an account's requests with 3001. */
  setAccountDisabled(identifier: string, disabled: boolean): void {
    this.core.accounts.require(identifier).disabled = disabled;
  }

  /**
   * Finishes a pending 3-D Secure authentication as the cardholder would: `ok` applies the
   * card's bank result, otherwise 4008; past the 3-D Secure timeout it is 4009. The final
   * notification follows at once. Resolves with the updated transaction.
   */
  async completeThreeDSecure(transactionId: string, ok: boolean): Promise<TransactionRecord> {
    this.assertOpen();
    const tx = this.core.ledger.liveTransaction(transactionId);
    if (tx === undefined) throw new SandboxError('SANDBOX_TRANSACTION_UNKNOWN');
    const pending = this.core.threeDs.forTransaction(transactionId);
    if (tx.status !== 'pending' || pending === undefined || tx.pendingOutcome === undefined) {
      throw new SandboxError('SANDBOX_THREE_D_SECURE_NOT_PENDING');
    }
    const expired = this.core.clock() >= pending.expiresAt;
    const code = expired ? EXEC.THREE_D_SECURE_EXPIRED : ok ? tx.pendingOutcome : EXEC.THREE_D_SECURE_FAILED;
    this.core.threeDs.remove(transactionId);
    settleCardTransaction(this.core, tx, code, pending.cvvLength);
    this.core.ledger.changedTransaction(tx);
    this.notifier.now([tx]);
    return structuredClone(tx);
  }

  /**
   * Ends in 4009, and notifies, every 3-D Secure authentication past its expiry (by the sandbox
   * clock). Runs on a timer set for the earliest expiry and before every API request.
   */
  expireThreeDSecure(): TransactionRecord[] {
    if (this.background.closed) return [];
    const expired = expireDueAuthentications(this.core);
    if (expired.length > 0) this.notifier.now(expired);
    this.armThreeDSecureExpiry();
    return expired.map((tx) => structuredClone(tx));
  }

  private armThreeDSecureExpiry(): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const next = this.core.threeDs.nextExpiry();
    if (next === undefined || this.closing !== undefined) return;
    // setTimeout holds at most 2^31-1 ms; a later expiry is simply re-armed then.
    const delay = Math.min(Math.max(0, next - this.core.clock()), 2 ** 31 - 1);
    this.expiryTimer = setTimeout(() => this.expireThreeDSecure(), delay);
    this.expiryTimer.unref();
  }

  /** Charges every instalment whose day has come (by the sandbox clock) and notifies them. */
  runDueInstalments(): TransactionRecord[] {
    if (this.background.closed) return [];
    const charged = runDueInstalments(this.core);
    if (charged.length > 0) this.notifier.now(charged);
    return charged.map((tx) => structuredClone(tx));
  }

  /** Records a chargeback on a successful debit, for exportChargebacks. */
  simulateChargeback(transactionId: string, options: { amount?: number; reason?: string; date?: number } = {}): ChargebackRecord {
    const tx = this.core.ledger.liveTransaction(transactionId);
    if (tx === undefined || tx.status !== 'succeeded') throw new SandboxError('SANDBOX_TRANSACTION_UNKNOWN');
    const chargeback: ChargebackRecord = {
      transactionId,
      identifier: tx.identifier,
      amount: options.amount ?? tx.amount,
      currency: tx.currency,
      date: options.date ?? this.core.clock(),
      reason: options.reason ?? 'Fraudulent transaction',
    };
    this.core.ledger.addChargeback(chargeback);
    return { ...chargeback };
  }

  /** Resolves when no notification, retry or export delivery is in progress. */
  async settled(): Promise<void> {
    await this.background.settled();
    await this.core.ledger.flush();
  }

  /** Stops both listeners, cancels pending deliveries, and writes the ledger file. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.timer !== undefined) clearInterval(this.timer);
      clearTimeout(this.expiryTimer);
      await this.http.close();
      await this.background.close();
      await this.core.ledger.close();
    })();
    return this.closing;
  }

  /** @internal The 3-D Secure page and completion routes. */
  threeDSecureRoutes() {
    return {
      page: (token: string, baseUrl: string) => {
        const pending = this.core.threeDs.byTokenId(token);
        const tx = pending === undefined ? undefined : this.core.ledger.liveTransaction(pending.transactionId);
        if (pending === undefined || tx === undefined)
          return { status: 404, html: resultPage('Unknown authentication', 'This 3-D Secure session does not exist or is finished.') };
        return {
          status: 200,
          html: acsPage(baseUrl, token, {
            amount: `${formatDecimalAmount(tx.amount, tx.currency)} ${tx.currency}`,
            maskedCard: tx.card?.masked ?? '',
            orderId: tx.orderId,
          }),
        };
      },
      complete: async (token: string, ok: boolean) => {
        const pending = this.core.threeDs.byTokenId(token);
        if (pending === undefined) return { status: 404, html: resultPage('Unknown authentication', 'This 3-D Secure session does not exist or is finished.') };
        const tx = await this.completeThreeDSecure(pending.transactionId, ok);
        return tx.status === 'succeeded'
          ? { status: 200, html: resultPage('Authentication complete', 'The payment has been accepted. You can close this window.') }
          : { status: 200, html: resultPage('Authentication failed', `The payment has been refused (${tx.execCode}). You can close this window.`) };
      },
    };
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new SandboxError('SANDBOX_CLOSED');
  }
}

/** Starts the sandbox: listeners bound, accounts loaded, ledger file read if any. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  if (!Array.isArray(options.accounts) || options.accounts.length === 0) {
    throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'at least one account is needed');
  }
  validatePort(options.port, 'port');
  validatePort(options.secondaryPort, 'secondary port');
  const rules = resolveRules(options.rules);
  const timings = resolveTimings(options);
  const policy = resolvePolicy(DEFAULT_NOTIFICATION_POLICY, options.notifications);
  const clock = options.now ?? systemSandboxClock;
  const logger = options.logger;
  const onError = (error: unknown) =>
    logger?.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'sandbox background failure');

  const accounts = new AccountRegistry();
  for (const account of options.accounts) accounts.add(account);
  const ledger = new Ledger(initialSequence(), options.maxLogEntries);
  if (options.ledgerFile !== undefined) await ledger.attachFile(options.ledgerFile);
  const background = new Background(onError);
  // The routes and the policy getter need the Sandbox, which needs the listeners first.
  const ref: { sandbox?: Sandbox } = {};
  const policyRef = () => ref.sandbox?.notificationPolicy ?? policy;
  const core: SandboxCore = {
    ledger,
    accounts,
    rules,
    clock,
    ...timings,
    ids: new IdFactory(ledger, rules),
    locks: new ReferenceLocks(),
    threeDs: new ThreeDSecureRegistry(),
    exports: new ExportService({ ledger, rules, clock, background, policy: policyRef, outboxDir: options.outboxDir }),
  };
  const faults = new Faults();
  for (const { fault, ...faultOptions } of options.faults ?? []) faults.add(fault, faultOptions);
  const notifier = new Notifier(ledger, accounts, background, clock, policyRef);
  const http = new HttpLayer({
    core,
    faults,
    notifier,
    background,
    clock,
    threeDs: {
      page: (token, baseUrl) => (ref.sandbox as Sandbox).threeDSecureRoutes().page(token, baseUrl),
      complete: (token, ok) => (ref.sandbox as Sandbox).threeDSecureRoutes().complete(token, ok),
    },
    beforeRequest: () => {
      ref.sandbox?.runDueInstalments();
      ref.sandbox?.expireThreeDSecure();
    },
    onError,
  });
  const host = options.host ?? '127.0.0.1';
  try {
    await http.listen('primary', host, options.port ?? 0);
    if (options.secondaryPort !== undefined) await http.listen('secondary', host, options.secondaryPort);
  } catch (error) {
    // Nothing was served: close what was opened for it (the ledger's log file too).
    await http.close();
    await background.close();
    await ledger.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new SandboxError('SANDBOX_PORT_UNAVAILABLE', code);
  }
  const sandbox = new Sandbox(core, http, notifier, background, faults, policy, options.instalmentTickMs ?? 60_000);
  ref.sandbox = sandbox;
  return sandbox;
}
