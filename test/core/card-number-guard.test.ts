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
const accountFields = {
  name: 'Atelier',
  colour: '#e8590c',
  identifier: 'ATELIER',
  connection: { kind: 'custom', environment: 'test', primary: 'http://127.0.0.1:9' },
  currency: 'EUR',
  orderIdPrefix: 'ATL-',
  version: '2.0',
  motoClientIp: '127.0.0.1',
  motoUserAgent: '',
  threeDSecure: 'never',
  notifications: { mode: 'polling' },
};

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
  'accounts.add': {
    input: { account: accountFields, password: 'gateway-secret' },
    text: {
      'account.name': PAN_IN_TEXT,
      'account.identifier': `ID${PAN}`,
      'account.motoUserAgent': PAN_IN_TEXT,
      'account.connection.primary': `https://${PAN}.example`,
      // A password that is a card number would be one more place a PAN could be kept.
      password: PAN,
    },
    notText: {},
  },
  'accounts.update': { input: { accountId: 1, account: accountFields }, text: { 'account.name': PAN_IN_TEXT }, notText: {} },
  'accounts.setPassword': { input: { accountId: 1, password: 'gateway-secret' }, text: { password: PAN }, notText: {} },
  'accounts.setDisabled': { input: { accountId: 1, disabled: true }, text: {}, notText: {} },
  'accounts.remove': { input: { accountId: 1 }, text: {}, notText: {} },
  'accounts.testConnection': { input: { accountId: 1 }, text: {}, notText: {} },
  'accounts.vaultStatus': { input: undefined, text: {}, notText: {} },
  'accounts.setUpVault': { input: { passphrase: 'a long vault passphrase' }, text: { passphrase: `pass ${PAN}` }, notText: {} },
  'accounts.unlockVault': { input: { passphrase: 'a long vault passphrase' }, text: { passphrase: `pass ${PAN}` }, notText: {} },
  'accounts.consentPlainTextVault': { input: undefined, text: {}, notText: {} },
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
  // A card number typed into a search box is refused as anywhere else: it never reaches a query or the log.
  'history.page': {
    input: { filter: {} },
    text: {
      'filter.text': PAN_IN_TEXT,
      'filter.orderId': `REF${PAN}`,
      'filter.transactionId': `T${PAN}`,
      'filter.customer': PAN_IN_TEXT,
      stream: `s${PAN}`,
    },
    notText: {},
  },
  'history.totals': { input: { filter: {} }, text: { 'filter.text': PAN_IN_TEXT }, notText: {} },
  'history.detail': { input: { operationId: 1 }, text: {}, notText: {} },
  'reports.summary': { input: { from: 0, to: 86_400_000, timeZone: 'UTC' }, text: {}, notText: {} },
  'reports.export': {
    input: { filter: {}, format: 'csv', timeZone: 'UTC' },
    text: { title: PAN_IN_TEXT, 'filter.text': PAN_IN_TEXT, 'filter.customer': PAN_IN_TEXT, 'filter.orderId': `REF${PAN}` },
    notText: {},
  },
  'reports.cancelExport': { input: { exportId: 'abcdef123456' }, text: {}, notText: {} },
  'reconciliation.files': { input: undefined, text: {}, notText: {} },
  // A day or a month: no card number fits.
  'reconciliation.request': { input: { accountId: 999, date: '2026-01-15' }, text: {}, notText: {} },
  'reconciliation.import': { input: { fileName: 'export.csv.gz' }, text: { fileName: `export-${PAN}.csv` }, notText: {} },
  'reconciliation.list': { input: undefined, text: {}, notText: {} },
  'reconciliation.exceptions': { input: { importId: 1 }, text: {}, notText: {} },
  'reconciliation.act': { input: { exceptionId: 1, action: 'acknowledged' }, text: { note: PAN_IN_TEXT }, notText: {} },
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
