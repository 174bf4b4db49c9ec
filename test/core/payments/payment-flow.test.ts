import { hashSecret } from '../../../electron/core/operators/secret-hash.js';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalPath, openJournal } from '../../../electron/core/journal/index.js';
import { cardExpiry } from '../../support/dates.js';
import { PAN, startCore, type Operation, type StartCoreOptions, type TestCore } from '../../support/start-core.js';

const CVV = '987';

describe('payments through core, the built-in sandbox and the listener', () => {
  let f: TestCore;
  // The gateway client gives up after 1.5 s here, so a held request becomes a doubt quickly.
  const start = (extra: StartCoreOptions = {}) => startCore({ gatewayTimeouts: { totalMs: 1500 }, ...extra });
  const confirmed = (operationId: number) => f.until(operationId, (operation) => operation.confirmation !== 'awaiting' && operation.confirmation !== 'none');

  beforeEach(async () => {
    f = await start();
  });
  afterEach(async () => {
    await f.close();
  });

  it('creates the Sandbox account on first launch and keeps it on the next', async () => {
    const first = (await f.invoke('accounts.list')) as { accounts: Array<{ name: string; environment: string; isSandbox: boolean }> };
    expect(first.accounts).toEqual([expect.objectContaining({ name: 'Sandbox', environment: 'test', isSandbox: true })]);
    await f.restart();
    expect(((await f.invoke('accounts.list')) as { accounts: unknown[] }).accounts).toHaveLength(1);
  });

  it('approves a payment and records the notification that confirms it', async () => {
    const sent = await f.invoke<{ operation: Operation; replayed: boolean }>('payments.submit', f.submission());
    expect(sent.replayed).toBe(false);
    expect(sent.operation).toMatchObject({ status: 'approved', execCode: '0000', brand: 'visa', bin6: '411111', last4: '1111', amount: 4200 });
    expect(sent.operation.transactionId).toMatch(/^A\d+$/);
    const final = sent.operation.confirmation === 'confirmed' ? sent.operation : await confirmed(sent.operation.id);
    expect(final.confirmation).toBe('confirmed');
    expect(f.core.sandbox.ledger.transactionsByOrderId(sent.operation.orderId)).toHaveLength(1);
  });

  it('returns the first result for a second submission with the same key, and charges once', async () => {
    const input = f.submission();
    const first = await f.invoke<{ operation: Operation }>('payments.submit', input);
    const again = await f.invoke<{ operation: Operation; replayed: boolean }>('payments.submit', input);
    expect(again.replayed).toBe(true);
    expect(again.operation.id).toBe(first.operation.id);
    expect(f.core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('refuses a possible duplicate unless the operator overrides it with a reason', async () => {
    await f.invoke('payments.submit', f.submission());
    const before = f.core.sandbox.ledger.transactions().length;
    await expect(f.invoke('payments.submit', f.submission())).rejects.toMatchObject({ code: 'PAYMENT_POSSIBLE_DUPLICATE' });
    expect(f.core.sandbox.ledger.transactions()).toHaveLength(before);
    const overridden = await f.invoke<{ operation: Operation }>('payments.submit', f.submission({ duplicateOverride: { reason: 'customer ordered twice' } }));
    expect(overridden.operation.status).toBe('approved');
  });

  it('refuses an expired card before recording or sending anything', async () => {
    const input = f.submission({ card: { number: PAN, expiry: '01-20', cvv: CVV, holder: 'ANA LOPEZ' } });
    await expect(f.invoke('payments.submit', input)).rejects.toMatchObject({ code: 'PAYMENT_CARD_EXPIRED' });
    await expect(f.invoke('terminal.checkOrderId', { accountId: f.accountId, orderId: input.orderId })).resolves.toEqual({ available: true });
    expect(f.core.sandbox.ledger.transactions()).toHaveLength(0);
  });

  it('shows a declined card with its EXECCODE', async () => {
    const sent = await f.invoke<{ operation: Operation }>(
      'payments.submit',
      f.submission({ card: { number: '5555554530114002', expiry: cardExpiry(), cvv: CVV, holder: 'ANA LOPEZ' } }),
    );
    expect(sent.operation).toMatchObject({ status: 'declined', execCode: '4002' });
  });

  it('makes a timed-out payment whose lookup fails unknown, never resends it, and settles it by a later lookup', async () => {
    const input = f.submission();
    f.core.sandbox.faults.next({ kind: 'timeout' }, { match: { orderId: input.orderId } });
    // Without a notification (which would settle it first), only a lookup can tell; the one
    // made at once, after the timeout, fails.
    f.core.sandbox.faults.add({ kind: 'notification', mode: 'never' }, { match: { orderId: input.orderId }, times: 1 });
    f.core.sandbox.faults.next({ kind: 'http-error', status: 503 }, { match: { method: 'getTransactions' } });
    const sent = await f.invoke<{ operation: Operation }>('payments.submit', input);
    expect(sent.operation.status).toBe('unknown');
    expect(sent.operation.actions.checkStatus).toBe(true);
    const requests = f.core.sandbox.ledger.requests().filter((request) => request.params.ORDERID === input.orderId);
    expect(requests.map((request) => request.apiMethod)).toEqual(['payment', 'getTransactions']);
    const settled = await f.invoke<Operation>('operations.checkStatus', { operationId: sent.operation.id });
    expect(settled.status).toBe('approved');
    expect(f.core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('a payment the gateway charged but answered with a 502 ends approved from the lookup, charged once', async () => {
    const input = f.submission();
    f.core.sandbox.faults.next({ kind: 'http-error', status: 502, afterProcessing: true }, { match: { method: 'payment' } });
    f.core.sandbox.faults.add({ kind: 'notification', mode: 'never' }, { match: { orderId: input.orderId }, times: 1 });
    const sent = await f.invoke<{ operation: Operation }>('payments.submit', input);
    const [charge] = f.core.sandbox.ledger.transactionsByOrderId(input.orderId);
    expect(f.core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
    // The gateway's record of it, found by the lookup, is the outcome and confirms it.
    expect(sent.operation).toMatchObject({ status: 'approved', transactionId: charge?.transactionId, execCode: '0000', confirmation: 'confirmed' });
    expect(f.core.sandbox.ledger.requests().filter((request) => request.apiMethod === 'payment')).toHaveLength(1);
  });

  it('a status check that does not find the payment yet keeps it unknown ("not found yet"), and a later one finds it', async () => {
    const input = f.submission();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The gateway holds the payment longer than the client waits (1.5 s), then charges it.
    f.core.sandbox.faults.next({ kind: 'latency', gate }, { match: { method: 'payment', orderId: input.orderId } });
    f.core.sandbox.faults.add({ kind: 'notification', mode: 'never' }, { match: { orderId: input.orderId }, times: 1 });
    const sent = await f.invoke<{ operation: Operation }>('payments.submit', input);
    expect(sent.operation).toMatchObject({ status: 'unknown', actions: { checkStatus: true } });
    const checked = await f.invoke<Operation>('operations.checkStatus', { operationId: sent.operation.id });
    expect(checked).toMatchObject({ status: 'unknown', confirmation: 'not_found_yet', actions: { checkStatus: true } });
    const charged = new Promise((resolve) => f.core.sandbox.ledger.events.once('transaction', resolve));
    release();
    await charged;
    const settled = await f.invoke<Operation>('operations.checkStatus', { operationId: sent.operation.id });
    expect(settled).toMatchObject({ status: 'approved', confirmation: 'confirmed' });
    expect(f.core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('status checks that never find the payment fail it only on the 3rd check, 15 minutes after it was sent', async () => {
    let offset = 0;
    await f.close();
    f = await start({ now: () => Date.now() + offset });
    const input = f.submission();
    f.core.sandbox.faults.next({ kind: 'http-error', status: 502 }, { match: { method: 'payment' } });
    f.core.sandbox.faults.next({ kind: 'http-error', status: 503 }, { match: { method: 'getTransactions' } });
    const sent = await f.invoke<{ operation: Operation }>('payments.submit', input);
    expect(sent.operation).toMatchObject({ status: 'unknown', confirmation: 'none' });
    const check = async () => await f.invoke<Operation>('operations.checkStatus', { operationId: sent.operation.id });
    expect(await check()).toMatchObject({ status: 'unknown', confirmation: 'not_found_yet' });
    offset += 14 * 60_000;
    expect(await check()).toMatchObject({ status: 'unknown', confirmation: 'not_found_yet' });
    offset += 60_000;
    expect(await check()).toMatchObject({ status: 'error', confirmation: 'not_found', actions: { checkStatus: false } });
    expect(f.core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(0);
  });

  it('a status check answered with an error EXECCODE (no rows) records nothing: it is no "not found"', async () => {
    const input = f.submission();
    f.core.sandbox.faults.next({ kind: 'http-error', status: 502 }, { match: { method: 'payment' } });
    f.core.sandbox.faults.next({ kind: 'http-error', status: 503 }, { match: { method: 'getTransactions' } });
    const sent = await f.invoke<{ operation: Operation }>('payments.submit', input);
    expect(sent.operation.status).toBe('unknown');
    f.core.sandbox.faults.next({ kind: 'platform-error', code: '5002' }, { match: { method: 'getTransactions' } });
    await expect(f.invoke('operations.checkStatus', { operationId: sent.operation.id })).rejects.toMatchObject({ code: 'GATEWAY_BAD_RESPONSE' });
    expect(await f.invoke('operations.get', { operationId: sent.operation.id })).toMatchObject({ status: 'unknown', confirmation: 'none' });
  });

  it('lets a notification that arrives during a timeout settle the operation', async () => {
    const input = f.submission();
    f.core.sandbox.faults.next({ kind: 'timeout' }, { match: { orderId: input.orderId } });
    const sent = await f.invoke<{ operation: Operation }>('payments.submit', input);
    expect(sent.operation).toMatchObject({ status: 'approved', confirmation: 'confirmed' });
    expect(f.core.sandbox.ledger.transactionsByOrderId(input.orderId)).toHaveLength(1);
  });

  it('captures an authorization, refunds part of it, and refuses a refund above what is left', async () => {
    await f.close();
    f = await start({ followUpDelayMs: 0 });
    const authorization = await f.invoke<{ operation: Operation }>('payments.submit', f.submission({ operation: 'authorization', amount: 3000 }));
    expect(authorization.operation.status).toBe('authorized');
    const capture = (await f.invoke('operations.capture', { operationId: authorization.operation.id, idempotencyKey: 'capture-0000000001' })) as {
      operation: Operation;
    };
    expect(capture.operation).toMatchObject({ status: 'approved', type: 'capture', amount: 3000, orderId: `${authorization.operation.orderId}-C1` });
    expect(await f.invoke('operations.get', { operationId: authorization.operation.id })).toMatchObject({ status: 'captured' });
    await f.invoke('operations.refund', {
      operationId: capture.operation.id,
      idempotencyKey: 'refund-0000000001',
      amount: 1000,
      reason: { code: 'returned_goods' },
    });
    expect(await f.invoke('operations.get', { operationId: capture.operation.id })).toMatchObject({
      status: 'partially_refunded',
      actions: { refundableAmount: 2000 },
    });
    await expect(
      f.invoke('operations.refund', {
        operationId: capture.operation.id,
        idempotencyKey: 'refund-0000000002',
        amount: 2001,
        reason: { code: 'returned_goods' },
      }),
    ).rejects.toMatchObject({
      code: 'PAYMENT_AMOUNT_TOO_HIGH',
    });
  });

  it('never writes the card number or CVV to the data folder or the log', async () => {
    for (const number of [PAN, '5555554530114002']) {
      await f.invoke(
        'payments.submit',
        f.submission({ card: { number, expiry: cardExpiry(), cvv: CVV, holder: 'ANA LOPEZ' }, amount: Math.floor(Math.random() * 9000) + 100 }),
      );
    }
    const expired = f.submission({ card: { number: PAN, expiry: '01-20', cvv: CVV, holder: 'X' } });
    await expect(f.invoke('payments.submit', expired)).rejects.toBeTruthy();
    await f.core.close();
    const files: string[] = [];
    const walk = async (folder: string) => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else files.push(path);
      }
    };
    await walk(f.dataDir);
    expect(files.some((file) => file.endsWith('journal.sqlite'))).toBe(true);
    for (const file of files) {
      const bytes = await readFile(file);
      expect(bytes.includes(PAN), file).toBe(false);
      expect(bytes.includes('5555554530114002'), file).toBe(false);
      expect(bytes.includes(Buffer.from(`"${CVV}"`)), file).toBe(false);
    }
    expect(f.logs.join('\n')).not.toContain(PAN);
    // Open again, for afterEach to close.
    await f.restart();
  });
});

describe('a payment refused before anything is sent', () => {
  it('leaves no operation behind when the account cannot be reached (no password yet)', async () => {
    let accountId = 0;
    const f = await startCore({
      async prepare(dataDir) {
        const journal = openJournal({ file: journalPath(dataDir, 'default') });
        accountId = journal.createAccount({
          name: 'Boutique',
          identifier: 'NO-PASSWORD',
          environment: 'live',
          currency: 'EUR',
          settings: { connection: { kind: 'gateway', hosts: 'production' }, allowCredit: false, motoClientIp: '127.0.0.1' },
        }).id;
        // A real account is used only once an administrator exists (issue 17).
        journal.operators.create({ name: 'Admin', role: 'admin', secretKind: 'password', secretHash: await hashSecret('administrator secret') });
        await journal.close();
      },
    });
    try {
      const submitted = await f.call('payments.submit', {
        idempotencyKey: 'no-password-key-00001',
        accountId,
        operation: 'payment',
        amount: 500,
        orderId: 'NOPASS-1',
        customer: { email: 'ana@example.com' },
        card: { number: PAN, expiry: cardExpiry(), cvv: CVV, holder: 'ANA LOPEZ' },
      });
      expect(submitted).toMatchObject({ ok: false, error: { code: 'ACCOUNT_NO_PASSWORD' } });
      expect(await f.call('terminal.checkOrderId', { accountId, orderId: 'NOPASS-1' })).toEqual({ ok: true, value: { available: true } });
    } finally {
      await f.close();
    }
  });
});
