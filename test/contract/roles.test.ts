import { describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES, type OperationName } from '../../shared/contract/channels.js';
import type { Result } from '../../shared/contract/result.js';
import { cardExpiry } from '../support/dates.js';
import { electronTransport, memoryTransport, webTransport, type TransportUnderTest } from './transports.js';

/**
 * Issue 17's rights, written from the issue (not read from the contract): what each operation
 * needs. `public`: anyone at the desk, signed in or not; `viewer`: any signed-in operator.
 * The type makes a new operation fail to compile until it is listed here.
 */
const NEEDS: Record<OperationName, 'public' | 'viewer' | 'clerk' | 'supervisor' | 'admin'> = {
  'app.info': 'public',
  'settings.get': 'public',
  'settings.update': 'admin',
  'accounts.list': 'viewer',
  'accounts.setLargeAmountThreshold': 'admin',
  'terminal.nextOrderId': 'clerk',
  'terminal.checkOrderId': 'clerk',
  'terminal.findDuplicates': 'clerk',
  'payments.submit': 'clerk',
  'payments.rebill': 'supervisor',
  'operations.get': 'viewer',
  'operations.capture': 'supervisor',
  'operations.refund': 'supervisor',
  'operations.void': 'supervisor',
  'operations.checkStatus': 'clerk',
  'operations.stopInstalments': 'supervisor',
  'operations.abandon': 'clerk',
  'session.get': 'public',
  'session.signIn': 'public',
  'session.signOut': 'public',
  'session.lock': 'public',
  'operators.list': 'admin',
  'operators.create': 'admin',
  'operators.update': 'admin',
  'approvals.ceilings': 'viewer',
  'approvals.setCeiling': 'admin',
  'audit.list': 'admin',
  'audit.verify': 'admin',
  // Issue 16: accounts and the vault are the administrator's; whether the vault is open, anyone's.
  'accounts.add': 'admin',
  'accounts.update': 'admin',
  'accounts.setPassword': 'admin',
  'accounts.setDisabled': 'admin',
  'accounts.remove': 'admin',
  'accounts.testConnection': 'admin',
  'accounts.vaultStatus': 'viewer',
  'accounts.setUpVault': 'admin',
  'accounts.unlockVault': 'admin',
  'accounts.consentPlainTextVault': 'admin',
  // Issue 18: any signed-in operator sees the history.
  'history.page': 'viewer',
  'history.totals': 'viewer',
  'history.detail': 'viewer',
  // Issue 19 and this issue: exports and reports are the supervisor's.
  'reports.summary': 'supervisor',
  'reports.export': 'supervisor',
  'reports.cancelExport': 'supervisor',
  'reconciliation.files': 'supervisor',
  'reconciliation.request': 'supervisor',
  'reconciliation.import': 'supervisor',
  'reconciliation.list': 'supervisor',
  'reconciliation.exceptions': 'supervisor',
  'reconciliation.act': 'supervisor',
};
const RANK = ['public', 'viewer', 'clerk', 'supervisor', 'admin'];
const allowed = (held: string, needed: string) => RANK.indexOf(held) >= RANK.indexOf(needed);

const MISSING = 999_999;
let created = 0;
/**
 * A valid input for each operation that, once allowed, fails harmlessly after the role check
 * (an account or operation that does not exist) rather than moving money or changing the desk.
 */
function sample(name: OperationName): unknown {
  const key = `rolekey${String(++created).padStart(8, '0')}xy`;
  const card = { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: 'ANA LOPEZ' };
  const inputs: Record<OperationName, unknown> = {
    'app.info': undefined,
    'settings.get': undefined,
    'settings.update': { locale: 'en' },
    'accounts.list': undefined,
    'accounts.setLargeAmountThreshold': { accountId: MISSING, threshold: 500_000 },
    'terminal.nextOrderId': { accountId: MISSING },
    'terminal.checkOrderId': { accountId: MISSING, orderId: 'ROLE-1' },
    'terminal.findDuplicates': { accountId: MISSING, last4: '1111', amount: 100 },
    'payments.submit': {
      idempotencyKey: key,
      accountId: MISSING,
      operation: 'payment',
      amount: 100,
      orderId: 'ROLE-1',
      customer: { email: 'ana@example.com', name: 'Ana Lopez' },
      card,
    },
    'payments.rebill': {
      idempotencyKey: key,
      accountId: MISSING,
      sourceOperationId: MISSING,
      operation: 'payment',
      aliasMode: 'oneclick',
      amount: 100,
      orderId: 'ROLE-2',
    },
    'operations.get': { operationId: MISSING },
    'operations.capture': { operationId: MISSING, idempotencyKey: key },
    'operations.refund': { operationId: MISSING, idempotencyKey: key, reason: { code: 'customer_request' } },
    'operations.void': { operationId: MISSING, idempotencyKey: key },
    'operations.checkStatus': { operationId: MISSING },
    'operations.stopInstalments': { operationId: MISSING },
    'operations.abandon': { operationId: MISSING },
    'session.get': undefined,
    'session.signIn': { name: 'Nobody', secret: 'not a secret' },
    'session.signOut': undefined,
    'session.lock': { reason: 'asked' },
    'operators.list': undefined,
    'operators.create': { name: `Extra ${created}`, role: 'clerk', secretKind: 'pin', secret: '90817' },
    'operators.update': { id: MISSING, role: 'clerk' },
    'approvals.ceilings': undefined,
    'approvals.setCeiling': { accountId: MISSING, role: 'clerk', ceiling: null },
    'audit.list': { kind: 'session.signIn' },
    'audit.verify': undefined,
    'accounts.add': { account: accountFields() },
    'accounts.update': { accountId: MISSING, account: accountFields() },
    'accounts.setPassword': { accountId: MISSING, password: 'role-test-secret' },
    'accounts.setDisabled': { accountId: MISSING, disabled: true },
    'accounts.remove': { accountId: MISSING },
    'accounts.testConnection': { accountId: MISSING },
    'accounts.vaultStatus': undefined,
    'accounts.setUpVault': { passphrase: 'role test vault passphrase' },
    'accounts.unlockVault': { passphrase: 'role test vault passphrase' },
    'accounts.consentPlainTextVault': undefined,
    'history.page': { filter: {}, stream: 'roles' },
    'history.totals': { filter: {} },
    'history.detail': { operationId: MISSING },
    'reports.summary': { from: 0, to: 86_400_000, timeZone: 'UTC' },
    'reports.export': { filter: { orderId: 'NOTHING-MATCHES' }, format: 'csv', timeZone: 'UTC' },
    'reports.cancelExport': { exportId: 'abcdef123456' },
    'reconciliation.files': undefined,
    'reconciliation.request': { accountId: MISSING, date: '2026-01-15' },
    'reconciliation.import': { fileName: 'missing.csv' },
    'reconciliation.list': undefined,
    'reconciliation.exceptions': { importId: MISSING },
    'reconciliation.act': { exceptionId: MISSING, action: 'acknowledged' },
  };
  return inputs[name];
}

/** A complete, valid account (custom hosts on a closed local port): admins may add it, others are refused first. */
const accountFields = () => ({
  name: `Role ${created}`,
  colour: '#2f9e44',
  identifier: `ROLE-${created}`,
  connection: { kind: 'custom', environment: 'test', primary: 'http://127.0.0.1:9' },
  currency: 'EUR',
  orderIdPrefix: 'RL-',
  version: '2.0',
  motoClientIp: '127.0.0.1',
  motoUserAgent: '',
  threeDSecure: 'never',
  notifications: { mode: 'polling' },
});

/** What a caller might add to claim to be someone else. */
const CLAIMS = { operator: 'Ada', role: 'admin', by: 'Ada', caller: 'Ada', user: 'Ada', session: 'memory', as: 'admin', impersonate: 'Ada' };

const SECRETS = { Ada: 'correct horse battery', Cleo: '4821', Sam: '77312' } as const;
const AS: Record<string, keyof typeof SECRETS | null> = { public: null, clerk: 'Cleo', supervisor: 'Sam', admin: 'Ada' };

async function electron(): Promise<TransportUnderTest> {
  vi.resetModules();
  return electronTransport(() => import('../../electron/preload/index.js'));
}

const refusal = (result: Result<unknown>) => (result.ok ? null : result.error.code);

describe.each([
  ['in-memory', memoryTransport],
  ['web', webTransport],
  ['Electron stand-in', electron],
])('roles over the %s transport', (_label, open) => {
  it('every operation refuses a caller without the right, and lets one with it past the check', { timeout: 120_000 }, async () => {
    const subject = await open();
    const invoke = (name: string, input?: unknown) => subject.transport.invoke(name, input);
    try {
      // The desk creates the first administrator (and goes on as her), then the others.
      expect(await invoke('operators.create', { name: 'Ada', role: 'admin', secretKind: 'password', secret: SECRETS.Ada })).toMatchObject({ ok: true });
      expect(await invoke('operators.create', { name: 'Cleo', role: 'clerk', secretKind: 'pin', secret: SECRETS.Cleo })).toMatchObject({ ok: true });
      expect(await invoke('operators.create', { name: 'Sam', role: 'supervisor', secretKind: 'pin', secret: SECRETS.Sam })).toMatchObject({ ok: true });
      const signInAs = async (role: string) => {
        const who = AS[role] ?? null;
        if (who === null) expect(await invoke('session.signOut')).toMatchObject({ ok: true, value: { operator: null } });
        else expect(await invoke('session.signIn', { name: who, secret: SECRETS[who] })).toMatchObject({ ok: true, value: { operator: { name: who } } });
      };
      expect(Object.keys(NEEDS).sort()).toEqual([...OPERATION_NAMES].sort());
      for (const role of ['public', 'clerk', 'supervisor', 'admin']) {
        await signInAs(role);
        for (const name of OPERATION_NAMES) {
          const code = refusal(await invoke(name, sample(name)));
          if (allowed(role, NEEDS[name])) {
            expect(['FORBIDDEN', 'SESSION_REQUIRED'], `${role} ${name}`).not.toContain(code);
          } else {
            expect(code, `${role} ${name}`).toBe(role === 'public' ? 'SESSION_REQUIRED' : 'FORBIDDEN');
          }
          if (name.startsWith('session.')) await signInAs(role);
        }
        // No field of a payload changes who calls: with a claim added, nothing goes through
        // that the caller could not do, and the desk is still theirs.
        for (const name of OPERATION_NAMES) {
          const input = sample(name);
          const claimed = { ...(typeof input === 'object' && input !== null ? input : {}), ...CLAIMS };
          const result = await invoke(name, claimed);
          expect(result.ok, `${role} ${name} with claims`).toBe(false);
          if (!allowed(role, NEEDS[name])) expect(['FORBIDDEN', 'SESSION_REQUIRED', 'INVALID_INPUT'], `${role} ${name} with claims`).toContain(refusal(result));
        }
        const who = AS[role] ?? null;
        expect(await invoke('session.get')).toMatchObject({ ok: true, value: { operator: who === null ? null : { name: who, role } } });
      }
    } finally {
      await subject.close();
    }
  });
});
