import { createHash } from 'node:crypto';
import type { SqlEngine, SqlStatement } from './sql-engine.js';
import { canonicalJson } from './canonical-json.js';

/** The previous hash of the first entry. */
const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  readonly id: number;
  readonly at: number;
  readonly operator: string | null;
  readonly kind: string;
  readonly detail: Record<string, unknown>;
}

export interface AuditQuery {
  readonly operator?: string;
  readonly kind?: string;
  readonly from?: number;
  readonly to?: number;
  readonly beforeId?: number;
  readonly limit: number;
}

export type ChainCheck =
  | { readonly intact: true; readonly entries: number }
  | { readonly intact: false; readonly entries: number; readonly brokenId: number; readonly reason: string };

interface AuditRow {
  id: number;
  at: number;
  operator: string | null;
  kind: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/**
 * An entry's hash covers its id, time, operator, kind, detail and the previous entry's hash:
 * editing any of them, deleting an entry or moving one to another place breaks the chain at
 * that entry.
 */
export function entryHash(entry: { id: number; at: number; operator: string | null; kind: string; detail: string }, prevHash: string): string {
  return createHash('sha256')
    .update(canonicalJson({ id: entry.id, at: entry.at, operator: entry.operator, kind: entry.kind, detail: entry.detail, prev: prevHash }))
    .digest('hex');
}

/**
 * The audit trail's rows in the journal database: appended in the caller's write transaction
 * (so the chain's head is read and extended under the write lock), never updated or deleted
 * (the table's triggers refuse it). Plain SQL only; hashing is done here.
 */
export class AuditChain {
  private readonly head: SqlStatement;
  private readonly insert: SqlStatement;
  private readonly inOrder: SqlStatement;

  constructor(private readonly sql: SqlEngine) {
    this.head = sql.prepare('SELECT id, hash FROM audit_entries ORDER BY id DESC LIMIT 1');
    this.insert = sql.prepare('INSERT INTO audit_entries (id, at, operator, kind, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.inOrder = sql.prepare('SELECT id, at, operator, kind, detail, prev_hash, hash FROM audit_entries ORDER BY id');
  }

  append(at: number, operator: string | null, kind: string, detail: Record<string, unknown>): AuditRecord {
    return this.sql.write(() => {
      const last = this.head.get() as { id: number; hash: string } | undefined;
      const id = (last?.id ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS_HASH;
      const text = canonicalJson(detail);
      this.insert.run(id, at, operator, kind, text, prevHash, entryHash({ id, at, operator, kind, detail: text }, prevHash));
      return { id, at, operator, kind, detail };
    });
  }

  list(query: AuditQuery): AuditRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.operator !== undefined) {
      where.push('operator = ?');
      params.push(query.operator);
    }
    if (query.kind !== undefined) {
      where.push('kind = ?');
      params.push(query.kind);
    }
    if (query.from !== undefined) {
      where.push('at >= ?');
      params.push(query.from);
    }
    if (query.to !== undefined) {
      where.push('at < ?');
      params.push(query.to);
    }
    if (query.beforeId !== undefined) {
      where.push('id < ?');
      params.push(query.beforeId);
    }
    const sql = `SELECT id, at, operator, kind, detail FROM audit_entries${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.sql.read(() => this.sql.prepare(sql).all(...params, query.limit) as AuditRow[]).map(toRecord);
  }

  /**
   * Walks the chain from the first entry and names the first that does not hold: ids must run
   * 1, 2, 3… (a deleted entry leaves a gap), each entry must carry the previous one's hash,
   * and its own hash must match its content.
   */
  verify(): ChainCheck {
    return this.sql.read(() => {
      let prevHash = GENESIS_HASH;
      let expectedId = 1;
      let entries = 0;
      for (const row of this.inOrder.all() as AuditRow[]) {
        entries += 1;
        const broken = (reason: string): ChainCheck => ({ intact: false, entries, brokenId: row.id, reason });
        if (row.id !== expectedId) return broken(`entry ${expectedId} is missing (the next one found is ${row.id})`);
        if (row.prev_hash !== prevHash) return broken(`it does not follow entry ${row.id - 1}: an entry was removed, replaced or moved`);
        if (row.hash !== entryHash(row, row.prev_hash)) return broken('its content was changed after it was written');
        prevHash = row.hash;
        expectedId += 1;
      }
      return { intact: true, entries };
    });
  }
}

function toRecord(row: Pick<AuditRow, 'id' | 'at' | 'operator' | 'kind' | 'detail'>): AuditRecord {
  return { id: row.id, at: row.at, operator: row.operator, kind: row.kind, detail: JSON.parse(row.detail) as Record<string, unknown> };
}
