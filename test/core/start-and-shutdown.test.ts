import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type CoreOptions } from '../../electron/core/core.js';
import { journalPath } from '../../electron/core/journal/database.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';

/** Holds a loopback port; resolves once listening. */
async function holdPort(port = 0): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

const portOf = (server: Server) => (server.address() as { port: number }).port;
const release = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A port nobody holds now. */
async function freePort(): Promise<number> {
  const server = await holdPort();
  const port = portOf(server);
  await release(server);
  return port;
}

/**
 * Start-up and shutdown cannot leak (issue 15, item 6). What proves a resource closed is what
 * a leak would show: the listener's port is free to bind again; the journal's `-wal` file is
 * gone, which SQLite does only when the last connection to the file (core's, and the
 * notification writer thread's) has closed; and core starts again on the same folder.
 */
describe('start-up and shutdown', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let lines: string[];
  let options: (extra?: Partial<CoreOptions>) => CoreOptions;

  beforeEach(async () => {
    dir = await tempDir();
    const memory = memoryLogger();
    lines = memory.lines;
    options = (extra = {}) => ({ dataDir: dir.path, version: '1.0.0', electronVersion: null, logger: memory.logger, followUpDelayMs: 0, ...extra });
  });
  afterEach(async () => {
    await dir.remove();
  });

  const journalFilesClosed = () => !existsSync(`${journalPath(dir.path, 'default')}-wal`) && !existsSync(`${journalPath(dir.path, 'default')}-shm`);

  it('closes the journal, the writer and the listener when the sandbox fails to start after them', async () => {
    // A damaged sandbox ledger stops the sandbox, which starts after everything else is open.
    await writeFile(join(dir.path, 'sandbox-ledger.json'), 'not JSON', { mode: 0o600 });
    const port = await freePort();
    await expect(createCore(options({ notifications: { port } }))).rejects.toMatchObject({ code: 'SANDBOX_LEDGER_FILE_UNREADABLE' });
    expect(journalFilesClosed()).toBe(true);
    await release(await holdPort(port));

    // The folder and the port are usable again at once.
    await rm(join(dir.path, 'sandbox-ledger.json'));
    const core = await createCore(options({ notifications: { port } }));
    expect(core.notifyUrl).toContain(`:${port}/`);
    await core.close();
    expect(journalFilesClosed()).toBe(true);
  });

  it('closes the journal and the writer when the listener cannot have its port', async () => {
    const taken = await holdPort();
    try {
      await expect(createCore(options({ notifications: { port: portOf(taken) } }))).rejects.toMatchObject({ code: 'NOTIFY_LISTEN_ADDRESS_IN_USE' });
      expect(journalFilesClosed()).toBe(true);
    } finally {
      await release(taken);
    }
    const core = await createCore(options());
    await core.close();
  });

  it('finishes every step of a shutdown when one fails, and reports the failure', async () => {
    const core = await createCore(options());
    const listenerPort = Number(new URL(core.notifyUrl).port);
    const sandboxPort = core.sandbox.port;
    // The sandbox folds its ledger into `sandbox-ledger.json` at close: a folder in its place
    // makes that fail.
    await rm(join(dir.path, 'sandbox-ledger.json'), { force: true });
    await mkdir(join(dir.path, 'sandbox-ledger.json', 'in-the-way'), { recursive: true });

    const closed = core.close();
    await expect(closed).rejects.toBeInstanceOf(AggregateError);
    const failure = (await closed.catch((error: unknown) => error)) as AggregateError;
    expect(failure.errors).toHaveLength(1);
    expect(failure.message).toMatch(/^shutdown incomplete: built-in sandbox: /);
    expect(lines.join('\n')).toContain('"resource":"built-in sandbox"');

    // Everything after the sandbox in the shutdown order was closed all the same.
    await release(await holdPort(listenerPort));
    await release(await holdPort(sandboxPort));
    expect(journalFilesClosed()).toBe(true);
    // Asking again reports the same outcome and closes nothing twice.
    await expect(core.close()).rejects.toBe(failure);
  });

  it('closes cleanly when nothing fails', async () => {
    const core = await createCore(options());
    const listenerPort = Number(new URL(core.notifyUrl).port);
    await core.close();
    await release(await holdPort(listenerPort));
    expect(journalFilesClosed()).toBe(true);
  });
});
