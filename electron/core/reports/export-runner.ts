import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CoreError } from '../errors.js';
import { spawnModuleWorker } from '../journal/worker-spawn.js';
import type { ExportSpec } from './export-spec.js';
import type { ExportTotal } from './export-totals.js';
import type { ExportWorkerData, ExportWorkerMessage } from './export-worker.js';

interface ExportProgress {
  readonly done: number;
  readonly total: number;
}

export interface ExportResult {
  readonly file: string;
  readonly rows: number;
  readonly totals: readonly ExportTotal[];
}

/** An export under way: `result` settles once; `cancel()` stops it and leaves no file. */
export interface RunningExport {
  readonly result: Promise<ExportResult>;
  cancel(): void;
}

export interface ExportRequest {
  readonly journalFile: string;
  readonly spec: ExportSpec;
  /** Where the finished file goes; nothing is there until the export has fully succeeded. */
  readonly file: string;
  readonly now: number;
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Told why an export failed (a disk full, a folder gone), for the log; the caller gets the catalog's code. */
  readonly onFailure?: (detail: string) => void;
}

/**
 * Runs one export in a worker thread of its own (its own read connection), so a million rows
 * never hold core's thread. The worker writes `.<name>.<random>.partial` beside the target;
 * only a complete file is renamed into place, so a cancel, a crash or a full disk leaves at
 * most a hidden partial that this removes (and a restart never mistakes for an export).
 */
export function runExport(request: ExportRequest): RunningExport {
  const temp = join(dirname(request.file), `.${basename(request.file)}.${randomBytes(6).toString('hex')}.partial`);
  const data: ExportWorkerData = { journalFile: request.journalFile, file: temp, spec: request.spec, now: request.now };
  const worker = spawnModuleWorker(new URL('./export-worker.js', import.meta.url), data);
  let settled = false;
  let cancel: () => void = () => undefined;
  const result = new Promise<ExportResult>((resolve, reject) => {
    const fail = (error: CoreError) => {
      if (settled) return;
      settled = true;
      void worker
        .terminate()
        .catch(() => undefined)
        .then(() => rm(temp, { force: true }))
        .then(
          () => reject(error),
          () => reject(error),
        );
    };
    cancel = () => fail(new CoreError('REPORT_EXPORT_CANCELLED'));
    worker.on('message', (message: ExportWorkerMessage) => {
      if (settled) return;
      if (message.kind === 'progress') request.onProgress?.({ done: message.done, total: message.total });
      else if (message.kind === 'failed') {
        request.onFailure?.(message.detail);
        fail(new CoreError(message.code === 'JOURNAL_INVALID_QUERY' ? 'INVALID_INPUT' : 'REPORT_EXPORT_FAILED'));
      } else {
        settled = true;
        void worker.terminate();
        rename(temp, request.file).then(
          () => resolve({ file: request.file, rows: message.rows, totals: message.totals }),
          async (error: Error) => {
            request.onFailure?.(error.message);
            await rm(temp, { force: true });
            reject(new CoreError('REPORT_EXPORT_FAILED'));
          },
        );
      }
    });
    worker.on('error', () => fail(new CoreError('REPORT_EXPORT_FAILED')));
    worker.on('exit', () => fail(new CoreError('REPORT_EXPORT_FAILED')));
  });
  return { result, cancel: () => cancel() };
}
