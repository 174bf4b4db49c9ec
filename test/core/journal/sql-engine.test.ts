/** The SQL engine the journal's modules share (`sql-engine.ts`): transactions, consistent reads, failures. */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteEngine } from '../../../electron/core/journal/sql-engine.js';
import { codeOf, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

let counter = 0;
function engineOnFile() {
  counter += 1;
  const file = join(temp.dir, `e${counter}.sqlite`);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x INTEGER NOT NULL)');
  const sql = sqliteEngine(db);
  const values = () => (sql.prepare('SELECT x FROM t ORDER BY x').all() as Array<{ x: number }>).map((row) => row.x);
  return { file, db, sql, values };
}

describe('sql engine', () => {
  it('writes in one transaction; a write inside another is a savepoint that fails alone', () => {
    const { sql, values, db } = engineOnFile();
    const insert = sql.prepare('INSERT INTO t (x) VALUES (?)');
    sql.write(() => {
      insert.run(1);
      expect(sql.inTransaction).toBe(true);
      expect(() =>
        sql.write(() => {
          insert.run(2);
          throw new Error('refused');
        }),
      ).toThrow('refused');
      insert.run(3);
    });
    expect(values()).toEqual([1, 3]);
    expect(() =>
      sql.write(() => {
        insert.run(4);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(values()).toEqual([1, 3]);
    sql.close();
    expect(db.open).toBe(false);
  });

  it('turns SQLite’s own failures into journal codes, nothing written', () => {
    const { sql, values, file } = engineOnFile();
    const insert = sql.prepare('INSERT INTO t (x) VALUES (?)');
    expect(codeOf(() => sql.write(() => insert.run(null)))).toBe('JOURNAL_WRITE_FAILED');
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    const quick = sqliteEngine(new BetterSqlite3(file, { timeout: 10 }));
    expect(codeOf(() => quick.write(() => quick.prepare('INSERT INTO t (x) VALUES (5)').run()))).toBe('JOURNAL_WRITE_FAILED');
    other.exec('ROLLBACK');
    other.close();
    quick.close();
    expect(values()).toEqual([]);
    sql.close();
  });

  it('reads several statements on one state while another connection commits', () => {
    const { sql, file } = engineOnFile();
    const other = new BetterSqlite3(file);
    const count = sql.prepare('SELECT count(*) AS n FROM t');
    const seen = sql.read(() => {
      const before = (count.get() as { n: number }).n;
      other.prepare('INSERT INTO t (x) VALUES (1)').run();
      return [before, (count.get() as { n: number }).n];
    });
    expect(seen).toEqual([0, 0]);
    expect((count.get() as { n: number }).n).toBe(1);
    other.close();
    sql.close();
  });

  it('refuses transactions once closed, and closes once', () => {
    const { sql } = engineOnFile();
    sql.close();
    expect(sql.closed).toBe(true);
    expect(codeOf(() => sql.write(() => 1))).toBe('JOURNAL_CLOSED');
    expect(codeOf(() => sql.read(() => 1))).toBe('JOURNAL_CLOSED');
    expect(() => sql.close()).not.toThrow();
  });
});
