/** Operations and their events (`operation-rows.ts`). */
import { afterAll, describe, expect, it } from 'vitest';
import { OperationRows } from '../../../electron/core/journal/operation-rows.js';
import { sqliteEngine } from '../../../electron/core/journal/sql-engine.js';
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

describe('operation rows', () => {
  it('change only the columns that differ, in one statement, and only the columns an answer may change', () => {
    const { journal, account, db } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    const rows = new OperationRows(sqliteEngine(db));
    const row = rows.require(op.id);
    db.exec(`CREATE TEMP TABLE updates (changed TEXT);
      CREATE TEMP TRIGGER count_updates AFTER UPDATE ON operations BEGIN
        INSERT INTO updates VALUES ((old.status IS NOT new.status) || (old.message IS NOT new.message) || (old.alias IS NOT new.alias));
      END;`);
    rows.update(row, { status: 'sending', message: row.message });
    expect(db.prepare('SELECT count(*) AS n FROM updates').get()).toEqual({ n: 0 });
    rows.update(row, { status: 'approved', message: 'ok', alias: row.alias });
    expect(db.prepare('SELECT changed FROM updates').all()).toEqual([{ changed: '110' }]);
    expect(rows.require(op.id)).toMatchObject({ status: 'approved', message: 'ok' });
    expect(() => rows.update(row, { amount: 1 } as never)).toThrow(expect.objectContaining({ code: 'JOURNAL_INVALID_INPUT' }));
    expect(rows.require(op.id).amount).toBe(op.amount);
    expect(() => rows.require(9999)).toThrow(expect.objectContaining({ code: 'JOURNAL_OPERATION_NOT_FOUND' }));
    journal.close();
  });

  it('never append an event holding a card number', () => {
    const { journal, account, db } = newJournal(temp.dir);
    const op = intent(journal, { accountId: account.id });
    const rows = new OperationRows(sqliteEngine(db));
    expect(() => rows.appendEvent(op.id, 'operator_action', { note: 'card 4111 1111 1111 1111' }, 1)).toThrow(
      expect.objectContaining({ code: 'JOURNAL_CARD_DATA_REFUSED' }),
    );
    expect(rows.eventFacts(op.id).map((event) => event.kind)).toEqual(['intent_recorded']);
    journal.close();
  });
});
