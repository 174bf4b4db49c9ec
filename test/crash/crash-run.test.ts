import { describe, expect, it } from 'vitest';
import { runCrash } from './crash-run.js';

/**
 * Issue 21 item 3, the short run of `npm test`: the same code as `npm run crash`, 40 payments
 * and their follow-ups, web mode killed (SIGKILL) four times at seeded moments.
 */
describe('crash recovery end to end', () => {
  it('after SIGKILLs of web mode, the journal and the sandbox ledger agree exactly once the lookups have run', { timeout: 300_000 }, async () => {
    const summary = await runCrash({ payments: 40, seed: 21, kills: 4 });
    console.log(summary.line);
    expect(summary.disagreements).toEqual([]);
    // The run did what it says: web mode was killed four times and money moved.
    expect(summary.kills).toBe(4);
    expect(summary.ledgerCharges).toBeGreaterThan(0);
    expect(Object.keys(summary.statuses).filter((status) => ['sending', 'pending', 'unknown'].includes(status))).toEqual([]);
  });
});
