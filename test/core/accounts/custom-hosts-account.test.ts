import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary, ConnectionTest } from '../../../shared/contract/accounts.js';
import { CONNECTION_VERDICTS } from '../../../shared/domain/connection-verdicts.js';
import { startFixture, type Fixture } from '../../support/sandbox-fixture.js';
import { Refused, startCore, type TestCore } from '../../support/start-core.js';

/**
 * Issue 16's acceptance, in core: an account added as "custom hosts" pointing at a standalone
 * sandbox (its own port, IDENTIFIER and password) is tested, charged, and its payment lands in
 * that sandbox's ledger, not in the built-in one.
 */
const IDENTIFIER = 'ATELIER-STANDALONE';
const PASSWORD = 'standalone-Secret-7f3a';
const PASSPHRASE = 'vault-Passphrase-e21b';

let gateway: Fixture;
let app: TestCore;

beforeEach(async () => {
  gateway = await startFixture({ now: () => Date.now() });
  // The fixture's two accounts are not this one: the standalone sandbox gets its own.
  gateway.sandbox.addAccount({ identifier: IDENTIFIER, password: PASSWORD, notificationUrl: gateway.receiver.url });
  app = await startCore({ followUpDelayMs: 0 });
  // Issue 17: a real account is used only once an administrator exists.
  await app.invoke('operators.create', { name: 'Ada', role: 'admin', secretKind: 'pin', secret: '482913' });
  await app.invoke('accounts.setUpVault', { passphrase: PASSPHRASE });
});

afterEach(async () => {
  await app.close();
  await gateway.close();
});

const fields = (overrides: Record<string, unknown> = {}) => ({
  name: 'Atelier (standalone)',
  colour: '#e8590c',
  identifier: IDENTIFIER,
  connection: { kind: 'custom', environment: 'test', primary: gateway.sandbox.url },
  currency: 'EUR',
  orderIdPrefix: 'ATL-',
  version: '2.0',
  motoClientIp: '127.0.0.1',
  motoUserAgent: '',
  threeDSecure: 'never',
  notifications: { mode: 'polling' },
  ...overrides,
});

describe('a custom-hosts account on a standalone sandbox', () => {
  it('is added, tested (good password), charged, and its payment lands in that sandbox only', async () => {
    const added = await app.invoke<AccountSummary>('accounts.add', { account: fields(), password: PASSWORD });
    expect(added).toMatchObject({ identifier: IDENTIFIER, environment: 'test', isSandbox: false, password: 'set', disabled: false, hasOperations: false });
    expect(added.connection).toEqual({ kind: 'custom', environment: 'test', primary: gateway.sandbox.url });

    const test = await app.invoke<ConnectionTest>('accounts.testConnection', { accountId: added.id });
    expect(test.verdict).toBe('ok');
    expect(test.origin).toBe(new URL(gateway.sandbox.url).origin);
    // The test moves nothing: no transaction anywhere, no operation in the journal.
    expect(gateway.sandbox.ledger.transactions()).toHaveLength(0);
    expect((await app.invoke<{ accounts: AccountSummary[] }>('accounts.list')).accounts.find((a) => a.id === added.id)?.hasOperations).toBe(false);

    const builtInBefore = app.core.sandbox.ledger.transactions().length;
    const operation = await app.pay({ accountId: added.id, orderId: 'ATL-STANDALONE-1' });
    expect(operation.status).toBe('approved');
    const standalone = gateway.sandbox.ledger.transactions();
    expect(standalone).toHaveLength(1);
    expect(standalone[0]).toMatchObject({ identifier: IDENTIFIER, orderId: 'ATL-STANDALONE-1' });
    expect(app.core.sandbox.ledger.transactions()).toHaveLength(builtInBefore);
    expect(app.requestsFor('ATL-STANDALONE-1')).toHaveLength(0);
  });

  it('explains a wrong password as EXECCODE 1003, in English and French', async () => {
    const added = await app.invoke<AccountSummary>('accounts.add', { account: fields(), password: 'not-the-password' });
    const test = await app.invoke<ConnectionTest>('accounts.testConnection', { accountId: added.id });
    expect(test).toMatchObject({ verdict: 'wrong_password', execCode: '1003' });
    expect(CONNECTION_VERDICTS[test.verdict].en.said).toContain('1003');
    expect(CONNECTION_VERDICTS[test.verdict].fr.next).toContain('back-office Dalenys');
    // The right password, set afterwards, is the one the next test signs with.
    await app.invoke('accounts.setPassword', { accountId: added.id, password: PASSWORD });
    expect((await app.invoke<ConnectionTest>('accounts.testConnection', { accountId: added.id })).verdict).toBe('ok');
  });

  it('says the account is unknown or disabled (3001), and that an unreachable host sent nothing', async () => {
    const unknown = await app.invoke<AccountSummary>('accounts.add', { account: fields({ identifier: 'NOBODY-HERE' }), password: PASSWORD });
    expect(await app.invoke<ConnectionTest>('accounts.testConnection', { accountId: unknown.id })).toMatchObject({
      verdict: 'account_disabled',
      execCode: '3001',
    });
    // A port nothing listens on: the sandbox's, once closed.
    const closed = await startFixture();
    const url = closed.sandbox.url;
    await closed.close();
    const gone = await app.invoke<AccountSummary>('accounts.add', {
      account: fields({ identifier: 'GONE', connection: { kind: 'custom', environment: 'test', primary: url } }),
      password: PASSWORD,
    });
    expect(await app.invoke<ConnectionTest>('accounts.testConnection', { accountId: gone.id })).toMatchObject({ verdict: 'unreachable', execCode: null });
  });

  it('disables (no new charge, history kept) and deletes only an account without operations', async () => {
    const added = await app.invoke<AccountSummary>('accounts.add', { account: fields(), password: PASSWORD });
    await app.pay({ accountId: added.id, orderId: 'ATL-HISTORY-1' });
    await expect(app.invoke('accounts.remove', { accountId: added.id })).rejects.toMatchObject({ code: 'JOURNAL_ACCOUNT_IN_USE' });
    await expect(app.invoke('accounts.update', { accountId: added.id, account: fields({ currency: 'USD' }) })).rejects.toMatchObject({
      code: 'ACCOUNT_HISTORY_FIXED',
    });
    expect(await app.invoke('accounts.update', { accountId: added.id, account: fields({ name: 'Atelier renamed' }) })).toMatchObject({
      name: 'Atelier renamed',
    });
    const disabled = await app.invoke<AccountSummary>('accounts.setDisabled', { accountId: added.id, disabled: true });
    expect(disabled).toMatchObject({ disabled: true, hasOperations: true });
    await expect(app.pay({ accountId: added.id, orderId: 'ATL-REFUSED-1' })).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect(gateway.sandbox.ledger.transactions()).toHaveLength(1);

    const unused = await app.invoke<AccountSummary>('accounts.add', { account: fields({ identifier: 'UNUSED', name: 'Unused' }), password: PASSWORD });
    expect(await app.invoke('accounts.remove', { accountId: unused.id })).toEqual({ removed: unused.id });
    const { accounts } = await app.invoke<{ accounts: AccountSummary[] }>('accounts.list');
    expect(accounts.map((account) => account.id)).not.toContain(unused.id);
    expect(accounts.find((account) => account.id === added.id)).toMatchObject({ disabled: true });
  });

  it('keeps the built-in sandbox account as core made it', async () => {
    await expect(app.invoke('accounts.remove', { accountId: app.accountId })).rejects.toMatchObject({ code: 'ACCOUNT_SANDBOX_FIXED' });
    await expect(app.invoke('accounts.update', { accountId: app.accountId, account: fields() })).rejects.toMatchObject({ code: 'ACCOUNT_SANDBOX_FIXED' });
  });
});

describe('the vault in web mode', () => {
  it('is locked after a restart: the sandbox still pays, the real account waits for the passphrase', async () => {
    const added = await app.invoke<AccountSummary>('accounts.add', { account: fields(), password: PASSWORD });
    await app.restart();
    expect(await app.invoke('accounts.vaultStatus')).toEqual({ kind: 'passphrase', state: 'locked' });
    const { accounts } = await app.invoke<{ accounts: AccountSummary[] }>('accounts.list');
    expect(accounts.find((account) => account.id === added.id)?.password).toBe('locked');
    expect((await app.pay()).status).toBe('approved');
    await expect(app.pay({ accountId: added.id })).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await expect(app.invoke('accounts.unlockVault', { passphrase: 'not the passphrase' })).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSPHRASE' });
    expect(gateway.sandbox.ledger.transactions()).toHaveLength(0);
    expect(await app.invoke('accounts.unlockVault', { passphrase: PASSPHRASE })).toEqual({ kind: 'passphrase', state: 'unlocked' });
    expect((await app.pay({ accountId: added.id })).status).toBe('approved');
    expect(gateway.sandbox.ledger.transactions()).toHaveLength(1);
  });

  it('refuses a password before the vault has a passphrase, and adds no account', async () => {
    await app.restart();
    await rm(join(app.dataDir, 'vault.json'));
    await app.restart();
    await expect(app.invoke('accounts.add', { account: fields(), password: PASSWORD })).rejects.toMatchObject({ code: 'VAULT_ABSENT' });
    expect((await app.invoke<{ accounts: AccountSummary[] }>('accounts.list')).accounts).toHaveLength(1);
  });

  it('keeps the password and the passphrase out of every file but the vault', async () => {
    const added = await app.invoke<AccountSummary>('accounts.add', { account: fields(), password: PASSWORD });
    await app.pay({ accountId: added.id });
    await app.restart();
    await app.invoke('accounts.unlockVault', { passphrase: PASSPHRASE });
    await app.invoke('accounts.testConnection', { accountId: added.id });
    await app.core.close();
    const leaks: string[] = [];
    for (const name of await readdir(app.dataDir, { recursive: true })) {
      const path = join(app.dataDir, name);
      if (!(await stat(path)).isFile() || name === 'vault.json') continue;
      const bytes = await readFile(path);
      if (bytes.includes(PASSWORD) || bytes.includes(PASSPHRASE)) leaks.push(name);
    }
    expect(leaks).toEqual([]);
    expect(app.logs.join('\n')).not.toContain(PASSWORD);
    expect(app.logs.join('\n')).not.toContain(PASSPHRASE);
    await app.restart();
  });
});

describe('what an account refuses', () => {
  it('refuses a production CLIENTIP that is not a public address, on the field, and records nothing', async () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.10', '169.254.3.4', '100.64.0.9', '192.0.2.44', 'fd00::1', 'not an ip']) {
      const refused = await app
        .invoke('accounts.add', { account: fields({ connection: { kind: 'dalenys-production' }, motoClientIp: ip }), password: PASSWORD })
        .catch((error: unknown) => error);
      expect(refused, ip).toBeInstanceOf(Refused);
      expect((refused as Refused).code).toBe('INVALID_INPUT');
      expect((refused as Refused).issues?.map((issue) => issue.path)).toContain('account.motoClientIp');
    }
    const { accounts } = await app.invoke<{ accounts: AccountSummary[] }>('accounts.list');
    expect(accounts).toHaveLength(1);
    const live = await app.invoke<AccountSummary>('accounts.add', {
      account: fields({ connection: { kind: 'dalenys-production' }, motoClientIp: '81.2.69.160' }),
    });
    expect(live).toMatchObject({ environment: 'live', password: 'missing', connection: { kind: 'dalenys-production' } });
  });

  it('refuses plain http to a host that is not this machine', async () => {
    await expect(
      app.invoke('accounts.add', { account: fields({ connection: { kind: 'custom', environment: 'test', primary: 'http://gateway.example.com' } }) }),
    ).rejects.toMatchObject({ code: 'GATEWAY_INSECURE_URL' });
    const { accounts } = await app.invoke<{ accounts: AccountSummary[] }>('accounts.list');
    expect(accounts).toHaveLength(1);
  });

  it('lets only an administrator manage accounts', async () => {
    const supervisor = { role: 'supervisor', operator: 'sam', transport: 'memory' } as const;
    for (const [channel, payload] of [
      ['accounts.add', { account: fields(), password: PASSWORD }],
      ['accounts.setPassword', { accountId: app.accountId, password: PASSWORD }],
      ['accounts.testConnection', { accountId: app.accountId }],
      ['accounts.setDisabled', { accountId: app.accountId, disabled: true }],
      ['accounts.remove', { accountId: app.accountId }],
    ] as const) {
      const result = await app.call(channel, payload, supervisor);
      expect(result.ok, channel).toBe(false);
      expect(!result.ok && result.error.code, channel).toBe('FORBIDDEN');
    }
  });

  it('never gives the password back: not in any answer, nor in the log', async () => {
    const added = await app.invoke<AccountSummary>('accounts.add', { account: fields(), password: PASSWORD });
    const answers = [
      added,
      await app.invoke('accounts.list'),
      await app.invoke('accounts.setPassword', { accountId: added.id, password: PASSWORD }),
      await app.invoke('accounts.testConnection', { accountId: added.id }),
      await app.invoke('accounts.update', { accountId: added.id, account: fields({ name: 'Renamed' }) }),
      await app.pay({ accountId: added.id }),
    ];
    expect(JSON.stringify(answers)).not.toContain(PASSWORD);
    expect(app.logs.join('\n')).not.toContain(PASSWORD);
  });
});
