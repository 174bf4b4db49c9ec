/** Operations and their events (`operation-rows.ts`). */
import { afterAll, describe, expect, it } from 'vitest';
import { intent, newJournal, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

describe('events', () => {
  it('are append-only: the database refuses updates and deletes', () => {
    const { journal, account, db } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    expect(() => db.prepare(`UPDATE events SET payload = '{}' WHERE operation_id = ?`).run(op.id)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(() => db.prepare('DELETE FROM events WHERE operation_id = ?').run(op.id)).toThrow(/JOURNAL_APPEND_ONLY/);
    expect(journal.listEvents(op.id)).toHaveLength(1);
    journal.close();
  });
});
