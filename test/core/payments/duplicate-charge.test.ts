import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_IDENTIFIER } from '../../../electron/core/accounts/account-directory.js';
import { FileSecretStore } from '../../../electron/core/accounts/secret-store.js';
import { journalPath, openJournal } from '../../../electron/core/journal/index.js';
import { call, cardParams } from '../sandbox/harness.js';
import { startCore, type TestCore, type Operation } from '../../support/start-core.js';

/*
 * Dalenys does not check that an ORDERID is unique, so a payment the gateway received twice (a
 * proxy that retried the POST, the secondary host charging after a primary still processing)
 * shows as two approved transactions under our ORDERID. A lookup by ORDERID that sees them
 * records a discrepancy (`duplicate_charge_suspected`, naming both), whichever row it takes
 * as the outcome, so the operator sees it: on the call's own lookup after a doubt, on "check
 * status", and on the polling bridge's lookups.
 */
describe('a second charge under our ORDERID, seen by a lookup', () => {
  let f: TestCore | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  /** The same payment again, straight to the built-in sandbox, as a proxy's retry would send it. */
  async function chargeAgain(fixture: TestCore, orderId: string): Promise<string> {
    const password = (await new FileSecretStore(fixture.core.dataDir).load()).get(`account:${fixture.accountId}`) as string;
    const again = await call(fixture.core.sandbox.endpoints().process, 'payment', cardParams(Date.now(), { ORDERID: orderId, AMOUNT: '4200' }), {
      identifier: SANDBOX_IDENTIFIER,
      password,
    });
    expect(again.EXECCODE).toBe('0000');
    return again.TRANSACTIONID as string;
  }

  /** The discrepancies the journal recorded on an operation. */
  function discrepancies(fixture: TestCore, operationId: number): unknown[] {
    const journal = openJournal({ file: journalPath(fixture.core.dataDir, 'default') });
    try {
      return journal
        .listEvents(operationId)
        .filter((event) => event.kind === 'discrepancy')
        .map((event) => event.payload);
    } finally {
      journal.close();
    }
  }

  function sandboxCharges(fixture: TestCore, orderId: string): string[] {
    return fixture.core.sandbox.ledger
      .transactionsByOrderId(orderId)
      .filter((tx) => tx.operationType === 'payment' && tx.status === 'succeeded')
      .map((tx) => tx.transactionId)
      .sort();
  }

  it('on the call’s own lookup after a 502: the payment is approved, and flagged with both transactions', async () => {
    const fixture = await startCore({ followUpDelayMs: 0, polling: { firstDelayMs: 3_600_000 } });
    f = fixture;
    const { sandbox } = fixture.core;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Processed, then a proxy's 502; the lookup that follows waits until the second charge is in.
    sandbox.faults.next({ kind: 'http-error', status: 502, afterProcessing: true }, { match: { method: 'payment' } });
    sandbox.faults.next({ kind: 'latency', gate }, { match: { method: 'getTransactions' } });
    const held = new Promise<void>((resolve) => sandbox.ledger.events.once('latency', () => resolve()));
    const submission = fixture.submission();
    const paying = fixture.invoke<{ operation: Operation }>('payments.submit', submission);
    await held;
    await chargeAgain(fixture, submission.orderId as string);
    release();
    const { operation } = await paying;

    const charges = sandboxCharges(fixture, submission.orderId as string);
    expect(charges).toHaveLength(2);
    expect(operation).toMatchObject({ status: 'approved', confirmation: 'discrepancy' });
    expect(discrepancies(fixture, operation.id)).toContainEqual(expect.objectContaining({ reason: 'duplicate_charge_suspected', transactionIds: charges }));
  });

  it.each(['check status', 'the polling bridge'])('on a later lookup by ORDERID (%s) of a payment left unknown', async (by) => {
    const bridge = by === 'the polling bridge';
    const fixture = await startCore({ followUpDelayMs: 0, polling: bridge ? { firstDelayMs: 0, baseDelayMs: 20, rescanMs: 20 } : { firstDelayMs: 3_600_000 } });
    f = fixture;
    const { sandbox } = fixture.core;
    // Only a lookup can show the second charge here: without the charges' notifications (which
    // would settle the payment first, and call the second a changed TRANSACTIONID), whatever the timing.
    sandbox.faults.always({ kind: 'notification', mode: 'never' }, { match: { method: 'payment' } });
    // Processed, then a 502, and no lookup answers until the second charge is in: unknown.
    sandbox.faults.next({ kind: 'http-error', status: 502, afterProcessing: true }, { match: { method: 'payment' } });
    const lookupsFail = sandbox.faults.always({ kind: 'http-error', status: 503 }, { match: { method: 'getTransactions' } });
    const submission = fixture.submission();
    const { operation: unknown } = await fixture.invoke<{ operation: Operation }>('payments.submit', submission);
    expect(unknown.status).toBe('unknown');
    await chargeAgain(fixture, submission.orderId as string);
    lookupsFail();

    const settled = bridge
      ? await fixture.until(unknown.id, (operation) => operation.status !== 'unknown')
      : await fixture.invoke<Operation>('operations.checkStatus', { operationId: unknown.id });
    const charges = sandboxCharges(fixture, submission.orderId as string);
    expect(charges).toHaveLength(2);
    expect(settled).toMatchObject({ status: 'approved', confirmation: 'discrepancy' });
    expect(charges).toContain(settled.transactionId);
    expect(discrepancies(fixture, unknown.id)).toEqual([expect.objectContaining({ reason: 'duplicate_charge_suspected', transactionIds: charges })]);
  });
});
