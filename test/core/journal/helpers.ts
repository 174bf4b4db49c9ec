import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal, type Account, type IntentInput, type Journal, type JournalOperation } from '../../../electron/core/journal/index.js';

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

export function newJournal(dir: string, clock = new FakeClock()): { journal: Journal; clock: FakeClock; account: Account; file: string } {
  fileCounter += 1;
  const file = join(dir, `j${fileCounter}`, 'journal.sqlite');
  const journal = openJournal({ file, now: clock.now });
  const account = journal.createAccount({ name: 'Boutique', identifier: 'BOUTIQUE', environment: 'test', currency: 'EUR', orderIdPrefix: 'CPT-' });
  return { journal, clock, account, file };
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

let notificationCounter = 0;
/** A notification for an operation; a unique `key` so repeated codes are not deduplicated. */
export function notify(journal: Journal, op: { orderId: string; type: string }, EXECCODE: string, extra: Record<string, string> = {}) {
  notificationCounter += 1;
  return journal.recordNotification({
    key: `n-${process.pid}-${notificationCounter}`,
    params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: op.type, ORDERID: op.orderId, EXECCODE, MESSAGE: `code ${EXECCODE}`, ...extra },
  });
}
