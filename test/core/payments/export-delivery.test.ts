import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGatewayClient } from '../../../electron/core/gateway/index.js';
import { utcDay } from '../../support/dates.js';
import { startCore, type TestCore } from '../../support/start-core.js';

describe('export files posted to the CALLBACKURL', () => {
  let f: TestCore;
  let client: ReturnType<typeof createGatewayClient>;

  beforeEach(async () => {
    f = await startCore();
    client = createGatewayClient({ identifier: 'COMPTOIR-SANDBOX', password: await f.sandboxPassword(), hosts: { primary: f.core.sandbox.url } });
  });
  afterEach(async () => {
    await client.close();
    await f.close();
  });

  it('stores the file the gateway delivers, byte for byte, in the data folder', async () => {
    await f.pay({ amount: 1999, orderId: 'EXP-1' });
    const asked = await client.exportTransactions({ date: utcDay(), callbackUrl: f.core.exportCallbackUrl, compression: 'GZIP' });
    expect(asked).toMatchObject({ outcome: 'answered', response: { execCode: '0000' } });
    await f.core.sandbox.settled();
    const files = await readdir(join(f.dataDir, 'exports'));
    expect(files).toHaveLength(1);
    const stored = await readFile(join(f.dataDir, 'exports', files[0] as string));
    const sent = f.core.sandbox.ledger.exports()[0];
    expect(sent).toBeDefined();
    expect(stored.equals(f.core.sandbox.ledger.exportContent((sent as { id: number }).id) as Buffer)).toBe(true);
    expect(gunzipSync(stored).toString('utf8')).toContain('EXP-1');
  });

  it('refuses an upload to the export URL without this launch’s key', async () => {
    const url = f.core.exportCallbackUrl.replace(/key=[^&]+/, 'key=guessed');
    const response = await fetch(url, { method: 'POST', body: 'x', headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(403);
    const stored = await readdir(join(f.dataDir, 'exports')).catch(() => []);
    expect(stored).toEqual([]);
  });
});
