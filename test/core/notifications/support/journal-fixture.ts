import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { journalPath, type Account, type Journal } from '../../../../electron/core/journal/index.js';
import { createLogger, type Logger } from '../../../../electron/core/logging/logger.js';
import { openJournalWithConnection } from '../../../support/journal-sql.js';

/**
 * The production sink's storage, as the app opens it: a real SQLite journal (WAL,
 * synchronous=FULL) in a temp folder, with the gateway account notifications name.
 */

export interface TempJournal {
  readonly journal: Journal;
  /** The journal's own connection (`test/support/journal-sql.ts`). */
  readonly db: Database;
  readonly account: Account;
  readonly dir: string;
  /** Closes the journal and removes its folder. */
  close(): Promise<void>;
}

export async function openTempJournal(identifier: string, name = 'Fuzz'): Promise<TempJournal> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'comptoir-notify-'));
  const { journal, db } = openJournalWithConnection({ file: journalPath(dir, 'default') });
  const account = journal.createAccount({
    name,
    identifier,
    environment: 'test',
    currency: 'EUR',
    settings: { connection: { kind: 'embedded-sandbox' }, allowCredit: false, motoClientIp: '127.0.0.1' },
  });
  return {
    journal,
    db,
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
export function seedAnsweredPayments(
  { journal, db }: Pick<TempJournal, 'journal' | 'db'>,
  accountId: number,
  payments: readonly AnsweredPayment[],
  keyPrefix: string,
): number[] {
  // One outer transaction on the journal's connection: one fsync for the lot instead of one per write.
  return db.transaction(() =>
    payments.map((payment, i) => {
      const result = journal.recordIntent({
        accountId,
        type: 'payment',
        idempotencyKey: `${keyPrefix}-${i}`,
        amount: payment.amount,
        orderId: payment.orderId,
      });
      if (result.kind !== 'created') throw new Error(`seeding ${payment.orderId}: already there`);
      journal.recordResponse(result.operation.id, { outcome: 'answered', response: { EXECCODE: '0000', TRANSACTIONID: payment.transactionId, MESSAGE: 'ok' } });
      return result.operation.id;
    }),
  )();
}

/** A pino logger (redaction and all) whose lines land in `lines`, so a test can see what was warned. */
export function capturingLogger(level = 'warn'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level, destination: { write: (line: string) => void lines.push(line) } }), lines };
}
