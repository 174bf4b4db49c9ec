import { randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import type { AppStatus } from '../../shared/contract/schemas.js';
import { FOLLOW_UP_DELAY_MS } from '../../shared/domain/follow-up-delay.js';
import { AccountDirectory } from './accounts/account-directory.js';
import { accountsHandlers } from './accounts/handlers.js';
import { PassphraseVault } from './accounts/passphrase-vault.js';
import { FileSecretStore, type SecretStore } from './accounts/secret-store.js';
import type { Vault } from './accounts/vault.js';
import type { RuntimeFacts } from './app/app-info.js';
import { appHandlers } from './app/handlers.js';
import { auditCalls } from './audit/call-audit.js';
import { auditHandlers } from './audit/handlers.js';
import { composeHandlers, createDispatcher, type Dispatcher } from './dispatcher.js';
import { CoreError } from './errors.js';
import { EventBus } from './event-bus.js';
import type { GatewayTimeouts } from './gateway/index.js';
import { preparePrivateDataDir, useOwnerOnlyUmask } from './host/data-dir.js';
import { historyHandlers } from './history/handlers.js';
import { journalPath, NotificationWriter, openJournal } from './journal/index.js';
import { createLogger, type Logger } from './logging/logger.js';
import type { CoreLink } from '../../shared/contract/core-link.js';
import { Approvals } from './operators/approvals.js';
import { operatorsHandlers } from './operators/handlers.js';
import { OperatorDirectory } from './operators/operator-directory.js';
import { SessionRegistry, type HostSession } from './operators/sessions.js';
import { FolderExportStore, NotificationHealth, notificationStatus, PollingBridge, startNotificationListener } from './notifications/index.js';
import { CoalescedPublisher } from './payments/coalesced-publisher.js';
import { journalSink } from './payments/notification-sink.js';
import { PaymentService } from './payments/payment-service.js';
import { gatewayStatusLookup, journalPollingStore } from './payments/status-polling.js';
import { reconciliationHandlers } from './reconciliation/handlers.js';
import { ReconciliationService } from './reconciliation/reconciliation-service.js';
import { ReportExports } from './reports/report-exports.js';
import { reportsHandlers } from './reports/handlers.js';
import { ReportSummaries } from './reports/report-summaries.js';
import { ResourceStack } from './resource-stack.js';
import { startSandbox, type Sandbox } from './sandbox/index.js';
import { settingsHandlers } from './settings/handlers.js';
import { SettingsStore } from './settings/settings-store.js';
import { terminalHandlers } from './terminal/handlers.js';

export interface CoreOptions extends RuntimeFacts {
  /**
   * The data folder was named by the operator (web mode's `--data-dir`): an existing one is
   * left as it is (Comptoir's own files in it are still private). The default folder, and one
   * Comptoir creates, are made 0700.
   */
  readonly dataDirGiven?: boolean;
  readonly logger?: Logger;
  readonly now?: () => number;
  /** Where the built-in sandbox's generated password lives (`secrets.json` by default). */
  readonly secrets?: SecretStore;
  /**
   * Where real accounts' passwords live: the desktop app passes its safeStorage vault; web mode
   * and tests get the passphrase vault (`vault.json`).
   */
  readonly vault?: Vault;
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
    /** Its rules (export layout, fees…), for tests that need Dalenys' other behaviours. */
    readonly rules?: Parameters<typeof startSandbox>[0]['rules'];
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
  /**
   * Core as a host's desk reaches it: every call runs as whoever is signed in on that session
   * (the web link, the Electron window), never as a payload says.
   */
  linkFor(host: HostSession): CoreLink;
  /** The sessions of every desk; hosts lock one on an OS lock or suspend. */
  readonly sessions: SessionRegistry;
  /**
   * Closes everything core opened, the last opened first, finishing every step even when one
   * fails; then rejects with an AggregateError naming each failure (each is logged too).
   */
  close(): Promise<void>;
}

/**
 * The composition of core services. Hosts (the Electron utility process, the web bridge,
 * tests) call this and wrap a transport around the result; nothing here knows which.
 * Core owns start-up and shutdown only: each capability's handlers live beside its contract
 * (`electron/core/<capability>/handlers.ts`).
 *
 * Every resource is registered as it opens, so a start that fails half-way (a port taken, a
 * damaged ledger) closes what was opened before it rethrows: no thread, socket or journal
 * connection outlives a failed start.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createLogger();
  const followUpDelayMs = options.followUpDelayMs ?? FOLLOW_UP_DELAY_MS;
  if (!Number.isSafeInteger(followUpDelayMs) || followUpDelayMs < 0)
    throw new CoreError('INVALID_INPUT', 'followUpDelayMs must be a whole number of milliseconds, 0 or more');
  // Owner-only: the journal, settings, secrets and the sandbox's ledger are nobody else's.
  useOwnerOnlyUmask();
  await preparePrivateDataDir(options.dataDir, { given: options.dataDirGiven ?? false, logger });
  const resources = new ResourceStack(logger);
  try {
    return await start(options, { logger, followUpDelayMs, resources });
  } catch (error) {
    // Each failure to close was logged; the reason the start failed is the one to report.
    await resources.close().catch(() => undefined);
    throw error;
  }
}

async function start(
  options: CoreOptions,
  { logger, followUpDelayMs, resources }: { logger: Logger; followUpDelayMs: number; resources: ResourceStack },
): Promise<Core> {
  const now = options.now ?? Date.now;
  const settings = new SettingsStore(options.dataDir, logger);
  const events = new EventBus((error, name) => logger.warn({ err: error, event: name }, 'a listener of a core event failed; the others were told'));
  const journal = resources.add(
    'journal',
    openJournal({
      file: journalPath(options.dataDir, 'default'),
      now,
      // Checked after start-up, off this thread (below): on a million operations the check alone
      // takes seconds, and the desk must show before it ends.
      integrityCheck: 'none',
      onUnexpectedFields: (source, operationId, names) =>
        logger.warn({ source, operationId, fields: names }, 'gateway fields no documentation lists were dropped (names only)'),
    }),
    (opened) => opened.close(),
  );
  const accounts = resources.add(
    'accounts',
    await AccountDirectory.open({
      journal,
      secrets: options.secrets ?? new FileSecretStore(options.dataDir),
      vault: options.vault ?? (await PassphraseVault.open({ dataDir: options.dataDir, logger, now })),
      logger,
      now,
      timeouts: options.gatewayTimeouts,
    }),
    (opened) => opened.close(),
  );

  // The status line's notification health: refreshed a few times a second under a burst of
  // notifications, not recounted for each one.
  const health = resources.add(
    'notification health',
    new NotificationHealth({ countAwaiting: () => journal.count({ statuses: ['sending', 'pending', 'unknown'] }), coalesceMs: 200 }),
    (opened) => opened.close(),
  );
  const refreshStatus = () => health.flush();

  const payments = new PaymentService({ journal, accounts, settings, events, logger, now, userAgent: `Comptoir/${options.version} (MOTO)`, followUpDelayMs });
  // Operations notifications changed reach the screen as ids, gathered over a moment, once
  // each: a burst costs this thread no reads, and the screen fetches only what it shows.
  const notified = resources.add(
    'operations.changed publisher',
    new CoalescedPublisher((ids) => events.emit('operations.changed', { ids }), logger),
    (opened) => opened.close(),
  );
  // Export uploads are not signed by the gateway: only a CALLBACKURL we handed out (it carries
  // this launch's key) may drop a file.
  const exportKey = Buffer.from(randomBytes(18).toString('base64url'));
  // Notifications are written by a thread of their own, so a burst never stalls this one.
  const notificationWriter = resources.add(
    'notification writer',
    new NotificationWriter({
      file: journal.file,
      now,
      // Should the thread not run (a damaged install), notifications are recorded here instead.
      fallback: {
        recorder: journal,
        onSwitch: (reason) => logger.warn({ reason }, 'notification writer thread unavailable: notifications are recorded on the core thread'),
      },
    }),
    (opened) => opened.close(),
  );
  // In-flight notifications finish (and are answered) when it closes, before the writer and the journal do.
  const listener = resources.add(
    'notification listener',
    await startNotificationListener({
      host: options.notifications?.host,
      port: options.notifications?.port,
      secrets: accounts,
      exportStore: new FolderExportStore(options.dataDir),
      authorizeExport: (query) => {
        const presented = Buffer.from(query.key ?? '');
        return presented.length === exportKey.length && timingSafeEqual(presented, exportKey);
      },
      sink: journalSink(notificationWriter, logger, (changedIds) => {
        for (const operationId of changedIds) notified.add(operationId);
      }),
      health,
      logger,
      now,
    }),
    (opened) => opened.close(),
  );

  accounts.useListenerUrl(listener.notifyUrl);

  // The embedded default: a sandbox in this process, notifying our own listener.
  const sandboxAccount = accounts.sandboxAccount();
  const sandbox = resources.add(
    'built-in sandbox',
    await startSandbox({
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
      ...(options.sandbox?.rules !== undefined ? { rules: options.sandbox.rules } : {}),
      logger,
    }),
    (opened) => opened.close(),
  );
  accounts.useSandboxUrl(() => sandbox.url);

  const environment = 'test';
  const startedAt = now();
  const activeAccount: AppStatus['activeAccount'] = { id: String(sandboxAccount.id), name: sandboxAccount.name, environment: sandboxAccount.environment };
  let journalCheck: NonNullable<AppStatus['journalCheck']> = 'running';
  health.subscribe((snapshot) =>
    events.emit('app.status', { environment, activeAccount, startedAt, notifications: notificationStatus(snapshot), journalCheck }),
  );
  await refreshStatus();

  // Pending or unknown operations, and answers whose notification is overdue, are asked about
  // with back-off and a rate limit, for desks the gateway's notifications cannot reach; a
  // notification that arrives first settles them.
  const polling = resources.add(
    'polling bridge',
    new PollingBridge({
      lookup: gatewayStatusLookup(accounts),
      store: journalPollingStore(
        journal,
        accounts,
        (operationId) => {
          payments.publish(operationId);
          void refreshStatus();
        },
        now,
      ),
      logger,
      ...options.polling,
    }),
    (opened) => opened.stop(),
  );
  // Anything the last run left `sending` is now `unknown`: ask the gateway, never resend.
  journal.recoverInterrupted();
  void polling.sweepNow().catch((error: unknown) => logger.warn({ err: error }, 'start-up status sweep failed'));
  polling.start();

  void journal.checkIntegrityOffThread().then(
    (problems) => {
      journalCheck = problems.length === 0 ? 'ok' : 'failed';
      if (problems.length > 0) logger.error({ problems }, 'the journal integrity check found the file damaged: restore it from a backup');
      void refreshStatus();
    },
    (error: unknown) => {
      if ((error as { code?: unknown }).code === 'JOURNAL_POOL_CLOSED') return;
      journalCheck = 'unavailable';
      logger.warn({ err: error }, 'the journal integrity check could not run');
      void refreshStatus();
    },
  );
  const exportCallbackUrl = `${listener.exportUrl}?key=${exportKey.toString()}`;
  // Exports run in workers of their own; closing cancels them (no partial file stays).
  const reportExports = resources.add(
    'report exports',
    new ReportExports({
      journalFile: journal.file,
      dataDir: options.dataDir,
      now,
      emit: (progress) => events.emit('reports.exportProgress', progress),
      logger,
    }),
    (opened) => opened.close(),
  );
  const reportSummaries = resources.add('report summaries', new ReportSummaries(journal.file, now), (opened) => opened.close());
  const reconciliation = resources.add(
    'reconciliation',
    new ReconciliationService({
      journalFile: journal.file,
      exportsFolder: join(options.dataDir, 'exports'),
      now,
      logger,
      requestExport: async (accountId, date) => {
        const result = await accounts.client(accountId).exportTransactions({ date, callbackUrl: exportCallbackUrl, compression: 'GZIP' });
        return result.outcome === 'answered' && result.response.execCode === '0000';
      },
    }),
    (opened) => opened.close(),
  );

  const operators = new OperatorDirectory(journal, now);
  const sessions = new SessionRegistry(operators, journal, now);
  const approvals = new Approvals(journal, operators, now);
  const dispatcher = createDispatcher(
    composeHandlers(
      appHandlers(options, environment),
      settingsHandlers(settings),
      accountsHandlers(accounts, sandboxAccount.id),
      terminalHandlers({ journal, accounts, payments, refreshStatus, approvals, requireAdministratorExists: () => operators.requireAdministratorExists() }),
      historyHandlers({ journal, payments }),
      reportsHandlers(reportExports, reportSummaries),
      reconciliationHandlers(reconciliation),
      operatorsHandlers({ journal, operators, sessions, accounts, now }),
      auditHandlers(journal),
    ),
    logger,
    auditCalls(journal, now, {
      read: {
        'settings.update': () => settings.get(),
        'accounts.setLargeAmountThreshold': (input) => accounts.summary(accounts.get((input as { accountId: number }).accountId)).largeAmountThreshold,
      },
    }),
  );

  return {
    dispatcher,
    events,
    dataDir: options.dataDir,
    notifyUrl: listener.notifyUrl,
    exportCallbackUrl,
    sandbox,
    sessions,
    linkFor: (host) => ({
      invoke: (channel, payload) => dispatcher.invoke(channel, payload, sessions.contextFor(host)),
      subscribe: (listener) => events.subscribe(listener),
    }),
    close: () => resources.close(),
  };
}
