import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journal } from '../../../electron/core/journal/index.js';
import { runExport } from '../../../electron/core/reports/export-runner.js';
import type { ExportSpec } from '../../../electron/core/reports/export-spec.js';
import { tempDir } from '../journal/helpers.js';
import { exportJournal } from './export-fixture.js';

const HEADERS = [
  'Date (Europe/Paris)',
  'Account',
  'Type',
  'Status',
  'Amount (minor units)',
  'Signed amount (minor units)',
  'Currency',
  'ORDERID',
  'TRANSACTIONID',
  'EXECCODE',
  'Brand',
  'Card',
  'Customer',
  'Operator',
  'Description',
];

/**
 * The three operations as the spec says a file shows them: Paris time (UTC+1 in January), last
 * four only, texts guarded. The refund carries its payment's card and customer (the journal's).
 */
const ROWS = [
  [
    '2026-01-15 11:00:00',
    'Boutique',
    'payment',
    'partially_refunded',
    '1250',
    '1250',
    'EUR',
    'A-1',
    'T-A1',
    '0000',
    'visa',
    '**** 1111',
    `'=HYPERLINK("http://evil.example","x")`,
    'ana',
    `'+33 6 12 34`,
  ],
  [
    '2026-01-15 12:00:00',
    'Boutique',
    'refund',
    'approved',
    '500',
    '-500',
    'EUR',
    'A-1-R1',
    'T-A1R',
    '0000',
    'visa',
    '**** 1111',
    `'=HYPERLINK("http://evil.example","x")`,
    `'-bob`,
    `'@SUM(A1:A9)`,
  ],
  ['2026-01-16 11:00:00', 'Boutique', 'payment', 'declined', '990', '990', 'EUR', 'A-2', '', '4001', '', '', `'\tTab`, 'ana', `'\rCR`],
];

describe('exports', () => {
  let dir: { dir: string; cleanup: () => void };
  let journal: Journal;
  let journalFile: string;
  let now: number;

  beforeAll(() => {
    dir = tempDir('comptoir-export-');
    const fixture = exportJournal(dir.dir);
    journal = fixture.journal;
    journalFile = fixture.file;
    now = fixture.clock.value;
  });
  afterAll(async () => {
    await journal.close();
    dir.cleanup();
  });

  const spec = (overrides: Partial<ExportSpec> = {}): ExportSpec => ({
    filter: {},
    format: 'csv',
    timeZone: 'Europe/Paris',
    title: 'Operations, January 2026',
    ...overrides,
  });

  it('writes CSV with the zone and units in its header, the last four only, and every formula-like text neutralised', async () => {
    const file = join(dir.dir, 'semicolon.csv');
    const progress: number[] = [];
    const result = await runExport({ journalFile, spec: spec({ delimiter: ';', bom: true }), file, now, onProgress: (p) => progress.push(p.total) }).result;
    expect(result.rows).toBe(3);
    expect(progress[0]).toBe(3);
    const raw = readFileSync(file);
    expect(raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const records = parse(raw, { bom: true, delimiter: ';' }) as string[][];
    expect(records).toEqual([HEADERS, ...ROWS]);
    // Amounts are numbers in the file, the negative one too: never quoted, never prefixed.
    expect(raw.toString('utf8')).toContain(';500;-500;EUR;');
    expect(raw.toString('utf8')).not.toContain('4111111');
  });

  it('writes comma-separated CSV without a BOM by default, narrowed by the filter', async () => {
    const file = join(dir.dir, 'comma.csv');
    await runExport({ journalFile, spec: spec({ filter: { from: Date.UTC(2026, 0, 16), to: Date.UTC(2026, 0, 17) } }), file, now }).result;
    const raw = readFileSync(file, 'utf8');
    expect(raw.charCodeAt(0)).not.toBe(0xfeff);
    expect(parse(raw)).toEqual([HEADERS, ROWS[2]]);
  });

  it('writes XLSX with typed cells and a totals sheet', async () => {
    const file = join(dir.dir, 'ops.xlsx');
    await runExport({ journalFile, spec: spec({ format: 'xlsx' }), file, now }).result;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const operations = workbook.getWorksheet('Operations');
    const values = (row: number) => ((operations?.getRow(row).values as unknown[]) ?? []).slice(1);
    expect(values(1)).toEqual(HEADERS);
    // XML reads a carriage return in text back as a line feed (XML 1.0 section 2.11).
    const asCells = (row: string[]) => row.map((cell, i) => (i === 4 || i === 5 ? Number(cell) : cell === '' ? undefined : cell.replace('\r', '\n')));
    for (const [i, row] of ROWS.entries()) {
      const got = values(i + 2);
      expect([...got, ...Array(HEADERS.length - got.length).fill(undefined)]).toEqual(asCells(row));
    }
    expect(operations?.getRow(3).getCell(6).type).toBe(ExcelJS.ValueType.Number);
    expect(operations?.getRow(2).getCell(13).type).toBe(ExcelJS.ValueType.String);
    const totals = workbook.getWorksheet('Totals');
    const totalRows = (totals?.getSheetValues() ?? []).filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(totalRows).toEqual([
      ['Operations, January 2026'],
      ['Currency', 'Type', 'Status', 'Count', 'Amount (minor units)'],
      ['EUR', 'payment', 'declined', 1, 990],
      ['EUR', 'payment', 'partially_refunded', 1, 1250],
      ['EUR', 'refund', 'approved', 1, 500],
    ]);
  });

  it('writes a PDF whose text names the period, the zone, the units and each operation', async () => {
    const file = join(dir.dir, 'ops.pdf');
    await runExport({ journalFile, spec: spec({ format: 'pdf' }), file, now }).result;
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Operations, January 2026');
    expect(text).toContain('Dates in Europe/Paris; amounts in minor units');
    for (const orderId of ['A-1', 'A-1-R1', 'A-2']) expect(text).toContain(orderId);
    expect(text).toContain('**** 1111');
    expect(text).toMatch(/EUR\s+refund\s+approved\s+count 1\s+amount 500/);
    expect(text).not.toContain('411111');
  });

  it('leaves no file, partial or final, when cancelled', async () => {
    const out = join(dir.dir, 'cancelled');
    execFileSync('mkdir', ['-p', out]);
    const file = join(out, 'ops.xlsx');
    const running = runExport({ journalFile, spec: spec({ format: 'xlsx' }), file, now });
    running.cancel();
    await expect(running.result).rejects.toMatchObject({ code: 'REPORT_EXPORT_CANCELLED' });
    expect(readdirSync(out)).toEqual([]);
  });

  it('fails with a stable code and leaves nothing when the folder does not exist', async () => {
    const file = join(dir.dir, 'missing-folder', 'ops.csv');
    await expect(runExport({ journalFile, spec: spec(), file, now }).result).rejects.toMatchObject({ code: 'REPORT_EXPORT_FAILED' });
    expect(existsSync(join(dir.dir, 'missing-folder'))).toBe(false);
  });
});
