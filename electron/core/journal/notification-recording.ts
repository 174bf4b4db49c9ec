import { answerOutcome } from './answer-outcome.js';
import { assertNoCardData, redactCardNumbers } from './card-data-guard.js';
import type { FactPlan } from './fact-writer.js';
import { JournalError, isJournalError } from './journal-error.js';
import type { JournalParts } from './journal-parts.js';
import { parseNotification, type ParsedNotification } from './notification-intake.js';
import type { OperationRow } from './rows.js';
import type { SqlStatement } from './sql-engine.js';
import type { JsonObject, NotificationInput, NotificationRecordResult, Operation } from './types.js';

/** One item of `recordNotifications`: its result, or why that notification alone was not recorded. */
export type NotificationBatchItem = NotificationRecordResult | { readonly outcome: 'failed'; readonly error: unknown };

/**
 * Verified notifications: each goes into the inbox (deduplicated), then onto its operation
 * (found by TRANSACTIONID, else ORDERID, within the account its IDENTIFIER names) as the
 * gateway's authoritative word. A later instalment's notification is recorded on the plan.
 */
export class NotificationRecorder {
  private readonly insertNotification: SqlStatement;
  private readonly notificationByKey: SqlStatement;

  constructor(private readonly parts: JournalParts) {
    const { sql } = parts;
    this.insertNotification = sql.prepare(`INSERT INTO notifications (dedupe_key, received_at, account_id, identifier,
      transaction_id, order_id, operation_type, exec_code, params, applied, operation_id, apply_error)
      VALUES (@key, @receivedAt, @accountId, @identifier, @transactionId, @orderId, @operationType, @execCode, @params,
        @applied, @operationId, @applyError)
      ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`);
    this.notificationByKey = sql.prepare('SELECT id, operation_id FROM notifications WHERE dedupe_key = ?');
  }

  /**
   * Several notifications in one durable commit. A listener under load answers each one OK
   * only after this returns, and pays one fsync for the lot instead of one each. Each is
   * isolated in a savepoint: one that fails is reported alone and the others are kept.
   */
  recordBatch(inputs: readonly NotificationInput[]): NotificationBatchItem[] {
    return this.parts.sql.write(() => {
      // The accounts cannot change while this transaction holds the write lock: each
      // IDENTIFIER of the batch is looked up once.
      const accountIds = new Map<string, number[]>();
      const idsFor = (identifier: string): number[] => {
        let ids = accountIds.get(identifier);
        if (!ids) accountIds.set(identifier, (ids = this.parts.accounts.idsForIdentifier(identifier)));
        return ids;
      };
      return inputs.map((input) => {
        try {
          return this.recordOne(input, idsFor);
        } catch (error) {
          // Some failures (disk full, I/O error) make SQLite roll the whole transaction back:
          // the batch then fails as one, rather than the rest committing one by one.
          if (!this.parts.sql.inTransaction) throw error;
          return { outcome: 'failed' as const, error };
        }
      });
    });
  }

  /**
   * It never throws for a transition that does not fit; the notification is then `kept` in
   * the inbox with the reason, so the listener still answers OK. When it contradicts the
   * synchronous answer it wins and a discrepancy event is recorded.
   */
  private recordOne(input: NotificationInput, accountIdsFor: (identifier: string) => number[]): NotificationRecordResult {
    const parsed = parseNotification(input);
    // Serialised once: checked for card numbers, then stored as it was checked.
    const storedParams = JSON.stringify(parsed.storable);
    assertNoCardData('notification', storedParams);
    const receivedAt = input.receivedAt ?? this.parts.now();
    return this.parts.sql.write(() => {
      const accountIds =
        input.accountId !== undefined ? [this.parts.accounts.require(input.accountId).id] : parsed.identifier !== null ? accountIdsFor(parsed.identifier) : [];
      // Correlate first, so the inbox row is written once, already settled; a replay is
      // refused by the unique key before anything else is written.
      const row = this.match(accountIds, parsed.transactionId, parsed.orderId, parsed.operationType);
      const result = row !== undefined && parsed.execCode !== null ? answerOutcome(parsed.execCode, row.type as Operation['type'], row.amount) : null;
      // A later instalment (SCHEDULE i-n, i > 1) is a transaction of its own, not an answer to
      // the payment's request: recorded on the plan, it goes through no transition.
      const instalment = row !== undefined && result !== null && row.type === 'payment' && (parsed.schedule?.seq ?? 1) > 1;
      let plan: FactPlan | undefined;
      let refused: JournalError | undefined;
      if (row !== undefined && result !== null && !instalment) {
        try {
          plan = this.parts.facts.plan(row, `notification:${result}`);
        } catch (error) {
          if (!isJournalError(error, 'JOURNAL_INVALID_TRANSITION')) throw error;
          refused = error;
        }
      }
      const inserted = this.insertNotification.get({
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
        const existing = this.notificationByKey.get(parsed.key) as { id: number; operation_id: number | null };
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
      this.parts.facts.write(plan, {
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

  private match(accountIds: readonly number[], transactionId: string | null, orderId: string | null, operationType: string | null): OperationRow | undefined {
    for (const accountId of accountIds) {
      const row =
        (transactionId !== null ? this.parts.rows.byTransactionId(accountId, transactionId) : undefined) ??
        (orderId !== null ? this.parts.rows.byOrderId(accountId, orderId) : undefined);
      // Our ORDERIDs are unique per operation, but a back-office operation may reuse one.
      if (row && (operationType === null || operationType === row.type)) return row;
    }
    return undefined;
  }

  /**
   * A later instalment's notification: recorded on the payment (its outcome under `result`, so
   * it fires no transition), its SCHEDULEID kept, an AMOUNT other than the plan's flagged, and
   * the payment re-derived (what its refunds may give back grows with each instalment charged).
   */
  private recordLaterInstalment(row: OperationRow, parsed: ParsedNotification, result: string, notificationId: number, at: number): void {
    const seq = parsed.schedule?.seq as number;
    const planned = this.parts.rows.planRows(row.id).find((entry) => entry.seq === seq);
    const eventId = this.parts.rows.appendEvent(
      row.id,
      'notification',
      {
        instalment: seq,
        of: parsed.schedule?.of ?? null,
        result,
        execCode: parsed.execCode,
        transactionId: parsed.transactionId,
        amount: parsed.amount,
        message: parsed.message === null ? null : redactCardNumbers(parsed.message),
        notificationId,
      },
      at,
    );
    if (planned === undefined || (parsed.amount !== null && parsed.amount !== planned.amount)) {
      this.parts.rows.appendEvent(
        row.id,
        'discrepancy',
        { reason: 'instalment_mismatch', instalment: seq, planned: planned?.amount ?? null, notified: parsed.amount, eventId },
        at,
      );
    }
    if (row.schedule_id === null && parsed.scheduleId !== null) this.parts.rows.update(row, { schedule_id: parsed.scheduleId });
    this.parts.views.refresh(row.id, at);
  }
}
