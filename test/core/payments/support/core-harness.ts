import { createCore, type Core, type CoreOptions } from '../../../../electron/core/core.js';
import type { CallContext } from '../../../../electron/core/dispatcher.js';
import type { EventPayload } from '../../../../shared/contract/events.js';
import type { Result } from '../../../../shared/contract/result.js';
import { memoryLogger } from '../../../support/silent-logger.js';
import { tempDir } from '../../../support/temp-dir.js';

export type Operation = EventPayload<'operation.updated'>;
const PAN = '4111111111111111';

/**
 * A real core on a temp folder, with its built-in sandbox; calls go through the dispatcher.
 * Follow-ups may run at once (no 5-minute wait) unless a test asks for the delay.
 */
export async function startCore(extra: Partial<CoreOptions> = {}) {
  const dir = await tempDir();
  const core: Core = await createCore({ dataDir: dir.path, version: '1.0.0', electronVersion: null, logger: memoryLogger().logger, followUpDelayMs: 0, ...extra });
  const invokeAs = async (ctx: CallContext, channel: string, payload?: unknown): Promise<unknown> => {
    const result = (await core.dispatcher.invoke(channel, payload, ctx)) as Result<unknown>;
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, issues: result.error.issues });
    return result.value;
  };
  const admin: CallContext = { role: 'admin', operator: 'ana', transport: 'memory' };
  const invoke = (channel: string, payload?: unknown) => invokeAs(admin, channel, payload);
  const accounts = (await invoke('accounts.list')) as { accounts: Array<{ id: number; largeAmountThreshold: number }> };
  const accountId = accounts.accounts[0]?.id as number;
  let keys = 0;
  const key = (label: string) => `${label}-${String(++keys).padStart(8, '0')}-${Date.now()}`;
  const submission = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: key('pay'),
    accountId,
    operation: 'payment',
    amount: 4200,
    orderId: `ORD-${Math.random().toString(36).slice(2, 10)}`,
    customer: { email: 'ana@example.com', name: 'Ana Lopez', ident: 'C-42' },
    card: { number: PAN, expiry: '12-30', cvv: '987', holder: 'ANA LOPEZ' },
    ...overrides,
  });
  return {
    core,
    accountId,
    invoke,
    invokeAs,
    key,
    submission,
    async stop() {
      await core.close();
      await dir.remove();
    },
  };
}
export type CoreHarness = Awaited<ReturnType<typeof startCore>>;
