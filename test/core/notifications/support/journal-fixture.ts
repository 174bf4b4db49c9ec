import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { journalPath, openJournal, type Account, type Journal } from '../../../../electron/core/journal/index.js';
import { createLogger, type Logger } from '../../../../electron/core/logging/logger.js';

/**
 * The production sink's storage, as the app opens it: a real SQLite journal (WAL,
 * synchronous=FULL) in a temp folder, with the gateway account notifications name.
 */

export interface TempJournal {
  readonly journal: Journal;
  readonly account: Account;
  readonly dir: string;
  /** Closes the journal and removes its folder. */
  close(): Promise<void>;
}

export async function openTempJournal(identifier: string, name = 'Fuzz'): Promise<TempJournal> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'comptoir-notify-'));
  const journal = openJournal({ file: journalPath(dir, 'default') });
  const account = journal.createAccount({
    name,
    identifier,
    environment: 'test',
    currency: 'EUR',
    settings: { connection: { kind: 'embedded-sandbox' }, allowCredit: false, motoClientIp: '127.0.0.1' },
  });
  return {
    journal,
    account,
    dir,
    close: async () => {
      journal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface AnsweredPayment {
  readonly orderId: string;
  readonly transactionId: string;
  readonly amount: number;
}

/**
 * Payments as the terminal leaves them once the gateway answered 0000: the intent, then the
 * synchronous response carrying the TRANSACTIONID the notification will name. Returns the
 * operation ids in input order.
 */
export function seedAnsweredPayments(journal: Journal, accountId: number, payments: readonly AnsweredPayment[], keyPrefix: string): number[] {
  const results = journal.recordIntents(
    payments.map((p, i) => ({ accountId, type: 'payment' as const, idempotencyKey: `${keyPrefix}-${i}`, amount: p.amount, orderId: p.orderId })),
  );
  const ids = results.map((result, i) => {
    if (result.kind !== 'created') throw new Error(`seeding ${payments[i]?.orderId}: ${result.kind === 'rejected' ? result.error.code : 'already there'}`);
    return result.operation.id;
  });
  // One outer transaction: one fsync for all the answers instead of one per operation.
  journal.database.transaction(() => {
    ids.forEach((id, i) => {
      const payment = payments[i] as AnsweredPayment;
      journal.recordResponse(id, { outcome: 'answered', response: { EXECCODE: '0000', TRANSACTIONID: payment.transactionId, MESSAGE: 'ok' } });
    });
  })();
  return ids;
}

/** A pino logger (redaction and all) whose lines land in `lines`, so a test can see what was warned. */
export function capturingLogger(level = 'warn'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level, destination: { write: (line: string) => void lines.push(line) } }), lines };
}
