import { randomBytes, randomUUID } from 'node:crypto';
import type { Ledger } from './ledger.js';
import type { SandboxRules } from './types.js';

/**
 * Identifiers in the gateway's shapes: TRANSACTIONID `A` + digits (e.g. `A189063`), SCHEDULEID
 * `S` + digits, ALIAS `A1-<uuid>` like Dalenys (or the TRANSACTIONID, like the ActiveMerchant
 * fixture). The number sequence starts from the wall clock so that an in-memory sandbox
 * restarted next to a persistent journal does not hand out an id it already gave.
 */
export function initialSequence(): number {
  return Math.floor(Date.now() / 1000) * 1000;
}

export class IdFactory {
  constructor(
    private readonly ledger: Ledger,
    private readonly rules: SandboxRules,
  ) {}

  transactionId(): string {
    return `A${this.ledger.nextNumber()}`;
  }

  scheduleId(): string {
    return `S${this.ledger.nextNumber()}`;
  }

  alias(transactionId: string): string {
    return this.rules.aliasFormat === 'transaction-id' ? transactionId : `A1-${randomUUID()}`;
  }

  token(): string {
    return randomBytes(16).toString('hex');
  }
}
