import { describe, expect, it } from 'vitest';
import { ResourceStack } from '../../electron/core/resource-stack.js';
import { memoryLogger } from '../support/silent-logger.js';

describe('ResourceStack', () => {
  it('closes the last opened first, runs every step when some fail, and reports each failure', async () => {
    const { logger, lines } = memoryLogger();
    const stack = new ResourceStack(logger);
    const closed: string[] = [];
    const journal = stack.add('journal', { name: 'journal' }, (resource) => closed.push(resource.name));
    expect(journal).toEqual({ name: 'journal' });
    stack.add('writer', 'writer', async () => {
      closed.push('writer');
      throw new Error('thread did not stop');
    });
    stack.add('listener', 'listener', () => closed.push('listener'));
    stack.add('sandbox', 'sandbox', () => {
      closed.push('sandbox');
      throw new Error('ledger not written');
    });

    const failure = (await stack.close().catch((error: unknown) => error)) as AggregateError;
    expect(closed).toEqual(['sandbox', 'listener', 'writer', 'journal']);
    expect(failure).toBeInstanceOf(AggregateError);
    expect(failure.errors.map((error: Error) => error.message)).toEqual(['sandbox: ledger not written', 'writer: thread did not stop']);
    expect(failure.message).toBe('shutdown incomplete: sandbox: ledger not written; writer: thread did not stop');
    expect(lines.filter((line) => line.includes('could not close cleanly'))).toHaveLength(2);

    // Once: asking again gives the same outcome without closing anything twice.
    await expect(stack.close()).rejects.toBe(failure);
    expect(closed).toHaveLength(4);
  });

  it('resolves when everything closed', async () => {
    const stack = new ResourceStack(memoryLogger().logger);
    let closed = 0;
    stack.add('a', 1, () => (closed += 1));
    stack.add('b', 2, async () => {
      closed += 1;
    });
    await expect(stack.close()).resolves.toBeUndefined();
    expect(closed).toBe(2);
  });
});
