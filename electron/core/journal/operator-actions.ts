import { assertNoCardNumber } from './card-data-guard.js';
import type { StopFact } from './instalment-plan.js';
import { JournalError } from './journal-error.js';
import type { JournalParts } from './journal-parts.js';
import { toEvent, type EventRow } from './rows.js';
import type { SqlStatement } from './sql-engine.js';
import type { JournalEvent, JournalOperation, JsonObject, OperatorActionInput } from './types.js';

/** What an operator did about an operation: a note or an override, closing it, stopping its instalments. */
export class OperatorActions {
  private readonly eventById: SqlStatement;

  constructor(private readonly parts: JournalParts) {
    const { sql } = parts;
    this.eventById = sql.prepare('SELECT * FROM events WHERE id = ?');
  }

  /** A note or an action by an operator (printed receipt, called the customer, an override…). */
  record(operationId: number, input: OperatorActionInput): JournalEvent {
    const payload: JsonObject = {
      operator: input.operator,
      action: input.action,
      note: input.note ?? null,
      ...(input.code === undefined ? {} : { code: input.code }),
    };
    if (typeof input.operator !== 'string' || typeof input.action !== 'string' || !/^[a-z_]{1,40}$/.test(input.action)) {
      throw new JournalError('JOURNAL_INVALID_INPUT', 'operator action');
    }
    if (input.code !== undefined && (typeof input.code !== 'string' || !/^[a-z_]{1,40}$/.test(input.code))) {
      throw new JournalError('JOURNAL_INVALID_INPUT', 'operator action code');
    }
    assertNoCardNumber('operator', input.operator);
    assertNoCardNumber('note', input.note);
    return this.parts.sql.write(() => {
      this.parts.rows.require(operationId);
      const id = this.parts.rows.appendEvent(operationId, 'operator_action', payload, input.at ?? this.parts.now());
      return toEvent(this.eventById.get(id) as EventRow);
    });
  }

  /**
   * The operator closes an operation that waits for the customer (3-D Secure asked on a phone
   * order): an operator action that the state machine folds (`operator:abandon`, only from
   * `pending`). A later answer of the gateway is still applied; a success then wins, flagged.
   */
  abandon(operationId: number, input: { readonly operator: string; readonly note?: string; readonly at?: number }): JournalOperation {
    const payload: JsonObject = { operator: input.operator, action: 'abandon', note: input.note ?? null, outcome: 'abandoned' };
    if (typeof input.operator !== 'string' || input.operator === '') throw new JournalError('JOURNAL_INVALID_INPUT', 'operator');
    // Operator text, read as people type it (a number glued to letters counts), like any note.
    assertNoCardNumber('operator', input.operator);
    assertNoCardNumber('note', input.note);
    return this.parts.sql.write(() => {
      const row = this.parts.rows.require(operationId);
      this.parts.facts.apply(row, { kind: 'operator_action', trigger: 'operator:abandon', at: input.at ?? this.parts.now(), payload });
      return this.parts.views.view(this.parts.rows.require(operationId));
    });
  }

  /**
   * A request to stop a payment's remaining instalments (stopntimes): `requested` before it
   * leaves, then what the gateway said (`stopped`, `refused`, or `unknown` when no answer came).
   * Only a confirmed stop ends the instalments still scheduled.
   */
  stopInstalments(
    operationId: number,
    input: { readonly phase: StopFact['phase']; readonly operator: string; readonly execCode?: string; readonly at?: number },
  ): JournalOperation {
    if (!['requested', 'stopped', 'refused', 'unknown'].includes(input.phase)) throw new JournalError('JOURNAL_INVALID_INPUT', 'stop phase');
    if (input.execCode !== undefined && !/^[0-9]{4}$/.test(input.execCode)) throw new JournalError('JOURNAL_INVALID_INPUT', 'execCode');
    return this.parts.sql.write(() => {
      const row = this.parts.rows.require(operationId);
      if (this.parts.views.planInput(row, this.parts.rows.eventFacts(row.id)) === undefined) {
        throw new JournalError('JOURNAL_FOLLOW_UP_NOT_ALLOWED', `operation ${operationId} has no instalments`);
      }
      const at = input.at ?? this.parts.now();
      const payload: JsonObject = { operator: input.operator, action: 'stop_instalments', note: null, stop: input.phase, execCode: input.execCode ?? null };
      this.parts.rows.appendEvent(row.id, 'operator_action', payload, at);
      this.parts.views.refresh(row.id, at);
      return this.parts.views.view(this.parts.rows.require(operationId));
    });
  }
}
