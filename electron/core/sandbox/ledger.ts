import { EventEmitter } from 'node:events';
import { SandboxError } from './errors.js';
import { LedgerFile, type LedgerLogLine } from './ledger-file.js';
import type { AliasRecord, ChargebackRecord, ExportRecord, NotificationRecord, RequestRecord, ScheduleRecord, TransactionRecord } from './types.js';

/**
 * Everything the sandbox received and charged, for tests and integrators to inspect: redacted
 * requests, transactions with their captured/refunded amounts, aliases, instalment schedules,
 * notification deliveries and export files. In memory, optionally mirrored to a JSON file.
 *
 * Readers get copies; only the sandbox mutates the records, then calls `changed()`.
 */
export interface LedgerSnapshot {
  readonly format: 'comptoir-sandbox-ledger';
  readonly version: 1;
  readonly sequence: number;
  readonly transactions: TransactionRecord[];
  readonly aliases: AliasRecord[];
  readonly schedules: ScheduleRecord[];
  readonly chargebacks: ChargebackRecord[];
  readonly requests: RequestRecord[];
  readonly notifications: NotificationRecord[];
  readonly exports: ExportRecord[];
}

/**
 * What one account may see of the ledger (its inspection endpoint): its own records only, as
 * a real gateway shows a merchant its own transactions. A request that named no account (a
 * GET, an unreadable body) belongs to none.
 */
export function accountLedger(snapshot: LedgerSnapshot, identifier: string): LedgerSnapshot {
  const own = <T extends { readonly identifier?: string }>(records: readonly T[]): T[] => records.filter((record) => record.identifier === identifier);
  return {
    ...snapshot,
    transactions: own(snapshot.transactions),
    aliases: own(snapshot.aliases),
    schedules: own(snapshot.schedules),
    chargebacks: own(snapshot.chargebacks),
    requests: own(snapshot.requests),
    notifications: own(snapshot.notifications),
    exports: own(snapshot.exports),
  };
}

export interface LedgerEvents {
  request: [RequestRecord];
  /** A request is being held by a latency fault (before processing). */
  latency: [RequestRecord];
  transaction: [TransactionRecord];
  notification: [NotificationRecord];
  export: [ExportRecord];
}

const copy = <T>(value: T): T => structuredClone(value);

type LedgerRecordKind = 'transaction' | 'alias' | 'schedule' | 'chargeback' | 'request' | 'notification' | 'export';

export class Ledger {
  /** Emits copies of records as they are created or change. */
  readonly events = new EventEmitter<LedgerEvents>();
  private sequence: number;
  private readonly txs = new Map<string, TransactionRecord>();
  private readonly aliasMap = new Map<string, AliasRecord>();
  private readonly scheduleMap = new Map<string, ScheduleRecord>();
  private readonly chargebackList: ChargebackRecord[] = [];
  private readonly requestList: RequestRecord[] = [];
  private readonly notificationList: NotificationRecord[] = [];
  private readonly exportList: ExportRecord[] = [];
  private readonly exportContents = new Map<number, Buffer>();
  private file: LedgerFile | undefined;
  private counter = 0;

  constructor(
    firstSequence: number,
    private readonly maxLogEntries = 10_000,
  ) {
    this.sequence = firstSequence;
  }

  /**
   * Loads what an earlier run left (snapshot and log) and from then on records every change to
   * disk; `flush()` says when the changes so far are durable.
   */
  async attachFile(path: string): Promise<void> {
    const stored = await LedgerFile.read(path);
    if (stored.snapshot !== undefined) this.restore(stored.snapshot);
    this.replay(stored.lines);
    this.file = await LedgerFile.open(path, () => this.snapshot(), stored.lastOrdinal);
  }

  // ----- ids --------------------------------------------------------------------------------

  /** Next number of the transaction/schedule id sequence (kept across restarts with a file). */
  nextNumber(): number {
    this.sequence += 1;
    return this.sequence;
  }

  nextLocalId(): number {
    this.counter += 1;
    return this.counter;
  }

  // ----- readers ----------------------------------------------------------------------------

  transactions(): TransactionRecord[] {
    return [...this.txs.values()].map(copy);
  }

  transaction(transactionId: string): TransactionRecord | undefined {
    const tx = this.txs.get(transactionId);
    return tx === undefined ? undefined : copy(tx);
  }

  transactionsByOrderId(orderId: string): TransactionRecord[] {
    return [...this.txs.values()].filter((tx) => tx.orderId === orderId).map(copy);
  }

  aliases(): AliasRecord[] {
    return [...this.aliasMap.values()].map(copy);
  }

  schedules(): ScheduleRecord[] {
    return [...this.scheduleMap.values()].map(copy);
  }

  schedule(scheduleId: string): ScheduleRecord | undefined {
    const found = this.scheduleMap.get(scheduleId);
    return found === undefined ? undefined : copy(found);
  }

  chargebacks(): ChargebackRecord[] {
    return this.chargebackList.map(copy);
  }

  requests(): RequestRecord[] {
    return this.requestList.map(copy);
  }

  notifications(): NotificationRecord[] {
    return this.notificationList.map(copy);
  }

  exports(): ExportRecord[] {
    return this.exportList.map(copy);
  }

  /** The compressed file of an export, as delivered (kept in memory only). */
  exportContent(exportId: number): Buffer | undefined {
    const content = this.exportContents.get(exportId);
    return content === undefined ? undefined : Buffer.from(content);
  }

  snapshot(): LedgerSnapshot {
    return {
      format: 'comptoir-sandbox-ledger',
      version: 1,
      sequence: this.sequence,
      transactions: this.transactions(),
      aliases: this.aliases(),
      schedules: this.schedules(),
      chargebacks: this.chargebacks(),
      requests: this.requests(),
      notifications: this.notifications(),
      exports: this.exports(),
    };
  }

  /** Resolves once the files (if any) hold every change made so far: before the sandbox answers. */
  async flush(): Promise<void> {
    await this.file?.flush();
  }

  /** Writes the final snapshot and closes the files. */
  async close(): Promise<void> {
    await this.file?.close();
  }

  // ----- internal access for the sandbox ----------------------------------------------------

  /** The live record (not a copy), for the sandbox's own rules. */
  liveTransaction(transactionId: string): TransactionRecord | undefined {
    return this.txs.get(transactionId);
  }

  liveTransactions(): IterableIterator<TransactionRecord> {
    return this.txs.values();
  }

  liveAlias(alias: string): AliasRecord | undefined {
    return this.aliasMap.get(alias);
  }

  liveSchedule(scheduleId: string): ScheduleRecord | undefined {
    return this.scheduleMap.get(scheduleId);
  }

  liveSchedules(): IterableIterator<ScheduleRecord> {
    return this.scheduleMap.values();
  }

  chargebacksOf(transactionId: string): ChargebackRecord[] {
    return this.chargebackList.filter((cb) => cb.transactionId === transactionId);
  }

  addTransaction(tx: TransactionRecord): void {
    this.txs.set(tx.transactionId, tx);
    this.changedTransaction(tx);
  }

  changedTransaction(tx: TransactionRecord): void {
    this.events.emit('transaction', copy(tx));
    this.record('transaction', tx);
  }

  addAlias(alias: AliasRecord): void {
    this.aliasMap.set(alias.alias, alias);
    this.record('alias', alias);
  }

  addSchedule(schedule: ScheduleRecord): void {
    this.scheduleMap.set(schedule.scheduleId, schedule);
    this.changedSchedule(schedule);
  }

  changedSchedule(schedule: ScheduleRecord): void {
    this.record('schedule', schedule);
  }

  addChargeback(chargeback: ChargebackRecord): void {
    this.chargebackList.push(chargeback);
    this.record('chargeback', chargeback);
  }

  addRequest(request: RequestRecord): void {
    this.push(this.requestList, request);
    this.changedRequest(request);
  }

  changedRequest(request: RequestRecord): void {
    this.events.emit('request', copy(request));
    this.record('request', request);
  }

  addNotification(notification: NotificationRecord): void {
    this.push(this.notificationList, notification);
    this.changedNotification(notification);
  }

  changedNotification(notification: NotificationRecord): void {
    this.events.emit('notification', copy(notification));
    this.record('notification', notification);
  }

  addExport(record: ExportRecord, content: Buffer): void {
    this.push(this.exportList, record);
    this.exportContents.set(record.id, content);
    const overflow = this.exportContents.size - this.maxLogEntries;
    if (overflow > 0) for (const id of [...this.exportContents.keys()].slice(0, overflow)) this.exportContents.delete(id);
    this.changedExport(record);
  }

  changedExport(record: ExportRecord): void {
    this.events.emit('export', copy(record));
    this.record('export', record);
  }

  /** Something changed that the caller cannot name record by record: the whole state is written. */
  changed(): void {
    this.file?.appendWholeState();
  }

  private record(kind: LedgerRecordKind, record: object): void {
    this.file?.append(kind, record, this.sequence);
  }

  /** Logs (requests, deliveries, exports) are bounded so a long standalone run stays small. */
  private push<T>(list: T[], item: T): void {
    list.push(item);
    if (list.length > this.maxLogEntries) list.splice(0, list.length - this.maxLogEntries);
  }

  private restore(data: unknown): void {
    const snapshot = data as Partial<LedgerSnapshot> | null;
    if (snapshot === null || typeof snapshot !== 'object' || snapshot.format !== 'comptoir-sandbox-ledger' || snapshot.version !== 1) {
      throw new SandboxError('SANDBOX_LEDGER_FILE_UNREADABLE', 'unknown format');
    }
    this.sequence = Math.max(this.sequence, Number(snapshot.sequence) || 0);
    for (const tx of snapshot.transactions ?? []) this.txs.set(tx.transactionId, tx);
    for (const alias of snapshot.aliases ?? []) this.aliasMap.set(alias.alias, alias);
    for (const schedule of snapshot.schedules ?? []) this.scheduleMap.set(schedule.scheduleId, schedule);
    this.chargebackList.push(...(snapshot.chargebacks ?? []));
    this.requestList.push(...(snapshot.requests ?? []));
    this.notificationList.push(...(snapshot.notifications ?? []));
    this.exportList.push(...(snapshot.exports ?? []));
    this.recount();
  }

  /** Applies the changes logged after the snapshot, in order (each line holds the whole record). */
  private replay(lines: readonly LedgerLogLine[]): void {
    if (lines.length === 0) return;
    const logs: Record<'request' | 'notification' | 'export', Array<{ id: number }>> = {
      request: this.requestList,
      notification: this.notificationList,
      export: this.exportList,
    };
    const byId = {
      request: new Map(this.requestList.map((item, index) => [item.id, index])),
      notification: new Map(this.notificationList.map((item, index) => [item.id, index])),
      export: new Map(this.exportList.map((item, index) => [item.id, index])),
    };
    for (const line of lines) {
      this.sequence = Math.max(this.sequence, Number(line.sequence) || 0);
      const kind = line.kind as LedgerRecordKind;
      switch (kind) {
        case 'transaction': {
          const tx = line.record as TransactionRecord;
          this.txs.set(tx.transactionId, tx);
          break;
        }
        case 'alias': {
          const alias = line.record as AliasRecord;
          this.aliasMap.set(alias.alias, alias);
          break;
        }
        case 'schedule': {
          const schedule = line.record as ScheduleRecord;
          this.scheduleMap.set(schedule.scheduleId, schedule);
          break;
        }
        case 'chargeback':
          this.chargebackList.push(line.record as ChargebackRecord);
          break;
        case 'request':
        case 'notification':
        case 'export': {
          const item = line.record as { id: number };
          const at = byId[kind].get(item.id);
          if (at === undefined) {
            byId[kind].set(item.id, logs[kind].length);
            logs[kind].push(item);
          } else {
            logs[kind][at] = item;
          }
          break;
        }
        default:
          throw new SandboxError('SANDBOX_LEDGER_FILE_UNREADABLE', 'unknown change in the log');
      }
    }
    for (const list of Object.values(logs)) if (list.length > this.maxLogEntries) list.splice(0, list.length - this.maxLogEntries);
    this.recount();
  }

  private recount(): void {
    const highest = (items: ReadonlyArray<{ id: number }>) => items.reduce((max, item) => Math.max(max, item.id), 0);
    this.counter = Math.max(this.counter, highest(this.requestList), highest(this.notificationList), highest(this.exportList));
  }
}
