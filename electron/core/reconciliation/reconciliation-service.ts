import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { CoreError } from '../errors.js';
import { openJournalDatabase } from '../journal/index.js';
import { spawnModuleWorker } from '../journal/worker-spawn.js';
import type { Logger } from '../logging/logger.js';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker.js';
import { ReconciliationStore, type ExceptionAction, type ImportResult, type StoredException } from './reconciliation-store.js';

export interface ReconciliationServiceOptions {
  readonly journalFile: string;
  /** Files the gateway posted to the CALLBACKURL (`<dataDir>/exports`). */
  readonly exportsFolder: string;
  readonly now: () => number;
  readonly logger: Logger;
  /** Asks the gateway for an exportTransactions file to the CALLBACKURL; false when refused. */
  readonly requestExport: (accountId: number, date: string) => Promise<boolean>;
}

/**
 * What the Reconciliation screen asks: the files received, an import (in a worker), the
 * imports and their exceptions, and an operator's action on one. The screen names a received
 * file by its name only: no path from the renderer ever reaches the file system.
 */
export class ReconciliationService {
  private readonly db: Database;
  private readonly store: ReconciliationStore;

  constructor(private readonly options: ReconciliationServiceOptions) {
    this.db = openJournalDatabase(options.journalFile, { integrityCheck: 'none', migrate: false });
    this.store = new ReconciliationStore(this.db, options.now);
  }

  async receivedFiles(): Promise<string[]> {
    const names = await readdir(this.options.exportsFolder).catch(() => []);
    return names
      .filter((name) => !name.startsWith('.'))
      .sort()
      .reverse();
  }

  async requestExport(accountId: number, date: string): Promise<void> {
    if (!(await this.options.requestExport(accountId, date))) throw new CoreError('RECONCILE_REQUEST_REFUSED');
  }

  async importReceived(fileName: string, operator: string | null): Promise<ImportResult> {
    const known = await this.receivedFiles();
    if (!known.includes(fileName)) throw new CoreError('RECONCILE_UNREADABLE_FILE', 'This file is not among the files received from Dalenys.');
    return this.importFile(join(this.options.exportsFolder, fileName), operator);
  }

  importFile(file: string, operator: string | null, accountIds: readonly number[] | null = null): Promise<ImportResult> {
    const data: ImportWorkerData = { journalFile: this.options.journalFile, file, accountIds, operator, now: this.options.now() };
    const worker = spawnModuleWorker(new URL('./import-worker.js', import.meta.url), data);
    return new Promise((resolve, reject) => {
      let settled = false;
      worker.on('message', (message: ImportWorkerMessage) => {
        settled = true;
        void worker.terminate();
        if (message.ok) resolve(message.result);
        else {
          if (message.code === 'INTERNAL_ERROR') this.options.logger.error({ detail: message.message }, 'a reconciliation import failed');
          reject(new CoreError(message.code, message.code === 'INTERNAL_ERROR' ? undefined : message.message));
        }
      });
      worker.on('error', (error) => {
        this.options.logger.error({ err: error }, 'the reconciliation worker failed');
        if (!settled) reject(new CoreError('INTERNAL_ERROR'));
        settled = true;
      });
    });
  }

  imports(): ReturnType<ReconciliationStore['imports']> {
    return this.store.imports();
  }

  exceptions(importId: number): StoredException[] {
    return this.store.exceptions(importId);
  }

  act(exceptionId: number, action: ExceptionAction, operator: string, note: string | null): StoredException {
    return this.store.act(exceptionId, action, operator, note);
  }

  close(): void {
    this.db.close();
  }
}
