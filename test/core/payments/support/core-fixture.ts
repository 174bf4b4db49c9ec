import { createCore, type Core, type CoreOptions } from '../../../../electron/core/core.js';
import type { CallContext } from '../../../../electron/core/dispatcher.js';
import type { EventPayload } from '../../../../shared/contract/events.js';
import type { ContractError, Result } from '../../../../shared/contract/result.js';
import { memoryLogger } from '../../../support/silent-logger.js';
import { tempDir } from '../../../support/temp-dir.js';
import { watchOperation } from './watch-operation.js';

export type Operation = EventPayload<'operation.updated'>;

const SUPERVISOR: CallContext = { role: 'admin', operator: 'ana', transport: 'memory' };

/** Refused calls reject with the envelope's error, so tests can match its code and params. */
export class Refused extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
  }
  get code(): string {
    return this.error.code;
  }
}

/**
 * Core on a fresh data folder with its built-in sandbox and listener, as the app runs it, and
 * the few calls these tests make through its dispatcher.
 */
export async function startCore(options: Partial<CoreOptions> = {}) {
  const dir = await tempDir();
  const core: Core = await createCore({ dataDir: dir.path, version: '1.0.0', electronVersion: null, logger: memoryLogger().logger, ...options });
  const invoke = async <T>(channel: string, payload?: unknown, ctx: CallContext = SUPERVISOR): Promise<T> => {
    const result = (await core.dispatcher.invoke(channel, payload, ctx)) as Result<T>;
    if (!result.ok) throw new Refused(result.error);
    return result.value;
  };
  const accountId = (await invoke<{ accounts: Array<{ id: number }> }>('accounts.list')).accounts[0]?.id as number;
  let counter = 0;
  // Digits glued to letters: the card guard reads an id's separated digit runs as one number.
  const key = () => `key${process.pid}x${Date.now()}x${(counter += 1)}`;
  const submission = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: key(),
    accountId,
    operation: 'payment',
    amount: 4200,
    orderId: `ORD-${Math.random().toString(36).slice(2, 10)}`,
    customer: { email: 'ana@example.com', name: 'Ana Lopez' },
    card: { number: '4111111111111111', expiry: '12-30', cvv: '987', holder: 'ANA LOPEZ' },
    // Several payments of one card and amount follow each other here on purpose.
    duplicateOverride: { reason: 'test of the money rules' },
    ...overrides,
  });
  const pay = async (overrides: Record<string, unknown> = {}) => (await invoke<{ operation: Operation; replayed: boolean }>('payments.submit', submission(overrides))).operation;
  /** Resolves with the first view of the operation the screen would see that satisfies `predicate`. */
  const until = (operationId: number, predicate: (operation: Operation) => boolean) => watchOperation(core, operationId, predicate, SUPERVISOR);
  /** The requests the sandbox received with this ORDERID, as it logged them (card data redacted). */
  const requestsFor = (orderId: string) => core.sandbox.ledger.requests().filter((request) => request.params.ORDERID === orderId);
  return {
    core,
    accountId,
    invoke,
    key,
    submission,
    pay,
    until,
    requestsFor,
    async close() {
      await core.close();
      await dir.remove();
    },
  };
}

export type CoreFixture = Awaited<ReturnType<typeof startCore>>;

/** `YYYY-MM-DD`, UTC, `days` after `at`. */
export function utcDay(at: number, days = 0): string {
  return new Date(at + days * 86_400_000).toISOString().slice(0, 10);
}
