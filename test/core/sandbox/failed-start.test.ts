import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/core/sandbox/index.js';
import { tempDir } from '../../support/temp-dir.js';
import { ACCOUNT } from '../../support/sandbox-fixture.js';

/** The files this process holds open (Linux: /proc/self/fd). */
const openFiles = () =>
  readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });

describe('a sandbox that cannot have its port', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('keeps no file open: the ledger it had opened is closed again', async () => {
    const first = await startSandbox({ accounts: [ACCOUNT] });
    const ledgerFile = join(dir.path, 'ledger.json');
    try {
      await expect(startSandbox({ accounts: [ACCOUNT], port: first.port, ledgerFile })).rejects.toMatchObject({ code: 'SANDBOX_PORT_UNAVAILABLE' });
      expect(openFiles().filter((path) => path.startsWith(ledgerFile))).toEqual([]);
    } finally {
      await first.close();
    }
  });
});
