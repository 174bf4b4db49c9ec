import type { JournalParts } from './journal-parts.js';
import { OPERATION_COLUMNS, type OperationRow } from './rows.js';
import type { SqlStatement } from './sql-engine.js';
import type { Operation, RecoveryItem } from './types.js';

/** What start-up settles: requests a crash interrupted, authorizations past their validity. */
export class Recovery {
  private readonly sending: SqlStatement;
  private readonly unknown: SqlStatement;
  private readonly expire: SqlStatement;

  constructor(private readonly parts: JournalParts) {
    const { sql } = parts;
    const ops = `SELECT ${OPERATION_COLUMNS} FROM operations`;
    this.sending = sql.prepare(`${ops} WHERE status = 'sending' ORDER BY id`);
    this.unknown = sql.prepare(`${ops} WHERE status = 'unknown' ORDER BY id`);
    this.expire = sql.prepare(`UPDATE operations SET status = 'expired', updated_at = ?
      WHERE status = 'authorized' AND expires_at <= ?`);
  }

  /**
   * Every operation still `sending` was interrupted by a crash; it becomes `unknown` (an
   * `interrupted` event). Returns every `unknown` operation, oldest first, to be resolved by a
   * lookup by ORDERID (`applyLookup`); never by sending again.
   */
  recoverInterrupted(): RecoveryItem[] {
    return this.parts.sql.write(() => {
      const at = this.parts.now();
      const interrupted = new Set<number>();
      for (const { id } of this.sending.all() as OperationRow[]) {
        // Read again: an earlier iteration may have re-derived this one as a parent.
        const row = this.parts.rows.require(id);
        this.parts.facts.apply(row, { kind: 'interrupted', trigger: 'recovery:interrupted', at, payload: { outcome: 'unknown', reason: 'interrupted' } });
        interrupted.add(row.id);
      }
      return (this.unknown.all() as OperationRow[]).map((row) => ({
        operationId: row.id,
        accountId: row.account_id,
        orderId: row.order_id,
        transactionId: row.transaction_id,
        type: row.type as Operation['type'],
        interruptedNow: interrupted.has(row.id),
      }));
    });
  }

  /** Marks authorizations past their 7 days as `expired` in the stored status (what history and reports read); views already do. */
  sweepExpired(): number {
    const at = this.parts.now();
    return this.expire.run(at, at).changes;
  }
}
