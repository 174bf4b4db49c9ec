import type { Database } from 'better-sqlite3';
import { AccountStore } from './accounts.js';
import { AuditChain } from './audit-chain.js';
import { AnswerRecorder, type LookupApplication, type RecordResponseOptions, type UnexpectedFieldsHook } from './answers.js';
import { openJournalDatabase, type IntegrityCheck } from './database.js';
import { FactWriter } from './fact-writer.js';
import type { StopFact } from './instalment-plan.js';
import { IntentRecorder } from './intents.js';
import { JournalError } from './journal-error.js';
import type { JournalParts } from './journal-parts.js';
import { NotificationRecorder, type NotificationBatchItem } from './notification-recording.js';
import { OperationReads } from './operation-reads.js';
import { OperationRows } from './operation-rows.js';
import { OperationViews } from './operation-views.js';
import { OperatorActions } from './operator-actions.js';
import type { FilterTotals, OperationFilter, OperationPage, OperationPageQuery } from './query-types.js';
import { OperatorStore } from './operator-store.js';
import { JournalReader } from './reader.js';
import { createReaderPool, type CancellableQuery, type ReaderPool } from './reader-pool.js';
import { Recovery } from './recovery.js';
import { sqliteEngine, type SqliteEngine } from './sql-engine.js';
import type {
  Account,
  AccountPatch,
  ConfirmationSignals,
  GatewayOutcomeInput,
  IntentInput,
  JournalEvent,
  JournalOperation,
  LookupResult,
  LookupRow,
  NewAccount,
  NotificationInput,
  Operation,
  OperatorActionInput,
  RecordIntentResult,
  RecoveryItem,
} from './types.js';

export interface OpenJournalOptions {
  /** The SQLite file, e.g. `journalPath(dataDir, profile)`. Created with its folder if missing. */
  readonly file: string;
  /** Clock (UTC ms); tests pass a fake one. */
  readonly now?: () => number;
  /** Start-up check, default `quick`. */
  readonly integrityCheck?: IntegrityCheck;
  /** Told the names of undocumented fields an answer or a lookup row carried (dropped, never stored). */
  readonly onUnexpectedFields?: UnexpectedFieldsHook;
}

/**
 * The transaction journal of one profile: accounts, operations and their append-only events.
 * A facade: each concern is a module of its own (docs/architecture.md, "The journal's
 * modules"), and this class only opens the connection, composes them and checks it is open.
 * All writes run on the owner thread, each in one transaction with synchronous=FULL. Every
 * method throws `JournalError` (with a stable code).
 */
export class Journal {
  readonly file: string;
  private readonly sql: SqliteEngine;
  private readonly accounts: AccountStore;
  private readonly intents: IntentRecorder;
  private readonly answers: AnswerRecorder;
  private readonly notifications: NotificationRecorder;
  private readonly actions: OperatorActions;
  private readonly recovery: Recovery;
  private readonly reads: OperationReads;
  private readonly reader: JournalReader;
  private readonly now: () => number;
  /** Operators (issue 17): names, roles, secret hashes, lock-outs, refund ceilings. */
  readonly operators: OperatorStore;
  /** The hash-chained audit trail (issue 17). */
  readonly audit: AuditChain;
  /** Worker threads with connections of their own, for lists read off this thread; made on first use. */
  private readers: ReaderPool | undefined;
  /** Integrity checks running in threads of their own; stopped when the journal closes. */
  private readonly checks = new Set<ReaderPool>();

  /** Over a connection `openJournalDatabase` opened (and migrated); `close` closes it. */
  constructor(db: Database, file: string, now: () => number, onUnexpectedFields?: UnexpectedFieldsHook) {
    this.file = file;
    this.now = now;
    this.sql = sqliteEngine(db);
    const rows = new OperationRows(this.sql);
    const views = new OperationViews(this.sql, rows, now);
    this.accounts = new AccountStore(this.sql, now);
    const parts: JournalParts = { sql: this.sql, now, accounts: this.accounts, rows, views, facts: new FactWriter(rows, views, now) };
    this.intents = new IntentRecorder(parts);
    this.answers = new AnswerRecorder(parts, onUnexpectedFields);
    this.notifications = new NotificationRecorder(parts);
    this.actions = new OperatorActions(parts);
    this.recovery = new Recovery(parts);
    this.reads = new OperationReads(parts);
    this.reader = new JournalReader(this.sql, now);
    this.operators = new OperatorStore(this.sql, now);
    this.audit = new AuditChain(this.sql);
    this.recovery.sweepExpired();
  }

  private ensureOpen(): void {
    if (this.sql.closed) throw new JournalError('JOURNAL_CLOSED');
  }

  // ---- accounts ---------------------------------------------------------------------------

  createAccount(input: NewAccount): Account {
    return this.sql.write(() => this.accounts.create(input));
  }

  updateAccount(id: number, patch: AccountPatch): Account {
    return this.sql.write(() => this.accounts.update(id, patch));
  }

  /** Refuses an account that has operations (`JOURNAL_ACCOUNT_IN_USE`): disable it instead. */
  deleteAccount(id: number): void {
    this.sql.write(() => this.accounts.delete(id));
  }

  accountHasOperations(id: number): boolean {
    return this.sql.read(() => this.accounts.hasOperations(id));
  }

  getAccount(id: number): Account | undefined {
    this.ensureOpen();
    return this.accounts.get(id);
  }

  listAccounts(): Account[] {
    this.ensureOpen();
    return this.accounts.list();
  }

  /** Hands out the account's next ORDERID (prefix + counter); never the same twice. */
  nextOrderId(accountId: number): string {
    return this.sql.write(() => this.accounts.nextOrderId(accountId));
  }

  /** The ORDERID `nextOrderId` would hand out now; takes nothing. */
  peekOrderId(accountId: number): string {
    return this.sql.read(() => this.accounts.peekOrderId(accountId));
  }

  // ---- write-ahead intents (`intents.ts`) ---------------------------------------------------

  recordIntent(input: IntentInput): RecordIntentResult {
    return this.intents.record(input);
  }

  findReplay(idempotencyKey: string, fingerprint: string): JournalOperation | undefined {
    return this.intents.findReplay(idempotencyKey, fingerprint);
  }

  recordRequestSent(operationId: number, request: { readonly params: Readonly<Record<string, unknown>>; readonly host?: string; readonly at?: number }): void {
    this.intents.recordRequestSent(operationId, request);
  }

  // ---- answers and lookups (`answers.ts`) -------------------------------------------------

  recordResponse(operationId: number, outcome: GatewayOutcomeInput, options: RecordResponseOptions = {}): JournalOperation {
    return this.answers.recordResponse(operationId, outcome, options);
  }

  recordLookup(operationId: number, result: LookupResult, options: { readonly at?: number } = {}): JournalOperation {
    return this.answers.recordLookup(operationId, result, options);
  }

  applyLookup(accountId: number, orderIds: readonly string[], rows: readonly LookupRow[]): LookupApplication[] {
    this.ensureOpen();
    return this.answers.applyLookup(accountId, orderIds, rows);
  }

  // ---- notifications (`notification-recording.ts`) ----------------------------------------

  recordNotifications(inputs: readonly NotificationInput[]): NotificationBatchItem[] {
    return this.notifications.recordBatch(inputs);
  }

  // ---- operator actions (`operator-actions.ts`) -------------------------------------------

  recordOperatorAction(operationId: number, input: OperatorActionInput): JournalEvent {
    return this.actions.record(operationId, input);
  }

  recordAbandon(operationId: number, input: { readonly operator: string; readonly note?: string; readonly at?: number }): JournalOperation {
    return this.actions.abandon(operationId, input);
  }

  recordInstalmentStop(
    operationId: number,
    input: { readonly phase: StopFact['phase']; readonly operator: string; readonly execCode?: string; readonly at?: number },
  ): JournalOperation {
    return this.actions.stopInstalments(operationId, input);
  }

  // ---- recovery (`recovery.ts`) -----------------------------------------------------------

  recoverInterrupted(): RecoveryItem[] {
    return this.recovery.recoverInterrupted();
  }

  // ---- reads (`operation-reads.ts`, `reader.ts`) -------------------------------------------

  getOperation(id: number): JournalOperation | undefined {
    return this.reads.byId(id);
  }

  getOperationByOrderId(accountId: number, orderId: string): JournalOperation | undefined {
    return this.reads.byOrderId(accountId, orderId);
  }

  /**
   * Runs several reads on one state: in the caller's transaction, else in a read transaction
   * of their own (the notification writer commits from another connection meanwhile).
   */
  readTogether<T>(read: () => T): T {
    return this.sql.read(read);
  }

  listEvents(operationId: number): JournalEvent[] {
    this.ensureOpen();
    return this.reads.listEvents(operationId);
  }

  confirmationSignals(operationId: number): ConfirmationSignals {
    this.ensureOpen();
    return this.reads.confirmationSignals(operationId);
  }

  listUnconfirmedIds(since: number): number[] {
    this.ensureOpen();
    return this.reads.listUnconfirmedIds(since);
  }

  listOperationIdsAfter(afterId: number): number[] {
    this.ensureOpen();
    return this.reads.listOperationIdsAfter(afterId);
  }

  lastOperationId(): number {
    this.ensureOpen();
    return this.reads.lastOperationId();
  }

  listFollowUps(operationId: number): Operation[] {
    this.ensureOpen();
    return this.reads.listFollowUps(operationId);
  }

  query(query: OperationPageQuery = {}): OperationPage {
    this.ensureOpen();
    return this.reader.page(query);
  }

  count(filter: OperationFilter = {}): number {
    this.ensureOpen();
    return this.reader.count(filter);
  }

  /**
   * A page read by a worker thread on a connection of its own (`ReaderPool`), for lists a
   * screen asks for: however many rows it walks, this thread goes on answering meanwhile. It
   * sees what was committed when it runs; cancel it when its answer is no longer wanted.
   */
  queryOffThread(query: OperationPageQuery = {}): CancellableQuery<OperationPage> {
    return this.#readerPool().page(query);
  }

  /** The count and the totals per currency of a filter, read off this thread as `queryOffThread` reads a page. */
  totalsOffThread(filter: OperationFilter = {}): CancellableQuery<FilterTotals> {
    return this.#readerPool().totals(filter);
  }

  /**
   * SQLite's quick check of the whole file (about 3 s on a million operations), in a thread of
   * its own so that opening the journal with `integrityCheck: 'none'` shows the desk at once:
   * resolves with what it found wrong, or nothing. Never on this thread, even while the
   * thread loads.
   */
  checkIntegrityOffThread(): Promise<readonly string[]> {
    // Refused at once once closed, as every other method is (not as a rejected promise).
    this.ensureOpen();
    return this.#integrityOffThread();
  }

  async #integrityOffThread(): Promise<readonly string[]> {
    const pool = createReaderPool({ file: this.file, size: 1, now: this.now });
    this.checks.add(pool);
    try {
      return await pool.integrity();
    } finally {
      this.checks.delete(pool);
      await pool.close();
    }
  }

  #readerPool(): ReaderPool {
    this.ensureOpen();
    // Read here while the first thread loads, or when a thread cannot run: never a wait, never a stop.
    this.readers ??= createReaderPool({ file: this.file, now: this.now, local: (request) => this.reader.execute(request) });
    return this.readers;
  }

  /** Closes the connection at once; resolves when the reader threads have stopped too. */
  close(): Promise<void> {
    const readers = this.readers;
    this.readers = undefined;
    this.sql.close();
    const checks = [...this.checks];
    this.checks.clear();
    return Promise.all([readers?.close(), ...checks.map((pool) => pool.close())]).then(() => undefined);
  }
}

/** Opens (creating, checking and migrating) the journal file. */
export function openJournal(options: OpenJournalOptions): Journal {
  const db = openJournalDatabase(options.file, { integrityCheck: options.integrityCheck ?? 'quick' });
  try {
    return new Journal(db, options.file, options.now ?? Date.now, options.onUnexpectedFields);
  } catch (error) {
    db.close();
    throw error;
  }
}
