import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath } from '../../../electron/core/journal/index.js';
import { tempDir } from '../journal/helpers.js';
import { exportJournal } from './export-fixture.js';

const run = promisify(execFile);

/** `npm run report -- …` is `tsx electron/core/reports/report-cli.ts …`: the same, without npm's banner. */
async function report(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'electron/core/reports/report-cli.ts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run report', () => {
  let dir: { dir: string; cleanup: () => void };

  beforeAll(async () => {
    dir = tempDir('comptoir-report-cli-');
    const fixture = exportJournal(dir.dir, journalPath(dir.dir, 'default'));
    await fixture.journal.close();
  });
  afterAll(() => dir.cleanup());

  it('exports whole days in the zone given, for the account named', async () => {
    const out = join(dir.dir, 'day.csv');
    const result = await report([
      '--from',
      '2026-01-15',
      '--to',
      '2026-01-15',
      '--format',
      'csv',
      '--out',
      out,
      '--account',
      'Boutique',
      '--data-dir',
      dir.dir,
      '--time-zone',
      'Europe/Paris',
    ]);
    expect(result).toMatchObject({ code: 0, stdout: `Exported 2 operations to ${out}\n` });
    const rows = parse(readFileSync(out)) as string[][];
    expect(rows.map((row) => row[7])).toEqual(['ORDERID', 'A-1', 'A-1-R1']);
  });

  it('exits non-zero with a clear message for an unknown account, and writes nothing', async () => {
    const out = join(dir.dir, 'none.csv');
    const result = await report(['--from', '2026-01-01', '--to', '2026-01-31', '--format', 'pdf', '--out', out, '--account', 'Nope', '--data-dir', dir.dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REPORT_UNKNOWN_ACCOUNT: No gateway account is named "Nope" (known: Boutique).');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a period that ends before it starts', async () => {
    const result = await report(['--from', '2026-01-31', '--to', '2026-01-01', '--format', 'xlsx', '--out', join(dir.dir, 'x.xlsx'), '--data-dir', dir.dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REPORT_INVALID_PERIOD');
  });
});
