import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { journalPath } from '../../../electron/core/journal/index.js';
import { JournalReader } from '../../../electron/core/journal/reader.js';
import { toOperation, type OperationRow } from '../../../electron/core/journal/rows.js';
import { seedJournal } from './seed.js';
import { tempDir } from '../../core/journal/helpers.js';
import { openJournalWithConnection } from '../../support/journal-sql.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

const NOW = Date.UTC(2026, 5, 30, 12, 0, 0);
const YEAR = 365 * 86_400_000;

describe('seeding', () => {
  it('fills a realistic, self-consistent year of operations', () => {
    const file = join(temp.dir, 'seeded', 'journal.sqlite');
    const result = seedJournal({ file, rows: 4000, now: NOW, seed: 42 });
    expect(result.operations).toBe(4000);
    expect(result.events).toBeGreaterThan(4000 * 3);

    const { journal, db } = openJournalWithConnection({ file, now: () => NOW, integrityCheck: 'full' });
    expect(journal.count({})).toBe(4000);
    expect(journal.listAccounts().map((a) => a.currency).sort()).toEqual(['EUR', 'EUR', 'GBP']);
    const operators = db.prepare('SELECT count(DISTINCT operator) FROM operations').pluck().get();
    expect(operators).toBe(8);
    const eur = new JournalReader(db, () => NOW).totals({ currencies: ['EUR'] }).count;
    expect(eur / 4000).toBeGreaterThan(0.6);
    const range = db.prepare('SELECT min(created_at) AS first, max(created_at) AS last FROM operations').get() as { first: number; last: number };
    expect(range.first).toBeGreaterThanOrEqual(NOW - YEAR);
    expect(range.last).toBeLessThan(NOW);
    expect(range.last - range.first).toBeGreaterThan(YEAR * 0.95);
    const types = new Set(db.prepare('SELECT DISTINCT type FROM operations').pluck().all());
    expect(types).toEqual(new Set(['payment', 'authorization', 'capture', 'refund', 'void', 'credit']));
    const statuses = new Set((db.prepare('SELECT * FROM operations').all() as OperationRow[]).map((row) => toOperation(row, NOW).status));
    for (const status of ['approved', 'declined', 'error', 'captured', 'partially_captured', 'refunded', 'partially_refunded', 'voided', 'expired', 'authorized']) {
      expect(statuses).toContain(status);
    }
    // Follow-ups come after their parent, in the same account; ids follow created_at.
    expect(db.prepare('SELECT count(*) FROM operations c JOIN operations p ON p.id = c.parent_id WHERE c.created_at < p.created_at OR c.account_id <> p.account_id').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM operations a JOIN operations b ON b.id = a.id + 1 WHERE b.created_at < a.created_at').pluck().get()).toBe(0);

    // Every stored status is what the state machine derives from the seeded events.
    for (const row of db.prepare('SELECT * FROM operations').all() as OperationRow[]) {
      expect(journal.getOperation(row.id)?.status, `operation ${row.id}`).toBe(toOperation(row, NOW).status);
    }

    const someone = db.prepare(`SELECT customer_name FROM operations WHERE id = 1234`).pluck().get() as string;
    expect(journal.query({ filter: { text: someone } }).items.length).toBeGreaterThan(0);
    const account = journal.listAccounts()[0];
    expect(() => journal.nextOrderId(account?.id as number)).not.toThrow();
    journal.close();
    expect(() => seedJournal({ file, rows: 10, now: NOW })).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_INPUT' }));
  });

  it('runs as `npm run seed -- --rows N --data-dir DIR` and prints rows and seconds', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const dataDir = join(temp.dir, 'cli');
    const npm = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'seed', '--', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const run = npm('--rows', '600', '--data-dir', dataDir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^seeded 600 operations and \d+ events in \d+\.\d s$/);
    expect(existsSync(journalPath(dataDir, 'default'))).toBe(true);
    expect(npm('--rows', 'many').status).toBe(2);
  });
});
