import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runAuditCli } from '../../../electron/core/audit/verify-cli.js';
import { journalPath, openJournal, type Journal } from '../../../electron/core/journal/index.js';
import { tempDir } from '../../support/temp-dir.js';

const ROOT = join(import.meta.dirname, '../../..');
let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** A data folder whose journal holds `count` audit entries (a real journal file), closed. */
async function trail(count: number): Promise<{ dataDir: string; file: string }> {
  const dir = await tempDir();
  cleanup.push(() => dir.remove());
  const file = journalPath(dir.path, 'default');
  const journal: Journal = openJournal({ file, now: () => 1_700_000_000_000 });
  for (let index = 1; index <= count; index += 1) journal.audit.append(1_700_000_000_000 + index, index % 2 ? 'Ada' : 'Sam', 'session.signIn', { n: index });
  await journal.close();
  return { dataDir: dir.path, file };
}

/** Tampers as someone with the file would: drops the append-only triggers, then edits SQL. */
function tamper(file: string, sql: string): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;');
  db.exec(sql);
  db.close();
}

function verify(dataDir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runAuditCli(
    ['verify', '--data-dir', dataDir],
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the audit trail', () => {
  it('chains each entry to the one before and verifies intact', async () => {
    const { dataDir, file } = await trail(5);
    expect(verify(dataDir)).toEqual({ code: 0, out: 'Audit trail intact: 5 entries', err: '' });
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT id, prev_hash, hash FROM audit_entries ORDER BY id').all() as Array<{ id: number; prev_hash: string; hash: string }>;
    db.close();
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    for (let index = 1; index < rows.length; index += 1) expect(rows[index]?.prev_hash).toBe(rows[index - 1]?.hash);
  });

  it('refuses to be edited or deleted through SQL while its triggers stand', async () => {
    const { file } = await trail(2);
    const db = new Database(file);
    expect(() => db.exec(`UPDATE audit_entries SET operator = 'Eve' WHERE id = 1`)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(() => db.exec('DELETE FROM audit_entries WHERE id = 1')).toThrow(/JOURNAL_APPEND_ONLY/);
    db.close();
  });

  it('names an edited entry', async () => {
    const { dataDir, file } = await trail(5);
    tamper(file, `UPDATE audit_entries SET operator = 'Eve' WHERE id = 3`);
    expect(verify(dataDir)).toMatchObject({ code: 1, out: 'Audit trail broken at entry 3: its content was changed after it was written' });
  });

  it('names the entry after one whose content and hash were both rewritten', async () => {
    const { dataDir, file } = await trail(5);
    // A forger who recomputes the edited entry's hash still breaks the next entry's link.
    const journalDb = new Database(file);
    const row = journalDb.prepare('SELECT * FROM audit_entries WHERE id = 2').get() as { id: number; at: number; kind: string; prev_hash: string };
    journalDb.close();
    const { entryHash } = await import('../../../electron/core/journal/audit-chain.js');
    const forged = entryHash({ id: 2, at: row.at, operator: 'Eve', kind: row.kind, detail: '{"n":2}' }, row.prev_hash);
    tamper(file, `UPDATE audit_entries SET operator = 'Eve', hash = '${forged}' WHERE id = 2`);
    expect(verify(dataDir)).toMatchObject({ code: 1, out: expect.stringMatching(/^Audit trail broken at entry 3: it does not follow entry 2/) });
  });

  it('names the gap a deleted entry leaves', async () => {
    const { dataDir, file } = await trail(5);
    tamper(file, 'DELETE FROM audit_entries WHERE id = 2');
    expect(verify(dataDir)).toMatchObject({ code: 1, out: 'Audit trail broken at entry 3: entry 2 is missing (the next one found is 3)' });
  });

  it('names entries whose places were swapped', async () => {
    const { dataDir, file } = await trail(5);
    // Entries 2 and 4 trade places: each moves with its own time, content and hashes.
    tamper(file, `UPDATE audit_entries SET id = -2 WHERE id = 2; UPDATE audit_entries SET id = 2 WHERE id = 4; UPDATE audit_entries SET id = 4 WHERE id = -2;`);
    expect(verify(dataDir)).toMatchObject({ code: 1, out: expect.stringMatching(/^Audit trail broken at entry 2: /) });
  });

  it('runs as `npm run audit -- verify --data-dir DIR` and exits non-zero on a broken trail', { timeout: 60_000 }, async () => {
    const { dataDir, file } = await trail(3);
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/core/audit/cli.ts'), 'verify', '--data-dir', dataDir], {
        encoding: 'utf8',
        cwd: ROOT,
      });
    const intact = run();
    expect([intact.status, intact.stdout]).toEqual([0, 'Audit trail intact: 3 entries\n']);
    tamper(file, `UPDATE audit_entries SET detail = '{"n":99}' WHERE id = 1`);
    const broken = run();
    expect([broken.status, broken.stdout]).toEqual([1, 'Audit trail broken at entry 1: its content was changed after it was written\n']);
    const usage = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/core/audit/cli.ts'), 'verify'], { encoding: 'utf8', cwd: ROOT });
    expect(usage.status).toBe(2);
  });
});
