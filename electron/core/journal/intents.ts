import { NO_ACTIONS } from '../../../shared/domain/operation-status.js';
import { redactPayload } from './card-data-guard.js';
import { followUpLeft, type FollowUpType } from './follow-up-bounds.js';
import { intentHash, isFollowUp, validateIntent } from './intent-input.js';
import { JournalError } from './journal-error.js';
import type { JournalParts } from './journal-parts.js';
import { toOperation, type OperationRow } from './rows.js';
import type { SqlStatement } from './sql-engine.js';
import { foldOwnEvents } from './state-machine.js';
import type { IntentInput, JournalOperation, RecordIntentResult } from './types.js';
import { idempotencyKeyAtRest } from './idempotency-key.js';

/**
 * The write-ahead intent: an operation is recorded (status `sending`) before its request
 * leaves, once per idempotency key, and a follow-up only within what its parent still allows.
 */
export class IntentRecorder {
  private readonly maxCreatedAt: SqlStatement;
  private readonly insertOperation: SqlStatement;
  private readonly insertPlanRow: SqlStatement;

  constructor(private readonly parts: JournalParts) {
    const { sql } = parts;
    this.maxCreatedAt = sql.prepare('SELECT max(created_at) AS at FROM operations');
    this.insertOperation = sql.prepare(`INSERT INTO operations (account_id, parent_id, type, amount, currency, order_id, brand, bin6,
      last4, expiry, holder_name, customer_ident, customer_email, customer_name, description, operator,
      idempotency_key, intent_hash, alias, alias_mode, status, created_at, updated_at, instalment_seq, request_fingerprint)
      VALUES (@accountId, @parentId, @type, @amount, @currency, @orderId, @brand, @bin6, @last4, @expiry, @holderName,
      @customerIdent, @customerEmail, @customerName, @description, @operator, @idempotencyKey, @intentHash, @alias,
      @aliasMode, 'sending', @at, @at, @instalment, @fingerprint)`);
    this.insertPlanRow = sql.prepare('INSERT INTO instalments (operation_id, seq, due_date, amount) VALUES (?, ?, ?, ?)');
  }

  /**
   * Records an operation BEFORE its request leaves: the row (status `sending`) and an
   * `intent_recorded` event, in one durable transaction. A second call with the same
   * idempotency key and the same content returns `{ kind: 'existing' }` (do not send again);
   * with different content it throws `JOURNAL_IDEMPOTENCY_CONFLICT`. Every refusal comes
   * before the first write, so a refused intent leaves nothing behind.
   */
  record(input: IntentInput): RecordIntentResult {
    validateIntent(input);
    return this.parts.sql.write(() => this.insert(input));
  }

  /**
   * The operation an idempotency key already stands for, if the request is the same one (same
   * fingerprint): a retry, to answer with it and send nothing. A key recorded for another
   * request (amount, card, account, type, parent…) is `JOURNAL_IDEMPOTENCY_CONFLICT`.
   */
  findReplay(idempotencyKey: string, fingerprint: string): JournalOperation | undefined {
    return this.parts.sql.read(() => {
      const previous = this.parts.rows.byKey(idempotencyKey);
      if (!previous) return undefined;
      assertSameRequest(previous, fingerprint, undefined);
      return this.parts.views.view(previous);
    });
  }

  /** The request as it left, minus HASH, CVV and PAN (kept masked). Only while `sending`. */
  recordRequestSent(operationId: number, request: { readonly params: Readonly<Record<string, unknown>>; readonly host?: string; readonly at?: number }): void {
    this.parts.sql.write(() => {
      const row = this.parts.rows.require(operationId);
      const own = foldOwnEvents(this.parts.rows.eventFacts(operationId)).status;
      if (own !== 'sending') throw new JournalError('JOURNAL_INVALID_TRANSITION', `request_sent while ${own}`);
      this.parts.rows.appendEvent(
        row.id,
        'request_sent',
        { host: request.host ?? null, params: redactPayload(request.params) },
        request.at ?? this.parts.now(),
      );
    });
  }

  private insert(input: IntentInput): RecordIntentResult {
    const hash = intentHash(input);
    const previous = this.parts.rows.byKey(input.idempotencyKey);
    if (previous) {
      assertSameRequest(previous, input.fingerprint, hash);
      return { kind: 'existing', existing: this.parts.views.view(previous) };
    }
    const accountCurrency = this.parts.accounts.currencyOf(input.accountId);
    // created_at never goes backwards (clock adjustments, backdated `at`): ids then follow
    // created_at, which lets full-text history pages walk the index in rowid order.
    const latest = (this.maxCreatedAt.get() as { at: number | null }).at ?? 0;
    const at = Math.max(input.at ?? this.parts.now(), latest);
    let amount = input.amount;
    let currency = input.currency ?? accountCurrency;
    let inherited: Partial<OperationRow> = {};
    if (isFollowUp(input.type)) {
      const parent = this.parts.rows.require(input.parentId as number);
      amount = this.checkFollowUp(input, parent);
      currency = parent.currency;
      inherited = parent;
    } else if (currency !== accountCurrency) {
      throw new JournalError('JOURNAL_INVALID_INPUT', `currency ${currency} is not the account's ${accountCurrency}`);
    }
    if (input.orderId !== undefined && this.parts.rows.byOrderId(input.accountId, input.orderId)) {
      throw new JournalError('JOURNAL_ORDER_ID_TAKEN', input.orderId);
    }
    // Last check before the first write: every refusal above leaves nothing behind.
    const orderId = input.orderId ?? this.parts.accounts.nextOrderId(input.accountId);
    if (input.orderId !== undefined) this.parts.accounts.advancePast(input.accountId, input.orderId);
    const card = input.card ?? {};
    const customer = input.customer ?? {};
    const result = this.insertOperation.run({
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
      idempotencyKey: idempotencyKeyAtRest(input.idempotencyKey),
      intentHash: hash,
      alias: input.alias ?? null,
      aliasMode: input.aliasMode ?? null,
      at,
      instalment: input.instalment ?? null,
      fingerprint: input.fingerprint ?? null,
    });
    const id = Number(result.lastInsertRowid);
    input.instalments?.forEach((entry, index) => this.insertPlanRow.run(id, index + 1, entry.date, entry.amount));
    this.parts.rows.appendEvent(
      id,
      'intent_recorded',
      {
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
      },
      at,
    );
    // A new operation is `sending` and allows nothing yet: no need to derive it, but for its plan.
    const row = this.parts.rows.require(id);
    if (input.instalments) return { kind: 'created', operation: this.parts.views.view(row) };
    return { kind: 'created', operation: { ...toOperation(row, at), actions: NO_ACTIONS, answeredAt: null, instalments: null } };
  }

  /** A follow-up must fit what its parent still allows (`followUpLeft`); returns the amount it will move. */
  private checkFollowUp(input: IntentInput, parent: OperationRow): number {
    const notAllowed = (detail: string): never => {
      throw new JournalError('JOURNAL_FOLLOW_UP_NOT_ALLOWED', `${input.type} on operation ${parent.id}: ${detail}`);
    };
    if (parent.account_id !== input.accountId) notAllowed('another account');
    const view = this.parts.views.view(parent);
    const type = input.type as FollowUpType;
    let instalment: number | undefined;
    if (type === 'refund' && view.instalments === null && input.instalment !== undefined) notAllowed('not a payment in instalments');
    if (type === 'refund' && view.instalments !== null) {
      // Each charged instalment is a transaction of its own; a refund that names none refunds the first.
      instalment = input.instalment ?? 1;
      if (!view.instalments.entries.some((entry) => entry.seq === instalment)) notAllowed(`no instalment ${String(input.instalment)}`);
    }
    if (type === 'void' && !view.actions.voidable) notAllowed('not voidable');
    const available = followUpLeft(view, type, instalment);
    const amount = input.amount ?? available;
    if (available <= 0) notAllowed('nothing left');
    if (amount > available) notAllowed(`amount above the ${available} left`);
    return amount;
  }
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
