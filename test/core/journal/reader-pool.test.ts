import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createReaderPool, type Journal, type ReaderPool } from '../../../electron/core/journal/index.js';
import { JournalReader } from '../../../electron/core/journal/reader.js';
import { keptNotifications } from '../../support/journal-sql.js';
import { FakeClock, answer, intent, newJournal, tempDir } from './helpers.js';

const temp = tempDir();
const root = fileURLToPath(new URL('../../../', import.meta.url));
let journal: Journal;
let db: Database;
let file: string;
let clock: FakeClock;
let pool: ReaderPool;

beforeAll(() => {
  clock = new FakeClock();
  const made = newJournal(temp.dir, clock);
  journal = made.journal;
  db = made.db;
  file = made.file;
  for (let i = 0; i < 60; i += 1) {
    clock.advance(3_600_000);
    const op = intent(journal, {
      accountId: made.account.id,
      type: i % 3 === 0 ? 'authorization' : 'payment',
      amount: 100 * (i + 1),
      customer: { name: i % 2 ? 'Jeanne Martin' : 'Paul Durand' },
    });
    answer(journal, op.id, i % 5 === 0 ? '4001' : '0000', { TRANSACTIONID: `T${i}` });
  }
  pool = createReaderPool({ file, size: 2, now: clock.now });
});

afterAll(async () => {
  await pool.close();
  journal.close();
  temp.cleanup();
});

describe('reader pool', () => {
  it('answers pages, counts, totals and summaries exactly as the owner thread does', async () => {
    const filter = { statuses: ['approved' as const], text: 'martin' };
    expect(await pool.page({ filter, limit: 5 })).toEqual(journal.query({ filter, limit: 5 }));
    expect(await pool.count(filter)).toBe(journal.count(filter));
    const owner = new JournalReader(db, clock.now);
    expect(await pool.totals({})).toEqual(owner.totals({}));
    const spec = { from: 0, to: clock.value + 1, groupBy: 'status' as const };
    expect(await pool.summary(spec)).toEqual(owner.summary(spec));
    const first = await pool.page({ limit: 10 });
    expect(await pool.page({ limit: 10, cursor: first.nextCursor })).toEqual(journal.query({ limit: 10, cursor: first.nextCursor }));
  });

  it('uses the owner’s clock: authorizations past 7 days are expired in workers too', async () => {
    const before = await pool.count({ statuses: ['expired'] });
    clock.advance(8 * 86_400_000);
    expect(await pool.count({ statuses: ['expired'] })).toBeGreaterThan(before);
    expect(await pool.count({ statuses: ['expired'] })).toBe(journal.count({ statuses: ['expired'] }));
  });

  it('sees writes committed by the owner after it started (WAL)', async () => {
    const before = await pool.count({});
    intent(journal, { accountId: 1, amount: 5 });
    expect(await pool.count({})).toBe(before + 1);
  });

  it('rejects query errors with their journal code and keeps serving', async () => {
    await expect(pool.page({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'JOURNAL_INVALID_CURSOR' });
    await expect(pool.page({ limit: 0 })).rejects.toMatchObject({ code: 'JOURNAL_INVALID_QUERY' });
    expect((await pool.page({ limit: 1 })).items).toHaveLength(1);
  });

  it('cancels a running query: it rejects at once with JOURNAL_QUERY_CANCELLED, and the pool goes on', async () => {
    const running = pool.summary({ from: 0, to: clock.value + 1, groupBy: 'day', timeZone: 'Europe/Paris' });
    running.cancel();
    await expect(running).rejects.toMatchObject({ code: 'JOURNAL_QUERY_CANCELLED' });
    running.cancel();
    const results = await Promise.all([pool.count({}), pool.count({}), pool.count({})]);
    expect(results).toEqual([journal.count({}), journal.count({}), journal.count({})]);
  });

  it('cancels a query still waiting for a worker without disturbing the others', async () => {
    const single = createReaderPool({ file, size: 1, now: clock.now });
    const first = single.count({});
    const second = single.page({ limit: 3 });
    const third = single.count({ statuses: ['declined'] });
    second.cancel();
    await expect(second).rejects.toMatchObject({ code: 'JOURNAL_QUERY_CANCELLED' });
    expect(await first).toBe(journal.count({}));
    expect(await third).toBe(journal.count({ statuses: ['declined'] }));
    const done = single.count({});
    expect(await done).toBe(journal.count({}));
    done.cancel();
    await expect(done).resolves.toBe(journal.count({}));
    await single.close();
    await expect(single.count({})).rejects.toMatchObject({ code: 'JOURNAL_POOL_CLOSED' });
  });

  it('rejects what is queued when closed', async () => {
    const closing = createReaderPool({ file, size: 1 });
    const queued = [closing.count({}), closing.count({}), closing.count({})];
    const checks = queued.map((q) => expect(q).rejects.toMatchObject({ code: 'JOURNAL_POOL_CLOSED' }));
    await closing.close();
    await Promise.all(checks);
  });

  it('with a local reader, answers here until a worker has loaded, then in the worker', async () => {
    const owner = new JournalReader(db, clock.now);
    const local: string[] = [];
    const warm = createReaderPool({ file, size: 1, now: clock.now, local: (request) => (local.push(request.kind), owner.execute(request)) });
    // Nobody waits for a thread to load: the first query is read here, and a worker starts.
    expect(warm.ready).toBe(false);
    expect(await warm.count({})).toBe(journal.count({}));
    expect(local).toEqual(['count']);
    await vi.waitFor(() => expect(warm.ready).toBe(true));
    expect(await warm.page({ limit: 3 })).toEqual(journal.query({ limit: 3 }));
    expect(local).toEqual(['count']);
    await warm.close();
  });

  it('with a local reader, answers here when the worker cannot read, and still refuses a bad query', async () => {
    const own = newJournal(temp.dir, clock);
    answer(own.journal, intent(own.journal, { accountId: own.account.id }).id, '0000');
    const owner = new JournalReader(own.db, clock.now);
    const local: string[] = [];
    const pool = createReaderPool({ file: own.file, size: 1, now: clock.now, local: (request) => (local.push(request.kind), owner.execute(request)) });
    await pool.count({});
    await vi.waitFor(() => expect(pool.ready).toBe(true));
    // A real cause: the file leaves the folder, so the worker cannot open it; the owner's connection still holds it.
    unlinkSync(own.file);
    expect(await pool.page({ limit: 5 })).toEqual(own.journal.query({ limit: 5 }));
    expect(local).toEqual(['count', 'page']);
    await expect(pool.page({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'JOURNAL_INVALID_CURSOR' });
    const cancelled = pool.count({});
    cancelled.cancel();
    await expect(cancelled).rejects.toMatchObject({ code: 'JOURNAL_QUERY_CANCELLED' });
    await pool.close();
    await expect(pool.count({})).rejects.toMatchObject({ code: 'JOURNAL_POOL_CLOSED' });
    await own.journal.close();
  });

  it('also runs from compiled JavaScript (reader-worker.js beside reader-pool.js, the notification writer’s worker too)', () => {
    const out = join(temp.dir, 'compiled');
    const sources = [
      'electron/core/journal',
      'electron/core/errors.ts',
      'electron/core/notifications/notification-key.ts',
      'electron/core/gateway/lookup-match.ts',
      'shared/errors',
      'shared/domain',
    ];
    const files = sources.flatMap((source) => {
      const path = join(root, source);
      return source.endsWith('.ts')
        ? [path]
        : readdirSync(path)
            .filter((f) => f.endsWith('.ts'))
            .map((f) => join(path, f));
    });
    for (const source of files) {
      const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      });
      const target = join(out, relative(root, source)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
    writeFileSync(join(out, 'package.json'), '{"type":"module"}');
    symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'), 'dir');
    const script = join(out, 'check.mjs');
    writeFileSync(
      script,
      `import { createReaderPool } from './electron/core/journal/reader-pool.js';
       const pool = createReaderPool({ file: ${JSON.stringify(file)}, size: 1 });
       const page = await pool.page({ limit: 2 });
       console.log(JSON.stringify(page.items.map((op) => op.id)));
       await pool.close();
       const { NotificationWriter } = await import('./electron/core/journal/notification-writer.js');
       const writer = new NotificationWriter({ file: ${JSON.stringify(file)} });
       const [result] = await writer.recordNotifications([{ key: 'compiled-1', params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'payment', ORDERID: 'NOWHERE', EXECCODE: '0000' } }]);
       console.error(result.outcome === 'kept' ? '' : JSON.stringify(result));
       await writer.close();`,
    );
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 15_000 });
    expect(run.stderr.trim()).toBe('');
    expect(keptNotifications(db).map((n) => n.orderId)).toContain('NOWHERE');
    expect(JSON.parse(run.stdout)).toEqual(journal.query({ limit: 2 }).items.map((op) => op.id));
  });
});
