import type { ReportSummary } from '../../../shared/contract/reports.js';
import { SUCCEEDED_STATUSES } from '../../../shared/domain/operation-status.js';
import { createReaderPool, type ReaderPool } from '../journal/index.js';
import type { OperationFilter, SummaryDimension } from '../journal/query-types.js';

/** Not decided by the gateway: left out of the approval rate. */
const DECLINED = new Set(['declined', 'error']);
const SUCCEEDED = new Set<string>(SUCCEEDED_STATUSES);

/**
 * The Reports screen's totals, read by reader workers (never on core's thread): one summary
 * query per grouping over the journal's covering index.
 */
export class ReportSummaries {
  private readonly pool: ReaderPool;

  constructor(journalFile: string, now: () => number) {
    this.pool = createReaderPool({ file: journalFile, size: 1, now });
  }

  async summary(request: { from: number; to: number; timeZone: string; accountIds?: number[] | undefined }): Promise<ReportSummary> {
    const filter: OperationFilter = request.accountIds === undefined ? {} : { accountIds: request.accountIds };
    const by = (groupBy: SummaryDimension) => this.pool.summary({ from: request.from, to: request.to, groupBy, filter, timeZone: request.timeZone });
    const [byCurrency, byStatus, byType, byBrand, byOperator, byDay] = await Promise.all([
      by('currency'),
      by('status'),
      by('type'),
      by('brand'),
      by('operator'),
      by('day'),
    ]);
    let succeeded = 0;
    let decided = 0;
    for (const row of byStatus) {
      if (SUCCEEDED.has(row.key ?? '')) succeeded += row.count;
      if (SUCCEEDED.has(row.key ?? '') || DECLINED.has(row.key ?? '')) decided += row.count;
    }
    return {
      byCurrency: [...byCurrency],
      byStatus: [...byStatus],
      byType: [...byType],
      byBrand: [...byBrand],
      byOperator: [...byOperator],
      byDay: [...byDay],
      approvalRate: decided === 0 ? null : succeeded / decided,
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
