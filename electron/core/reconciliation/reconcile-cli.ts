import { parseArgs } from 'node:util';
import { openJournalDatabase } from '../journal/index.js';
import { commandFailure, CommandError, openCommandContext } from '../reports/command-context.js';
import { importReconciliationFile } from './import-file.js';
import { ReconciliationStore } from './reconciliation-store.js';
import { exceptionLine, summaryLine } from './summary-text.js';

/**
 * `npm run reconcile -- --file FILE [--account NAME] [--data-dir DIR]`
 * Imports a Dalenys export (CSV, gzip, zip or bzip2; either layout) as the Reconciliation
 * screen does, prints the summary line, then one line per exception (amounts in minor units).
 * Exits 1 with a clear message when the file cannot be read. A file imported before changes
 * nothing and prints what that import found.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, account: { type: 'string' }, 'data-dir': { type: 'string' } } });
  if (!values.file) throw new CommandError('Usage: npm run reconcile -- --file FILE [--account NAME] [--data-dir DIR]');
  const context = await openCommandContext(values['data-dir']);
  const db = openJournalDatabase(context.journal.file, { integrityCheck: 'none', migrate: false });
  try {
    const accountIds = values.account === undefined ? null : context.accountIds(values.account);
    const result = await importReconciliationFile(new ReconciliationStore(db, Date.now), values.file, { accountIds, operator: null });
    process.stdout.write(`${summaryLine(result.summary)}\n`);
    for (const exception of result.exceptions) process.stdout.write(`${exceptionLine(exception)}\n`);
    if (result.alreadyImported) process.stderr.write(`This file was imported on ${new Date(result.importedAt).toISOString()}; nothing changed.\n`);
    return 0;
  } finally {
    db.close();
    await context.journal.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${commandFailure(error)}\n`);
    process.exitCode = 1;
  },
);
