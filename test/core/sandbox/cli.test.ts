import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../electron/core/sandbox/cli-args.js';
import { startReceiver } from '../../support/sandbox-fixture.js';
import { call, cardParams } from './harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('sandbox CLI arguments', () => {
  it('parses the documented form, with defaults', () => {
    const command = parseCliArgs(['--port', '0', '--identifier', 'ID', '--password', 'PW', '--notify-url', 'http://127.0.0.1:9/n']);
    expect(command).toMatchObject({
      kind: 'run',
      options: {
        host: '127.0.0.1',
        port: 0,
        accounts: [
          { identifier: 'ID', password: 'PW', currency: 'EUR', notificationUrl: 'http://127.0.0.1:9/n', notificationMethod: 'POST', allowCredit: false },
        ],
      },
    });
    expect(parseCliArgs(['--identifier=ID', '--password=PW'])).toMatchObject({ options: { port: 8089 } });
    expect(parseCliArgs(['--identifier', 'ID', '--password', 'PW', '--secondary-port', '0', '--notify-method', 'get', '--allow-credit'])).toMatchObject({
      options: { secondaryPort: 0, accounts: [{ notificationMethod: 'GET', allowCredit: true }] },
    });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    // Without the flags the sandbox's own defaults apply (5 minutes, 15 minutes).
    expect(parseCliArgs(['--identifier', 'ID', '--password', 'PW'])).not.toMatchObject({ options: { followUpDelayMs: expect.anything() } });
    expect(parseCliArgs(['--identifier', 'ID', '--password', 'PW', '--follow-up-delay-ms', '0', '--three-d-secure-expiry-ms=60000'])).toMatchObject({
      options: { followUpDelayMs: 0, threeDSecureExpiryMs: 60_000 },
    });
  });

  it.each([
    [['--password', 'PW'], '--identifier is required.'],
    [['--identifier', 'ID'], '--password is required.'],
    [['--identifier', 'ID', '--password', 'PW', '--port', 'eighty'], '--port must be a number from 0 to 65535, got "eighty".'],
    [['--identifier', 'ID', '--password', 'PW', '--port', '65536'], '--port must be a number from 0 to 65535, got "65536".'],
    [['--identifier', 'ID', '--password', 'PW', '--port'], '--port needs a value.'],
    [['--identifier', 'ID', '--password', 'PW', '--notify-url', 'not a url'], '--notify-url must be an http:// or https:// URL.'],
    [['--identifier', 'ID', '--password', 'PW', '--verbose'], 'Unknown argument "--verbose". Try --help.'],
    [['--identifier', 'X'.repeat(33), '--password', 'PW'], '--identifier must be 1 to 32 characters.'],
    [['--identifier', 'ID', '--identifier', 'ID2', '--password', 'PW'], '--identifier is given twice.'],
    [['--identifier', 'ID', '--password', 'PW', '--notify-mode', 'sometimes'], '--notify-mode must be one of after, before, twice, late, never.'],
    [
      ['--identifier', 'ID', '--password', 'PW', '--follow-up-delay-ms', '-5'],
      '--follow-up-delay-ms must be a whole number of milliseconds, 0 or more, got "-5".',
    ],
    [
      ['--identifier', 'ID', '--password', 'PW', '--follow-up-delay-ms', 'soon'],
      '--follow-up-delay-ms must be a whole number of milliseconds, 0 or more, got "soon".',
    ],
    [
      ['--identifier', 'ID', '--password', 'PW', '--three-d-secure-expiry-ms', '0'],
      '--three-d-secure-expiry-ms must be a whole number of milliseconds, 1 or more, got "0".',
    ],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(expect.objectContaining({ code: 'SANDBOX_CLI_ARGUMENT_INVALID', detail: message }));
  });
});

describe('standalone sandbox (npx tsx)', () => {
  it('prints one ready line, serves a signed request, notifies, and exits cleanly on SIGTERM', async () => {
    const receiver = await startReceiver();
    // Own process group: npx does not forward signals, so SIGTERM goes to the whole group as a
    // terminal would send it; the sandbox must then close once, cleanly.
    const child = spawn(
      'npx',
      ['tsx', 'electron/core/sandbox/cli.ts', '--port', '0', '--identifier', 'CLI-ID', '--password', 'cli-secret', '--notify-url', receiver.url],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    const group = child.pid as number;
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const ready = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('\n')) resolve(stdout);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      const match = /^Sandbox listening at (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(ready);
      expect(match).not.toBeNull();
      const url = match?.[1] as string;
      expect(Number(match?.[2])).toBeGreaterThan(0);

      const json = await call(`${url}/front/service/rest/process`, 'payment', cardParams(Date.now()), { identifier: 'CLI-ID', password: 'cli-secret' });
      expect(json.EXECCODE).toBe('0000');
      await receiver.waitForCalls(1);
      expect(receiver.calls[0]?.fields.TRANSACTIONID).toBe(json.TRANSACTIONID);

      // The pipes close once every process of the group (npx, tsx, node) has exited.
      const allGone = Promise.all([once(child.stdout, 'close'), once(child.stderr, 'close')]);
      process.kill(-group, 'SIGTERM');
      await allGone;
      expect(stderr).toContain('Sandbox stopped');
      expect(stdout).toBe(ready);
      await expect(call(`${url}/front/service/rest/process`, 'payment', cardParams(Date.now()))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Already gone, as expected.
      }
      await receiver.close();
    }
  });

  it('exits with code 2 and the reason on a bad argument', async () => {
    const child = spawn('npx', ['tsx', 'electron/core/sandbox/cli.ts', '--port', 'x', '--identifier', 'ID', '--password', 'PW'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a number from 0 to 65535');
  });
});
