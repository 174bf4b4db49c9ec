import { resolve } from 'node:path';

export interface WebArgs {
  readonly port: number;
  readonly dataDir: string | undefined;
  /** Core's (and the built-in sandbox's) follow-up delay; core's default (5 minutes) when absent. */
  readonly followUpDelayMs?: number;
  /**
   * The notification listener's port (a free one by default). Fixed, it survives a restart, so
   * a gateway given its URL (a standalone sandbox's `--notify-url`) keeps reaching the desk.
   */
  readonly notifyPort?: number;
}

export class UsageError extends Error {}

const WEB_USAGE = 'Usage: npm run web -- [--port PORT] [--data-dir DIR] [--follow-up-delay-ms N] [--notify-port PORT]';

/**
 * `--port N`, `--data-dir DIR`, `--follow-up-delay-ms N`, `--notify-port N` (each also `--flag=value`); anything
 * else is refused. The delay (Dalenys refuses follow-ups within 5 minutes) is for tests that
 * need speed: 0 turns it off in core and in the built-in sandbox.
 */
export function parseWebArgs(argv: readonly string[]): WebArgs {
  let port = 0;
  let dataDir: string | undefined;
  let followUpDelayMs: number | undefined;
  let notifyPort: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value. ${WEB_USAGE}`);
      return next;
    };
    const portValue = (): number => {
      const text = value();
      if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`${flag} must be a number from 0 to 65535, not "${text}".`);
      return Number(text);
    };
    if (flag === '--port') {
      port = portValue();
    } else if (flag === '--notify-port') {
      notifyPort = portValue();
    } else if (flag === '--data-dir') {
      dataDir = resolve(value());
    } else if (flag === '--follow-up-delay-ms') {
      const text = value();
      if (!/^\d{1,15}$/.test(text)) throw new UsageError(`--follow-up-delay-ms must be a whole number of milliseconds, 0 or more, not "${text}".`);
      followUpDelayMs = Number(text);
    } else if (flag === '--help' || flag === '-h') {
      throw new UsageError(WEB_USAGE);
    } else {
      throw new UsageError(`Unknown option "${flag}". ${WEB_USAGE}`);
    }
  }
  return { port, dataDir, ...(followUpDelayMs === undefined ? {} : { followUpDelayMs }), ...(notifyPort === undefined ? {} : { notifyPort }) };
}
