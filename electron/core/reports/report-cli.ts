import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ExportFormat } from '../../../shared/contract/reports.js';
import { commandFailure, CommandError, openCommandContext } from './command-context.js';
import { runExport } from './export-runner.js';
import { ReportExports } from './report-exports.js';
import { reportPeriod } from './report-period.js';

/**
 * `npm run report -- --from 2026-11-01 --to 2026-11-30 --format csv|xlsx|pdf --out FILE
 *   [--account NAME] [--data-dir DIR] [--time-zone ZONE] [--delimiter ';'] [--bom]`
 * The same export as the Reports screen (same spec, same worker), for accounting automation.
 * Days are whole days in the zone (the profile's setting unless --time-zone says otherwise).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      account: { type: 'string' },
      'data-dir': { type: 'string' },
      'time-zone': { type: 'string' },
      delimiter: { type: 'string' },
      bom: { type: 'boolean', default: false },
    },
  });
  const format = ExportFormat.safeParse(values.format);
  if (!values.from || !values.to || !values.out || !format.success) {
    throw new CommandError('Usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD --format csv|xlsx|pdf --out FILE [--account NAME] [--data-dir DIR]');
  }
  if (values.delimiter !== undefined && values.delimiter !== ',' && values.delimiter !== ';') throw new CommandError('--delimiter must be "," or ";"');
  const context = await openCommandContext(values['data-dir']);
  try {
    const period = reportPeriod(values.from, values.to, values['time-zone'] ?? context.timeZone);
    const accountIds = context.accountIds(values.account);
    const spec = ReportExports.spec({
      filter: { from: period.from, to: period.to, ...(values.account === undefined ? {} : { accountIds }) },
      format: format.data,
      timeZone: period.timeZone,
      ...(values.delimiter === undefined ? {} : { delimiter: values.delimiter }),
      bom: values.bom,
      title: `Comptoir operations ${period.first} to ${period.last}${values.account === undefined ? '' : `, account ${values.account}`} (${period.timeZone})`,
    });
    const file = resolve(values.out);
    const result = await runExport({
      journalFile: context.journal.file,
      spec,
      file,
      now: Date.now(),
      onFailure: (detail) => process.stderr.write(`${detail}\n`),
    }).result;
    process.stdout.write(`Exported ${result.rows} operations to ${result.file}\n`);
    return 0;
  } finally {
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
