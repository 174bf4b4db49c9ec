import type { ExportFormat } from '../../../shared/contract/reports.js';
import type { OperationFilter } from '../journal/query-types.js';

/** What an export is asked to write. Plain data: it crosses to the export worker. */

export interface ExportSpec {
  readonly filter: OperationFilter;
  readonly format: ExportFormat;
  /** IANA zone every date of the file is written in (stated in its header and name). */
  readonly timeZone: string;
  /** CSV only: `,` (default) or `;` (what a French Excel expects). */
  readonly delimiter?: ',' | ';';
  /** CSV only: a UTF-8 byte-order mark first, so Excel reads the accents right. */
  readonly bom?: boolean;
  /** A line under the title (the period, the account): who reads the file knows what it holds. */
  readonly title: string;
}

/** What every file says its amounts are in. */
export const AMOUNT_UNITS = 'minor units';

/**
 * `comptoir-operations_2026-11-01_2026-11-30_Europe-Paris_minor-units.csv`: the zone and the
 * units are in the name as in the header, so a file renamed by nobody still says what it is.
 */
export function exportFileName(spec: Pick<ExportSpec, 'format' | 'timeZone'>, period: { readonly first: string; readonly last: string } | null): string {
  const zone = spec.timeZone.replace(/[^A-Za-z0-9_-]+/g, '-');
  const days = period === null ? 'all' : `${period.first}_${period.last}`;
  return `comptoir-operations_${days}_${zone}_minor-units.${spec.format}`;
}
