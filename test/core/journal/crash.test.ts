import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournalWithConnection, operationIdBy } from '../../support/journal-sql.js';
import { tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const KILLS = 20;

interface RunReport {
  committed: Map<string, { id: number; orderId: string }>;
  answered: Set<number>;
  errors: string[];
  lastIndex: number;
}

/**
 * Runs the child and SIGKILLs it, either once it reported `stopAfter` committed intents (the
 * kill then lands somewhere in the next write) or after `afterMs` from spawning (possibly
 * during start-up, recovery or the re-submissions).
 */
function runAndKill(
  file: string,
  run: number,
  previous: { run: number; last: number } | null,
  stop: { stopAfter: number } | { afterMs: number },
): Promise<RunReport> {
  const stopAfter = 'stopAfter' in stop ? stop.stopAfter : Infinity;
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', CHILD, file, String(run), ...(previous ? [String(previous.run), String(previous.last)] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const report: RunReport = { committed: new Map(), answered: new Set(), errors: [], lastIndex: -1 };
    let buffer = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => kill(), 'afterMs' in stop ? stop.afterMs : 15_000);
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [word, a, b, c] = line.split(' ');
        if (word === 'committed' && a && b && c) {
          report.committed.set(a, { id: Number(b), orderId: c });
          report.lastIndex = Number(a.split('-')[2]);
          if (report.committed.size >= stopAfter) kill();
        } else if (word === 'answered' && a) {
          report.answered.add(Number(a));
        } else if (word === 'ERROR') {
          report.errors.push(line);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${stderr}`));
      else resolve(report);
    });
  });
}

describe('crash safety (SIGKILL while recording)', () => {
  it(`loses nothing and duplicates nothing over ${KILLS} kills, and leaves interrupted operations unknown until a lookup`, async () => {
    const file = join(temp.dir, 'crash', 'journal.sqlite');
    const committed = new Map<string, { id: number; orderId: string }>();
    const answered = new Set<number>();
    let previous: { run: number; last: number } | null = null;
    let random = 12345;
    for (let run = 0; run < KILLS; run += 1) {
      random = (random * 1103515245 + 12345) % 2147483648;
      const stop = run % 2 === 0 ? { stopAfter: 1 + (random % 60) } : { afterMs: 200 + (random % 500) };
      const report = await runAndKill(file, run, previous, stop);
      expect(report.errors).toEqual([]);
      for (const [key, value] of report.committed) committed.set(key, value);
      for (const id of report.answered) answered.add(id);
      if (report.lastIndex >= 0) previous = { run, last: report.lastIndex };
    }
    expect(committed.size).toBeGreaterThan(KILLS);

    const { journal, db } = openJournalWithConnection({ file });
    for (const [key, { id, orderId }] of committed) {
      const op = journal.getOperation(operationIdBy(db, 'idempotency_key', key) as number);
      expect(op, key).toMatchObject({ id, orderId });
    }
    const total = journal.count({});
    expect(db.prepare('SELECT count(DISTINCT idempotency_key) AS n FROM operations').get()).toEqual({ n: total });
    expect(db.prepare('SELECT count(DISTINCT order_id) AS n FROM operations').get()).toEqual({ n: total });

    const queue = journal.recoverInterrupted();
    expect(journal.count({ statuses: ['sending'] })).toBe(0);
    const unanswered = db
      .prepare(`SELECT id FROM operations o WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.operation_id = o.id AND e.kind = 'response') ORDER BY id`)
      .pluck()
      .all() as number[];
    expect(unanswered.length).toBeGreaterThan(0);
    expect(queue.map((item) => item.operationId)).toEqual(unanswered);
    for (const id of unanswered) expect(journal.getOperation(id)?.status).toBe('unknown');
    for (const id of answered) expect(journal.getOperation(id)?.status).not.toBe('unknown');
    const interruptedTwice = db.prepare(`SELECT operation_id FROM events WHERE kind = 'interrupted' GROUP BY operation_id HAVING count(*) > 1`).all();
    expect(interruptedTwice).toEqual([]);

    const settled = journal.applyLookup(
      queue[0]?.accountId as number,
      queue.map((item) => item.orderId),
      queue
        .filter((_, n) => n % 2 === 0)
        .map((item) => ({ ORDERID: item.orderId, OPERATIONTYPE: item.type, EXECCODE: '0', TRANSACTIONID: `L-${item.operationId}` })),
    );
    // Found: settled by their row. Not found: provisional so soon, they stay unknown (and queued).
    expect(settled.filter((_, n) => n % 2 === 0).every((s) => s.status === 'approved' || s.status === 'authorized')).toBe(true);
    expect(settled.filter((_, n) => n % 2 === 1).every((s) => s.status === 'unknown')).toBe(true);
    expect(journal.count({ statuses: ['unknown'] })).toBe(Math.floor(queue.length / 2));
    journal.close();
  }, 120_000);
});
