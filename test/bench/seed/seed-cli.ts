import { parseArgs } from 'node:util';
import { journalPath } from '../../../electron/core/journal/database.js';
import { isJournalError } from '../../../electron/core/journal/journal-error.js';
import { seedJournal } from './seed.js';

/**
 * `npm run seed -- --rows 1000000 --data-dir DIR [--profile default] [--file PATH] [--seed N]`
 * Fills an EMPTY journal with a year of realistic operations (for benchmarks and demos).
 */
function main(): number {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      'data-dir': { type: 'string' },
      profile: { type: 'string', default: 'default' },
      file: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const rows = Number(values.rows);
  if (!Number.isSafeInteger(rows) || rows < 1) {
    process.stderr.write('--rows must be a positive integer\n');
    return 2;
  }
  const file = values.file ?? (values['data-dir'] ? journalPath(values['data-dir'], values.profile) : undefined);
  if (!file) {
    process.stderr.write('give --data-dir DIR (journal in DIR/profiles/<profile>/journal.sqlite) or --file PATH\n');
    return 2;
  }
  process.stdout.write(`seeding ${rows} operations into ${file}\n`);
  const result = seedJournal({
    file,
    rows,
    ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
    onProgress: (done, total) => process.stdout.write(`  ${done} / ${total}\n`),
  });
  process.stdout.write(
    `seeded ${result.operations} operations and ${result.events} events in ${result.seconds.toFixed(1)} s\n`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`${isJournalError(error) ? `${error.code}: ${error.detail ?? error.message}` : String(error)}\n`);
  process.exitCode = 1;
}
