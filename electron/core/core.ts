import { randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import type { AppStatus } from '../../shared/contract/schemas.js';
import { AccountDirectory } from './accounts/account-directory.js';
import { FileSecretStore, type SecretStore } from './accounts/secret-store.js';
import { appInfo, type RuntimeFacts } from './app/app-info.js';
import { preparePrivateDataDir, useOwnerOnlyUmask } from './host/data-dir.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';
import { EventBus } from './event-bus.js';
import type { GatewayTimeouts } from './gateway/index.js';
import { journalPath, NotificationWriter, openJournal } from './journal/index.js';
import { createLogger, type Logger } from './logging/logger.js';
import { CoalescedPublisher } from './payments/coalesced-publisher.js';
import { journalSink } from './payments/notification-sink.js';
import { FolderExportStore, PollingBridge, startNotificationListener, type NotificationListener } from './notifications/index.js';
import { PaymentService } from './payments/payment-service.js';
import { gatewayStatusLookup, journalPollingStore } from './payments/status-polling.js';
import { startSandbox, type Sandbox } from './sandbox/index.js';
import { SettingsStore } from './settings/settings-store.js';
import { FOLLOW_UP_DELAY_MS } from '../../shared/domain/follow-up-delay.js';
import { CoreError } from './errors.js';

export interface CoreOptions extends RuntimeFacts {
  /**
   * The data folder was named by the operator (web mode's `--data-dir`): an existing one is
   * left as it is (Comptoir's own files in it are still private). The default folder, and one
   * Comptoir creates, are made 0700.
   */
  readonly dataDirGiven?: boolean;
  readonly logger?: Logger;
  readonly now?: () => number;
  /** Where gateway passwords live; the desktop app passes its safeStorage vault. */
  readonly secrets?: SecretStore;
  /** The notification listener's address (127.0.0.1 and a free port by default). */
  readonly notifications?: { readonly host?: string; readonly port?: number };
  /** Per-call gateway timeouts (30 s in total by default, as the SDKs). */
  readonly gatewayTimeouts?: Partial<GatewayTimeouts>;
  /** Polling bridge timing (tests shorten it). */
  readonly polling?: { readonly firstDelayMs?: number; readonly baseDelayMs?: number; readonly rescanMs?: number };
  /** Test hooks for the built-in sandbox (latency, notification order, 3-D Secure expiry…). */
  readonly sandbox?: {
    readonly notifications?: Parameters<typeof startSandbox>[0]['notifications'];
    readonly threeDSecureExpiryMs?: number;
    /** The sandbox's business clock (instalment days, 3-D Secure expiry); real time by default. */
    readonly now?: () => number;
  };
  /**
   * Dalenys refuses follow-ups (capture, refund, void) within 5 minutes of their reference
   * transaction. Core refuses them first, with the time they become possible, and the built-in
   * sandbox enforces the same delay. 300000 by default; 0 for tests that need speed.
   */
  readonly followUpDelayMs?: number;
}

/** Core as every host sees it: one dispatcher, one event bus, one shutdown. */
export interface Core {
  readonly dispatcher: Dispatcher;
  readonly events: EventBus;
  readonly dataDir: string;
  /** The NOTIFICATION_URL to give Dalenys (the built-in sandbox already uses it). */
  readonly notifyUrl: string;
  /** The CALLBACKURL for export files; received files land in `<dataDir>/exports`. */
  readonly exportCallbackUrl: string;
  readonly sandbox: Sandbox;
  close(): Promise<void>;
}

/**
 * The composition of core services. Hosts (the Electron utility process, the web bridge,
 * tests) call this and wrap a transport around the result; nothing here knows which.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createLogger();
  const now = options.now ?? Date.now;
  // Owner-only: the journal, settings, secrets and the sandbox's ledger are nobody else's.
  useOwnerOnlyUmask();
  await preparePrivateDataDir(options.dataDir, { given: options.dataDirGiven ?? false, logger });
  const settings = new SettingsStore(options.dataDir, logger);
  const events = new EventBus((error, name) => logger.warn({ err: error, event: name }, 'a listener of a core event failed; the others were told'));
  const journal = openJournal({
    file: journalPath(options.dataDir, 'default'),
    now,
    onUnexpectedFields: (source, operationId, names) =>
      logger.warn({ source, operationId, fields: names }, 'gateway fields no documentation lists were dropped (names only)'),
  });
  const accounts = await AccountDirectory.open({ journal, secrets: options.secrets ?? new FileSecretStore(options.dataDir), logger, now,
    timeouts: options.gatewayTimeouts,
  });

  const status: AppStatus = {
    environment: 'test',
    activeAccount: null,
    startedAt: now(),
    notifications: { state: 'starting', url: null, lastReceivedAt: null, lastReceivedByAccount: {}, awaitingConfirmation: 0 },
  };
  const awaiting = () => journal.count({ statuses: ['sending', 'pending', 'unknown'] });
  const publishStatus = () => events.emit('app.status', { ...status, notifications: { ...status.notifications, awaitingConfirmation: awaiting() } });
  // Under a burst of notifications the health line is refreshed a few times a second, not
  // recounted for each one.
  let statusTimer: NodeJS.Timeout | undefined;
  let closing = false;
  const publishStatusSoon = () => {
    if (closing) return;
    statusTimer ??= setTimeout(() => {
      statusTimer = undefined;
      publishStatus();
    }, 200);
  };

  const followUpDelayMs = options.followUpDelayMs ?? FOLLOW_UP_DELAY_MS;
  if (!Number.isSafeInteger(followUpDelayMs) || followUpDelayMs < 0) throw new CoreError('INVALID_INPUT', 'followUpDelayMs must be a whole number of milliseconds, 0 or more');
  const payments = new PaymentService({ journal, accounts, settings, events, logger, now, userAgent: `Comptoir/${options.version} (MOTO)`, followUpDelayMs });
  // Operations notifications changed reach the screen as ids, gathered over a moment, once
  // each: a burst costs this thread no reads, and the screen fetches only what it shows.
  const notified = new CoalescedPublisher((ids) => events.emit('operations.changed', { ids }), logger);
  // Export uploads are not signed by the gateway: only a CALLBACKURL we handed out (it carries
  // this launch's key) may drop a file.
  const exportKey = Buffer.from(randomBytes(18).toString('base64url'));
  // Notifications are written by a thread of their own, so a burst never stalls this one.
  const notificationWriter = new NotificationWriter({
    file: journal.file,
    now,
    // Should the thread not run (a damaged install), notifications are recorded here instead.
    fallback: {
      recorder: journal,
      onSwitch: (reason) => logger.warn({ reason }, 'notification writer thread unavailable: notifications are recorded on the core thread'),
    },
  });
  const listener: NotificationListener = await startNotificationListener({
    host: options.notifications?.host,
    port: options.notifications?.port,
    secrets: accounts,
    exportStore: new FolderExportStore(options.dataDir),
    authorizeExport: (query) => {
      const presented = Buffer.from(query.key ?? '');
      return presented.length === exportKey.length && timingSafeEqual(presented, exportKey);
    },
    sink: journalSink(notificationWriter, logger, (changedIds, at, identifier) => {
      status.notifications.lastReceivedAt = at;
      status.notifications.lastReceivedByAccount = { ...status.notifications.lastReceivedByAccount, [identifier]: at };
      for (const operationId of changedIds) notified.add(operationId);
      publishStatusSoon();
    }),
    logger,
    now,
  });
  status.notifications.state = 'listening';
  status.notifications.url = listener.notifyUrl;

  // The embedded default: a sandbox in this process, notifying our own listener.
  const sandboxAccount = accounts.sandboxAccount();
  const sandbox = await startSandbox({
    accounts: [
      {
        identifier: sandboxAccount.identifier,
        password: accounts.passwordFor(sandboxAccount.identifier) as string,
        currency: sandboxAccount.currency,
        notificationUrl: listener.notifyUrl,
        allowCredit: true,
        descriptor: 'COMPTOIR SANDBOX',
      },
    ],
    ledgerFile: join(options.dataDir, 'sandbox-ledger.json'),
    notifications: options.sandbox?.notifications,
    followUpDelayMs,
    ...(options.sandbox?.threeDSecureExpiryMs !== undefined ? { threeDSecureExpiryMs: options.sandbox.threeDSecureExpiryMs } : {}),
    ...(options.sandbox?.now !== undefined ? { now: options.sandbox.now } : {}),
    logger,
  });
  accounts.useSandboxUrl(() => sandbox.url);

  status.activeAccount = { id: String(sandboxAccount.id), name: sandboxAccount.name, environment: sandboxAccount.environment };
  publishStatus();

  // Pending or unknown operations, and answers whose notification is overdue, are asked about
  // with back-off and a rate limit, for desks the gateway's notifications cannot reach; a
  // notification that arrives first settles them.
  const polling = new PollingBridge({
    lookup: gatewayStatusLookup(accounts),
    store: journalPollingStore(
      journal,
      accounts,
      (operationId) => {
        payments.publish(operationId);
        publishStatus();
      },
      now,
    ),
    logger,
    ...options.polling,
  });
  // Anything the last run left `sending` is now `unknown`: ask the gateway, never resend.
  journal.recoverInterrupted();
  void polling.sweepNow().catch((error: unknown) => logger.warn({ err: error }, 'start-up status sweep failed'));
  polling.start();

  const withStatus = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      publishStatus();
    }
  };

  const dispatcher = createDispatcher(
    {
      'app.info': (_input, ctx) => appInfo(options, status.environment, ctx),
      'settings.get': () => settings.get(),
      'settings.update': (patch) => settings.update(patch),
      'accounts.list': () => ({ accounts: accounts.list(), activeAccountId: sandboxAccount.id }),
      'terminal.nextOrderId': ({ accountId }) => ({ orderId: journal.peekOrderId(accounts.get(accountId).id) }),
      'terminal.checkOrderId': ({ accountId, orderId }) => ({ available: !journal.getOperationByOrderId(accounts.get(accountId).id, orderId) }),
      'terminal.findDuplicates': ({ accountId, last4, amount }) => payments.findDuplicates(accountId, last4, amount),
      'payments.submit': (input, ctx) => withStatus(payments.submit(input, ctx)),
      'payments.rebill': (input, ctx) => withStatus(payments.rebill(input, ctx)),
      'accounts.setLargeAmountThreshold': ({ accountId, threshold }) => accounts.setLargeAmountThreshold(accountId, threshold),
      'operations.get': ({ operationId }) => payments.get(operationId),
      'operations.capture': (input, ctx) => withStatus(payments.followUp('capture', input, ctx)),
      'operations.refund': (input, ctx) => withStatus(payments.followUp('refund', input, ctx)),
      'operations.void': (input, ctx) => withStatus(payments.followUp('void', input, ctx)),
      'operations.checkStatus': ({ operationId }) => withStatus(payments.checkStatus(operationId)),
      'operations.stopInstalments': ({ operationId }, ctx) => withStatus(payments.stopInstalments(operationId, ctx)),
      'operations.abandon': ({ operationId, reason }, ctx) => withStatus(Promise.resolve().then(() => payments.abandon(operationId, reason, ctx))),
    },
    logger,
  );

  return {
    dispatcher,
    events,
    dataDir: options.dataDir,
    notifyUrl: listener.notifyUrl,
    exportCallbackUrl: `${listener.exportUrl}?key=${exportKey.toString()}`,
    sandbox,
    async close() {
      closing = true;
      clearTimeout(statusTimer);
      notified.close();
      await polling.stop();
      await sandbox.close();
      // Notifications in flight finish (and are answered) before the writer and the journal close.
      await listener.close();
      await notificationWriter.close();
      await accounts.close();
      journal.close();
    },
  };
}
