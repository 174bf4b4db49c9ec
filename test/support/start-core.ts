import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core.js';
import type { CallContext } from '../../electron/core/dispatcher.js';
import type { EventPayload } from '../../shared/contract/events.js';
import type { ContractError, Result } from '../../shared/contract/result.js';
import { cardExpiry } from './dates.js';
import { independentHash } from './independent-signer.js';
import { memoryLogger } from './silent-logger.js';
import { tempDir } from './temp-dir.js';
import { watchOperation } from './watch-operation.js';

export type Operation = EventPayload<'operation.updated'>;

/** The card most tests pay with: Luhn-valid, approved by the built-in sandbox. */
export const PAN = '4111111111111111';

/** Who calls, unless a test says otherwise: an administrator named ana, in memory. */
const ADMIN: CallContext = { role: 'admin', operator: 'ana', transport: 'memory' };

/** A refused call rejects with this: the envelope's code, issues and params, to match on. */
export class Refused extends Error {
  readonly code: string;
  readonly issues: ContractError['issues'];
  readonly params: ContractError['params'];
  constructor(readonly error: ContractError) {
    super(error.message);
    this.code = error.code;
    this.issues = error.issues;
    this.params = error.params;
  }
}

export interface StartCoreOptions extends Partial<CoreOptions> {
  /** Runs on the data folder before core first opens it (an older install, an account added). */
  prepare?(dataDir: string): Promise<void> | void;
}

/**
 * Core as the app runs it, on a fresh data folder: its journal, its notification listener, and
 * its built-in sandbox (the Sandbox account, a ledger file in the folder, notifications sent to
 * core's own listener, core's clock unless `sandbox.now` says otherwise). Options are core's
 * own; its defaults are the shipped ones (Dalenys' 5 minutes before a follow-up included), so a
 * test that chains follow-ups at once says `followUpDelayMs: 0`. Calls go through the
 * dispatcher, as every transport's do. One helper for every test that needs a core.
 */
export async function startCore(options: StartCoreOptions = {}) {
  const { prepare, ...coreOptions } = options;
  const dir = await tempDir();
  await prepare?.(dir.path);
  const memory = memoryLogger();
  const open = () => createCore({ dataDir: dir.path, version: '1.0.0', electronVersion: null, logger: memory.logger, ...coreOptions });
  let core: Core;
  try {
    core = await open();
  } catch (error) {
    await dir.remove();
    throw error;
  }

  /** The envelope itself, for tests about refusals. */
  const call = <T = unknown>(channel: string, payload?: unknown, ctx: CallContext = ADMIN) =>
    core.dispatcher.invoke(channel, payload, ctx) as Promise<Result<T>>;
  /** The value, or a `Refused` rejection. */
  const invoke = async <T = unknown>(channel: string, payload?: unknown, ctx: CallContext = ADMIN): Promise<T> => {
    const result = await call<T>(channel, payload, ctx);
    if (!result.ok) throw new Refused(result.error);
    return result.value;
  };
  /** The Sandbox account core creates on first launch (a test may add others with `prepare`). */
  const accountId = (await invoke<{ accounts: Array<{ id: number; isSandbox: boolean }> }>('accounts.list')).accounts.find((account) => account.isSandbox)
    ?.id as number;
  let keys = 0;
  /** A fresh idempotency key (the contract wants 16 to 64 letters, digits, - or _). */
  // Digits glued to letters: the card guard reads an id's digit runs joined by separators as one number.
  const key = (label = 'key') => `${label}${String(++keys).padStart(8, '0')}x${Date.now()}x`;
  /** A card payment the sandbox approves; several of one card and amount follow each other on purpose. */
  const submission = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: key('pay'),
    accountId,
    operation: 'payment',
    amount: 4200,
    orderId: `ORD-${Math.random().toString(36).slice(2, 10)}`,
    customer: { email: 'ana@example.com', name: 'Ana Lopez', ident: 'C-42' },
    card: { number: PAN, expiry: cardExpiry(), cvv: '987', holder: 'ANA LOPEZ' },
    ...overrides,
  });

  /** The Sandbox account's password, as core keeps it. */
  const sandboxPassword = async () =>
    (JSON.parse(await readFile(join(dir.path, 'secrets.json'), 'utf8')) as Record<string, string>)[`account:${accountId}`] as string;

  return {
    get core(): Core {
      return core;
    },
    dataDir: dir.path,
    accountId,
    /** What core logged, one JSON line each. */
    logs: memory.lines,
    call,
    invoke,
    key,
    submission,
    pay: async (overrides: Record<string, unknown> = {}) =>
      (await invoke<{ operation: Operation; replayed: boolean }>('payments.submit', submission(overrides))).operation,
    /** Resolves with the first view of the operation the screen would see that satisfies `predicate`. */
    until: (operationId: number, predicate: (operation: Operation) => boolean) => watchOperation(core, operationId, predicate, ADMIN),
    /** The requests the sandbox received with this ORDERID, as it logged them (card data redacted). */
    requestsFor: (orderId: string) => core.sandbox.ledger.requests().filter((request) => request.params.ORDERID === orderId),
    /** For signing a notification by hand. */
    sandboxPassword,
    /**
     * Sends now, as the gateway would (signed, to core's listener), the notification the
     * sandbox held back for this transaction (notification policy `never`). Resolves with the
     * listener's answer, `OK` once the journal has it.
     */
    async deliverHeldNotification(transactionId: string): Promise<string> {
      const held = core.sandbox.ledger.notifications().find((notification) => notification.transactionId === transactionId && notification.state === 'skipped');
      if (!held) throw new Error(`no notification held for ${transactionId}`);
      const body = new URLSearchParams({ ...held.params, HASH: independentHash(held.params, await sandboxPassword()) }).toString();
      // Node's own client: a test's page environment (happy-dom) would apply a browser's CORS rules.
      return new Promise((resolve, reject) => {
        const sent = request(core.notifyUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve(text));
        });
        sent.on('error', reject);
        sent.end(body);
      });
    },
    /** Closes core and opens it again on the same folder, as a relaunch does. */
    async restart(): Promise<void> {
      await core.close();
      core = await open();
    },
    async close(): Promise<void> {
      await core.close();
      await dir.remove();
    },
  };
}

export type TestCore = Awaited<ReturnType<typeof startCore>>;
