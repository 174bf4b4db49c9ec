import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract/result.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { createGatewayClient } from '../../../electron/core/gateway/index.js';
import { memoryLogger } from '../../support/silent-logger.js';
import { tempDir } from '../../support/temp-dir.js';

describe('export files posted to the CALLBACKURL', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let client: ReturnType<typeof createGatewayClient>;

  beforeEach(async () => {
    dir = await tempDir();
    core = await createCore({ dataDir: dir.path, version: '1.0.0', electronVersion: null, logger: memoryLogger().logger });
    const secrets = JSON.parse(await readFile(join(dir.path, 'secrets.json'), 'utf8')) as Record<string, string>;
    client = createGatewayClient({ identifier: 'COMPTOIR-SANDBOX', password: Object.values(secrets)[0] as string, hosts: { primary: core.sandbox.url } });
  });
  afterEach(async () => {
    await client.close();
    await core.close();
    await dir.remove();
  });

  it('stores the file the gateway delivers, byte for byte, in the data folder', async () => {
    const payment = (await core.dispatcher.invoke(
      'payments.submit',
      {
        idempotencyKey: 'export-test-key-000001',
        accountId: 1,
        operation: 'payment',
        amount: 1999,
        orderId: 'EXP-1',
        customer: { email: 'ana@example.com' },
        card: { number: '4111111111111111', expiry: '12-30', cvv: '123', holder: 'ANA LOPEZ' },
      },
      { role: 'admin', operator: null, transport: 'memory' },
    )) as Result<unknown>;
    expect(payment.ok).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const asked = await client.exportTransactions({ date: today, callbackUrl: core.exportCallbackUrl, compression: 'GZIP' });
    expect(asked).toMatchObject({ outcome: 'answered', response: { execCode: '0000' } });
    await core.sandbox.settled();
    const files = await readdir(join(dir.path, 'exports'));
    expect(files).toHaveLength(1);
    const stored = await readFile(join(dir.path, 'exports', files[0] as string));
    const sent = core.sandbox.ledger.exports()[0];
    expect(sent).toBeDefined();
    expect(stored.equals(core.sandbox.ledger.exportContent((sent as { id: number }).id) as Buffer)).toBe(true);
    expect(gunzipSync(stored).toString('utf8')).toContain('EXP-1');
  });

  it('refuses an upload to the export URL without this launch’s key', async () => {
    const url = core.exportCallbackUrl.replace(/key=[^&]+/, 'key=guessed');
    const response = await fetch(url, { method: 'POST', body: 'x', headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(403);
    const stored = await readdir(join(dir.path, 'exports')).catch(() => []);
    expect(stored).toEqual([]);
  });
});
