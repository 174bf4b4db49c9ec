import { EventEmitter } from 'node:events';
import { SandboxError } from './errors.js';
import { LedgerFile } from './ledger-file.js';
import type {
  AliasRecord,
  ChargebackRecord,
  ExportRecord,
  NotificationRecord,
  RequestRecord,
  ScheduleRecord,
  TransactionRecord,
} from './types.js';

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

export interface LedgerEvents {
  request: [RequestRecord];
  /** A request is being held by a latency fault (before processing). */
  latency: [RequestRecord];
  transaction: [TransactionRecord];
  notification: [NotificationRecord];
  export: [ExportRecord];
}

const copy = <T>(value: T): T => structuredClone(value);

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

  /** Loads an earlier snapshot (if the file exists) and mirrors every change to it. */
  async attachFile(path: string): Promise<void> {
    const previous = await LedgerFile.read(path);
    if (previous !== undefined) this.restore(previous);
    this.file = new LedgerFile(path, () => this.snapshot());
    this.file.schedule();
    await this.file.flush();
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

  /** Resolves once the JSON file (if any) holds every change made so far. */
  async flush(): Promise<void> {
    await this.file?.flush();
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
    this.changed();
  }

  addAlias(alias: AliasRecord): void {
    this.aliasMap.set(alias.alias, alias);
    this.changed();
  }

  addSchedule(schedule: ScheduleRecord): void {
    this.scheduleMap.set(schedule.scheduleId, schedule);
    this.changed();
  }

  addChargeback(chargeback: ChargebackRecord): void {
    this.chargebackList.push(chargeback);
    this.changed();
  }

  addRequest(request: RequestRecord): void {
    this.push(this.requestList, request);
    this.changedRequest(request);
  }

  changedRequest(request: RequestRecord): void {
    this.events.emit('request', copy(request));
    this.changed();
  }

  addNotification(notification: NotificationRecord): void {
    this.push(this.notificationList, notification);
    this.changedNotification(notification);
  }

  changedNotification(notification: NotificationRecord): void {
    this.events.emit('notification', copy(notification));
    this.changed();
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
    this.changed();
  }

  changed(): void {
    this.file?.schedule();
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
    const highest = (items: ReadonlyArray<{ id: number }>) => items.reduce((max, item) => Math.max(max, item.id), 0);
    this.counter = Math.max(highest(this.requestList), highest(this.notificationList), highest(this.exportList));
  }
}
