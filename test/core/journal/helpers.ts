import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type {
  Account,
  IntentInput,
  Journal,
  JournalEvent,
  JournalOperation,
  NotificationInput,
  NotificationRecordResult,
} from '../../../electron/core/journal/index.js';
import { openJournalWithConnection } from '../../support/journal-sql.js';

/** A temp folder removed by `cleanup()`; each test file uses its own. */
export function tempDir(prefix = 'comptoir-journal-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fake clock the journal reads; tests move it with `advance`. */
export class FakeClock {
  constructor(public value = Date.UTC(2026, 0, 15, 10, 0, 0)) {}
  readonly now = (): number => this.value;
  advance(ms: number): void {
    this.value += ms;
  }
}

let fileCounter = 0;

/** A journal in a file of its own, with one account; `db` is the journal's own connection (`test/support/journal-sql.ts`). */
export function newJournal(
  dir: string,
  clock = new FakeClock(),
  at?: string,
): { journal: Journal; db: Database; clock: FakeClock; account: Account; file: string } {
  fileCounter += 1;
  const file = at ?? join(dir, `j${fileCounter}`, 'journal.sqlite');
  const { journal, db } = openJournalWithConnection({ file, now: clock.now });
  const account = journal.createAccount({ name: 'Boutique', identifier: 'BOUTIQUE', environment: 'test', currency: 'EUR', orderIdPrefix: 'CPT-' });
  return { journal, db, clock, account, file };
}

let keyCounter = 0;
export function key(): string {
  keyCounter += 1;
  return `key-${process.pid}-${keyCounter}`;
}

export function created(result: ReturnType<Journal['recordIntent']>): JournalOperation {
  if (result.kind !== 'created') throw new Error('expected a new operation');
  return result.operation;
}

export function intent(journal: Journal, input: Partial<IntentInput> & { accountId: number }): JournalOperation {
  const followUp = input.type === 'capture' || input.type === 'refund' || input.type === 'void';
  return created(journal.recordIntent({ type: 'payment', ...(followUp ? {} : { amount: 1000 }), idempotencyKey: key(), ...input } as IntentInput));
}

export function answer(journal: Journal, id: number, EXECCODE: string, extra: Record<string, string> = {}): JournalOperation {
  return journal.recordResponse(id, { outcome: 'answered', response: { EXECCODE, MESSAGE: `code ${EXECCODE}`, ...extra } });
}

/** No answer came (timeout after the request may have arrived): the outcome is unknown. */
export function unknown(journal: Journal, id: number, reason = 'timeout', at?: number): JournalOperation {
  return journal.recordResponse(id, { outcome: 'unknown', reason }, at === undefined ? {} : { at });
}

/** One notification, recorded as the notification writer records them (a batch of one); its failure is thrown. */
export function recordNotification(journal: Journal, input: NotificationInput): NotificationRecordResult {
  const [result] = journal.recordNotifications([input]);
  if (result === undefined || result.outcome === 'failed') throw result?.error ?? new Error('no result');
  return result;
}

/** An authorization the gateway approved (TRANSACTIONID `T<id>`). */
export function authorized(journal: Journal, accountId: number, amount = 1000): JournalOperation {
  const op = intent(journal, { accountId, type: 'authorization', amount });
  return answer(journal, op.id, '0000', { TRANSACTIONID: `T${op.id}` });
}

let notificationCounter = 0;
/** A notification for an operation; a unique `key` so repeated codes are not deduplicated. */
export function notify(journal: Journal, op: { orderId: string; type: string }, EXECCODE: string, extra: Record<string, string> = {}) {
  notificationCounter += 1;
  return recordNotification(journal, {
    key: `n-${process.pid}-${notificationCounter}`,
    params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: op.type, ORDERID: op.orderId, EXECCODE, MESSAGE: `code ${EXECCODE}`, ...extra },
  });
}

/** The code of what `fn` threw (a JournalError's), or undefined when it did not throw. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

/** The payloads of an operation's discrepancy events, oldest first. */
export function discrepancies(journal: Journal, id: number): JournalEvent['payload'][] {
  return journal
    .listEvents(id)
    .filter((e) => e.kind === 'discrepancy')
    .map((e) => e.payload);
}
