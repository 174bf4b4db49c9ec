import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const READY_LINE = /^Comptoir ready at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m;

/**
 * Options every end-to-end run of web mode gets, in this one place: for instance a flag that
 * lets follow-ups run at once instead of after the gateway's delay.
 */
export const E2E_WEB_MODE_FLAGS: readonly string[] = [];

export interface WebMode {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  readonly stdout: () => string;
  /** Everything the process printed, standard output and error. */
  readonly logs: () => string;
  stop(): Promise<void>;
}

/** `npm run web`'s program, as a user starts it, on a fresh data folder (kept when given). */
export async function startWebMode(extraArgs: string[] = [], dataDir?: string): Promise<WebMode> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'comptoir-e2e-')));
  const child: ChildProcess = spawn(process.execPath, [join(root, 'dist/electron/web/cli.js'), '--port', '0', '--data-dir', dir, ...E2E_WEB_MODE_FLAGS, ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not print its ready line.\nstdout: ${stdout}\nstderr: ${stderr}`)), 30_000);
    const check = () => {
      const found = stdout.match(READY_LINE);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code}.\nstderr: ${stderr}`));
    });
  });
  return {
    url: match[1] as string,
    port: Number(match[2]),
    token: match[3] as string,
    dataDir: dir,
    stdout: () => stdout,
    logs: () => `${stdout}\n${stderr}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
