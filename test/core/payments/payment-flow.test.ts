import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/events.js';
import type { Result } from '../../../shared/contract/result.js';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/core.js';
import type { CallContext } from '../../../electron/core/dispatcher.js';
import { journalPath, openJournal } from '../../../electron/core/journal/index.js';
import { memoryLogger } from '../../support/silent-logger.js';
import { tempDir } from '../../support/temp-dir.js';
import { watchOperation } from './support/watch-operation.js';

const ctx: CallContext = { role: 'admin', operator: 'ana', transport: 'memory' };
const PAN = '4111111111111111';
const CVV = '987';

type Operation = EventPayload<'operation.updated'>;

describe('payments through core, the built-in sandbox and the listener', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let logs: string[];
  let accountId: number;

  async function boot(extra: Partial<CoreOptions> = {}): Promise<void> {
    const { logger, lines } = memoryLogger();
    logs = lines;
    core = await createCore({ dataDir: dir.path, version: '1.0.0', electronVersion: null, logger, gatewayTimeouts: { totalMs: 1500 }, ...extra });
    const accounts = (await invoke('accounts.list')) as { accounts: Array<{ id: number }> };
    accountId = accounts.accounts[0]?.id as number;
  }

  async function invoke(channel: string, payload?: unknown): Promise<unknown> {
    const result = (await core.dispatcher.invoke(channel, payload, ctx)) as Result<unknown>;
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value;
  }

  function submission(overrides: Record<string, unknown> = {}) {
    return {
      idempotencyKey: `key-${Math.random().toString(36).slice(2)}t${Date.now()}`,
      accountId,
      operation: 'payment',
      amount: 4200,
      orderId: `ORD-${Math.random().toString(36).slice(2, 10)}`,
      customer: { email: 'ana@example.com', name: 'Ana Lopez', ident: 'C-42' },
      card: { number: PAN, expiry: '12-30', cvv: CVV, holder: 'ANA LOPEZ' },
      ...overrides,
    };
  }

  const confirmed = (operationId: number) =>
    watchOperation(core, operationId, (operation) => operation.confirmation !== 'awaiting' && operation.confirmation !== 'none', ctx);

  beforeEach(async () => {
    dir = await tempDir();
    await boot();
  });
  afterEach(async () => {
    await core.close();
    await dir.remove();
  });

  it('creates the Sandbox account on first launch and keeps it on the next', async () => {
    const first = (await invoke('accounts.list')) as { accounts: Array<{ name: string; environment: string; isSandbox: boolean }> };
    expect(first.accounts).toEqual([expect.objectContaining({ name: 'Sandbox', environment: 'test', isSandbox: true })]);
    await core.close();
    await boot();
    expect(((await invoke('accounts.list')) as { accounts: unknown[] }).accounts).toHaveLength(1);
  });

  it('approves a payment and records the notification that confirms it', async () => {
    const sent = (await invoke('payments.submit', submission())) as { operation: Operation; replayed: boolean };
    expect(sent.replayed).toBe(false);
    expect(sent.operation).toMatchObject({ status: 'approved', execCode: '0000', brand: 'visa', bin6: '411111', last4: '1111', amount: 4200 });
    expect(sent.operation.transactionId).toMatch(/^A\d+$/);
    const final = sent.operation.confirmation === 'confirmed' ? sent.operation : await confirmed(sent.operation.id);
    expect(final.confirmation).toBe('confirmed');
    expect(core.sandbox.ledger.transactionsByOrderId(sent.operation.orderId)).toHaveLength(1);
  });

  it('returns the first result for a second submission with the same key, and charges once', async () => {
    const input = submission();
    const first = (await invoke('payments.submit', input)) as { operation: Operation };
    const again = (await invoke('payments.submit', input)) as { operation: Operation; replayed: boolean };
    expect(again.replayed).toBe(true);
    expect(again.operation.id).toBe(first.operation.id);
    expect(core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('refuses a possible duplicate unless the operator overrides it with a reason', async () => {
    await invoke('payments.submit', submission());
    const before = core.sandbox.ledger.transactions().length;
    await expect(invoke('payments.submit', submission())).rejects.toMatchObject({ code: 'PAYMENT_POSSIBLE_DUPLICATE' });
    expect(core.sandbox.ledger.transactions()).toHaveLength(before);
    const overridden = (await invoke('payments.submit', submission({ duplicateOverride: { reason: 'customer ordered twice' } }))) as { operation: Operation };
    expect(overridden.operation.status).toBe('approved');
  });

  it('refuses an expired card before recording or sending anything', async () => {
    const input = submission({ card: { number: PAN, expiry: '01-20', cvv: CVV, holder: 'ANA LOPEZ' } });
    await expect(invoke('payments.submit', input)).rejects.toMatchObject({ code: 'PAYMENT_CARD_EXPIRED' });
    await expect(invoke('terminal.checkOrderId', { accountId, orderId: input.orderId })).resolves.toEqual({ available: true });
    expect(core.sandbox.ledger.transactions()).toHaveLength(0);
  });

  it('shows a declined card with its EXECCODE', async () => {
    const sent = (await invoke('payments.submit', submission({ card: { number: '5555554530114002', expiry: '12-30', cvv: CVV, holder: 'ANA LOPEZ' } }))) as {
      operation: Operation;
    };
    expect(sent.operation).toMatchObject({ status: 'declined', execCode: '4002' });
  });

  it('makes a timed-out payment whose lookup fails unknown, never resends it, and settles it by a later lookup', async () => {
    const input = submission();
    core.sandbox.faults.next({ kind: 'timeout' }, { match: { orderId: input.orderId } });
    // Without a notification (which would settle it first), only a lookup can tell; the one
    // made at once, after the timeout, fails.
    core.sandbox.faults.add({ kind: 'notification', mode: 'never' }, { match: { orderId: input.orderId }, times: 1 });
    core.sandbox.faults.next({ kind: 'http-error', status: 503 }, { match: { method: 'getTransactions' } });
    const sent = (await invoke('payments.submit', input)) as { operation: Operation };
    expect(sent.operation.status).toBe('unknown');
    expect(sent.operation.actions.checkStatus).toBe(true);
    const requests = core.sandbox.ledger.requests().filter((request) => request.params.ORDERID === input.orderId);
    expect(requests.map((request) => request.apiMethod)).toEqual(['payment', 'getTransactions']);
    const settled = (await invoke('operations.checkStatus', { operationId: sent.operation.id })) as Operation;
    expect(settled.status).toBe('approved');
    expect(core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('a payment the gateway charged but answered with a 502 ends approved from the lookup, charged once', async () => {
    const input = submission();
    core.sandbox.faults.next({ kind: 'http-error', status: 502, afterProcessing: true }, { match: { method: 'payment' } });
    core.sandbox.faults.add({ kind: 'notification', mode: 'never' }, { match: { orderId: input.orderId }, times: 1 });
    const sent = (await invoke('payments.submit', input)) as { operation: Operation };
    const [charge] = core.sandbox.ledger.transactionsByOrderId(input.orderId);
    expect(core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
    // The gateway's record of it, found by the lookup, is the outcome and confirms it.
    expect(sent.operation).toMatchObject({ status: 'approved', transactionId: charge?.transactionId, execCode: '0000', confirmation: 'confirmed' });
    expect(core.sandbox.ledger.requests().filter((request) => request.apiMethod === 'payment')).toHaveLength(1);
  });

  it('a status check that does not find the payment yet keeps it unknown ("not found yet"), and a later one finds it', async () => {
    const input = submission();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The gateway holds the payment longer than the client waits (1.5 s), then charges it.
    core.sandbox.faults.next({ kind: 'latency', gate }, { match: { method: 'payment', orderId: input.orderId } });
    core.sandbox.faults.add({ kind: 'notification', mode: 'never' }, { match: { orderId: input.orderId }, times: 1 });
    const sent = (await invoke('payments.submit', input)) as { operation: Operation };
    expect(sent.operation).toMatchObject({ status: 'unknown', actions: { checkStatus: true } });
    const checked = (await invoke('operations.checkStatus', { operationId: sent.operation.id })) as Operation;
    expect(checked).toMatchObject({ status: 'unknown', confirmation: 'not_found_yet', actions: { checkStatus: true } });
    const charged = new Promise((resolve) => core.sandbox.ledger.events.once('transaction', resolve));
    release();
    await charged;
    const settled = (await invoke('operations.checkStatus', { operationId: sent.operation.id })) as Operation;
    expect(settled).toMatchObject({ status: 'approved', confirmation: 'confirmed' });
    expect(core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('status checks that never find the payment fail it only on the 3rd check, 15 minutes after it was sent', async () => {
    let offset = 0;
    await core.close();
    await boot({ now: () => Date.now() + offset });
    const input = submission();
    core.sandbox.faults.next({ kind: 'http-error', status: 502 }, { match: { method: 'payment' } });
    core.sandbox.faults.next({ kind: 'http-error', status: 503 }, { match: { method: 'getTransactions' } });
    const sent = (await invoke('payments.submit', input)) as { operation: Operation };
    expect(sent.operation).toMatchObject({ status: 'unknown', confirmation: 'none' });
    const check = async () => (await invoke('operations.checkStatus', { operationId: sent.operation.id })) as Operation;
    expect(await check()).toMatchObject({ status: 'unknown', confirmation: 'not_found_yet' });
    offset += 14 * 60_000;
    expect(await check()).toMatchObject({ status: 'unknown', confirmation: 'not_found_yet' });
    offset += 60_000;
    expect(await check()).toMatchObject({ status: 'error', confirmation: 'not_found', actions: { checkStatus: false } });
    expect(core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(0);
  });

  it('a status check answered with an error EXECCODE (no rows) records nothing: it is no "not found"', async () => {
    const input = submission();
    core.sandbox.faults.next({ kind: 'http-error', status: 502 }, { match: { method: 'payment' } });
    core.sandbox.faults.next({ kind: 'http-error', status: 503 }, { match: { method: 'getTransactions' } });
    const sent = (await invoke('payments.submit', input)) as { operation: Operation };
    expect(sent.operation.status).toBe('unknown');
    core.sandbox.faults.next({ kind: 'platform-error', code: '5002' }, { match: { method: 'getTransactions' } });
    await expect(invoke('operations.checkStatus', { operationId: sent.operation.id })).rejects.toMatchObject({ code: 'GATEWAY_BAD_RESPONSE' });
    expect(await invoke('operations.get', { operationId: sent.operation.id })).toMatchObject({ status: 'unknown', confirmation: 'none' });
  });

  it('lets a notification that arrives during a timeout settle the operation', async () => {
    const input = submission();
    core.sandbox.faults.next({ kind: 'timeout' }, { match: { orderId: input.orderId } });
    const sent = (await invoke('payments.submit', input)) as { operation: Operation };
    expect(sent.operation).toMatchObject({ status: 'approved', confirmation: 'confirmed' });
    expect(core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('captures an authorization, refunds part of it, and refuses a refund above what is left', async () => {
    await core.close();
    await boot({ followUpDelayMs: 0 });
    const authorization = (await invoke('payments.submit', submission({ operation: 'authorization', amount: 3000 }))) as { operation: Operation };
    expect(authorization.operation.status).toBe('authorized');
    const capture = (await invoke('operations.capture', { operationId: authorization.operation.id, idempotencyKey: 'capture-0000000001' })) as { operation: Operation };
    expect(capture.operation).toMatchObject({ status: 'approved', type: 'capture', amount: 3000, orderId: `${authorization.operation.orderId}-C1` });
    expect(await invoke('operations.get', { operationId: authorization.operation.id })).toMatchObject({ status: 'captured' });
    await invoke('operations.refund', { operationId: capture.operation.id, idempotencyKey: 'refund-0000000001', amount: 1000, reason: { code: 'returned_goods' } });
    expect(await invoke('operations.get', { operationId: capture.operation.id })).toMatchObject({ status: 'partially_refunded', actions: { refundableAmount: 2000 } });
    await expect(invoke('operations.refund', { operationId: capture.operation.id, idempotencyKey: 'refund-0000000002', amount: 2001, reason: { code: 'returned_goods' } })).rejects.toMatchObject({
      code: 'PAYMENT_AMOUNT_TOO_HIGH',
    });
  });

  it('never writes the card number or CVV to the data folder or the log', async () => {
    for (const number of [PAN, '5555554530114002']) {
      await invoke('payments.submit', submission({ card: { number, expiry: '12-30', cvv: CVV, holder: 'ANA LOPEZ' }, amount: Math.floor(Math.random() * 9000) + 100 }));
    }
    const expired = submission({ card: { number: PAN, expiry: '01-20', cvv: CVV, holder: 'X' } });
    await expect(invoke('payments.submit', expired)).rejects.toBeTruthy();
    await core.close();
    const files: string[] = [];
    const walk = async (folder: string) => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else files.push(path);
      }
    };
    await walk(dir.path);
    expect(files.some((file) => file.endsWith('journal.sqlite'))).toBe(true);
    for (const file of files) {
      const bytes = await readFile(file);
      expect(bytes.includes(PAN), file).toBe(false);
      expect(bytes.includes('5555554530114002'), file).toBe(false);
      expect(bytes.includes(Buffer.from(`"${CVV}"`)), file).toBe(false);
    }
    expect(logs.join('\n')).not.toContain(PAN);
    await boot();
  });
});

describe('a payment refused before anything is sent', () => {
  it('leaves no operation behind when the account cannot be reached (no password yet)', async () => {
    const dir = await tempDir();
    const journal = openJournal({ file: journalPath(dir.path, 'default') });
    const account = journal.createAccount({
      name: 'Boutique',
      identifier: 'NO-PASSWORD',
      environment: 'live',
      currency: 'EUR',
      settings: { connection: { kind: 'gateway', hosts: 'production' }, allowCredit: false, motoClientIp: '127.0.0.1' },
    });
    journal.close();
    const core = await createCore({ dataDir: dir.path, version: '1.0.0', electronVersion: null, logger: memoryLogger().logger });
    try {
      const submitted = (await core.dispatcher.invoke(
        'payments.submit',
        {
          idempotencyKey: 'no-password-key-00001',
          accountId: account.id,
          operation: 'payment',
          amount: 500,
          orderId: 'NOPASS-1',
          customer: { email: 'ana@example.com' },
          card: { number: PAN, expiry: '12-30', cvv: CVV, holder: 'ANA LOPEZ' },
        },
        ctx,
      )) as Result<unknown>;
      expect(submitted).toMatchObject({ ok: false, error: { code: 'ACCOUNT_NO_PASSWORD' } });
      const free = (await core.dispatcher.invoke('terminal.checkOrderId', { accountId: account.id, orderId: 'NOPASS-1' }, ctx)) as Result<unknown>;
      expect(free).toEqual({ ok: true, value: { available: true } });
    } finally {
      await core.close();
      await dir.remove();
    }
  });
});
