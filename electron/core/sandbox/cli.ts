import { createLogger } from '../logging/logger.js';
import { CliArgumentError, parseCliArgs, USAGE } from './cli-args.js';
import { SandboxError } from './errors.js';
import { startSandbox } from './sandbox.js';

/**
 * `npm run sandbox -- --port 8089 --identifier ID --password PW [--notify-url URL]`
 *
 * Prints exactly one line on stdout once listening (`Sandbox listening at http://HOST:PORT`),
 * logs to stderr, and closes cleanly on SIGINT/SIGTERM (`Sandbox stopped` on stderr, exit 0).
 * Argument errors exit 2, start failures exit 1.
 */
async function main(): Promise<void> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliArgumentError) {
      process.stderr.write(`${error.detail ?? error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const logger = createLogger({ name: 'sandbox', destination: process.stderr, level: process.env.COMPTOIR_LOG_LEVEL ?? 'warn' });
  let sandbox;
  try {
    sandbox = await startSandbox({ ...command.options, logger });
  } catch (error) {
    const message = error instanceof SandboxError ? `${error.code}: ${error.message}` : String(error);
    process.stderr.write(`Sandbox could not start. ${message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Sandbox listening at ${sandbox.url}\n`);
  if (sandbox.secondaryUrl !== undefined) process.stderr.write(`Secondary listener at ${sandbox.secondaryUrl}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // `npm run` / `npx tsx` relay the signal the terminal already sent to the whole group,
    // so a repeated signal while closing is expected and ignored.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'sandbox stopping');
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    sandbox.close().then(
      () => {
        process.stderr.write('Sandbox stopped\n');
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
