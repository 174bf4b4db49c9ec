import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import type { CallContext } from '../../electron/core/dispatcher.js';
import type { AppStatus } from '../../shared/contract/schemas.js';
import type { Result } from '../../shared/contract/result.js';
import { independentHash } from '../support/independent-signer.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';

const ctx: CallContext = { role: 'admin', operator: 'ana', transport: 'memory' };
const IDENTIFIER = 'COMPTOIR-SANDBOX';

/**
 * The status line's notification health (`app.status`) comes from one place, the
 * notifications module's `NotificationHealth`, fed by the listener: when each account last
 * heard from the gateway, and what still waits for a confirmation.
 */
describe('app.status: notification health', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let clock = Date.now();
  let latest: AppStatus | undefined;
  let waiters: Array<{ test: (status: AppStatus) => boolean; resolve: (status: AppStatus) => void }> = [];

  /** The first status (the current one included) that satisfies `test`. */
  function statusWhere(test: (status: AppStatus) => boolean): Promise<AppStatus> {
    if (latest && test(latest)) return Promise.resolve(latest);
    return new Promise((resolve) => waiters.push({ test, resolve }));
  }

  beforeAll(async () => {
    dir = await tempDir();
    core = await createCore({
      dataDir: dir.path,
      version: '1.0.0',
      electronVersion: null,
      logger: memoryLogger().logger,
      followUpDelayMs: 0,
      now: () => clock,
    });
    core.events.subscribe((name, payload) => {
      if (name !== 'app.status') return;
      latest = payload as AppStatus;
      const ready = waiters.filter((waiter) => waiter.test(latest as AppStatus));
      waiters = waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve(latest);
    });
  });
  afterAll(async () => {
    await core.close();
    await dir.remove();
  });

  it('starts listening, with nothing heard and nothing waiting', async () => {
    const status = await statusWhere(() => true);
    expect(status.notifications).toEqual({ state: 'listening', url: core.notifyUrl, lastReceivedAt: null, lastReceivedByAccount: {}, awaitingConfirmation: 0 });
    expect(status.activeAccount).toMatchObject({ name: 'Sandbox', environment: 'test' });
  });

  it('says when each account last heard from the gateway, a retry of a notification already recorded included', async () => {
    const accountId = ((await core.dispatcher.invoke('accounts.list', undefined, ctx)) as Result<{ accounts: Array<{ id: number }> }> & { ok: true }).value
      .accounts[0]?.id;
    const firstAt = clock;
    const paid = await core.dispatcher.invoke(
      'payments.submit',
      {
        idempotencyKey: `status-line-key${Date.now()}x`,
        accountId,
        operation: 'payment',
        amount: 1234,
        orderId: 'ORD-STATUS-1',
        customer: { email: 'ana@example.com' },
        card: { number: '4111111111111111', expiry: '12-30', cvv: '987', holder: 'ANA LOPEZ' },
      },
      ctx,
    );
    expect(paid.ok).toBe(true);
    const heard = await statusWhere((status) => status.notifications.lastReceivedAt !== null);
    expect(heard.notifications).toMatchObject({ lastReceivedAt: firstAt, lastReceivedByAccount: { [IDENTIFIER]: firstAt }, awaitingConfirmation: 0 });

    // The gateway sends the same notification again a minute later (its retry after a lost
    // OK): nothing new is recorded, but the gateway did reach this desk.
    await core.sandbox.settled();
    const sent = core.sandbox.ledger.notifications()[0];
    expect(sent).toBeDefined();
    const secrets = JSON.parse(await readFile(join(dir.path, 'secrets.json'), 'utf8')) as Record<string, string>;
    const params = sent?.params as Record<string, string>;
    clock += 60_000;
    const response = await fetch(core.notifyUrl, {
      method: 'POST',
      body: new URLSearchParams({ ...params, HASH: independentHash(params, secrets[`account:${accountId}`] as string) }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await response.text()).toBe('OK');
    const again = await statusWhere((status) => status.notifications.lastReceivedAt === clock);
    expect(again.notifications.lastReceivedByAccount).toEqual({ [IDENTIFIER]: clock });
  });
});
