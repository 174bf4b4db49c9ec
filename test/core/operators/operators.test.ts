import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract/result.js';
import { journalPath, openJournal } from '../../../electron/core/journal/index.js';
import { startCore, PAN } from '../../support/start-core.js';

type Started = Awaited<ReturnType<typeof startCore>>;
let started: Started | undefined;
afterEach(async () => {
  await started?.close();
  started = undefined;
});

/** Core with a clock the test moves (the lock-out's 15 minutes), follow-ups allowed at once. */
async function start(options: Parameters<typeof startCore>[0] = {}) {
  const clock = { now: Date.now() };
  started = await startCore({ followUpDelayMs: 0, now: () => clock.now, ...options });
  const core = started.core;
  /** A desk: calls through the host's session `name`, as a web link or a window is. */
  const desk = (session: string) => {
    const link = () => core.linkFor({ session, transport: 'memory' });
    const call = (name: string, input?: unknown) => link().invoke(name, input) as Promise<Result<Record<string, unknown>>>;
    const value = async <T = Record<string, unknown>>(name: string, input?: unknown): Promise<T> => {
      const result = await call(name, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
      return result.value as T;
    };
    return { call, value };
  };
  return { f: started, clock, desk };
}

const ADA = { name: 'Ada', secret: 'correct horse battery' };
const CLEO = { name: 'Cleo', secret: '4821' };
const SAM = { name: 'Sam', secret: '773120' };

/** The first administrator (created by the desk, which goes on as her), a clerk and a supervisor. */
async function staff(desk: ReturnType<Awaited<ReturnType<typeof start>>['desk']>) {
  await desk.value('operators.create', { ...ADA, role: 'admin', secretKind: 'password' });
  await desk.value('operators.create', { ...CLEO, role: 'clerk', secretKind: 'pin' });
  await desk.value('operators.create', { ...SAM, role: 'supervisor', secretKind: 'pin' });
}

describe('a fresh desk', () => {
  it('works as before with no operator (the desk is its administrator), and offers to create the first administrator', async () => {
    const { f, desk } = await start();
    const front = desk('front');
    expect(await front.value('session.get')).toEqual({ desk: true, operator: null, locked: false, lockedBy: null });
    const paid = await front.value<{ operation: { status: string } }>('payments.submit', f.submission());
    expect(paid.operation).toMatchObject({ status: 'approved' });
    expect(await front.call('operators.create', { ...CLEO, role: 'clerk', secretKind: 'pin' })).toMatchObject({
      ok: false,
      error: { code: 'OPERATOR_FIRST_MUST_BE_ADMIN' },
    });
    await front.value('operators.create', { ...ADA, role: 'admin', secretKind: 'password' });
    expect(await front.value('session.get')).toMatchObject({ desk: false, operator: { name: 'Ada', role: 'admin' } });
    // Any other desk must now sign in.
    expect(await desk('back').call('accounts.list')).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
    expect(await desk('back').value('session.get')).toEqual({ desk: false, operator: null, locked: false, lockedBy: null });
  });

  it('refuses a PIN under 4 digits and a password under 8 characters, and a name taken whatever its case', async () => {
    const { desk } = await start();
    const front = desk('front');
    for (const [secretKind, secret] of [
      ['pin', '123'],
      ['pin', '12a4'],
      ['password', 'short'],
    ] as const) {
      expect(await front.call('operators.create', { name: 'Ada', role: 'admin', secretKind, secret }), secret).toMatchObject({
        ok: false,
        error: { code: 'OPERATOR_SECRET_TOO_WEAK' },
      });
    }
    await front.value('operators.create', { ...ADA, role: 'admin', secretKind: 'password' });
    expect(await front.call('operators.create', { name: ' ada ', role: 'clerk', secretKind: 'pin', secret: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'OPERATOR_NAME_TAKEN' },
    });
  });

  it('gates a real account behind the first administrator (requireAdministratorExists)', async () => {
    let accountId = 0;
    const { f, desk } = await start({
      prepare(dataDir) {
        const journal = openJournal({ file: journalPath(dataDir, 'default') });
        accountId = journal.createAccount({
          name: 'Boutique',
          identifier: 'REAL-1',
          environment: 'live',
          currency: 'EUR',
          settings: { connection: { kind: 'gateway', hosts: 'production' }, allowCredit: false, motoClientIp: '127.0.0.1' },
        }).id;
        return journal.close();
      },
    });
    expect(await desk('front').call('payments.submit', f.submission({ accountId }))).toMatchObject({ ok: false, error: { code: 'OPERATOR_ADMIN_REQUIRED' } });
  });
});

describe('signing in', () => {
  it('refuses a wrong PIN and an unknown name alike, records both, and never stores or logs a secret', async () => {
    const { f, desk } = await start();
    await staff(desk('setup'));
    const front = desk('front');
    expect(await front.call('session.signIn', { name: 'Cleo', secret: '9999' })).toMatchObject({ ok: false, error: { code: 'OPERATOR_SIGN_IN_FAILED' } });
    expect(await front.call('session.signIn', { name: 'Nobody', secret: '4821' })).toMatchObject({ ok: false, error: { code: 'OPERATOR_SIGN_IN_FAILED' } });
    expect(await front.value('session.get')).toMatchObject({ operator: null });
    const audit = await desk('setup').value<{ entries: Array<{ kind: string; detail: Record<string, unknown> }> }>('audit.list', {
      kind: 'session.signInFailed',
    });
    expect(audit.entries.map((entry) => entry.detail)).toEqual([
      expect.objectContaining({ name: 'Nobody', reason: 'unknown name' }),
      expect.objectContaining({ name: 'Cleo', reason: 'wrong secret', inARow: 1 }),
    ]);
    expect(await front.value('session.signIn', CLEO)).toMatchObject({ operator: { name: 'Cleo', role: 'clerk' } });
    // Neither the journal file nor the log holds any secret typed here.
    const file = (await readFile(journalPath(f.dataDir, 'default'))).toString('latin1');
    const logs = f.logs.join('\n');
    for (const secret of [ADA.secret, CLEO.secret, SAM.secret, '9999']) {
      expect(file.includes(secret), secret).toBe(false);
      expect(logs.includes(secret), secret).toBe(false);
    }
  });

  it('locks an operator out after five failures in a row, for 15 minutes, recorded; then lets them in again', async () => {
    const { clock, desk } = await start();
    await staff(desk('setup'));
    const front = desk('front');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(await front.call('session.signIn', { name: 'Cleo', secret: '0000' }), String(attempt)).toMatchObject({
        ok: false,
        error: { code: 'OPERATOR_SIGN_IN_FAILED' },
      });
    }
    const lockedAt = clock.now;
    // Even the right PIN is refused while locked out, with the time it ends.
    expect(await front.call('session.signIn', CLEO)).toMatchObject({
      ok: false,
      error: { code: 'OPERATOR_LOCKED_OUT', params: { time: lockedAt + 15 * 60_000 } },
    });
    // Another operator is not affected.
    expect(await desk('other').value('session.signIn', SAM)).toMatchObject({ operator: { name: 'Sam' } });
    clock.now = lockedAt + 15 * 60_000 - 1;
    expect(await front.call('session.signIn', CLEO)).toMatchObject({ ok: false, error: { code: 'OPERATOR_LOCKED_OUT' } });
    clock.now = lockedAt + 15 * 60_000;
    expect(await front.value('session.signIn', CLEO)).toMatchObject({ operator: { name: 'Cleo' } });
    const audit = await desk('setup').value<{ entries: Array<{ kind: string; detail: Record<string, unknown> }> }>('audit.list');
    expect(audit.entries.find((entry) => entry.kind === 'operator.lockedOut')?.detail).toEqual({
      operator: 'Cleo',
      until: lockedAt + 15 * 60_000,
      failures: 5,
    });
    // Four more failures after the lock-out are not a new lock-out: the count started again.
    await front.value('session.signOut');
    for (let attempt = 1; attempt <= 4; attempt += 1) await front.call('session.signIn', { name: 'Cleo', secret: '0000' });
    expect(await front.value('session.signIn', CLEO)).toMatchObject({ operator: { name: 'Cleo' } });
  });

  it('locks and unlocks a desk with the secret, or lets another operator sign in instead', async () => {
    const { desk } = await start();
    await staff(desk('setup'));
    const front = desk('front');
    await front.value('session.signIn', CLEO);
    expect(await front.value('session.lock', { reason: 'idle' })).toEqual({ desk: false, operator: null, locked: true, lockedBy: 'Cleo' });
    expect(await front.call('accounts.list')).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
    expect(await front.call('session.signIn', { name: 'Cleo', secret: '1111' })).toMatchObject({ ok: false });
    expect(await front.value('session.signIn', CLEO)).toMatchObject({ operator: { name: 'Cleo' }, locked: false });
    await front.value('session.lock');
    expect(await front.value('session.signIn', SAM)).toMatchObject({ operator: { name: 'Sam', role: 'supervisor' }, locked: false });
    const kinds = (await desk('setup').value<{ entries: Array<{ kind: string; operator: string | null }> }>('audit.list')).entries.map(
      (e) => `${e.kind}:${e.operator}`,
    );
    expect(kinds).toEqual(expect.arrayContaining(['session.lock:Cleo', 'session.unlock:Cleo', 'session.signIn:Sam']));
  });

  it('applies a role change or a disabled operator on the next call, and keeps one active administrator', async () => {
    const { desk } = await start();
    const setup = desk('setup');
    await staff(setup);
    const front = desk('front');
    await front.value('session.signIn', SAM);
    const { operators } = await setup.value<{ operators: Array<{ id: number; name: string }> }>('operators.list');
    const id = (name: string) => operators.find((operator) => operator.name === name)?.id as number;
    await setup.value('operators.update', { id: id('Sam'), role: 'clerk' });
    expect(await front.value('session.get')).toMatchObject({ operator: { name: 'Sam', role: 'clerk' } });
    await setup.value('operators.update', { id: id('Sam'), disabled: true });
    expect(await front.call('accounts.list')).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
    expect(await desk('x').call('session.signIn', SAM)).toMatchObject({ ok: false, error: { code: 'OPERATOR_SIGN_IN_FAILED' } });
    expect(await setup.call('operators.update', { id: id('Ada'), role: 'supervisor' })).toMatchObject({ ok: false, error: { code: 'OPERATOR_LAST_ADMIN' } });
    const audit = await setup.value<{ entries: Array<{ kind: string; detail: Record<string, unknown> }> }>('audit.list', { kind: 'operator.updated' });
    expect(audit.entries.at(-1)?.detail).toMatchObject({ operator: 'Sam', before: { role: 'supervisor' }, after: { role: 'clerk' } });
  });
});

describe('rights and approvals', () => {
  it('a clerk takes a payment, sees only their own, and cannot refund it', async () => {
    const { f, desk } = await start();
    await staff(desk('setup'));
    const clerk = desk('clerk');
    const supervisor = desk('supervisor');
    await clerk.value('session.signIn', CLEO);
    await supervisor.value('session.signIn', SAM);
    const own = (await clerk.value<{ operation: { id: number; operator: string } }>('payments.submit', f.submission())).operation;
    expect(own.operator).toBe('Cleo');
    const others = (await supervisor.value<{ operation: { id: number } }>('payments.submit', f.submission({ amount: 3100 }))).operation;
    expect(await clerk.value('operations.get', { operationId: own.id })).toMatchObject({ id: own.id });
    expect(await clerk.call('operations.get', { operationId: others.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await supervisor.value('operations.get', { operationId: own.id })).toMatchObject({ id: own.id });
    const sent = f.core.sandbox.ledger.transactions().length;
    expect(await clerk.call('operations.refund', { operationId: own.id, idempotencyKey: f.key('refund'), reason: { code: 'customer_request' } })).toMatchObject(
      {
        ok: false,
        error: { code: 'FORBIDDEN' },
      },
    );
    expect(await clerk.call('payments.submit', f.submission({ operation: 'credit', amount: 100 }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(f.core.sandbox.ledger.transactions()).toHaveLength(sent);
  });

  it('a refund above the ceiling needs a second operator: not oneself, not a clerk, not a wrong secret; both names recorded', async () => {
    const { f, desk } = await start();
    const setup = desk('setup');
    await staff(setup);
    await setup.value('approvals.setCeiling', { accountId: f.accountId, role: 'supervisor', ceiling: 1000 });
    const front = desk('front');
    await front.value('session.signIn', SAM);
    const payment = (await front.value<{ operation: { id: number } }>('payments.submit', f.submission({ amount: 5000 }))).operation;
    const refund = (amount: number, approval?: unknown) =>
      front.call('operations.refund', {
        operationId: payment.id,
        idempotencyKey: f.key('refund'),
        amount,
        reason: { code: 'customer_request' },
        ...(approval ? { approval } : {}),
      });
    const sent = f.core.sandbox.ledger.transactions().length;
    expect(await refund(3000)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', params: { ceiling: '10.00 EUR' } } });
    expect(await refund(3000, SAM)).toMatchObject({ ok: false, error: { code: 'APPROVAL_SELF' } });
    expect(await refund(3000, CLEO)).toMatchObject({ ok: false, error: { code: 'APPROVAL_NOT_ALLOWED' } });
    expect(await refund(3000, { name: 'Ada', secret: 'not her secret' })).toMatchObject({ ok: false, error: { code: 'APPROVAL_FAILED' } });
    expect(f.core.sandbox.ledger.transactions()).toHaveLength(sent);
    // Within the ceiling: no approval.
    expect(await refund(1000)).toMatchObject({ ok: true, value: { operation: { status: 'approved' } } });
    expect(await refund(3000, ADA)).toMatchObject({ ok: true, value: { operation: { status: 'approved', amount: 3000 } } });
    const audit = await setup.value<{ entries: Array<{ kind: string; operator: string | null; detail: Record<string, unknown> }> }>('audit.list');
    expect(
      audit.entries
        .filter((entry) => entry.kind.startsWith('approval.'))
        .map((entry) => [entry.kind, entry.operator, entry.detail.approver, entry.detail.reason]),
    ).toEqual([
      ['approval.granted', 'Sam', 'Ada', undefined],
      ['approval.refused', 'Sam', 'Cleo', 'an approver with the clerk role'],
      ['approval.refused', 'Sam', 'Sam', 'self-approval'],
    ]);
    const refunds = audit.entries.filter((entry) => entry.kind === 'operations.refund');
    expect(refunds[0]).toMatchObject({ operator: 'Sam', detail: { approver: 'Ada', outcome: { ok: true, status: 'approved' }, request: { amount: 3000 } } });
    // The approver's secret is nowhere in the trail.
    expect(JSON.stringify(audit)).not.toContain(ADA.secret);
  });
});

describe('the card number guard', () => {
  it('still applies to the sign-in name (nothing about operators bypasses it)', async () => {
    const { desk } = await start();
    expect(await desk('front').call('session.signIn', { name: PAN, secret: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENT_CARD_NUMBER_IN_TEXT' },
    });
  });
});
