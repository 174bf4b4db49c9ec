import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { guardCell } from './cell-guard.js';
import type { Cell } from './export-rows.js';
import type { ExportSpec } from './export-spec.js';
import { AMOUNT_UNITS } from './export-spec.js';
import type { ExportTotal } from './export-totals.js';

/** Writes one export file by streaming: rows go to disk as they come, memory stays bounded. */
export interface ExportWriter {
  row(cells: readonly Cell[]): Promise<void> | void;
  finish(totals: readonly ExportTotal[]): Promise<void>;
}

const TOTAL_HEADERS = ['Currency', 'Type', 'Status', 'Count', `Amount (${AMOUNT_UNITS})`];

function totalCells(total: ExportTotal): Cell[] {
  return [total.currency, total.type, total.status, total.count, total.amount];
}

/** Rejects with the stream's error, if any comes first. */
async function finished(stream: WriteStream): Promise<void> {
  if (stream.closed) return;
  await once(stream, 'close');
}

class CsvWriter implements ExportWriter {
  private readonly csv: Stringifier;
  private readonly out: WriteStream;
  private failure: Error | null = null;

  constructor(file: string, spec: ExportSpec, headers: readonly string[]) {
    this.out = createWriteStream(file, { mode: 0o600 });
    this.csv = stringify({ delimiter: spec.delimiter ?? ',', bom: spec.bom ?? false, record_delimiter: '\r\n', cast: { string: guardCell } });
    this.csv.on('error', (error) => (this.failure ??= error));
    this.out.on('error', (error) => (this.failure ??= error));
    this.csv.pipe(this.out);
    // The header row names the zone and the units (the title stays out: one table, one header).
    this.csv.write(headers);
  }

  async row(cells: readonly Cell[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.csv.write(cells)) await once(this.csv, 'drain');
  }

  async finish(): Promise<void> {
    this.csv.end();
    await finished(this.out);
    if (this.failure) throw this.failure;
  }
}

class XlsxWriter implements ExportWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private rows = 0;

  constructor(file: string, spec: ExportSpec, headers: readonly string[]) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
    this.sheet = this.workbook.addWorksheet('Operations');
    this.sheet.addRow([...headers]).commit();
    this.title = spec.title;
  }

  private readonly title: string;

  async row(cells: readonly Cell[]): Promise<void> {
    // Text cells are typed strings in XLSX: a spreadsheet never evaluates them, yet they are
    // guarded as in CSV so a file copied cell by cell elsewhere stays harmless.
    this.sheet.addRow(cells.map((cell) => (typeof cell === 'string' ? guardCell(cell) : cell))).commit();
    this.rows += 1;
    // Lets the zip stream drain to disk now and then.
    if (this.rows % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  async finish(totals: readonly ExportTotal[]): Promise<void> {
    this.sheet.commit();
    const sheet = this.workbook.addWorksheet('Totals');
    sheet.addRow([this.title]).commit();
    sheet.addRow(TOTAL_HEADERS).commit();
    for (const total of totals) sheet.addRow(totalCells(total).map((cell) => (typeof cell === 'string' ? guardCell(cell) : cell))).commit();
    sheet.commit();
    await this.workbook.commit();
  }
}

/** Column x positions (points) and the cells they show: a printable listing, not a spreadsheet. */
const PDF_COLUMNS: ReadonlyArray<{ readonly index: number; readonly x: number; readonly width: number }> = [
  { index: 0, x: 30, width: 100 },
  { index: 1, x: 132, width: 70 },
  { index: 2, x: 204, width: 58 },
  { index: 3, x: 264, width: 60 },
  { index: 5, x: 326, width: 62 },
  { index: 6, x: 390, width: 28 },
  { index: 7, x: 420, width: 110 },
  { index: 11, x: 532, width: 50 },
  { index: 13, x: 584, width: 70 },
];

class PdfWriter implements ExportWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly out: WriteStream;
  private failure: Error | null = null;
  private y = 0;

  constructor(
    file: string,
    private readonly spec: ExportSpec,
    private readonly headers: readonly string[],
  ) {
    this.doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 30, info: { Title: spec.title, Creator: 'Comptoir' } });
    this.out = createWriteStream(file, { mode: 0o600 });
    this.out.on('error', (error) => (this.failure ??= error));
    this.doc.pipe(this.out);
    this.doc.fontSize(12).font('Helvetica-Bold').text(spec.title, 30, 30);
    this.doc.fontSize(8).font('Helvetica').text(`Dates in ${spec.timeZone}; amounts in ${AMOUNT_UNITS}; refunds and credits negative in "Signed amount".`);
    this.y = this.doc.y + 8;
    this.headerLine();
  }

  private line(cells: readonly Cell[], bold = false): void {
    if (this.y > this.doc.page.height - 40) {
      this.doc.addPage();
      this.y = 30;
      if (!bold) this.headerLine();
    }
    this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7);
    for (const column of PDF_COLUMNS) {
      this.doc.text(String(cells[column.index] ?? ''), column.x, this.y, { width: column.width, height: 10, lineBreak: false, ellipsis: true });
    }
    this.y += 11;
  }

  private headerLine(): void {
    this.line(this.headers, true);
  }

  async row(cells: readonly Cell[]): Promise<void> {
    if (this.failure) throw this.failure;
    this.line(cells);
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
  }

  async finish(totals: readonly ExportTotal[]): Promise<void> {
    this.y += 10;
    this.doc.font('Helvetica-Bold').fontSize(10).text('Totals', 30, this.y);
    this.y = this.doc.y + 4;
    for (const total of totals) {
      if (this.y > this.doc.page.height - 40) {
        this.doc.addPage();
        this.y = 30;
      }
      this.doc
        .font('Helvetica')
        .fontSize(8)
        .text(`${total.currency}  ${total.type}  ${total.status}  count ${total.count}  amount ${total.amount}`, 30, this.y);
      this.y = this.doc.y + 2;
    }
    this.doc.end();
    await finished(this.out);
    if (this.failure) throw this.failure;
  }
}

export function createExportWriter(file: string, spec: ExportSpec, headers: readonly string[]): ExportWriter {
  switch (spec.format) {
    case 'csv':
      return new CsvWriter(file, spec, headers);
    case 'xlsx':
      return new XlsxWriter(file, spec, headers);
    case 'pdf':
      return new PdfWriter(file, spec, headers);
  }
}
