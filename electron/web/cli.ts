import { join } from 'node:path';
import { createCore } from '../core/core.js';
import { defaultDataDir } from '../core/host/data-dir.js';
import { packageRoot, packageVersion } from '../core/host/package-root.js';
import { createLogger } from '../core/logging/logger.js';
import { readyLine } from '../core/notifications/index.js';
import { startWebBridge } from './bridge.js';
import { parseWebArgs, UsageError } from './cli-args.js';

/**
 * `npm run web`: core in this Node process, the renderer served to a browser on 127.0.0.1.
 * Prints exactly one ready line on stdout; logs go to stderr.
 */
async function main(): Promise<void> {
  let args;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ destination: process.stderr as never });
  const root = packageRoot();
  const dataDir = args.dataDir ?? defaultDataDir();
  const core = await createCore({
    dataDir,
    dataDirGiven: args.dataDir !== undefined,
    version: packageVersion(root),
    electronVersion: null,
    logger,
    ...(args.followUpDelayMs === undefined ? {} : { followUpDelayMs: args.followUpDelayMs }),
    ...(args.notifyPort === undefined ? {} : { notifications: { port: args.notifyPort } }),
  });
  // One desk per launch, bound to its token: whoever signs in through it is the caller, never the page's word.
  const link = core.linkFor({ session: 'web', transport: 'web' });
  let bridge;
  try {
    bridge = await startWebBridge({ link, rendererDir: join(root, 'dist', 'renderer'), port: args.port, logger });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(code === 'EADDRINUSE' ? `Port ${args.port} is already in use; pick another with --port.\n` : `Could not start: ${String(error)}\n`);
    // Each failure to close is in the log; the port is the reason to report.
    await core.close().catch(() => undefined);
    process.exit(1);
  }

  // Core closes every part even when one fails, logs each failure and rejects: exit 1 then.
  const stop = async () => {
    let clean = true;
    await bridge.close().catch((error: unknown) => {
      clean = false;
      logger.error({ err: error }, 'the web bridge did not close cleanly');
    });
    await core.close().catch(() => {
      clean = false;
    });
    process.exit(clean ? 0 : 1);
  };
  // Before saying it is ready: whoever reads that line may stop it at once.
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.stdout.write(`${readyLine({ notifyUrl: core.notifyUrl })}\n`);
  process.stdout.write(`Comptoir ready at ${bridge.url}\n`);
}

await main();
