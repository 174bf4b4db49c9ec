import { SandboxError } from './errors.js';
import type { SandboxOptions } from './options.js';
import type { NotificationMode } from './types.js';

/**
 * Arguments of `npm run sandbox -- --port 8089 --identifier ID --password PW [--notify-url URL]`.
 * Parsed by hand so every mistake gets a clear sentence (and exit code 2).
 */
export const USAGE = `Usage: npm run sandbox -- --identifier ID --password PW [options]

  --port N               primary port (default 8089; 0 picks a free port)
  --secondary-port N     also listen on a "secondary" port sharing the ledger (0: free port)
  --host ADDRESS         listen address (default 127.0.0.1)
  --identifier ID        account IDENTIFIER (1-32 characters)
  --password PW          account password used for HASH
  --currency CODE        account currency (default EUR)
  --notify-url URL       notification URL of the account
  --notify-method M      POST (default) or GET
  --notify-mode M        after (default), before, twice, late, never
  --allow-credit         allow the credit operation on the account
  --ledger-file PATH     keep the ledger in this JSON file
  --outbox-dir PATH      write MAILTO exports to this folder
  --follow-up-delay-ms N refuse follow-ups (2017) within N ms of their reference
                         (default 300000, Dalenys' 5 minutes; 0 turns the rule off)
  --three-d-secure-expiry-ms N
                         a 3-D Secure authentication not completed within N ms ends in
                         4009 and is notified (default 900000, 15 minutes)
  --help                 show this text`;

export class CliArgumentError extends SandboxError {
  constructor(detail: string) {
    super('SANDBOX_CLI_ARGUMENT_INVALID', detail);
    this.name = 'CliArgumentError';
  }
}

export type CliCommand = { readonly kind: 'help' } | { readonly kind: 'run'; readonly options: SandboxOptions };

const VALUE_FLAGS = new Set([
  '--port',
  '--secondary-port',
  '--host',
  '--identifier',
  '--password',
  '--currency',
  '--notify-url',
  '--notify-method',
  '--notify-mode',
  '--ledger-file',
  '--outbox-dir',
  '--follow-up-delay-ms',
  '--three-d-secure-expiry-ms',
]);
const BOOLEAN_FLAGS = new Set(['--allow-credit', '--help']);

function milliseconds(value: string, flag: string, min: number): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) < min)
    throw new CliArgumentError(`${flag} must be a whole number of milliseconds, ${min} or more, got "${value}".`);
  return Number(value);
}

function port(value: string, flag: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) throw new CliArgumentError(`${flag} must be a number from 0 to 65535, got "${value}".`);
  return Number(value);
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i] as string;
    const eq = raw.indexOf('=');
    const name = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    if (BOOLEAN_FLAGS.has(name)) {
      flags.add(name);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) throw new CliArgumentError(`Unknown argument "${raw}". Try --help.`);
    let value: string | undefined;
    if (eq > 0 && raw.startsWith('--')) value = raw.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || (value.startsWith('--') && VALUE_FLAGS.has(value))) throw new CliArgumentError(`${name} needs a value.`);
    if (values.has(name)) throw new CliArgumentError(`${name} is given twice.`);
    values.set(name, value);
  }
  if (flags.has('--help')) return { kind: 'help' };

  const identifier = values.get('--identifier');
  const password = values.get('--password');
  if (identifier === undefined) throw new CliArgumentError('--identifier is required.');
  if (identifier === '' || identifier.length > 32) throw new CliArgumentError('--identifier must be 1 to 32 characters.');
  if (password === undefined || password === '') throw new CliArgumentError('--password is required.');
  const currency = values.get('--currency') ?? 'EUR';
  if (!/^[A-Z]{3}$/.test(currency)) throw new CliArgumentError('--currency must be an ISO 4217 code such as EUR.');
  const notifyUrl = values.get('--notify-url');
  if (notifyUrl !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(notifyUrl);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw new CliArgumentError('--notify-url must be an http:// or https:// URL.');
    }
  }
  const notifyMethod = (values.get('--notify-method') ?? 'POST').toUpperCase();
  if (notifyMethod !== 'POST' && notifyMethod !== 'GET') throw new CliArgumentError('--notify-method must be POST or GET.');
  const notifyMode = values.get('--notify-mode') ?? 'after';
  if (!['after', 'before', 'twice', 'late', 'never'].includes(notifyMode)) {
    throw new CliArgumentError('--notify-mode must be one of after, before, twice, late, never.');
  }
  const secondary = values.get('--secondary-port');
  const ledgerFile = values.get('--ledger-file');
  const outboxDir = values.get('--outbox-dir');
  const followUpDelay = values.get('--follow-up-delay-ms');
  const threeDSecureExpiry = values.get('--three-d-secure-expiry-ms');

  return {
    kind: 'run',
    options: {
      accounts: [
        {
          identifier,
          password,
          currency,
          notificationMethod: notifyMethod,
          allowCredit: flags.has('--allow-credit'),
          ...(notifyUrl === undefined ? {} : { notificationUrl: notifyUrl }),
        },
      ],
      host: values.get('--host') ?? '127.0.0.1',
      port: port(values.get('--port') ?? '8089', '--port'),
      ...(secondary === undefined ? {} : { secondaryPort: port(secondary, '--secondary-port') }),
      notifications: { mode: notifyMode as NotificationMode },
      ...(ledgerFile === undefined ? {} : { ledgerFile }),
      ...(outboxDir === undefined ? {} : { outboxDir }),
      ...(followUpDelay === undefined ? {} : { followUpDelayMs: milliseconds(followUpDelay, '--follow-up-delay-ms', 0) }),
      ...(threeDSecureExpiry === undefined ? {} : { threeDSecureExpiryMs: milliseconds(threeDSecureExpiry, '--three-d-secure-expiry-ms', 1) }),
    },
  };
}
