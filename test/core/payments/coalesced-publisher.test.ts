import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { CoalescedPublisher } from '../../../electron/core/payments/coalesced-publisher.js';
import { memoryLogger } from '../../support/silent-logger.js';

describe('coalesced publisher (UI updates for notified operations)', () => {
  it('publishes each operation once, however many notifications named it in the window, after the caller moved on', async () => {
    const chunks: number[][] = [];
    const publisher = new CoalescedPublisher((ids) => chunks.push([...ids]), memoryLogger().logger, { delayMs: 10 });
    for (const id of [7, 8, 7, 7, 9, 8]) publisher.add(id);
    // Nothing on the caller's way: the listener answers before the screen is told.
    expect(chunks).toEqual([]);
    await sleep(40);
    expect(chunks).toEqual([[7, 8, 9]]);
    publisher.add(7);
    await sleep(40);
    expect(chunks).toEqual([[7, 8, 9], [7]]);
  });

  it('publishes a large set a chunk per turn of the event loop, so other work runs in between', async () => {
    const chunks: number[][] = [];
    const seenByOtherWork: number[] = [];
    const publisher = new CoalescedPublisher(
      (ids) => {
        // Work that arrives meanwhile (a request to answer) gets its turn after this chunk.
        if (chunks.length === 0) setImmediate(() => seenByOtherWork.push(chunks.length));
        chunks.push([...ids]);
      },
      memoryLogger().logger,
      { delayMs: 1, chunk: 4 },
    );
    for (let id = 1; id <= 10; id += 1) publisher.add(id);
    await vi.waitFor(() =>
      expect(chunks).toEqual([
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10],
      ]),
    );
    expect(seenByOtherWork).toEqual([1]);
    expect(publisher.size).toBe(0);
  });

  it('goes on with the next chunk when one fails, and logs it', async () => {
    const chunks: number[][] = [];
    const { logger, lines } = memoryLogger();
    const publisher = new CoalescedPublisher(
      (ids) => {
        if (ids.includes(2)) throw new Error('journal busy');
        chunks.push([...ids]);
      },
      logger,
      { delayMs: 1, chunk: 2 },
    );
    for (const id of [1, 2, 3]) publisher.add(id);
    await vi.waitFor(() => expect(chunks).toEqual([[3]]));
    expect(publisher.size).toBe(0);
    expect(lines.some((line) => line.includes('"operations":2') && line.includes('telling the UI'))).toBe(true);
  });

  it('publishes nothing once closed, not even what was waiting (shutdown, before the journal closes)', async () => {
    const chunks: number[][] = [];
    const publisher: CoalescedPublisher = new CoalescedPublisher(
      (ids) => {
        chunks.push([...ids]);
        // The app starts closing while the UI is being told about the first chunk.
        publisher.close();
      },
      memoryLogger().logger,
      { delayMs: 1, chunk: 1 },
    );
    for (const id of [1, 2, 3]) publisher.add(id);
    await sleep(20);
    expect(chunks).toEqual([[1]]);
    publisher.add(4);
    await sleep(20);
    expect(chunks).toEqual([[1]]);
    expect(publisher.size).toBe(0);
  });
});
