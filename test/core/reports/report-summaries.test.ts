import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSummaries } from '../../../electron/core/reports/report-summaries.js';
import { reportPeriod } from '../../../electron/core/reports/report-period.js';
import { tempDir } from '../journal/helpers.js';
import { exportJournal } from './export-fixture.js';

describe('report summaries', () => {
  let dir: { dir: string; cleanup: () => void };
  let summaries: ReportSummaries;
  let close: () => Promise<void>;

  beforeAll(() => {
    dir = tempDir('comptoir-summary-');
    const fixture = exportJournal(dir.dir);
    summaries = new ReportSummaries(fixture.file, fixture.clock.now);
    close = () => fixture.journal.close();
  });
  afterAll(async () => {
    await summaries.close();
    await close();
    dir.cleanup();
  });

  it('totals a period of Paris days by day, status and type, with the approval rate', async () => {
    const period = reportPeriod('2026-01-15', '2026-01-16', 'Europe/Paris');
    const summary = await summaries.summary({ from: period.from, to: period.to, timeZone: 'Europe/Paris' });
    expect(summary.byDay).toEqual([
      { key: '2026-01-15', currency: 'EUR', count: 2, amount: 1750 },
      { key: '2026-01-16', currency: 'EUR', count: 1, amount: 990 },
    ]);
    expect(summary.byStatus).toEqual([
      { key: 'approved', currency: 'EUR', count: 1, amount: 500 },
      { key: 'declined', currency: 'EUR', count: 1, amount: 990 },
      { key: 'partially_refunded', currency: 'EUR', count: 1, amount: 1250 },
    ]);
    expect(summary.byType.map((row) => [row.key, row.count])).toEqual([
      ['payment', 2],
      ['refund', 1],
    ]);
    expect(summary.byOperator.map((row) => [row.key, row.count])).toEqual([
      ['-bob', 1],
      ['ana', 2],
    ]);
    // Two succeeded (the payment, the refund) of three the gateway decided.
    expect(summary.approvalRate).toBeCloseTo(2 / 3);
  });

  it('keeps to the days asked: the 16th alone in Paris', async () => {
    const period = reportPeriod('2026-01-16', '2026-01-16', 'Europe/Paris');
    const summary = await summaries.summary({ from: period.from, to: period.to, timeZone: 'Europe/Paris' });
    expect(summary.byCurrency).toEqual([{ key: 'EUR', currency: 'EUR', count: 1, amount: 990 }]);
    expect(summary.approvalRate).toBe(0);
  });
});
