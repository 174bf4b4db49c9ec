import { JournalError } from './journal-error.js';
import {
  SUMMARY_KEY,
  coveredByReportIndex,
  cursorKey,
  hasSelectivePredicate,
  encodeCursor,
  pagePlan,
  whereClause,
  whereSql,
  type SqlValue,
} from './query-sql.js';
import type { FilterTotals, OperationFilter, OperationPage, OperationPageQuery, ReadRequest, SummaryRow, SummarySpec } from './query-types.js';
import { OPERATION_COLUMNS, toOperation, type OperationRow } from './rows.js';
import type { SqlEngine, SqlStatement } from './sql-engine.js';

const DAY_MS = 86_400_000;
/** Every zone's offset is a multiple of 15 minutes, so 15-minute buckets can be cut at any local midnight. */
const QUARTER_HOUR_MS = 900_000;
const STATEMENT_CACHE_SIZE = 128;

/**
 * The read side of the journal: history pages, counts, totals and summaries. The same code
 * runs on the owner thread (`Journal.query`) and in reader workers (`ReaderPool`).
 */
export class JournalReader {
  private readonly statements = new Map<string, SqlStatement>();

  constructor(
    private readonly sql: Pick<SqlEngine, 'prepare'>,
    private readonly now: () => number,
    /** The file's quick check on this reader's connection (`integrityProblems`). */
    private readonly checkIntegrity: () => readonly string[] = () => {
      throw new JournalError('JOURNAL_INVALID_QUERY', 'no integrity check here');
    },
  ) {}

  private prepare(sql: string): SqlStatement {
    let statement = this.statements.get(sql);
    if (statement) {
      this.statements.delete(sql);
    } else {
      statement = this.sql.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.statements.keys().next().value;
        if (oldest !== undefined) this.statements.delete(oldest);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }

  execute(request: ReadRequest): unknown {
    switch (request.kind) {
      case 'page':
        return this.page(request.query);
      case 'count':
        return this.count(request.filter);
      case 'totals':
        return this.totals(request.filter);
      case 'summary':
        return this.summary(request.spec);
      case 'integrity':
        return this.checkIntegrity();
      default:
        throw new JournalError('JOURNAL_INVALID_QUERY', 'unknown request kind');
    }
  }

  page(query: OperationPageQuery): OperationPage {
    const now = this.now();
    const plan = pagePlan(query, OPERATION_COLUMNS, now, (match) => this.countMatches(match));
    const rows = this.prepare(plan.sql).all(...plan.params) as OperationRow[];
    const more = rows.length > plan.limit;
    const pageRows = more ? rows.slice(0, plan.limit) : rows;
    const last = pageRows.at(-1);
    return {
      items: pageRows.map((row) => toOperation(row, now)),
      nextCursor: more && last ? encodeCursor(plan.sort, plan.filter, cursorKey(plan.sort, last)) : null,
    };
  }

  private countMatches(match: string): number {
    return (this.prepare('SELECT count(*) AS n FROM operations_fts WHERE operations_fts MATCH ?').get(match) as { n: number }).n;
  }

  /** Counts and totals read the covering index alone unless an index finds the few rows faster. */
  private aggregateSource(filter: OperationFilter): string {
    return coveredByReportIndex(filter) && !hasSelectivePredicate(filter, 'date') ? 'operations INDEXED BY operations_report' : 'operations';
  }

  count(filter: OperationFilter): number {
    const clause = whereClause(filter, this.now());
    const row = this.prepare(`SELECT count(*) AS n FROM ${this.aggregateSource(filter)} ${whereSql(clause)}`).get(...clause.params) as { n: number };
    return row.n;
  }

  totals(filter: OperationFilter): FilterTotals {
    const clause = whereClause(filter, this.now());
    const rows = this.prepare(
      `SELECT currency, count(*) AS count, sum(amount) AS amount FROM ${this.aggregateSource(filter)} ${whereSql(clause)}
       GROUP BY currency ORDER BY currency`,
    ).all(...clause.params) as Array<{ currency: string; count: number; amount: number }>;
    return {
      count: rows.reduce((sum, row) => sum + row.count, 0),
      byCurrency: rows.map((row) => ({ currency: row.currency, count: row.count, amount: row.amount ?? 0 })),
    };
  }

  summary(spec: SummarySpec): SummaryRow[] {
    const now = this.now();
    const filter: OperationFilter = { ...spec.filter, from: spec.from, to: spec.to };
    const clause = whereClause(filter, now);
    // A summary always has a date range, so the covering index is bounded even for rare statuses.
    const source = coveredByReportIndex(filter) ? 'operations INDEXED BY operations_report' : 'operations';
    const params: SqlValue[] = [];
    let keyExpression: string;
    let toKey: ((bucket: number) => string) | null = null;
    if (spec.groupBy === 'day') {
      const timeZone = spec.timeZone ?? 'UTC';
      const size = timeZone === 'UTC' ? DAY_MS : QUARTER_HOUR_MS;
      keyExpression = `created_at / ${size}`;
      toKey = dayFormatter(timeZone, size);
    } else {
      const expression = SUMMARY_KEY[spec.groupBy];
      if (expression === undefined) throw new JournalError('JOURNAL_INVALID_QUERY', 'groupBy');
      keyExpression = expression;
      if (spec.groupBy === 'status') params.push(now);
    }
    const sql = `SELECT ${keyExpression} AS key, currency, count(*) AS count, sum(amount) AS amount
      FROM ${source} ${whereSql(clause)} GROUP BY 1, 2`;
    const rows = this.prepare(sql).all(...params, ...clause.params) as Array<{
      key: string | number | null;
      currency: string;
      count: number;
      amount: number;
    }>;
    const merged = new Map<string, { key: string | null; currency: string; count: number; amount: number }>();
    for (const row of rows) {
      const key = toKey && typeof row.key === 'number' ? toKey(row.key) : row.key === null ? null : String(row.key);
      const id = `${key ?? ''}\u0000${row.currency}`;
      const entry = merged.get(id);
      if (entry) {
        entry.count += row.count;
        entry.amount += row.amount;
      } else {
        merged.set(id, { key, currency: row.currency, count: row.count, amount: row.amount });
      }
    }
    return [...merged.values()].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '') || a.currency.localeCompare(b.currency));
  }
}

function dayFormatter(timeZone: string, bucketSize: number): (bucket: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    throw new JournalError('JOURNAL_INVALID_QUERY', 'timeZone');
  }
  const cache = new Map<number, string>();
  return (bucket) => {
    let day = cache.get(bucket);
    if (day === undefined) {
      const parts = format.formatToParts(new Date(bucket * bucketSize));
      const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      day = `${part('year')}-${part('month')}-${part('day')}`;
      cache.set(bucket, day);
    }
    return day;
  };
}
