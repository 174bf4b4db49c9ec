import { settleCardTransaction } from './card-operations.js';
import type { SandboxCore } from './sandbox-core.js';
import { EXEC } from './sandbox-exec-codes.js';
import type { TransactionRecord } from './types.js';

/**
 * A transaction frozen by 3-D Secure waits for the cardholder (fact sheet 3.3); one who never
 * comes back must not leave it pending for ever. Past its expiry it ends in 4009 (3-D Secure
 * authentication expired, section 5), like a real gateway's abandoned session, and the caller
 * notifies it. Returns the transactions it settled.
 */
export function expireDueAuthentications(core: SandboxCore): TransactionRecord[] {
  const expired: TransactionRecord[] = [];
  for (const pending of core.threeDs.due(core.clock())) {
    core.threeDs.remove(pending.transactionId);
    const tx = core.ledger.liveTransaction(pending.transactionId);
    if (tx === undefined || tx.status !== 'pending') continue;
    settleCardTransaction(core, tx, EXEC.THREE_D_SECURE_EXPIRED, pending.cvvLength);
    core.ledger.changedTransaction(tx);
    expired.push(tx);
  }
  return expired;
}

/**
 * The registry of authentications lives in memory: after a restart on a ledger file, every
 * transaction still waiting for 3-D Secure is registered again (with a fresh page token), so it
 * can still be completed or expire.
 */
export function registerPendingAuthentications(core: SandboxCore): void {
  for (const tx of core.ledger.liveTransactions()) {
    if (tx.status !== 'pending' || tx.pendingOutcome === undefined || core.threeDs.forTransaction(tx.transactionId) !== undefined) continue;
    core.threeDs.add({
      token: core.ids.token(),
      transactionId: tx.transactionId,
      cvvLength: tx.card?.type === 'amex' ? 4 : 3,
      expiresAt: tx.createdAt + core.threeDSecureExpiryMs,
    });
  }
}
