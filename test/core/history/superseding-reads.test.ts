import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupersedingReads } from '../../../electron/core/history/superseding-reads.js';
import { createReaderPool, openJournal, type ReaderPool } from '../../../electron/core/journal/index.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * A newer read on a stream cancels the one still running, on the real reader pool: the
 * superseded caller hears `JOURNAL_QUERY_CANCELLED`, the newer one its answer.
 */
describe('superseding reads', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let pool: ReaderPool;

  beforeAll(async () => {
    dir = await tempDir();
    const file = `${dir.path}/journal.sqlite`;
    await openJournal({ file }).close();
    // No local reader: every query waits for a worker, so the first is still queued or running when the second comes.
    pool = createReaderPool({ file });
  });
  afterAll(async () => {
    await pool.close();
    await dir.remove();
  });

  it('cancels the older read of the same stream and answers the newer', async () => {
    const reads = new SupersedingReads();
    const older = reads.run('table', () => pool.page({}));
    const newer = reads.run('table', () => pool.page({}));
    await expect(older).rejects.toMatchObject({ code: 'JOURNAL_QUERY_CANCELLED' });
    await expect(newer).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('leaves other streams, and reads without a stream, alone', async () => {
    const reads = new SupersedingReads();
    const table = reads.run('table', () => pool.page({}));
    const totals = reads.run('totals', () => pool.totals({}));
    const free = reads.run(undefined, () => pool.count({}));
    await expect(table).resolves.toEqual({ items: [], nextCursor: null });
    await expect(totals).resolves.toEqual({ count: 0, byCurrency: [] });
    await expect(free).resolves.toBe(0);
  });
});
