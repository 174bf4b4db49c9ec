import { runAuditCli } from './verify-cli.js';

process.exitCode = runAuditCli(
  process.argv.slice(2),
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
);
