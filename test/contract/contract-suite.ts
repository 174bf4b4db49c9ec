import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../shared/contract/channels.js';
import type { Result } from '../../shared/contract/result.js';
import { cardExpiry } from '../support/dates.js';
import type { TransportUnderTest } from './transports.js';

/** Calls whose answers must be identical, bit for bit, on every transport. */
export const PROBES: ReadonlyArray<readonly [string, unknown]> = [
  ['settings.get', undefined],
  ['settings.get', {}],
  ['settings.get', { extra: 1 }],
  ['settings.get', null],
  ['settings.get', 'text'],
  ['settings.get', 42],
  ['settings.get', [1, 2]],
  ['settings.update', undefined],
  ['settings.update', {}],
  ['settings.update', { locale: 'de' }],
  ['settings.update', { locale: 'fr', surprise: true }],
  ['settings.update', { duplicateWindowMinutes: -1 }],
  ['settings.update', { duplicateWindowMinutes: 2.5 }],
  ['settings.update', { timeZone: 'Mars/Olympus' }],
  ['settings.update', { timeZone: 'x'.repeat(100_000) }],
  ['settings.update', { locale: { toString: 'fr' } }],
  ['app.explode', {}],
  ['', undefined],
  ['__proto__', {}],
  ['constructor', {}],
  ['toString', undefined],
  ['settings.get ', undefined],
  ['SETTINGS.GET', undefined],
  ['operations.get', { operationId: -1 }],
  ['operations.get', { operationId: '1' }],
  ['terminal.findDuplicates', { accountId: 1, last4: '12', amount: 100 }],
  ['terminal.checkOrderId', { accountId: 1, orderId: '' }],
  ['payments.submit', {}],
  ['payments.submit', { ...validSubmission(1), card: { number: '4111111111111112', expiry: cardExpiry(), cvv: '123', holder: 'A B' } }],
  ['payments.submit', { ...validSubmission(1), amount: -5 }],
  ['payments.submit', { ...validSubmission(1), amount: 0 }],
  ['payments.submit', { ...validSubmission(1), card: { ...validSubmission(1).card, cvv: '12345' } }],
  ['payments.submit', { ...validSubmission(1), customer: { email: 'not-an-email' } }],
  ['payments.submit', { ...validSubmission(1), surprise: 1 }],
];

/** A card payment the built-in sandbox approves (4111… is Luhn-valid and not a test decline). */
function validSubmission(accountId: number, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: `key${Math.random().toString(36).slice(2).padEnd(13, '0')}`,
    accountId,
    operation: 'payment',
    amount: 1250,
    orderId: `T-${Math.random().toString(36).slice(2, 10)}`,
    customer: { email: 'ana@example.com', name: 'Ana Lopez' },
    card: { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: 'ANA LOPEZ' },
    ...overrides,
  };
}

/** The answer with the per-transport fields removed, for cross-transport comparison. */
export function normalise(result: Result<unknown>): unknown {
  if (!result.ok) return result;
  const value = result.value as Record<string, unknown>;
  if (value && typeof value === 'object' && 'transport' in value) {
    const { transport: _t, dataDir: _d, ...rest } = value;
    return { ok: true, value: rest };
  }
  return result;
}

export function contractSuite(name: string, open: () => Promise<TransportUnderTest>): void {
  describe(`contract over the ${name} transport`, () => {
    let subject: TransportUnderTest;
    beforeEach(async () => {
      subject = await open();
    });
    afterEach(async () => {
      await subject.close();
    });

    it('answers app.info with the version, data folder and its own transport kind', async () => {
      const result = await subject.transport.invoke('app.info', undefined);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value).toMatchObject({ name: 'Comptoir', version: '9.9.9', environment: 'test', transport: subject.kind });
      expect((result.value as { dataDir: string }).dataDir).toMatch(/comptoir-test-/);
    });

    it('reads default settings, then saves a change and reads it back', async () => {
      const initial = await subject.transport.invoke('settings.get', undefined);
      expect(initial).toEqual({
        ok: true,
        value: { locale: 'en', timeZone: 'Europe/Paris', duplicateWindowMinutes: 10, autoLockMinutes: 15, historyFilters: [] },
      });
      const saved = await subject.transport.invoke('settings.update', { locale: 'fr', duplicateWindowMinutes: 5 });
      expect(saved).toMatchObject({ ok: true, value: { locale: 'fr', duplicateWindowMinutes: 5, timeZone: 'Europe/Paris' } });
      expect(await subject.transport.invoke('settings.get', undefined)).toEqual(saved);
    });

    it('refuses a malformed update with INVALID_INPUT naming the field, and changes nothing', async () => {
      const result = await subject.transport.invoke('settings.update', { locale: 'de', autoLockMinutes: 5 });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.issues?.map((issue) => issue.path)).toEqual(['locale']);
      expect(JSON.stringify(result.error)).not.toContain('"de"');
      expect(await subject.transport.invoke('settings.get', undefined)).toMatchObject({ ok: true, value: { locale: 'en', autoLockMinutes: 15 } });
    });

    it('answers every malformed payload with a typed error and keeps serving', async () => {
      for (const payload of [null, 'text', 42, [1], { extra: true }, { locale: 'x'.repeat(1_000_000) }]) {
        const result = await subject.transport.invoke('settings.update', payload);
        expect(result.ok, JSON.stringify(payload)?.slice(0, 40)).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
      }
      expect((await subject.transport.invoke('app.info', undefined)).ok).toBe(true);
    });

    it('answers unknown channels with UNKNOWN_OPERATION, including prototype names', async () => {
      for (const channel of ['app.explode', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'SETTINGS.GET']) {
        const result = await subject.transport.invoke(channel, {});
        expect(result, channel).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
      }
    });

    it('delivers the current app.status to a new subscriber', async () => {
      let unsubscribe = () => {};
      const payload = await new Promise<unknown>((resolve) => {
        unsubscribe = subject.transport.subscribe('app.status', resolve);
      });
      unsubscribe();
      expect(payload).toMatchObject({ environment: 'test', activeAccount: { name: 'Sandbox' }, notifications: { state: 'listening' } });
    });

    it('carries every declared operation to core and back, against the built-in sandbox', async () => {
      const called = new Set<string>();
      const call = async <T>(operation: string, input?: unknown): Promise<T> => {
        called.add(operation);
        const result = await subject.transport.invoke(operation, input);
        expect(result, operation).toMatchObject({ ok: true });
        return (result as { value: T }).value;
      };
      await call('app.info');
      await call('settings.get');
      await call('settings.update', { locale: 'en' });
      const { accounts } = await call<{ accounts: Array<{ id: number; name: string }> }>('accounts.list');
      const accountId = accounts[0]?.id as number;
      const { orderId } = await call<{ orderId: string }>('terminal.nextOrderId', { accountId });
      expect(await call('terminal.checkOrderId', { accountId, orderId })).toEqual({ available: true });
      expect(await call('terminal.findDuplicates', { accountId, last4: '1111', amount: 999 })).toMatchObject({ matches: [] });
      const authorization = await call<{ operation: { id: number; status: string } }>(
        'payments.submit',
        validSubmission(accountId, { operation: 'authorization', orderId, amount: 999 }),
      );
      expect(authorization.operation.status).toBe('authorized');
      expect(await call('operations.get', { operationId: authorization.operation.id })).toMatchObject({ orderId, amount: 999 });
      const capture = await call<{ operation: { id: number; status: string } }>('operations.capture', {
        operationId: authorization.operation.id,
        idempotencyKey: 'capture-key-0000001',
      });
      expect(capture.operation.status).toBe('approved');
      const refund = await call<{ operation: { status: string } }>('operations.refund', {
        operationId: capture.operation.id,
        idempotencyKey: 'refund-key-00000001',
        amount: 100,
        reason: { code: 'customer_request' },
      });
      expect(refund.operation.status).toBe('approved');
      const second = await call<{ operation: { id: number } }>('payments.submit', validSubmission(accountId, { operation: 'authorization', amount: 500 }));
      const voided = await call<{ operation: { status: string } }>('operations.void', {
        operationId: second.operation.id,
        idempotencyKey: 'void-key-000000001',
      });
      expect(voided.operation.status).toBe('approved');
      await call('operations.checkStatus', { operationId: second.operation.id });
      const saved = await call<{ operation: { id: number; actions: { rebillAlias: string | null } } }>(
        'payments.submit',
        validSubmission(accountId, { saveCard: true, amount: 700 }),
      );
      expect(saved.operation.actions.rebillAlias).not.toBeNull();
      const rebilled = await call<{ operation: { status: string; last4: string } }>('payments.rebill', {
        idempotencyKey: 'rebill-key-00000001',
        accountId,
        sourceOperationId: saved.operation.id,
        operation: 'payment',
        aliasMode: 'oneclick',
        amount: 800,
        orderId: `T-${Math.random().toString(36).slice(2, 10)}`,
      });
      expect(rebilled.operation).toMatchObject({ status: 'approved', last4: '1111' });
      expect(await call('accounts.setLargeAmountThreshold', { accountId, threshold: 250_000 })).toMatchObject({ id: accountId, largeAmountThreshold: 250_000 });

      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const plan = await call<{ operation: { id: number; instalments: unknown } }>(
        'payments.submit',
        validSubmission(accountId, {
          amount: 2000,
          instalments: [
            { date: day(0), amount: 1000 },
            { date: day(30), amount: 1000 },
          ],
        }),
      );
      expect(plan.operation.instalments).toMatchObject({ entries: [{ state: 'charged' }, { state: 'scheduled' }], stoppable: true });
      const stopped = await call<{ operation: { instalments: unknown } }>('operations.stopInstalments', { operationId: plan.operation.id });
      expect(stopped.operation.instalments).toMatchObject({
        entries: [{ state: 'charged' }, { state: 'stopped' }],
        stop: { state: 'stopped' },
        stoppable: false,
      });
      // An enrolled card: the gateway asks for 3-D Secure, which a customer on the phone cannot do.
      const phone = await call<{ operation: { id: number; status: string } }>(
        'payments.submit',
        validSubmission(accountId, { card: { number: '5206019820620400', expiry: cardExpiry(), cvv: '123', holder: 'ANA LOPEZ' } }),
      );
      expect(phone.operation.status).toBe('pending');
      const abandoned = await call<{ operation: { status: string } }>('operations.abandon', { operationId: phone.operation.id });
      expect(abandoned.operation.status).toBe('abandoned');
      const found = await call<{ items: Array<{ id: number }> }>('history.page', { filter: { orderId }, stream: 'contract' });
      expect(found.items.map((row) => row.id)).toEqual([authorization.operation.id]);
      expect(await call('history.totals', { filter: { orderId } })).toEqual({ count: 1, byCurrency: [{ currency: 'EUR', count: 1, amount: 999 }] });
      const detail = await call<{ followUps: Array<{ id: number }> }>('history.detail', { operationId: authorization.operation.id });
      expect(detail.followUps.map((child) => child.id)).toEqual([capture.operation.id]);
      const summary = await call<{ byCurrency: Array<{ currency: string; count: number }>; approvalRate: number | null }>('reports.summary', {
        from: Date.now() - 86_400_000,
        to: Date.now() + 86_400_000,
        timeZone: 'Europe/Paris',
      });
      expect(summary.byCurrency[0]).toMatchObject({ currency: 'EUR' });
      expect(summary.approvalRate).toBeGreaterThan(0);
      const exported = await call<{ exportId: string; fileName: string }>('reports.export', { filter: { orderId }, format: 'csv', timeZone: 'UTC' });
      expect(exported.fileName).toMatch(/^comptoir-operations_all_UTC_minor-units(-\d+)?\.csv$/);
      // Finished or not by now: either way the answer is a yes or a no, and no partial file stays.
      expect(typeof (await call<{ cancelled: boolean }>('reports.cancelExport', { exportId: exported.exportId })).cancelled).toBe('boolean');
      expect(await call('reconciliation.request', { accountId, date: new Date().toISOString().slice(0, 10) })).toEqual({ requested: true });
      // The file comes back on the listener: wait for it to be there (no fixed sleep).
      let files: string[] = [];
      while (files.length === 0) {
        files = (await call<{ files: string[] }>('reconciliation.files')).files;
        if (files.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const imported = await call<{ import: { importId: number }; exceptions: Array<{ id: number }> }>('reconciliation.import', { fileName: files[0] });
      expect((await call<{ imports: unknown[] }>('reconciliation.list')).imports).toHaveLength(1);
      const { exceptions } = await call<{ exceptions: Array<{ id: number }> }>('reconciliation.exceptions', { importId: imported.import.importId });
      expect(exceptions).toEqual(imported.exceptions);
      // Operations the sandbox has not settled yet, or left pending: at least one exception to act on.
      expect(exceptions.length).toBeGreaterThan(0);
      expect(await call('reconciliation.act', { exceptionId: exceptions[0]?.id, action: 'acknowledged' })).toMatchObject({ state: 'acknowledged' });

      // Accounts and the vault (web mode's passphrase vault in every transport's core).
      expect(await call('accounts.testConnection', { accountId })).toMatchObject({ verdict: 'ok' });
      expect(await call('accounts.vaultStatus')).toEqual({ kind: 'passphrase', state: 'absent' });
      expect(await call('accounts.setUpVault', { passphrase: 'contract vault passphrase' })).toEqual({ kind: 'passphrase', state: 'unlocked' });
      expect(await call('accounts.unlockVault', { passphrase: 'contract vault passphrase' })).toEqual({ kind: 'passphrase', state: 'unlocked' });
      const fields = {
        name: 'Contract',
        colour: '#2f9e44',
        identifier: 'CONTRACT-ACCOUNT',
        connection: { kind: 'custom', environment: 'test', primary: 'http://127.0.0.1:9' },
        currency: 'EUR',
        orderIdPrefix: 'CT-',
        version: '2.0',
        motoClientIp: '127.0.0.1',
        motoUserAgent: '',
        threeDSecure: 'never',
        notifications: { mode: 'polling' },
      };
      const added = await call<{ id: number; password: string }>('accounts.add', { account: fields, password: 'contract-secret' });
      expect(added.password).toBe('set');
      expect(await call('accounts.update', { accountId: added.id, account: { ...fields, name: 'Contract 2' } })).toMatchObject({ name: 'Contract 2' });
      expect(await call('accounts.setPassword', { accountId: added.id, password: 'contract-secret-2' })).toMatchObject({ password: 'set' });
      expect(await call('accounts.setDisabled', { accountId: added.id, disabled: true })).toMatchObject({ disabled: true });
      expect(await call('accounts.remove', { accountId: added.id })).toEqual({ removed: added.id });
      // Linux's basic_text consent is the desktop vault's; the passphrase vault refuses it.
      called.add('accounts.consentPlainTextVault');
      expect(await subject.transport.invoke('accounts.consentPlainTextVault', undefined)).toMatchObject({ ok: false, error: { code: 'VAULT_NOT_APPLICABLE' } });

      // Operators, approvals and the audit: the desk is its administrator until one is created.
      expect(await call('session.get')).toEqual({ desk: true, operator: null, locked: false, lockedBy: null });
      expect(await call('approvals.setCeiling', { accountId, role: 'supervisor', ceiling: 50_000 })).toMatchObject({
        ceilings: [{ accountId, role: 'supervisor', ceiling: 50_000 }],
      });
      expect(await call('approvals.ceilings')).toMatchObject({ ceilings: [{ accountId, role: 'supervisor', ceiling: 50_000 }] });
      expect(await call('operators.list')).toEqual({ operators: [] });
      const admin = await call<{ id: number }>('operators.create', { name: 'Ada', role: 'admin', secretKind: 'password', secret: 'correct horse' });
      // The desk that created the first administrator goes on as them.
      expect(await call('session.get')).toMatchObject({ desk: false, operator: { name: 'Ada', role: 'admin' } });
      expect(await call('operators.update', { id: admin.id, secretKind: 'pin', secret: '482913' })).toMatchObject({ secretKind: 'pin' });
      expect(await call('session.lock', { reason: 'idle' })).toMatchObject({ locked: true, lockedBy: 'Ada', operator: null });
      expect(await call('session.signIn', { name: 'ada', secret: '482913' })).toMatchObject({ operator: { name: 'Ada' }, locked: false });
      expect(await call<{ entries: unknown[] }>('audit.list', { kind: 'session.unlock' })).toMatchObject({ entries: [{ operator: 'Ada' }] });
      expect(await call('audit.verify')).toMatchObject({ intact: true });
      expect(await call('session.signOut')).toMatchObject({ operator: null, locked: false });
      expect([...called].sort()).toEqual([...OPERATION_NAMES].sort());
    });
  });
}
