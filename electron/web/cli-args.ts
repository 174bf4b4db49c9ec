import { resolve } from 'node:path';

export interface WebArgs {
  readonly port: number;
  readonly dataDir: string | undefined;
}

export class UsageError extends Error {}

export const WEB_USAGE = 'Usage: npm run web -- [--port PORT] [--data-dir DIR]';

/** `--port N`, `--port=N`, `--data-dir DIR`, `--data-dir=DIR`; anything else is refused. */
export function parseWebArgs(argv: readonly string[]): WebArgs {
  let port = 0;
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value. ${WEB_USAGE}`);
      return next;
    };
    if (flag === '--port') {
      const text = value();
      if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${text}".`);
      port = Number(text);
    } else if (flag === '--data-dir') {
      dataDir = resolve(value());
    } else if (flag === '--help' || flag === '-h') {
      throw new UsageError(WEB_USAGE);
    } else {
      throw new UsageError(`Unknown option "${flag}". ${WEB_USAGE}`);
    }
  }
  return { port, dataDir };
}
