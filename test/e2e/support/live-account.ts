import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface StandaloneSandbox {
  readonly url: string;
  stop(): Promise<void>;
}

/** `npm run sandbox`'s program, as an integrator starts it, on a free port. */
export async function startStandaloneSandbox(identifier: string, password: string): Promise<StandaloneSandbox> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/core/sandbox/cli.ts', '--port', '0', '--identifier', identifier, '--password', password],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${stdout}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^Sandbox listening at (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Adds an account to a data folder that web mode has not opened yet. */
export function seedAccount(
  dataDir: string,
  account: { name: string; identifier: string; password: string; host: string; environment: 'test' | 'live' },
): number {
  const run = spawnSync(
    process.execPath,
    [`${root}/test/e2e/support/seed-account.mjs`, dataDir, account.name, account.identifier, account.password, account.host, account.environment],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`seeding failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { accountId: number }).accountId;
}
