import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportProgress, ExportRequest } from '../../../shared/contract/reports.js';
import type { Logger } from '../logging/logger.js';
import { runExport, type ExportResult, type RunningExport } from './export-runner.js';
import { exportFileName, type ExportSpec } from './export-spec.js';
import { operationFilterOf } from './history-filter-query.js';
import { periodDays } from './report-period.js';

export interface ReportExportsOptions {
  readonly journalFile: string;
  /** Finished files go to `<dataDir>/reports/`. */
  readonly dataDir: string;
  readonly now: () => number;
  readonly emit: (progress: ExportProgress) => void;
  readonly logger: Logger;
}

/** The folder exports are written to. */
function reportsFolder(dataDir: string): string {
  return join(dataDir, 'reports');
}

/** A file name not taken on disk nor by an export under way: `name.csv`, `name-2.csv`, … */
function freeName(folder: string, name: string, reserved: ReadonlySet<string>): string {
  const dot = name.lastIndexOf('.');
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? name : `${name.slice(0, dot)}-${n}${name.slice(dot)}`;
    if (!reserved.has(candidate) && !existsSync(join(folder, candidate))) return candidate;
  }
}

/** The exports the screens start: each in its own worker, progress as events, cancel by id. */
export class ReportExports {
  private readonly running = new Map<string, { readonly fileName: string; readonly run: RunningExport }>();

  constructor(private readonly options: ReportExportsOptions) {}

  /** The spec an export request stands for (one place for the screen and the headless command). */
  static spec(request: ExportRequest): ExportSpec {
    const filter = operationFilterOf(request.filter);
    return {
      filter,
      format: request.format,
      timeZone: request.timeZone,
      ...(request.delimiter === undefined ? {} : { delimiter: request.delimiter }),
      ...(request.bom === undefined ? {} : { bom: request.bom }),
      title: request.title ?? 'Comptoir operations',
    };
  }

  async start(request: ExportRequest): Promise<{ exportId: string; fileName: string }> {
    const spec = ReportExports.spec(request);
    const folder = reportsFolder(this.options.dataDir);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const days = spec.filter.from !== undefined && spec.filter.to !== undefined ? periodDays(spec.filter.from, spec.filter.to, spec.timeZone) : null;
    const fileName = freeName(folder, exportFileName(spec, days), new Set([...this.running.values()].map((entry) => entry.fileName)));
    const exportId = randomBytes(9)
      .toString('base64url')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '0')
      .slice(0, 12);
    const emit = (state: ExportProgress['state'], done: number, total: number, code: string | null = null) =>
      this.options.emit({ exportId, state, done, total, fileName, code });
    let last = { done: 0, total: 0 };
    const run = runExport({
      journalFile: this.options.journalFile,
      spec,
      file: join(folder, fileName),
      now: this.options.now(),
      onProgress: (progress) => {
        last = progress;
        emit('running', progress.done, progress.total);
      },
      onFailure: (detail) => this.options.logger.warn({ exportId, detail }, 'an export failed; its partial file was removed'),
    });
    this.running.set(exportId, { fileName, run });
    emit('running', 0, 0);
    run.result
      .then(
        (result: ExportResult) => emit('done', result.rows, result.rows),
        (error: { code?: string }) =>
          emit(error.code === 'REPORT_EXPORT_CANCELLED' ? 'cancelled' : 'failed', last.done, last.total, error.code ?? 'REPORT_EXPORT_FAILED'),
      )
      .finally(() => this.running.delete(exportId));
    return { exportId, fileName };
  }

  cancel(exportId: string): boolean {
    const entry = this.running.get(exportId);
    if (!entry) return false;
    entry.run.cancel();
    return true;
  }

  /** Cancels what runs (their partial files are removed) and waits for them to stop. */
  async close(): Promise<void> {
    const all = [...this.running.values()];
    for (const entry of all) entry.run.cancel();
    await Promise.allSettled(all.map((entry) => entry.run.result));
  }
}
