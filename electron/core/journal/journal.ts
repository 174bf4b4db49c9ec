import type { Database, Statement, Transaction } from 'better-sqlite3';
import { AccountStore } from './accounts.js';
import { assertNoCardData, assertNoCardNumber, redactCardNumbers, redactPayload } from './card-data-guard.js';
import { keepDocumentedFields } from './gateway-fields.js';
import { openJournalDatabase, type IntegrityCheck } from './database.js';
import { duplicateApprovals } from './duplicate-charge.js';
import { answerOutcome, normalizeExecCode } from './exec-outcome.js';
import { derivePlan, planFacts, type InstalmentFact, type PlanInput, type PlanRow, type StopFact } from './instalment-plan.js';
import { intentHash, isFollowUp, validateIntent } from './intent-input.js';
import { JournalError, isJournalError } from './journal-error.js';
import { parseNotification, type ParsedNotification } from './notification-intake.js';
import { NO_ACTIONS, SUCCEEDED_STATUSES, type OperationActions, type OperationStatus } from '../../../shared/domain/operation-status.js';
import type { FilterTotals, OperationFilter, OperationPage, OperationPageQuery, SummaryRow, SummarySpec } from './query-types.js';
import { JournalReader } from './reader.js';
import {
  OPERATION_COLUMNS,
  toEvent,
  toInboxNotification,
  toOperation,
  type EventRow,
  type NotificationRow,
  type OperationRow,
} from './rows.js';
import {
  deriveActions,
  deriveStatus,
  foldOwnEvents,
  notFoundTrigger,
  transition,
  type ChildFact,
  type Derivation,
  type EventFact,
  type OperationFacts,
  type Transition,
  type Trigger,
} from './state-machine.js';
import type {
  Account,
  AccountPatch,
  ConfirmationSignals,
  EventKind,
  GatewayOutcomeInput,
  GatewayResponseFields,
  InboxNotification,
  IntentInput,
  JournalEvent,
  JsonObject,
  LookupResult,
  LookupRow,
  NewAccount,
  NormalizedGatewayResponse,
  NotificationInput,
  NotificationRecordResult,
  Operation,
  OperationView,
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

/** Names only, never values: the fields were dropped. */
export type UnexpectedFieldsHook = (source: 'answer' | 'lookup', operationId: number, names: readonly string[]) => void;

export interface RecordResponseOptions {
  /** When the answer arrived; defaults to the journal clock. */
  readonly at?: number;
  /** What was sent (redacted again here) and how: recorded as `request_sent` before the answer. */
  readonly request?: {
    readonly params: Readonly<Record<string, unknown>>;
    readonly host?: string;
    /** E.g. the client's attempt trail (hosts, statuses, durations; no parameter values). */
    readonly attempts?: unknown;
  };
}

/** One item of `recordNotifications`: its result, or why that notification alone was not recorded. */
export type NotificationBatchItem = NotificationRecordResult | { readonly outcome: 'failed'; readonly error: unknown };

/** One item of `recordIntents`: its result, or why that intent alone was refused. */
export type BatchIntentResult = RecordIntentResult | { readonly kind: 'rejected'; readonly error: JournalError };

export interface LookupApplication {
  readonly orderId: string;
  readonly operationId: number | null;
  /** The status after the lookup, or null when no operation has this ORDERID. */
  readonly status: Operation['status'] | null;
  readonly error?: JournalError;
}

/** Columns an answer may fill in; card and alias fields only when still empty. */
interface AnswerColumns {
  transactionId?: string | null;
  alias?: string | null;
  execCode?: string | null;
  message?: string | null;
  brand?: string | null;
  last4?: string | null;
  expiry?: string | null;
  holderName?: string | null;
  scheduleId?: string | null;
}

/** What an answer or a re-derivation may change on an operation row. */
const UPDATABLE_COLUMNS = new Set([
  'transaction_id',
  'alias',
  'exec_code',
  'message',
  'brand',
  'last4',
  'expiry',
  'holder_name',
  'schedule_id',
  'status',
  'expires_at',
  'updated_at',
] as const);
type UpdatableColumn = typeof UPDATABLE_COLUMNS extends Set<infer C> ? C : never;

/** What `planFact` read and checked, for `writeFact`. */
interface FactPlan {
  readonly row: OperationRow;
  readonly ancestors: ReadonlyArray<{ readonly row: OperationRow; readonly rejected: readonly number[] }>;
  /** The operation's events, to which `writeFact` adds those it appends. */
  readonly events: EventFact[];
  readonly own: OperationStatus;
  readonly move: Transition;
}

interface Fact {
  readonly kind: EventKind;
  readonly trigger: Trigger;
  readonly payload: JsonObject;
  readonly at: number;
  readonly columns?: AnswerColumns;
  /** Extra contradictions spotted by the caller (e.g. a notified AMOUNT that differs). */
  readonly discrepancies?: readonly JsonObject[];
}

/** The response as the gateway spelled it (upper-case keys), from either accepted shape. */
function responseFields(response: GatewayResponseFields | NormalizedGatewayResponse): Record<string, unknown> {
  if (response && typeof (response as { EXECCODE?: unknown }).EXECCODE === 'string') return response as Record<string, unknown>;
  const normalized = response as Partial<{ execCode: unknown; fields: unknown }> | undefined;
  if (normalized && typeof normalized.execCode === 'string') {
    const fields = normalized.fields && typeof normalized.fields === 'object' ? (normalized.fields as Record<string, unknown>) : {};
    return { ...fields, EXECCODE: normalized.execCode };
  }
  throw new JournalError('JOURNAL_INVALID_INPUT', 'EXECCODE');
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function cardColumns(fields: Readonly<Record<string, unknown>>) {
  const code = text(fields.CARDCODE);
  const expiry = text(fields.CARDVALIDITYDATE);
  const holder = text(fields.CARDFULLNAME);
  return {
    brand: text(fields.CARDTYPE)?.toLowerCase() ?? null,
    last4: code !== null && /[0-9]{4}$/.test(code) ? code.slice(-4) : null,
    expiry: expiry !== null && /^(0[1-9]|1[0-2])-[0-9]{2}$/.test(expiry) ? expiry : null,
    holderName: holder === null ? null : redactCardNumbers(holder),
  };
}

/** Conditions on one event (its `kind` and `payload`) that the confirmation signals are made of. */
const LOOKED_UP = `kind = 'status_lookup' AND json_extract(payload, '$.outcome') IN ('approved', 'authorized', 'declined', 'error')`;
const ANSWERED = `kind = 'response' AND json_type(payload, '$.execCode') = 'text'`;

/** What the events say about the gateway's confirmation (see `confirmationSignals`). */
const CONFIRMATION_SIGNALS = `coalesce(max(kind = 'discrepancy'), 0) AS discrepancy,
  coalesce(max(kind = 'notification'), 0) AS notified,
  coalesce(max(${LOOKED_UP}), 0) AS looked_up,
  coalesce(max(kind = 'status_lookup' AND json_extract(payload, '$.outcome') = 'not_found_yet'), 0) AS not_found_yet,
  coalesce(max(kind = 'status_lookup' AND json_extract(payload, '$.outcome') = 'not_found'), 0) AS not_found,
  coalesce(max(${ANSWERED}), 0) AS answered`;

function prepareStatements(db: Database) {
  const ops = `SELECT ${OPERATION_COLUMNS} FROM operations`;
  return {
    opById: db.prepare(`${ops} WHERE id = ?`),
    maxCreatedAt: db.prepare('SELECT max(created_at) AS at FROM operations'),
    opByKey: db.prepare(`${ops} WHERE idempotency_key = ?`),
    opByOrderId: db.prepare(`${ops} WHERE account_id = ? AND order_id = ?`),
    opByTransactionId: db.prepare(`${ops} WHERE account_id = ? AND transaction_id = ?`),
    opByTransactionIdAnyAccount: db.prepare(`${ops} WHERE transaction_id = ? ORDER BY id LIMIT 2`),
    children: db.prepare(`${ops} WHERE parent_id = ? ORDER BY id`),
    childFacts: db.prepare('SELECT id, type, amount, status, instalment_seq AS instalment FROM operations WHERE parent_id = ? ORDER BY id'),
    insertOp: db.prepare(`INSERT INTO operations (account_id, parent_id, type, amount, currency, order_id, brand, bin6,
      last4, expiry, holder_name, customer_ident, customer_email, customer_name, description, operator,
      idempotency_key, intent_hash, alias, alias_mode, status, created_at, updated_at, instalment_seq, request_fingerprint)
      VALUES (@accountId, @parentId, @type, @amount, @currency, @orderId, @brand, @bin6, @last4, @expiry, @holderName,
      @customerIdent, @customerEmail, @customerName, @description, @operator, @idempotencyKey, @intentHash, @alias,
      @aliasMode, 'sending', @at, @at, @instalment, @fingerprint)`),
    planRows: db.prepare('SELECT seq, due_date, amount FROM instalments WHERE operation_id = ? ORDER BY seq'),
    insertPlanRow: db.prepare('INSERT INTO instalments (operation_id, seq, due_date, amount) VALUES (?, ?, ?, ?)'),
    // Later instalments' notifications and the stop requests, for the plan of a payment in instalments.
    planEvents: db.prepare(`SELECT kind, json_extract(payload, '$.instalment') AS seq, json_extract(payload, '$.result') AS outcome,
      json_extract(payload, '$.transactionId') AS transactionId, json_extract(payload, '$.stop') AS phase,
      json_extract(payload, '$.execCode') AS execCode, at
      FROM events WHERE operation_id = ? AND ((kind = 'notification' AND json_extract(payload, '$.instalment') IS NOT NULL)
        OR (kind = 'operator_action' AND json_extract(payload, '$.action') = 'stop_instalments')) ORDER BY id`),
    eventById: db.prepare('SELECT * FROM events WHERE id = ?'),
    insertEvent: db.prepare('INSERT INTO events (operation_id, kind, payload, at) VALUES (?, ?, ?, ?)'),
    eventFacts: db.prepare(
      `SELECT kind, json_extract(payload, '$.outcome') AS outcome, at FROM events WHERE operation_id = ? ORDER BY id`,
    ),
    events: db.prepare('SELECT * FROM events WHERE operation_id = ? ORDER BY id'),
    confirmationSignals: db.prepare(`SELECT ${CONFIRMATION_SIGNALS} FROM events WHERE operation_id = ?`),
    // Narrowed in SQL to what cannot be confirmed yet (the caller applies the rule itself):
    // succeeded, answered with an EXECCODE, no notification, no final lookup, no discrepancy.
    // EXISTS probes stop at the first event that decides, which a GROUP BY over all would not.
    unconfirmed: db.prepare(`SELECT o.id FROM operations o
      WHERE o.status IN (${SUCCEEDED_STATUSES.map((status) => `'${status}'`).join(', ')})
        AND o.created_at >= ? AND o.transaction_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM events WHERE operation_id = o.id AND (kind IN ('notification', 'discrepancy') OR (${LOOKED_UP})))
        AND EXISTS (SELECT 1 FROM events WHERE operation_id = o.id AND ${ANSWERED})
      ORDER BY o.id`).pluck(),
    idsAfter: db.prepare('SELECT id FROM operations WHERE id > ? ORDER BY id').pluck(),
    lastId: db.prepare('SELECT coalesce(max(id), 0) AS id FROM operations'),
    hasResponse: db.prepare(`SELECT 1 FROM events WHERE operation_id = ? AND kind = 'response' LIMIT 1`),
    transactionIdTaken: db.prepare('SELECT id FROM operations WHERE account_id = ? AND transaction_id = ? AND id <> ?'),
    sending: db.prepare(`${ops} WHERE status = 'sending' ORDER BY id`),
    unknown: db.prepare(`${ops} WHERE status = 'unknown' ORDER BY id`),
    sweepExpired: db.prepare(`UPDATE operations SET status = 'expired', updated_at = ?
      WHERE status = 'authorized' AND expires_at <= ?`),
    insertNotification: db.prepare(`INSERT INTO notifications (dedupe_key, received_at, account_id, identifier,
      transaction_id, order_id, operation_type, exec_code, params, applied, operation_id, apply_error)
      VALUES (@key, @receivedAt, @accountId, @identifier, @transactionId, @orderId, @operationType, @execCode, @params,
        @applied, @operationId, @applyError)
      ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`),
    notificationByKey: db.prepare('SELECT id, operation_id FROM notifications WHERE dedupe_key = ?'),
    keptNotifications: db.prepare('SELECT * FROM notifications WHERE applied = 0 ORDER BY received_at, id LIMIT ?'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/**
 * The transaction journal of one profile: accounts, operations and their append-only events.
 * All writes run on the owner thread, each in one transaction with synchronous=FULL; long
 * reads go to a `ReaderPool`. Every method throws `JournalError` (with a stable code).
 */
export class Journal {
  readonly file: string;
  private readonly db: Database;
  private readonly now: () => number;
  private readonly accounts: AccountStore;
  private readonly reader: JournalReader;
  private closed = false;
  private readonly sql: Statements;
  /**
   * One transaction function for every write: a top-level call is BEGIN IMMEDIATE … COMMIT,
   * a nested one a savepoint. Made once, because `db.transaction()` builds new wrappers on
   * each call, a measurable share of a notification's cost.
   */
  private readonly transaction: Transaction<(fn: () => unknown) => unknown>;
  /** `UPDATE operations SET <changed columns>` statements, one per set of columns. */
  private readonly rowUpdates = new Map<string, Statement>();

  constructor(
    db: Database,
    file: string,
    now: () => number,
    private readonly onUnexpectedFields?: UnexpectedFieldsHook,
  ) {
    this.db = db;
    this.file = file;
    this.now = now;
    this.accounts = new AccountStore(db, now);
    this.reader = new JournalReader(db, now);
    this.sql = prepareStatements(db);
    this.transaction = db.transaction((fn: () => unknown) => fn());
    this.sweepExpired();
  }

  private ensureOpen(): void {
    if (this.closed) throw new JournalError('JOURNAL_CLOSED');
  }

  private get statements(): Statements {
    this.ensureOpen();
    return this.sql;
  }

  private tx<T>(fn: () => T): T {
    this.ensureOpen();
    if (this.db.inTransaction) return this.transaction(fn) as T;
    try {
      // IMMEDIATE takes the write lock first, so a read-then-write never has to be retried.
      return this.transaction.immediate(fn) as T;
    } catch (error) {
      throw asJournalError(error);
    }
  }

  // ---- accounts -------------------------------------------------------------------------

  createAccount(input: NewAccount): Account {
    return this.tx(() => this.accounts.create(input));
  }

  updateAccount(id: number, patch: AccountPatch): Account {
    return this.tx(() => this.accounts.update(id, patch));
  }

  getAccount(id: number): Account | undefined {
    this.ensureOpen();
    return this.accounts.get(id);
  }

  listAccounts(): Account[] {
    this.ensureOpen();
    return this.accounts.list();
  }

  deleteAccount(id: number): void {
    this.tx(() => this.accounts.delete(id));
  }

  /** Hands out the account's next ORDERID (prefix + counter); never the same twice. */
  nextOrderId(accountId: number): string {
    return this.tx(() => this.accounts.nextOrderId(accountId));
  }

  /** The ORDERID `nextOrderId` would hand out now; takes nothing. */
  peekOrderId(accountId: number): string {
    return this.readTogether(() => this.accounts.peekOrderId(accountId));
  }

  // ---- write-ahead intent ---------------------------------------------------------------

  /**
   * Records an operation BEFORE its request leaves: the row (status `sending`) and an
   * `intent_recorded` event, in one durable transaction. A second call with the same
   * idempotency key and the same content returns `{ kind: 'existing' }` (do not send again);
   * with different content it throws `JOURNAL_IDEMPOTENCY_CONFLICT`.
   */
  recordIntent(input: IntentInput): RecordIntentResult {
    validateIntent(input);
    return this.tx(() => this.insertIntent(input));
  }

  /**
   * Several intents in ONE durable transaction (group commit): one fsync for the batch. An
   * intent refused with a JournalError does not stop the others; `insertIntent` makes every
   * such refusal before its first write, so a refused intent leaves nothing behind. Any other
   * failure (disk full…) rolls the whole batch back and throws.
   */
  recordIntents(inputs: readonly IntentInput[]): BatchIntentResult[] {
    return this.tx(() =>
      inputs.map((input): BatchIntentResult => {
        try {
          validateIntent(input);
          return this.insertIntent(input);
        } catch (error) {
          if (isJournalError(error)) return { kind: 'rejected', error };
          throw error;
        }
      }),
    );
  }

  private insertIntent(input: IntentInput): RecordIntentResult {
    const s = this.statements;
    const hash = intentHash(input);
    const previous = s.opByKey.get(input.idempotencyKey) as OperationRow | undefined;
    if (previous) {
      assertSameRequest(previous, input.fingerprint, hash);
      return { kind: 'existing', existing: this.view(previous) };
    }
    const accountCurrency = this.accounts.currencyOf(input.accountId);
    // created_at never goes backwards (clock adjustments, backdated `at`): ids then follow
    // created_at, which lets full-text history pages walk the index in rowid order.
    const latest = (s.maxCreatedAt.get() as { at: number | null }).at ?? 0;
    const at = Math.max(input.at ?? this.now(), latest);
    let amount = input.amount;
    let currency = input.currency ?? accountCurrency;
    let inherited: Partial<OperationRow> = {};
    if (isFollowUp(input.type)) {
      const parent = this.requireRow(input.parentId as number);
      amount = this.checkFollowUp(input, parent);
      currency = parent.currency;
      inherited = parent;
    } else if (currency !== accountCurrency) {
      throw new JournalError('JOURNAL_INVALID_INPUT', `currency ${currency} is not the account's ${accountCurrency}`);
    }
    if (input.orderId !== undefined && s.opByOrderId.get(input.accountId, input.orderId)) {
      throw new JournalError('JOURNAL_ORDER_ID_TAKEN', input.orderId);
    }
    // Last check before the first write: every refusal above leaves nothing behind.
    const orderId = input.orderId ?? this.accounts.nextOrderId(input.accountId);
    if (input.orderId !== undefined) this.accounts.advancePast(input.accountId, input.orderId);
    const card = input.card ?? {};
    const customer = input.customer ?? {};
    const result = s.insertOp.run({
      accountId: input.accountId,
      parentId: input.parentId ?? null,
      type: input.type,
      amount: amount as number,
      currency,
      orderId,
      brand: card.brand?.toLowerCase() ?? inherited.brand ?? null,
      bin6: card.bin6 ?? inherited.bin6 ?? null,
      last4: card.last4 ?? inherited.last4 ?? null,
      expiry: card.expiry ?? inherited.expiry ?? null,
      holderName: card.holderName ?? inherited.holder_name ?? null,
      customerIdent: customer.ident ?? inherited.customer_ident ?? null,
      customerEmail: customer.email ?? inherited.customer_email ?? null,
      customerName: customer.name ?? inherited.customer_name ?? null,
      description: input.description ?? null,
      operator: input.operator ?? null,
      idempotencyKey: input.idempotencyKey,
      intentHash: hash,
      alias: input.alias ?? null,
      aliasMode: input.aliasMode ?? null,
      at,
      instalment: input.instalment ?? null,
      fingerprint: input.fingerprint ?? null,
    });
    const id = Number(result.lastInsertRowid);
    input.instalments?.forEach((entry, index) => s.insertPlanRow.run(id, index + 1, entry.date, entry.amount));
    this.appendEvent(id, 'intent_recorded', {
      type: input.type,
      amount: amount as number,
      currency,
      orderId,
      parentId: input.parentId ?? null,
      operator: input.operator ?? null,
      createAlias: input.createAlias ?? false,
      aliasMode: input.aliasMode ?? null,
      withAlias: input.alias !== undefined,
      ...(input.instalments ? { instalments: input.instalments.length } : {}),
      ...(input.instalment !== undefined ? { instalment: input.instalment } : {}),
    }, at);
    // A new operation is `sending` and allows nothing yet: no need to derive it, but for its plan.
    const row = this.requireRow(id);
    if (input.instalments) return { kind: 'created', operation: this.view(row) };
    return { kind: 'created', operation: { ...toOperation(row, at), actions: NO_ACTIONS, answeredAt: null, instalments: null } };
  }

  /**
   * The operation an idempotency key already stands for, if the request is the same one (same
   * fingerprint): a retry, to answer with it and send nothing. A key recorded for another
   * request (amount, card, account, type, parent…) is `JOURNAL_IDEMPOTENCY_CONFLICT`.
   */
  findReplay(idempotencyKey: string, fingerprint: string): OperationView | undefined {
    return this.readTogether(() => {
      const previous = this.statements.opByKey.get(idempotencyKey) as OperationRow | undefined;
      if (!previous) return undefined;
      assertSameRequest(previous, fingerprint, undefined);
      return this.view(previous);
    });
  }

  /** A follow-up must fit what its parent still allows; returns the amount it will move. */
  private checkFollowUp(input: IntentInput, parent: OperationRow): number {
    const notAllowed = (detail: string): never => {
      throw new JournalError('JOURNAL_FOLLOW_UP_NOT_ALLOWED', `${input.type} on operation ${parent.id}: ${detail}`);
    };
    if (parent.account_id !== input.accountId) notAllowed('another account');
    const parentView = this.view(parent);
    const { actions } = parentView;
    const check = (available: number): number => {
      const amount = input.amount ?? available;
      if (available <= 0) notAllowed('nothing left');
      if (amount > available) notAllowed(`amount above the ${available} left`);
      return amount;
    };
    switch (input.type) {
      case 'capture':
        return check(actions.capturableAmount);
      case 'refund': {
        // A payment in instalments is refunded one instalment's transaction at a time (the first by default).
        const plan = parentView.instalments;
        if (plan === null) {
          if (input.instalment !== undefined) notAllowed('not a payment in instalments');
          return check(actions.refundableAmount);
        }
        const entry = plan.entries.find((candidate) => candidate.seq === (input.instalment ?? 1));
        if (entry === undefined) notAllowed(`no instalment ${String(input.instalment)}`);
        return check(actions.refundableAmount > 0 ? (entry as { refundable: number }).refundable : 0);
      }
      default:
        if (!actions.voidable) notAllowed('not voidable');
        return check(parent.amount);
    }
  }

  /** The request as it left, minus HASH, CVV and PAN (kept masked). Only while `sending`. */
  recordRequestSent(operationId: number, request: { readonly params: Readonly<Record<string, unknown>>; readonly host?: string; readonly at?: number }): void {
    this.tx(() => {
      const row = this.requireRow(operationId);
      const own = foldOwnEvents(this.eventFacts(operationId)).status;
      if (own !== 'sending') throw new JournalError('JOURNAL_INVALID_TRANSITION', `request_sent while ${own}`);
      this.appendEvent(row.id, 'request_sent', { host: request.host ?? null, params: redactPayload(request.params) }, request.at ?? this.now());
    });
  }

  // ---- answers ---------------------------------------------------------------------------

  /**
   * Records what the gateway client returned for this operation's request. `request`, when
   * given, is recorded first as the `request_sent` event (redacted), in the same transaction:
   * for a client that only reports what it sent together with the outcome.
   */
  recordResponse(operationId: number, outcome: GatewayOutcomeInput, options: RecordResponseOptions = {}): OperationView {
    return this.tx(() => {
      const row = this.requireRow(operationId);
      if (this.statements.hasResponse.get(operationId)) {
        throw new JournalError('JOURNAL_ALREADY_ANSWERED', `operation ${operationId}`);
      }
      const at = options.at ?? this.now();
      const fact = this.responseFact(row, outcome, at);
      if (options.request) {
        const { params, host, attempts } = options.request;
        this.appendEvent(row.id, 'request_sent', {
          host: host ?? null,
          params: redactPayload(params),
          ...(attempts !== undefined ? { attempts: redactPayload(attempts) } : {}),
        }, at);
      }
      this.applyFact(row, fact);
      return this.view(this.requireRow(operationId));
    });
  }

  /** Shorthand for an `unknown` outcome (timeout after the request may have arrived). */
  recordUnknown(operationId: number, reason: string, options: { readonly at?: number } = {}): OperationView {
    return this.recordResponse(operationId, { outcome: 'unknown', reason }, options);
  }

  private responseFact(row: OperationRow, outcome: GatewayOutcomeInput, at: number): Fact {
    switch (outcome.outcome) {
      case 'answered':
      case 'pending': {
        const { fields, dropped, unexpected } = keepDocumentedFields(responseFields(outcome.response));
        const execCode = normalizeExecCode(fields.EXECCODE as string);
        const result = answerOutcome(execCode, row.type as Operation['type'], row.amount);
        if (unexpected.length > 0) this.onUnexpectedFields?.('answer', row.id, unexpected);
        return {
          kind: 'response',
          trigger: `response:${result}`,
          at,
          payload: {
            outcome: result,
            execCode,
            host: outcome.host ?? null,
            response: fields,
            ...(dropped.length > 0 ? { dropped: [...dropped] } : {}),
          },
          columns: {
            transactionId: text(fields.TRANSACTIONID),
            alias: text(fields.ALIAS),
            execCode,
            message: text(fields.MESSAGE),
            scheduleId: text(fields.SCHEDULEID),
            ...cardColumns(fields),
          },
        };
      }
      case 'unknown':
        return { kind: 'response', trigger: 'response:unknown', at, payload: { outcome: 'unknown', reason: String(outcome.reason) } };
      case 'failed':
        return {
          kind: 'response',
          trigger: 'response:error',
          at,
          payload: {
            outcome: 'error',
            failure: String(outcome.code),
            retryable: Boolean(outcome.retryable),
            message: outcome.message === undefined ? null : redactCardNumbers(String(outcome.message)),
          },
        };
      default:
        throw new JournalError('JOURNAL_INVALID_INPUT', 'outcome');
    }
  }

  /**
   * Several notifications in one durable commit. A listener under load answers each one OK
   * only after this returns, and pays one fsync for the lot instead of one each. Each is
   * isolated in a savepoint: one that fails is reported alone and the others are kept.
   */
  recordNotifications(inputs: readonly NotificationInput[]): NotificationBatchItem[] {
    return this.tx(() => {
      // The accounts cannot change while this transaction holds the write lock: each
      // IDENTIFIER of the batch is looked up once.
      const accountIds = new Map<string, number[]>();
      const idsFor = (identifier: string): number[] => {
        let ids = accountIds.get(identifier);
        if (!ids) accountIds.set(identifier, (ids = this.accounts.idsForIdentifier(identifier)));
        return ids;
      };
      return inputs.map((input) => {
        try {
          return this.recordOneNotification(input, idsFor);
        } catch (error) {
          // Some failures (disk full, I/O error) make SQLite roll the whole transaction back:
          // the batch then fails as one, rather than the rest committing one by one.
          if (!this.db.inTransaction) throw error;
          return { outcome: 'failed' as const, error };
        }
      });
    });
  }

  /**
   * Records a verified notification in the inbox (deduplicated), then applies it to its
   * operation (found by TRANSACTIONID, else ORDERID, within the account named by IDENTIFIER).
   * It is authoritative: when it contradicts the synchronous answer it wins and a
   * discrepancy event is recorded. It never throws for a transition that does not fit; the
   * notification is then `kept` in the inbox with the reason, so the listener still answers OK.
   */
  recordNotification(input: NotificationInput): NotificationRecordResult {
    return this.recordOneNotification(input, (identifier) => this.accounts.idsForIdentifier(identifier));
  }

  private recordOneNotification(input: NotificationInput, accountIdsFor: (identifier: string) => number[]): NotificationRecordResult {
    const parsed = parseNotification(input);
    // Serialised once: checked for card numbers, then stored as it was checked.
    const storedParams = JSON.stringify(parsed.storable);
    assertNoCardData('notification', storedParams);
    const receivedAt = input.receivedAt ?? this.now();
    return this.tx(() => {
      const s = this.statements;
      const accountIds = input.accountId !== undefined
        ? [this.accounts.require(input.accountId).id]
        : parsed.identifier !== null
          ? accountIdsFor(parsed.identifier)
          : [];
      // Correlate first, so the inbox row is written once, already settled; a replay is
      // refused by the unique key before anything else is written.
      const row = this.matchNotification(accountIds, parsed.transactionId, parsed.orderId, parsed.operationType);
      const result = row !== undefined && parsed.execCode !== null ? answerOutcome(parsed.execCode, row.type as Operation['type'], row.amount) : null;
      // A later instalment (SCHEDULE i-n, i > 1) is a transaction of its own, not an answer to
      // the payment's request: recorded on the plan, it goes through no transition.
      const instalment = row !== undefined && result !== null && row.type === 'payment' && (parsed.schedule?.seq ?? 1) > 1;
      let plan: FactPlan | undefined;
      let refused: JournalError | undefined;
      if (row !== undefined && result !== null && !instalment) {
        try {
          plan = this.planFact(row, `notification:${result}`);
        } catch (error) {
          if (!isJournalError(error, 'JOURNAL_INVALID_TRANSITION')) throw error;
          refused = error;
        }
      }
      const inserted = s.insertNotification.get({
        key: parsed.key,
        receivedAt,
        accountId: row?.account_id ?? (accountIds.length === 1 ? accountIds[0] : null),
        identifier: parsed.identifier,
        transactionId: parsed.transactionId,
        orderId: parsed.orderId,
        operationType: parsed.operationType,
        execCode: parsed.execCode,
        params: storedParams,
        applied: plan || instalment ? 1 : 0,
        operationId: row !== undefined && result !== null ? row.id : null,
        applyError: refused?.code ?? null,
      }) as { id: number } | undefined;
      if (!inserted) {
        const existing = s.notificationByKey.get(parsed.key) as { id: number; operation_id: number | null };
        return { outcome: 'duplicate', notificationId: existing.id, operationId: existing.operation_id };
      }
      const unexpected = parsed.unexpected.length > 0 ? { unexpectedFields: parsed.unexpected } : {};
      if (row === undefined || result === null) return { outcome: 'kept', notificationId: inserted.id, operationId: null, ...unexpected };
      if (instalment) {
        this.recordLaterInstalment(row, parsed, result, inserted.id, receivedAt);
        return { outcome: 'applied', notificationId: inserted.id, operationId: row.id, ...unexpected };
      }
      if (!plan) return { outcome: 'kept', notificationId: inserted.id, operationId: row.id, error: 'JOURNAL_INVALID_TRANSITION', ...unexpected };
      // An instalment's notification (SCHEDULE=i-n) carries that instalment's AMOUNT, not the
      // schedule's total: only a plain operation's amount can contradict the record.
      const discrepancies: JsonObject[] =
        parsed.amount !== null && parsed.amount !== row.amount && parsed.schedule === null
          ? [{ reason: 'amount_mismatch', recorded: row.amount, notified: parsed.amount }]
          : [];
      this.writeFact(plan, {
        kind: 'notification',
        trigger: `notification:${result}`,
        at: receivedAt,
        payload: {
          outcome: result,
          execCode: parsed.execCode,
          transactionId: parsed.transactionId,
          message: parsed.message === null ? null : redactCardNumbers(parsed.message),
          notificationId: inserted.id,
          ...(parsed.dropped.length > 0 ? { dropped: [...parsed.dropped] } : {}),
        },
        columns: {
          transactionId: parsed.transactionId,
          alias: parsed.alias,
          execCode: parsed.execCode,
          message: parsed.message,
          brand: parsed.brand,
          last4: parsed.last4,
          expiry: parsed.expiry,
          scheduleId: parsed.scheduleId,
        },
        discrepancies,
      });
      // A follow-up's notification changes the operations above it too (captured, refunded,
      // nothing left to void): the screen must hear of them.
      const ancestorIds = plan.ancestors.map((ancestor) => ancestor.row.id);
      return { outcome: 'applied', notificationId: inserted.id, operationId: row.id, ...(ancestorIds.length > 0 ? { ancestorIds } : {}), ...unexpected };
    });
  }

  private matchNotification(
    accountIds: readonly number[],
    transactionId: string | null,
    orderId: string | null,
    operationType: string | null,
  ): OperationRow | undefined {
    const s = this.statements;
    for (const accountId of accountIds) {
      const row =
        (transactionId !== null ? (s.opByTransactionId.get(accountId, transactionId) as OperationRow | undefined) : undefined) ??
        (orderId !== null ? (s.opByOrderId.get(accountId, orderId) as OperationRow | undefined) : undefined);
      // Our ORDERIDs are unique per operation, but a back-office operation may reuse one.
      if (row && (operationType === null || operationType === row.type)) return row;
    }
    return undefined;
  }

  /** Notifications still in the inbox only (no matching operation, or a transition that did not fit). */
  listKeptNotifications(limit = 100): InboxNotification[] {
    return (this.statements.keptNotifications.all(limit) as NotificationRow[]).map(toInboxNotification);
  }

  /**
   * Records the gateway's answer to a status lookup (getTransactions) for one operation. A
   * lookup that found nothing is provisional or final by `notFoundTrigger`; the outcome stored
   * (`not_found_yet` or `not_found`) keeps that decision.
   */
  recordLookup(operationId: number, result: LookupResult, options: { readonly at?: number } = {}): OperationView {
    return this.tx(() => {
      const row = this.requireRow(operationId);
      this.applyFact(row, this.lookupFact(row, result, options.at ?? this.now()));
      return this.view(this.requireRow(operationId));
    });
  }

  private lookupFact(row: OperationRow, result: LookupResult, at: number): Fact {
    if (!result.found) {
      const trigger = notFoundTrigger(this.eventFacts(row.id), at);
      return { kind: 'status_lookup', trigger, at, payload: { outcome: trigger === 'lookup:not_found' ? 'not_found' : 'not_found_yet' } };
    }
    if (typeof result.row?.EXECCODE !== 'string') throw new JournalError('JOURNAL_INVALID_INPUT', 'EXECCODE');
    const { fields, dropped, unexpected } = keepDocumentedFields(result.row);
    const execCode = normalizeExecCode(result.row.EXECCODE);
    const outcome = answerOutcome(execCode, row.type as Operation['type'], row.amount);
    if (unexpected.length > 0) this.onUnexpectedFields?.('lookup', row.id, unexpected);
    const duplicates = duplicateApprovals([result.row, ...(result.alongside ?? [])]);
    return {
      kind: 'status_lookup',
      trigger: `lookup:${outcome}`,
      at,
      payload: { outcome, execCode, row: fields, ...(dropped.length > 0 ? { dropped: [...dropped] } : {}) },
      columns: {
        transactionId: text(fields.TRANSACTIONID),
        alias: text(fields.ALIAS),
        execCode,
        message: text(fields.MESSAGE),
        scheduleId: text(fields.SCHEDULEID),
        ...cardColumns(fields),
      },
      discrepancies: duplicates.length > 0 ? [{ reason: 'duplicate_charge_suspected', transactionIds: duplicates }] : [],
    };
  }

  /**
   * Settles operations from one getTransactions answer by ORDERID: for every ORDERID asked, the
   * matching row (latest DATE; the known TRANSACTIONID first), or "not found" when no row has
   * that ORDERID at all (`recordLookup` decides whether that is provisional or final). Two
   * approved rows of the operation are a discrepancy whichever is picked (`duplicateApprovals`).
   */
  applyLookup(accountId: number, orderIds: readonly string[], rows: readonly LookupRow[]): LookupApplication[] {
    return orderIds.map((orderId): LookupApplication => {
      const row = this.statements.opByOrderId.get(accountId, orderId) as OperationRow | undefined;
      if (!row) return { orderId, operationId: null, status: null };
      const candidates = rows.filter(
        (r) => r.ORDERID === orderId && (typeof r.OPERATIONTYPE !== 'string' || r.OPERATIONTYPE.toLowerCase() === row.type),
      );
      const sameTransaction = candidates.filter((r) => row.transaction_id !== null && r.TRANSACTIONID === row.transaction_id);
      const pool = sameTransaction.length > 0 ? sameTransaction : candidates;
      let best: LookupRow | undefined;
      for (const candidate of pool) {
        if (!best || String(candidate.DATE ?? '') >= String(best.DATE ?? '')) best = candidate;
      }
      // A row with this ORDERID but another OPERATIONTYPE (a back-office operation may reuse
      // it) is not this operation, yet not proof that it is absent either: nothing is recorded.
      if (!best && rows.some((r) => r.ORDERID === orderId)) return { orderId, operationId: row.id, status: this.view(row).status };
      try {
        const alongside = candidates.filter((candidate) => candidate !== best);
        const view = this.recordLookup(row.id, best ? { found: true, row: best, alongside } : { found: false });
        return { orderId, operationId: row.id, status: view.status };
      } catch (error) {
        if (!isJournalError(error)) throw error;
        return { orderId, operationId: row.id, status: this.view(this.requireRow(row.id)).status, error };
      }
    });
  }

  /** A note or an action by an operator (printed receipt, called the customer…). */
  recordOperatorAction(operationId: number, input: OperatorActionInput): JournalEvent {
    const payload: JsonObject = { operator: input.operator, action: input.action, note: input.note ?? null, ...(input.code === undefined ? {} : { code: input.code }) };
    if (typeof input.operator !== 'string' || typeof input.action !== 'string' || !/^[a-z_]{1,40}$/.test(input.action)) {
      throw new JournalError('JOURNAL_INVALID_INPUT', 'operator action');
    }
    if (input.code !== undefined && (typeof input.code !== 'string' || !/^[a-z_]{1,40}$/.test(input.code))) {
      throw new JournalError('JOURNAL_INVALID_INPUT', 'operator action code');
    }
    assertNoCardNumber('operator', input.operator);
    assertNoCardNumber('note', input.note);
    return this.tx(() => {
      this.requireRow(operationId);
      const id = this.appendEvent(operationId, 'operator_action', payload, input.at ?? this.now());
      return toEvent(this.statements.eventById.get(id) as EventRow);
    });
  }

  /**
   * The operator closes an operation that waits for the customer (3-D Secure asked on a phone
   * order): an operator action that the state machine folds (`operator:abandon`, only from
   * `pending`). A later answer of the gateway is still applied; a success then wins, flagged.
   */
  recordAbandon(operationId: number, input: { readonly operator: string; readonly note?: string; readonly at?: number }): OperationView {
    const payload: JsonObject = { operator: input.operator, action: 'abandon', note: input.note ?? null, outcome: 'abandoned' };
    if (typeof input.operator !== 'string' || input.operator === '') throw new JournalError('JOURNAL_INVALID_INPUT', 'operator');
    // Operator text, read as people type it (a number glued to letters counts), like any note.
    assertNoCardNumber('operator', input.operator);
    assertNoCardNumber('note', input.note);
    return this.tx(() => {
      const row = this.requireRow(operationId);
      this.applyFact(row, { kind: 'operator_action', trigger: 'operator:abandon', at: input.at ?? this.now(), payload });
      return this.view(this.requireRow(operationId));
    });
  }

  /**
   * A request to stop a payment's remaining instalments (stopntimes): `requested` before it
   * leaves, then what the gateway said (`stopped`, `refused`, or `unknown` when no answer came).
   * Only a confirmed stop ends the instalments still scheduled.
   */
  recordInstalmentStop(
    operationId: number,
    input: { readonly phase: StopFact['phase']; readonly operator: string; readonly execCode?: string; readonly at?: number },
  ): OperationView {
    if (!['requested', 'stopped', 'refused', 'unknown'].includes(input.phase)) throw new JournalError('JOURNAL_INVALID_INPUT', 'stop phase');
    if (input.execCode !== undefined && !/^[0-9]{4}$/.test(input.execCode)) throw new JournalError('JOURNAL_INVALID_INPUT', 'execCode');
    return this.tx(() => {
      const row = this.requireRow(operationId);
      if (this.planInput(row, this.eventFacts(row.id)) === undefined) {
        throw new JournalError('JOURNAL_FOLLOW_UP_NOT_ALLOWED', `operation ${operationId} has no instalments`);
      }
      const at = input.at ?? this.now();
      const payload: JsonObject = { operator: input.operator, action: 'stop_instalments', note: null, stop: input.phase, execCode: input.execCode ?? null };
      this.appendEvent(row.id, 'operator_action', payload, at);
      this.refresh(row.id, at);
      return this.view(this.requireRow(operationId));
    });
  }

  // ---- recovery --------------------------------------------------------------------------

  /**
   * Start-up: every operation still `sending` was interrupted by a crash; it becomes `unknown`
   * (an `interrupted` event). Returns every `unknown` operation, oldest first, to be resolved
   * by a lookup by ORDERID (`applyLookup`); never by sending again.
   */
  recoverInterrupted(): RecoveryItem[] {
    return this.tx(() => {
      const s = this.statements;
      const at = this.now();
      const interrupted = new Set<number>();
      for (const { id } of s.sending.all() as OperationRow[]) {
        // Read again: an earlier iteration may have re-derived this one as a parent.
        const row = this.requireRow(id);
        this.applyFact(row, { kind: 'interrupted', trigger: 'recovery:interrupted', at, payload: { outcome: 'unknown', reason: 'interrupted' } });
        interrupted.add(row.id);
      }
      return (s.unknown.all() as OperationRow[]).map((row) => ({
        operationId: row.id,
        accountId: row.account_id,
        orderId: row.order_id,
        transactionId: row.transaction_id,
        type: row.type as Operation['type'],
        interruptedNow: interrupted.has(row.id),
      }));
    });
  }

  /** Marks authorizations past their 7 days as `expired` in the stored status. Reads already do. */
  sweepExpired(): number {
    const at = this.now();
    return this.statements.sweepExpired.run(at, at).changes;
  }

  // ---- reads -----------------------------------------------------------------------------

  getOperation(id: number): OperationView | undefined {
    return this.readView(() => this.statements.opById.get(id));
  }

  getOperationByOrderId(accountId: number, orderId: string): OperationView | undefined {
    return this.readView(() => this.statements.opByOrderId.get(accountId, orderId));
  }

  /** Without an account, the first operation with this TRANSACTIONID in any account. */
  getOperationByTransactionId(transactionId: string, accountId?: number): OperationView | undefined {
    return this.readView(() =>
      accountId === undefined
        ? this.statements.opByTransactionIdAnyAccount.get(transactionId)
        : this.statements.opByTransactionId.get(accountId, transactionId),
    );
  }

  getOperationByIdempotencyKey(key: string): OperationView | undefined {
    return this.readView(() => this.statements.opByKey.get(key));
  }

  /**
   * A view is built from several statements (row, events, follow-ups); the notification writer
   * commits from another connection, so they run in one read transaction to see one state.
   */
  private readView(find: () => unknown): OperationView | undefined {
    return this.readTogether(() => {
      const row = find() as OperationRow | undefined;
      return row ? this.view(row) : undefined;
    });
  }

  /**
   * Runs several reads on one state: in the caller's transaction, else in a read transaction
   * of their own (the notification writer commits from another connection meanwhile).
   */
  readTogether<T>(read: () => T): T {
    this.ensureOpen();
    return this.db.inTransaction ? read() : (this.transaction.deferred(read) as T);
  }

  listEvents(operationId: number): JournalEvent[] {
    return (this.statements.events.all(operationId) as EventRow[]).map(toEvent);
  }

  /**
   * What the events say about the gateway's confirmation, without reading their payloads into
   * JavaScript (the screen asks for each operation a notification changes): a discrepancy was
   * recorded, a notification or a lookup row with a final result was applied, lookups found
   * nothing (provisionally or for good), the gateway answered with an EXECCODE.
   */
  confirmationSignals(operationId: number): ConfirmationSignals {
    this.ensureOpen();
    return toSignals(this.statements.confirmationSignals.get(operationId) as SignalRow);
  }

  /**
   * Ids of the operations created since `since` whose own answer said they succeeded and that
   * no notification, lookup row or discrepancy has settled yet, oldest first: where the
   * polling bridge's watch for overdue confirmations starts. One scan of the window (it reads
   * the events of every succeeded operation in it): for start-up, not for every rescan.
   */
  listUnconfirmedIds(since: number): number[] {
    return this.statements.unconfirmed.all(since) as number[];
  }

  /** Ids of the operations recorded after `afterId` (ids only grow), oldest first. */
  listOperationIdsAfter(afterId: number): number[] {
    return this.statements.idsAfter.all(afterId) as number[];
  }

  /** The id of the latest operation recorded, 0 when there is none. */
  lastOperationId(): number {
    return (this.statements.lastId.get() as { id: number }).id;
  }

  /** Captures, refunds and voids of an operation, oldest first. */
  listFollowUps(operationId: number): Operation[] {
    const now = this.now();
    return (this.statements.children.all(operationId) as OperationRow[]).map((row) => toOperation(row, now));
  }

  query(query: OperationPageQuery = {}): OperationPage {
    this.ensureOpen();
    return this.reader.page(query);
  }

  count(filter: OperationFilter = {}): number {
    this.ensureOpen();
    return this.reader.count(filter);
  }

  totals(filter: OperationFilter = {}): FilterTotals {
    this.ensureOpen();
    return this.reader.totals(filter);
  }

  summary(spec: SummarySpec): SummaryRow[] {
    this.ensureOpen();
    return this.reader.summary(spec);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.pragma('optimize');
    this.db.close();
  }

  /** The connection, for maintenance code in this folder (seeding, tests). */
  get database(): Database {
    this.ensureOpen();
    return this.db;
  }

  // ---- internals -------------------------------------------------------------------------

  private requireRow(id: number): OperationRow {
    const row = this.statements.opById.get(id) as OperationRow | undefined;
    if (!row) throw new JournalError('JOURNAL_OPERATION_NOT_FOUND', `operation ${id}`);
    return row;
  }

  private appendEvent(operationId: number, kind: EventKind, payload: JsonObject, at: number): number {
    const json = JSON.stringify(payload);
    assertNoCardData(kind, json);
    return Number(this.statements.insertEvent.run(operationId, kind, json, at).lastInsertRowid);
  }

  private eventFacts(operationId: number): EventFact[] {
    return this.statements.eventFacts.all(operationId) as EventFact[];
  }

  /** What the plan of a payment in instalments is derived from; undefined for any other operation. */
  private planInput(row: OperationRow, events: readonly EventFact[]): PlanInput | undefined {
    if (row.type !== 'payment') return undefined;
    const rows = this.statements.planRows.all(row.id) as PlanRow[];
    if (rows.length === 0) return undefined;
    const own = foldOwnEvents(events);
    const instalments: InstalmentFact[] = [];
    const stops: StopFact[] = [];
    for (const event of this.statements.planEvents.all(row.id) as PlanEventRow[]) {
      if (event.kind === 'notification') instalments.push({ seq: event.seq as number, outcome: event.outcome, transactionId: event.transactionId, at: event.at });
      else stops.push({ phase: event.phase as StopFact['phase'], execCode: event.execCode, at: event.at });
    }
    return { rows, ownStatus: own.status, transactionId: row.transaction_id, answeredAt: own.answeredAt, scheduleId: row.schedule_id, instalments, stops };
  }

  private factsFor(row: OperationRow, events: EventFact[]): { facts: OperationFacts; plan: PlanInput | undefined } {
    const plan = this.planInput(row, events);
    return { facts: factsOf(row, events, this.statements.childFacts.all(row.id) as ChildFact[], plan), plan };
  }

  private derive(row: OperationRow): { facts: OperationFacts; derivation: Derivation; plan: PlanInput | undefined } {
    const { facts, plan } = this.factsFor(row, this.eventFacts(row.id));
    return { facts, derivation: deriveStatus(facts, this.now()), plan };
  }

  private view(row: OperationRow): OperationView {
    const { facts, derivation, plan } = this.derive(row);
    const actions: OperationActions = deriveActions(facts, derivation.status);
    return {
      ...toOperation(row, this.now()),
      status: derivation.status,
      expiresAt: derivation.expiresAt,
      actions,
      answeredAt: derivation.answeredAt,
      instalments: plan ? derivePlan(plan, facts.children) : null,
    };
  }

  /**
   * A later instalment's notification: recorded on the payment (its outcome under `result`, so
   * it fires no transition), its SCHEDULEID kept, an AMOUNT other than the plan's flagged, and
   * the payment re-derived (what its refunds may give back grows with each instalment charged).
   */
  private recordLaterInstalment(row: OperationRow, parsed: ParsedNotification, result: string, notificationId: number, at: number): void {
    const seq = parsed.schedule?.seq as number;
    const planned = (this.statements.planRows.all(row.id) as PlanRow[]).find((entry) => entry.seq === seq);
    const eventId = this.appendEvent(row.id, 'notification', {
      instalment: seq,
      of: parsed.schedule?.of ?? null,
      result,
      execCode: parsed.execCode,
      transactionId: parsed.transactionId,
      amount: parsed.amount,
      message: parsed.message === null ? null : redactCardNumbers(parsed.message),
      notificationId,
    }, at);
    if (planned === undefined || (parsed.amount !== null && parsed.amount !== planned.amount)) {
      this.appendEvent(row.id, 'discrepancy', { reason: 'instalment_mismatch', instalment: seq, planned: planned?.amount ?? null, notified: parsed.amount, eventId }, at);
    }
    if (row.schedule_id === null && parsed.scheduleId !== null) this.updateRow(row, { schedule_id: parsed.scheduleId });
    this.refresh(row.id, at);
  }

  /**
   * The one write path for answers: checks the transition against the table (throwing, so
   * nothing is recorded when it does not fit), appends the event (and a discrepancy when the
   * gateway contradicted the journal), fills columns, and re-derives the cached status of the
   * operation and of its parents.
   *
   * `row` must be the operation as it stands in this transaction: the new status is derived
   * from the events read here plus those appended, and only the columns that differ from
   * `row` are written (one UPDATE, so each index is touched once, or not at all).
   */
  private applyFact(row: OperationRow, fact: Fact): void {
    this.writeFact(this.planFact(row, fact.trigger), fact);
  }

  /** The reads and the transition check of `applyFact`: throws before anything is written. */
  private planFact(row: OperationRow, trigger: Trigger): FactPlan {
    const ancestors: Array<{ row: OperationRow; rejected: readonly number[] }> = [];
    for (let parentId = row.parent_id; parentId !== null; ) {
      const parent = this.requireRow(parentId);
      ancestors.push({ row: parent, rejected: this.derive(parent).derivation.rejectedChildren });
      parentId = parent.parent_id;
    }
    const events = this.eventFacts(row.id);
    const own = foldOwnEvents(events).status;
    return { row, ancestors, events, own, move: transition(own, trigger) };
  }

  private writeFact({ row, ancestors, events, own, move }: FactPlan, fact: Fact): void {
    const append = (kind: EventKind, payload: JsonObject): number => {
      events.push({ kind, outcome: typeof payload.outcome === 'string' ? payload.outcome : null, at: fact.at });
      return this.appendEvent(row.id, kind, payload, fact.at);
    };
    const eventId = append(fact.kind, fact.payload);
    if (move.discrepancy) {
      append('discrepancy', { reason: 'gateway_contradiction', previous: own, next: move.to, trigger: move.on, eventId });
    }
    for (const extra of fact.discrepancies ?? []) append('discrepancy', { ...extra, eventId });
    const answer = fact.columns ? this.answerColumns(row, fact.columns, eventId, append) : {};
    const derivation = deriveStatus(this.factsFor(row, events).facts, this.now());
    this.updateRow(row, {
      ...answer,
      status: derivation.status,
      expires_at: derivation.expiresAt,
      updated_at: Math.max(fact.at, row.updated_at),
    });
    for (const ancestor of ancestors) {
      const after = this.refresh(ancestor.row.id, fact.at);
      for (const childId of after.rejectedChildren) {
        if (ancestor.rejected.includes(childId)) continue;
        this.appendEvent(ancestor.row.id, 'discrepancy', { reason: 'follow_up_not_applicable', childId, status: after.status }, fact.at);
      }
    }
  }

  /**
   * The columns an answer fills in. The TRANSACTIONID is kept once known (a different one is
   * a discrepancy, as is one another operation holds); card fields only fill blanks; the
   * latest EXECCODE, MESSAGE and ALIAS win.
   */
  private answerColumns(
    row: OperationRow,
    columns: AnswerColumns,
    eventId: number,
    append: (kind: EventKind, payload: JsonObject) => number,
  ): Partial<OperationRow> {
    let transactionId = columns.transactionId ?? null;
    if (transactionId !== null && row.transaction_id !== null && row.transaction_id !== transactionId) {
      append('discrepancy', { reason: 'transaction_id_changed', recorded: row.transaction_id, received: transactionId, eventId });
      transactionId = null;
    } else if (
      transactionId !== null &&
      row.transaction_id === null &&
      this.statements.transactionIdTaken.get(row.account_id, transactionId, row.id)
    ) {
      append('discrepancy', { reason: 'transaction_id_taken', received: transactionId, eventId });
      transactionId = null;
    }
    return {
      transaction_id: row.transaction_id ?? transactionId,
      alias: columns.alias ?? row.alias,
      exec_code: columns.execCode ?? row.exec_code,
      message: columns.message == null ? row.message : redactCardNumbers(columns.message).slice(0, 510),
      brand: row.brand ?? columns.brand ?? null,
      last4: row.last4 ?? columns.last4 ?? null,
      expiry: row.expiry ?? columns.expiry ?? null,
      holder_name: row.holder_name ?? columns.holderName ?? null,
      schedule_id: row.schedule_id ?? columns.scheduleId ?? null,
    };
  }

  /** Writes the columns of `next` that differ from `row`, in one statement (cached per column set). */
  private updateRow(row: OperationRow, next: Partial<Pick<OperationRow, UpdatableColumn>>): void {
    const changed = (Object.keys(next) as UpdatableColumn[]).filter((column) => next[column] !== row[column]).sort();
    if (changed.length === 0) return;
    const key = changed.join(',');
    let statement = this.rowUpdates.get(key);
    if (!statement) {
      // Column names come from UPDATABLE_COLUMNS, never from input.
      if (!changed.every((column) => UPDATABLE_COLUMNS.has(column))) throw new JournalError('JOURNAL_INVALID_INPUT', key);
      statement = this.db.prepare(`UPDATE operations SET ${changed.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      this.rowUpdates.set(key, statement);
    }
    const values: Record<string, unknown> = { id: row.id };
    for (const column of changed) values[column] = next[column];
    statement.run(values);
  }

  private refresh(id: number, at: number): Derivation {
    const row = this.requireRow(id);
    const { derivation } = this.derive(row);
    this.updateRow(row, { status: derivation.status, expires_at: derivation.expiresAt, updated_at: Math.max(at, row.updated_at) });
    return derivation;
  }
}

/**
 * SQLite's own failures (disk full, file locked by another process, I/O error, damage found
 * while writing) get a journal code; the transaction was rolled back, so nothing was recorded.
 */
function asJournalError(error: unknown): unknown {
  if (error instanceof JournalError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const message = (error as Error).message;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new JournalError('JOURNAL_CORRUPT', message, { cause: error });
  return new JournalError('JOURNAL_WRITE_FAILED', `${code}: ${message}`, { cause: error });
}

/** Opens (creating, checking and migrating) the journal file. */
export function openJournal(options: OpenJournalOptions): Journal {
  const db = openJournalDatabase(options.file, { integrityCheck: options.integrityCheck ?? 'quick' });
  return new Journal(db, options.file, options.now ?? Date.now, options.onUnexpectedFields);
}

interface SignalRow {
  readonly discrepancy: number;
  readonly notified: number;
  readonly looked_up: number;
  readonly not_found_yet: number;
  readonly not_found: number;
  readonly answered: number;
}

function toSignals(row: SignalRow): ConfirmationSignals {
  return {
    discrepancy: row.discrepancy === 1,
    notified: row.notified === 1,
    lookedUp: row.looked_up === 1,
    notFoundYet: row.not_found_yet === 1,
    notFound: row.not_found === 1,
    answered: row.answered === 1,
  };
}

/** What the state machine derives an operation's status and actions from. */
function factsOf(row: OperationRow, events: EventFact[], children: ChildFact[], plan: PlanInput | undefined): OperationFacts {
  return { type: row.type as Operation['type'], amount: row.amount, alias: row.alias, events, children, ...(plan ? { plan: planFacts(plan) } : {}) };
}

interface PlanEventRow {
  readonly kind: string;
  readonly seq: number | null;
  readonly outcome: string | null;
  readonly transactionId: string | null;
  readonly phase: string | null;
  readonly execCode: string | null;
  readonly at: number;
}

/**
 * One rule for "the same request again": a caller that gives a fingerprint is compared on it
 * (a key recorded without one, by an older version, cannot be proven the same); one that does
 * not is compared on the intent's own hash.
 */
function assertSameRequest(previous: OperationRow, fingerprint: string | undefined, hash: string | undefined): void {
  const same = fingerprint !== undefined ? previous.request_fingerprint === fingerprint : previous.intent_hash === hash;
  if (!same) throw new JournalError('JOURNAL_IDEMPOTENCY_CONFLICT', `operation ${previous.id}`);
}
