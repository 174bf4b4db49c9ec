import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../shared/contract/reports.js';
import { startCore, type TestCore } from '../../support/start-core.js';

/** Resolves with the export's first progress event in a final state. */
function finalProgress(f: TestCore, exportId: string): Promise<ExportProgress> {
  return new Promise((resolve) => {
    const stop = f.core.events.subscribe((name, payload) => {
      const progress = payload as ExportProgress;
      if (name === 'reports.exportProgress' && progress.exportId === exportId && progress.state !== 'running') {
        stop();
        resolve(progress);
      }
    });
  });
}

describe('reports.export through core', () => {
  let f: TestCore;
  beforeEach(async () => {
    f = await startCore();
  });
  afterEach(async () => {
    await f.close();
  });

  it('exports the operations of a history filter to the data folder, with progress to done', async () => {
    await f.pay({ amount: 1999, orderId: 'EXPORT-1' });
    await f.pay({ amount: 2500, orderId: 'EXPORT-2' });
    const started = await f.invoke<{ exportId: string; fileName: string }>('reports.export', {
      filter: { orderId: 'EXPORT-1' },
      format: 'csv',
      timeZone: 'UTC',
    });
    expect(started.fileName).toBe('comptoir-operations_all_UTC_minor-units.csv');
    const progress = await finalProgress(f, started.exportId);
    expect(progress).toMatchObject({ state: 'done', done: 1, total: 1, code: null });
    const rows = parse(readFileSync(join(f.dataDir, 'reports', started.fileName))) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[7]).toBe('EXPORT-1');
    expect(rows[1]?.[4]).toBe('1999');
    expect(rows[1]?.[11]).toBe('**** 1111');
    expect(readFileSync(join(f.dataDir, 'reports', started.fileName), 'utf8')).not.toContain('411111');
  });

  it('is for supervisors: a viewer or an operator is refused and nothing is written', async () => {
    for (const role of ['viewer', 'clerk'] as const) {
      const result = await f.call('reports.export', { filter: {}, format: 'csv', timeZone: 'UTC' }, { role, operator: 'olga', transport: 'memory' });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(() => readdirSync(join(f.dataDir, 'reports'))).toThrow();
  });

  it('refuses a filter it cannot apply rather than export more than asked', async () => {
    await expect(f.invoke('reports.export', { filter: { confirmations: ['discrepancy'] }, format: 'xlsx', timeZone: 'UTC' })).rejects.toMatchObject({
      code: 'REPORT_FILTER_UNSUPPORTED',
    });
  });
});
