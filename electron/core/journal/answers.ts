import { normalizeExecCode } from '../../../shared/domain/exec-code-meanings.js';
import { answerOutcome } from './answer-outcome.js';
import { redactCardNumbers, redactPayload } from './card-data-guard.js';
import type { Fact } from './fact-writer.js';
import { duplicateApprovals, isNewDuplicate } from './duplicate-charge.js';
import { keepDocumentedFields } from './gateway-fields.js';
import { JournalError, isJournalError } from './journal-error.js';
import type { JournalParts } from './journal-parts.js';
import { matchLookupRow } from '../gateway/lookup-match.js';
import type { OperationRow } from './rows.js';
import type { SqlStatement } from './sql-engine.js';
import { notFoundTrigger } from './state-machine.js';
import type {
  GatewayOutcomeInput,
  GatewayResponseFields,
  JournalOperation,
  JsonObject,
  LookupResult,
  LookupRow,
  NormalizedGatewayResponse,
  Operation,
} from './types.js';

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

export interface LookupApplication {
  readonly orderId: string;
  readonly operationId: number | null;
  /** The status after the lookup, or null when no operation has this ORDERID. */
  readonly status: Operation['status'] | null;
  readonly error?: JournalError;
}

/**
 * What the gateway answered about an operation: its synchronous response to the request, or
 * a getTransactions row (or none) found by a status lookup. Each becomes a fact through the
 * one write path (`FactWriter`), so a lookup is approved, declined… exactly as an answer is.
 */
export class AnswerRecorder {
  private readonly hasResponse: SqlStatement;
  private readonly reportedDuplicates: SqlStatement;

  constructor(
    private readonly parts: JournalParts,
    private readonly onUnexpectedFields?: UnexpectedFieldsHook,
  ) {
    const { sql } = parts;
    this.hasResponse = sql.prepare(`SELECT 1 FROM events WHERE operation_id = ? AND kind = 'response' LIMIT 1`);
    this.reportedDuplicates = sql.prepare(`SELECT json_extract(payload, '$.transactionIds') AS ids FROM events
      WHERE operation_id = ? AND kind = 'discrepancy' AND json_extract(payload, '$.reason') = 'duplicate_charge_suspected'`);
  }

  /**
   * Records what the gateway client returned for this operation's request. `request`, when
   * given, is recorded first as the `request_sent` event (redacted), in the same transaction:
   * for a client that only reports what it sent together with the outcome.
   */
  recordResponse(operationId: number, outcome: GatewayOutcomeInput, options: RecordResponseOptions = {}): JournalOperation {
    return this.parts.sql.write(() => {
      const row = this.parts.rows.require(operationId);
      if (this.hasResponse.get(operationId)) {
        throw new JournalError('JOURNAL_ALREADY_ANSWERED', `operation ${operationId}`);
      }
      const at = options.at ?? this.parts.now();
      const fact = this.responseFact(row, outcome, at);
      if (options.request) {
        const { params, host, attempts } = options.request;
        this.parts.rows.appendEvent(
          row.id,
          'request_sent',
          {
            host: host ?? null,
            params: redactPayload(params),
            ...(attempts !== undefined ? { attempts: redactPayload(attempts) } : {}),
          },
          at,
        );
      }
      this.parts.facts.apply(row, fact);
      return this.parts.views.view(this.parts.rows.require(operationId));
    });
  }

  /**
   * Records the gateway's answer to a status lookup (getTransactions) for one operation. A
   * lookup that found nothing is provisional or final by `notFoundTrigger`; the outcome stored
   * (`not_found_yet` or `not_found`) keeps that decision.
   */
  recordLookup(operationId: number, result: LookupResult, options: { readonly at?: number } = {}): JournalOperation {
    return this.parts.sql.write(() => {
      const row = this.parts.rows.require(operationId);
      this.parts.facts.apply(row, this.lookupFact(row, result, options.at ?? this.parts.now()));
      return this.parts.views.view(this.parts.rows.require(operationId));
    });
  }

  /**
   * Settles operations from one getTransactions answer by ORDERID: for every ORDERID asked, the
   * operation's row by `matchLookupRow` (the one rule), or "not found" when the answer does not
   * name it at all (`recordLookup` decides whether that is provisional or final). A row that
   * names it without being it records nothing. Two approved rows of the operation are a
   * discrepancy whichever is its row (`duplicateApprovals`).
   */
  applyLookup(accountId: number, orderIds: readonly string[], rows: readonly LookupRow[]): LookupApplication[] {
    return orderIds.map((orderId): LookupApplication => {
      const row = this.parts.rows.byOrderId(accountId, orderId);
      if (!row) return { orderId, operationId: null, status: null };
      const match = matchLookupRow(rows, { orderId, type: row.type, transactionId: row.transaction_id });
      if (match.kind === 'mentioned') return { orderId, operationId: row.id, status: this.parts.views.view(row).status };
      try {
        const view = this.recordLookup(row.id, match.kind === 'found' ? { found: true, row: match.row, alongside: match.alongside } : { found: false });
        return { orderId, operationId: row.id, status: view.status };
      } catch (error) {
        if (!isJournalError(error)) throw error;
        return { orderId, operationId: row.id, status: this.parts.views.view(this.parts.rows.require(row.id)).status, error };
      }
    });
  }

  private responseFact(row: OperationRow, outcome: GatewayOutcomeInput, at: number): Fact {
    switch (outcome.outcome) {
      case 'answered':
      case 'pending': {
        const { fields, execCode, result, dropped } = this.heard(row, 'answer', responseFields(outcome.response));
        return {
          kind: 'response',
          trigger: `response:${result}`,
          at,
          payload: { outcome: result, execCode, host: outcome.host ?? null, response: fields, ...dropped },
          columns: answerColumnsOf(fields, execCode),
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

  private lookupFact(row: OperationRow, result: LookupResult, at: number): Fact {
    if (!result.found) {
      const trigger = notFoundTrigger(this.parts.rows.eventFacts(row.id), at);
      return { kind: 'status_lookup', trigger, at, payload: { outcome: trigger === 'lookup:not_found' ? 'not_found' : 'not_found_yet' } };
    }
    if (typeof result.row?.EXECCODE !== 'string') throw new JournalError('JOURNAL_INVALID_INPUT', 'EXECCODE');
    const { fields, execCode, result: outcome, dropped } = this.heard(row, 'lookup', result.row);
    return {
      kind: 'status_lookup',
      trigger: `lookup:${outcome}`,
      at,
      payload: { outcome, execCode, row: fields, ...dropped },
      columns: answerColumnsOf(fields, execCode),
      discrepancies: this.duplicateCharge(row.id, [result.row, ...(result.alongside ?? [])]),
    };
  }

  /** `duplicate_charge_suspected`, naming the approved transactions, unless they were reported already. */
  private duplicateCharge(operationId: number, rows: readonly LookupRow[]): JsonObject[] {
    const transactionIds = duplicateApprovals(rows);
    if (transactionIds.length === 0) return [];
    const reported = (this.reportedDuplicates.all(operationId) as Array<{ ids: string | null }>).map(({ ids }) =>
      ids === null ? [] : (JSON.parse(ids) as string[]),
    );
    return isNewDuplicate(transactionIds, reported) ? [{ reason: 'duplicate_charge_suspected', transactionIds }] : [];
  }

  /**
   * What the gateway said, as the journal keeps it (documented fields only, `gateway-fields.ts`),
   * its EXECCODE in four digits and what that means for this operation; the names of what
   * was dropped for the event, and those no documentation lists for the log.
   */
  private heard(row: OperationRow, source: 'answer' | 'lookup', said: Readonly<Record<string, unknown>>) {
    const { fields, dropped, unexpected } = keepDocumentedFields(said);
    const execCode = normalizeExecCode(fields.EXECCODE as string);
    const result = answerOutcome(execCode, row.type as Operation['type'], row.amount);
    if (unexpected.length > 0) this.onUnexpectedFields?.(source, row.id, unexpected);
    const droppedNames: JsonObject = dropped.length > 0 ? { dropped: [...dropped] } : {};
    return { fields, execCode, result, dropped: droppedNames };
  }
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

/** The columns a response or a lookup row fills in, from its kept fields only. */
function answerColumnsOf(fields: Readonly<Record<string, unknown>>, execCode: string) {
  const code = text(fields.CARDCODE);
  const expiry = text(fields.CARDVALIDITYDATE);
  const holder = text(fields.CARDFULLNAME);
  return {
    transactionId: text(fields.TRANSACTIONID),
    alias: text(fields.ALIAS),
    execCode,
    message: text(fields.MESSAGE),
    scheduleId: text(fields.SCHEDULEID),
    brand: text(fields.CARDTYPE)?.toLowerCase() ?? null,
    last4: code !== null && /[0-9]{4}$/.test(code) ? code.slice(-4) : null,
    expiry: expiry !== null && /^(0[1-9]|1[0-2])-[0-9]{2}$/.test(expiry) ? expiry : null,
    holderName: holder === null ? null : redactCardNumbers(holder),
  };
}
