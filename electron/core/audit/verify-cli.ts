import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AuditChain } from '../journal/audit-chain.js';
import { journalPath, openJournalDatabase } from '../journal/index.js';
import { sqliteEngine } from '../journal/sql-engine.js';

/**
 * `npm run audit -- verify --data-dir DIR`: walks the audit trail's hash chain in that data
 * folder's journal, read-only (nothing is migrated or written), and says either
 * `Audit trail intact: N entries` (exit 0) or which entry breaks it and why (exit 1).
 * Usage errors exit 2.
 */
export function runAuditCli(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, profile: { type: 'string', default: 'default' } },
    });
  } catch (error) {
    err(`${(error as Error).message}\nUsage: npm run audit -- verify --data-dir DIR`);
    return 2;
  }
  const dataDir = parsed.values['data-dir'];
  if (parsed.positionals.join(' ') !== 'verify' || dataDir === undefined) {
    err('Usage: npm run audit -- verify --data-dir DIR');
    return 2;
  }
  const file = journalPath(dataDir, parsed.values.profile ?? 'default');
  if (!existsSync(file)) {
    err(`No journal in ${dataDir} (looked for ${file}).`);
    return 2;
  }
  const db = openJournalDatabase(file, { readonly: true, integrityCheck: 'none' });
  try {
    const hasTrail = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_entries'").get() !== undefined;
    if (!hasTrail) {
      err('This journal has no audit trail yet (it was last opened by a Comptoir before operators).');
      return 1;
    }
    const check = new AuditChain(sqliteEngine(db)).verify();
    if (check.intact) {
      out(`Audit trail intact: ${check.entries} entries`);
      return 0;
    }
    out(`Audit trail broken at entry ${check.brokenId}: ${check.reason}`);
    return 1;
  } finally {
    db.close();
  }
}
