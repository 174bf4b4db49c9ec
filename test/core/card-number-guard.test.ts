import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import type { CallContext } from '../../electron/core/dispatcher.js';
import { journalPath } from '../../electron/core/journal/database.js';
import type { OperationName } from '../../shared/contract/channels.js';
import type { Result } from '../../shared/contract/result.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';

const ctx: CallContext = { role: 'admin', operator: 'ana', transport: 'memory' };
const PAN = '4111111111111111';
const KEY = 'guard-test-key-0000000001';
/** An id may hold digits glued to letters: they are part of the id. */
const ID_WITH_DIGITS = `key${PAN}x`;
/** Typed the way people type it, inside other words. */
const PAN_IN_TEXT = 'card 4111 1111 1111 1111 exp 12/30';
const card = { number: PAN, expiry: '12-30', cvv: '987', holder: 'ANA LOPEZ' };
const customer = { email: 'ana@example.com', name: 'Ana Lopez', ident: 'C-42' };

interface Entry {
  /** A valid input (ids need not exist: the guard runs before any handler). */
  readonly input: Record<string, unknown> | undefined;
  /** Operator text that a card number can reach past the field's own format, by path. */
  readonly text: Readonly<Record<string, unknown>>;
  /** Fields the contract declares card data or ids, with a value the guard lets through there. */
  readonly notText: Readonly<Record<string, unknown>>;
  /** Ids that are nothing but a card number: refused too. */
  readonly ids?: readonly string[];
}

/**
 * Every operation of the contract (a new one does not compile until it is listed here), with
 * the fields where a card number could be typed. Written from the contract's fields by hand:
 * `text` is operator text, `notText` the card fields and ids.
 */
const OPERATIONS: Record<OperationName, Entry> = {
  'app.info': { input: undefined, text: {}, notText: {} },
  'settings.get': { input: undefined, text: {}, notText: {} },
  // A locale is one of two words, a time zone a name the runtime knows: no card number fits.
  'settings.update': { input: { locale: 'fr' }, text: {}, notText: {} },
  'accounts.list': { input: undefined, text: {}, notText: {} },
  'accounts.setLargeAmountThreshold': { input: { accountId: 1, threshold: 500_000 }, text: {}, notText: {} },
  'terminal.nextOrderId': { input: { accountId: 1 }, text: {}, notText: {} },
  'terminal.checkOrderId': { input: { accountId: 1, orderId: 'ORD-1' }, text: { orderId: `REF${PAN}` }, notText: {} },
  'terminal.findDuplicates': { input: { accountId: 1, last4: '1111', amount: 100 }, text: {}, notText: {} },
  'payments.submit': {
    input: { idempotencyKey: KEY, accountId: 1, operation: 'payment', amount: 4200, orderId: 'ORD-GUARD-1', customer, card },
    text: {
      orderId: `REF${PAN}`,
      description: PAN_IN_TEXT,
      'customer.ident': PAN_IN_TEXT,
      'customer.email': `${PAN}@example.com`,
      'customer.name': PAN_IN_TEXT,
      'card.holder': `ANA ${PAN_IN_TEXT}`,
      'duplicateOverride.reason': PAN_IN_TEXT,
    },
    notText: { idempotencyKey: ID_WITH_DIGITS, 'card.number': PAN },
    ids: ['idempotencyKey'],
  },
  'payments.rebill': {
    input: { idempotencyKey: KEY, accountId: 1, sourceOperationId: 1, operation: 'payment', aliasMode: 'subscription', amount: 4200, orderId: 'ORD-GUARD-2' },
    text: { orderId: `REF${PAN}`, description: PAN_IN_TEXT, 'duplicateOverride.reason': PAN_IN_TEXT },
    notText: { idempotencyKey: ID_WITH_DIGITS },
    ids: ['idempotencyKey'],
  },
  'operations.get': { input: { operationId: 1 }, text: {}, notText: {} },
  'operations.capture': { input: { operationId: 1, idempotencyKey: KEY }, text: {}, notText: { idempotencyKey: ID_WITH_DIGITS }, ids: ['idempotencyKey'] },
  'operations.refund': {
    input: { operationId: 1, idempotencyKey: KEY, reason: { code: 'goodwill' } },
    text: { 'reason.note': PAN_IN_TEXT },
    notText: { idempotencyKey: ID_WITH_DIGITS },
    ids: ['idempotencyKey'],
  },
  'operations.void': { input: { operationId: 1, idempotencyKey: KEY }, text: {}, notText: { idempotencyKey: ID_WITH_DIGITS }, ids: ['idempotencyKey'] },
  'operations.checkStatus': { input: { operationId: 1 }, text: {}, notText: {} },
  'operations.stopInstalments': { input: { operationId: 1 }, text: {}, notText: {} },
  'operations.abandon': { input: { operationId: 1 }, text: { reason: PAN_IN_TEXT }, notText: {} },
  'session.get': { input: undefined, text: {}, notText: {} },
  // A name is letters, digits, spaces and a few signs: a card number typed there is refused.
  'session.signIn': { input: { name: 'Ana', secret: '482913' }, text: { name: PAN }, notText: {} },
  'session.signOut': { input: undefined, text: {}, notText: {} },
  'session.lock': { input: { reason: 'idle' }, text: {}, notText: {} },
  'operators.list': { input: undefined, text: {}, notText: {} },
  'operators.create': { input: { name: 'Bea', role: 'admin', secretKind: 'password', secret: 'long enough secret' }, text: { name: PAN }, notText: {} },
  'operators.update': { input: { id: 1, role: 'clerk' }, text: {}, notText: {} },
  'approvals.ceilings': { input: undefined, text: {}, notText: {} },
  'approvals.setCeiling': { input: { accountId: 1, role: 'clerk', ceiling: 10_000 }, text: {}, notText: {} },
  'audit.list': { input: { kind: 'session.signIn' }, text: {}, notText: {} },
  'audit.verify': { input: undefined, text: {}, notText: {} },
};

/** `input` with `value` at the dotted `path`. */
function withValue(input: Record<string, unknown> | undefined, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(input ?? {});
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1) as string] = value;
  return copy;
}

/**
 * The dispatcher refuses a card number in any operator text of any operation, before a
 * handler, the journal or the gateway sees it; only the fields the contract declares card
 * data or ids take one.
 */
describe('the card-number guard, over every operation', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let journal: BetterSqlite3.Database;

  beforeAll(async () => {
    dir = await tempDir();
    core = await createCore({ dataDir: dir.path, version: '1.0.0', electronVersion: null, logger: memoryLogger().logger, followUpDelayMs: 0 });
    journal = new BetterSqlite3(journalPath(dir.path, 'default'), { readonly: true });
  });
  afterAll(async () => {
    journal.close();
    await core.close();
    await dir.remove();
  });

  const invoke = async (channel: string, payload: unknown) => (await core.dispatcher.invoke(channel, payload, ctx)) as Result<unknown>;
  const recorded = () => journal.prepare('SELECT (SELECT count(*) FROM operations) + (SELECT count(*) FROM events) AS n').get() as { n: number };

  for (const [name, entry] of Object.entries(OPERATIONS)) {
    const refusals = [...Object.entries(entry.text), ...(entry.ids ?? []).map((path) => [path, PAN] as const)];
    for (const [path, value] of refusals) {
      it(`${name}: refuses a card number in ${path}, recording and sending nothing`, async () => {
        const before = recorded();
        const requests = core.sandbox.ledger.requests().length;
        const result = await invoke(name, withValue(entry.input, path, value));
        expect(result).toMatchObject({ ok: false, error: { code: 'PAYMENT_CARD_NUMBER_IN_TEXT', issues: [{ path }] } });
        expect(JSON.stringify(result)).not.toMatch(/4111|1111 1111/);
        expect(recorded()).toEqual(before);
        expect(core.sandbox.ledger.requests()).toHaveLength(requests);
      });
    }
    for (const [path, value] of Object.entries(entry.notText)) {
      it(`${name}: lets ${path} through, which the contract declares not text`, async () => {
        const result = await invoke(name, withValue(entry.input, path, value));
        if (!result.ok) expect(result.error.code).not.toBe('PAYMENT_CARD_NUMBER_IN_TEXT');
      });
    }
  }

  it('lets every listed input through when it holds no card number', async () => {
    for (const [name, entry] of Object.entries(OPERATIONS)) {
      const result = await invoke(name, entry.input);
      if (!result.ok) expect(result.error.code, name).not.toMatch(/^(PAYMENT_CARD_NUMBER_IN_TEXT|INVALID_INPUT)$/);
    }
  });
});
