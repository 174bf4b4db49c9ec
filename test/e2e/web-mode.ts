import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const READY_LINE = /^Comptoir ready at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m;

/**
 * Options every end-to-end run of web mode gets, in this one place: follow-ups run at once
 * instead of after Dalenys' 5 minutes (which core and the built-in sandbox enforce by
 * default), so specs can capture, refund or void right after a payment. A spec about the
 * gateway's own delays starts web mode `asShipped`, without them.
 */
const E2E_WEB_MODE_FLAGS: readonly string[] = ['--follow-up-delay-ms', '0'];

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

export interface StartOptions {
  /** Web mode exactly as a desk runs it: none of `E2E_WEB_MODE_FLAGS`. */
  readonly asShipped?: boolean;
}

/** `npm run web`'s program, as a user starts it, on a fresh data folder (kept when given). */
export async function startWebMode(extraArgs: readonly string[] = [], dataDir?: string, options: StartOptions = {}): Promise<WebMode> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'comptoir-e2e-')));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'dist/electron/web/cli.js'), '--port', '0', '--data-dir', dir, ...(options.asShipped ? [] : E2E_WEB_MODE_FLAGS), ...extraArgs],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
