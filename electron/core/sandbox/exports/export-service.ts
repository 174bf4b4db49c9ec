import type { SandboxAccount } from '../sandbox-accounts.js';
import type { Background } from '../background.js';
import type { SandboxClock } from '../sandbox-clock.js';
import type { Ledger } from '../ledger.js';
import { str } from '../operation-rules.js';
import { ParameterError } from '../parameter-error.js';
import type { ExportMethodName, ExportRecord, NotificationPolicy, Params, SandboxRules, TransactionRecord } from '../types.js';
import { defaultColumns, RECONCILIATION_COLUMNS, selectColumns } from './columns.js';
import { compressCsv, type Compression } from './compress.js';
import { toCsv } from './csv.js';
import { deliverToCallback, deliverToOutbox } from './delivery.js';
import { formatDateTime, localDay } from './formats.js';
import { chargebackRow, paidAt, reconciliationRows, transactionRow, type Row, type RowContext } from './rows.js';

/**
 * getTransactions (synchronous `DATA`, or a file like the others when a destination is given)
 * and the four asynchronous exports. The synchronous answer only acknowledges (0000); the
 * file is built and delivered in the background.
 */
export interface ExportAnswer {
  readonly body: Record<string, unknown>;
  /** Background delivery to start once the answer is written. */
  readonly job?: () => Promise<void>;
}

export interface ExportDeps {
  readonly ledger: Ledger;
  readonly rules: SandboxRules;
  readonly clock: SandboxClock;
  readonly background: Background;
  readonly policy: () => NotificationPolicy;
  readonly outboxDir: string | undefined;
}

const DUMMY: TransactionRecord = {
  transactionId: 'A0',
  identifier: '',
  operationType: 'payment',
  orderId: '',
  amount: 0,
  currency: 'EUR',
  execCode: '0000',
  message: '',
  status: 'succeeded',
  createdAt: 0,
  updatedAt: 0,
  server: 'primary',
  capturedAmount: 0,
  refundedAmount: 0,
  refundIds: [],
  voided: false,
  createAlias: false,
  threeDSecure: false,
  version: '2.0',
  address: {},
};

function knownColumns(method: ExportMethodName, ctx: RowContext): ReadonlySet<string> {
  if (method === 'exportReconciliation') return new Set(RECONCILIATION_COLUMNS);
  if (method === 'exportChargebacks') {
    return new Set(Object.keys(chargebackRow({ transactionId: 'A0', identifier: '', amount: 0, currency: 'EUR', date: 0, reason: '' }, DUMMY, ctx)));
  }
  return new Set(Object.keys(transactionRow(DUMMY, ctx)));
}

function project(rows: readonly Row[], columns: readonly string[]): Record<string, string>[] {
  return rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? ''])));
}

export class ExportService {
  constructor(private readonly deps: ExportDeps) {}

  handle(method: ExportMethodName, params: Params, account: SandboxAccount, operationType: string): ExportAnswer {
    const timeZone = str(params, 'TIMEZONE') ?? 'UTC';
    const destination = str(params, 'CALLBACKURL') ?? str(params, 'MAILTO');
    const compressionName = (str(params, 'COMPRESSION') ?? 'gzip').toLowerCase();
    if (compressionName === 'bzip') throw new ParameterError('1002', 'COMPRESSION');
    const legacy = this.deps.rules.csvLayout === 'legacy-2014' && (method === 'exportTransactions' || method === 'exportReconciledTransactions');
    const ctx: RowContext = {
      timeZone,
      // getTransactions rows always carry decimal amounts (DLN-get-transactions).
      amountStyle: legacy ? 'cents' : 'decimal',
      now: this.deps.clock(),
      rules: this.deps.rules,
      chargebacksOf: (id) => this.deps.ledger.chargebacksOf(id),
    };
    const requestedColumns = str(params, 'COLUMNS');
    let columns = defaultColumns(method, this.deps.rules);
    if (requestedColumns !== undefined) {
      const selected = selectColumns(requestedColumns, knownColumns(method, ctx));
      if (selected === undefined) throw new ParameterError('1002', 'COLUMNS');
      columns = selected;
    }
    const rows = this.rows(method, params, account, ctx);
    if (method === 'getTransactions' && destination === undefined) {
      return { body: { OPERATIONTYPE: operationType, EXECCODE: '0000', MESSAGE: 'The transaction has been accepted.', DATA: project(rows, columns) } };
    }
    const createdAt = ctx.now;
    const id = this.deps.ledger.nextLocalId();
    const stamp = formatDateTime(createdAt).replace(/[-: ]/g, '');
    const baseName = `${method}_${account.identifier.replace(/[^A-Za-z0-9_-]/g, '_')}_${stamp}_${id}`;
    const file = compressCsv(baseName, toCsv(columns, rows, legacy), compressionName as Compression, createdAt);
    const callbackUrl = str(params, 'CALLBACKURL');
    const record: ExportRecord = {
      id,
      at: createdAt,
      identifier: account.identifier,
      method,
      fileName: file.fileName,
      compression: compressionName as Compression,
      rowCount: rows.length,
      columns: [...columns],
      size: file.content.length,
      destination: callbackUrl !== undefined ? { kind: 'callback', url: callbackUrl } : { kind: 'mail', to: destination as string },
      state: 'pending',
      attempts: [],
    };
    this.deps.ledger.addExport(record, file.content);
    const job = async () => {
      if (callbackUrl !== undefined) {
        const delivered = await deliverToCallback(
          { url: callbackUrl, fileName: file.fileName, contentType: file.contentType, content: file.content, method, identifier: account.identifier },
          this.deps.policy(),
          this.deps.background,
          this.deps.clock,
          (attempt) => {
            record.attempts.push(attempt);
            this.deps.ledger.changedExport(record);
          },
        );
        record.state = delivered ? 'delivered' : 'failed';
      } else {
        const outbox = this.deps.outboxDir;
        if (outbox !== undefined) {
          const path = await deliverToOutbox({
            outboxDir: outbox,
            to: destination as string,
            fileName: file.fileName,
            content: file.content,
            method,
            identifier: account.identifier,
            createdAt,
          });
          record.destination = { kind: 'mail', to: destination as string, path };
        }
        record.state = 'delivered';
      }
      this.deps.ledger.changedExport(record);
    };
    return {
      body: { OPERATIONTYPE: operationType, EXECCODE: '0000', MESSAGE: 'The export has been requested; the file will be sent to the given destination.' },
      job,
    };
  }

  private rows(method: ExportMethodName, params: Params, account: SandboxAccount, ctx: RowContext): Row[] {
    const own = [...this.deps.ledger.liveTransactions()]
      .filter((tx) => tx.identifier === account.identifier)
      .sort((a, b) => a.createdAt - b.createdAt || a.transactionId.localeCompare(b.transactionId));
    const inWindow = dayFilter(params);
    switch (method) {
      case 'getTransactions': {
        const byId = str(params, 'TRANSACTIONID');
        const wanted = new Set((byId ?? str(params, 'ORDERID') ?? '').split(';'));
        return own.filter((tx) => wanted.has(byId !== undefined ? tx.transactionId : tx.orderId)).map((tx) => transactionRow(tx, ctx));
      }
      case 'exportTransactions':
        return own.filter((tx) => inWindow(localDay(tx.createdAt, ctx.timeZone))).map((tx) => transactionRow(tx, ctx));
      case 'exportChargebacks':
        return this.deps.ledger
          .chargebacks()
          .filter((cb) => cb.identifier === account.identifier && inWindow(localDay(cb.date, ctx.timeZone)))
          .flatMap((cb) => {
            const tx = this.deps.ledger.liveTransaction(cb.transactionId);
            return tx === undefined ? [] : [chargebackRow(cb, tx, ctx)];
          });
      case 'exportReconciliation':
        return reconciliationRows(own, ctx, inWindow);
      case 'exportReconciledTransactions':
        return own
          .filter((tx) => {
            const paid = paidAt(tx, ctx.rules);
            return paid !== undefined && paid <= ctx.now && inWindow(localDay(paid, ctx.timeZone));
          })
          .map((tx) => transactionRow(tx, ctx));
    }
  }
}

/** DATE (a month or a day) or STARTDATE..ENDDATE, compared on local `YYYY-MM-DD` days. */
function dayFilter(params: Params): (day: string) => boolean {
  const date = str(params, 'DATE');
  if (date !== undefined) return date.length === 7 ? (day) => day.startsWith(`${date}-`) : (day) => day === date;
  const start = str(params, 'STARTDATE');
  const end = str(params, 'ENDDATE');
  if (start !== undefined && end !== undefined) return (day) => day >= start && day <= end;
  return () => true;
}
