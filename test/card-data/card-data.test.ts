import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cardDataIn, cardDataUsedByTests, filesUnder } from '../support/card-data.js';

/*
 * Issue 21 item 4: the scan that runs after the whole suite. If its detector missed a format,
 * or its list of test cards came out empty, the scan would pass for the wrong reason.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Test cards from the fact sheet's sandbox list (section 7), written here as they are typed.
const VISA = '4111111111111111';
const AMEX = '378282246310005';
const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'card-data-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the card-data detector', () => {
  const pans = new Set([VISA, AMEX]);
  const cvvs = new Set(['737', '1234']);

  it.each([
    ['in one run', `card=${VISA};`],
    ['grouped by spaces', 'card 4111 1111 1111 1111 end'],
    ['grouped by dashes', '4111-1111-1111-1111'],
    ['as American Express groups it', 'amex 3782 822463 10005'],
    ['inside JSON', `{"CARDCODE":"${AMEX}"}`],
  ])('finds a card number written %s', (_how, text) => {
    expect(cardDataIn(text, pans, cvvs)).toHaveLength(1);
  });

  it('does not take a longer run of digits, or a masked number, for a card number', () => {
    expect(cardDataIn(`id 9${VISA}9 and 411111XXXXXX1111 and 411111******1111`, pans, cvvs)).toEqual([]);
  });

  it('finds a CVV written as a value, not the same digits inside a port or a time', () => {
    expect(cardDataIn('{"cvv":"737"}', pans, cvvs)).toEqual(['CVV 737']);
    expect(cardDataIn('CARDCVV=1234&AMOUNT=100', pans, cvvs)).toEqual(['CVV 1234']);
    expect(cardDataIn('listening on 127.0.0.1:41234 at 17:37:00', pans, cvvs)).toEqual([]);
  });

  it('reads a real SQLite journal file byte for byte, the WAL included', async () => {
    // This file is written on purpose and kept for the scan of the whole run, so its card number
    // is one no test types (Luhn-valid, built here so the scan's list does not pick it up).
    const planted = ['4000', '0566', '5566', '5556'].join('');
    const dir = folder();
    const db = new Database(join(dir, 'leaky.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run(`{"pan":"${planted}"}`);
    const files = await filesUnder(dir);
    const hits = files.flatMap((file) => cardDataIn(file.text, new Set([planted]), cvvs).map((hit) => `${file.path.slice(dir.length + 1)}: ${hit}`));
    db.close();
    expect(hits).toContain('leaky.sqlite-wal: PAN …5556');
  });
});

describe('the card data the tests use', () => {
  it('is read from the test sources: the sandbox cards typed in specs and the CVVs given with them', async () => {
    const { pans, cvvs } = await cardDataUsedByTests(ROOT);
    // Typed by the end-to-end specs (test/e2e/support/terminal.ts) and the core tests.
    expect([...pans]).toEqual(expect.arrayContaining([VISA, AMEX, '5555555555554444']));
    expect([...cvvs]).toEqual(expect.arrayContaining(['737', '123']));
    // A number that fails Luhn is refused before anything is written; a date-time is not a card.
    expect(pans.has('4111111111111112')).toBe(false);
    expect([...pans].every((pan) => !/^20[0-9]{12}$/.test(pan))).toBe(true);
  });
});

describe('keeping what a test run deletes', () => {
  it('moves what is deleted under the temporary folder aside, and deletes anything else as asked', () => {
    const base = folder();
    const temporary = join(base, 'tmp');
    const kept = join(base, 'kept');
    const elsewhere = join(base, 'elsewhere');
    for (const dir of [temporary, kept, elsewhere]) mkdirSync(dir);
    mkdirSync(join(temporary, 'data'));
    writeFileSync(join(temporary, 'data', 'journal.sqlite'), 'x');
    writeFileSync(join(temporary, 'export.csv.part'), 'y');
    writeFileSync(join(elsewhere, 'other.txt'), 'z');
    // A process of its own, as a test worker is: the replacement is process-wide.
    const script = `
      import { rm, unlink } from 'node:fs/promises';
      import { rmSync } from 'node:fs';
      import { keepWrittenFilesIfAsked } from ${JSON.stringify(join(ROOT, 'test/support/keep-written-files.ts'))};
      keepWrittenFilesIfAsked();
      await rm(${JSON.stringify(join(temporary, 'data'))}, { recursive: true, force: true });
      await unlink(${JSON.stringify(join(temporary, 'export.csv.part'))});
      rmSync(${JSON.stringify(join(elsewhere, 'other.txt'))});
      await rm(${JSON.stringify(join(temporary, 'never-there'))}, { force: true });
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      // As `npm test` runs the suites.
      env: { ...process.env, TMPDIR: temporary, COMPTOIR_KEEP_WRITTEN: kept },
    });
    expect(child.status, child.stderr).toBe(0);
    expect(existsSync(join(temporary, 'data'))).toBe(false);
    expect(existsSync(join(temporary, 'export.csv.part'))).toBe(false);
    expect(existsSync(join(elsewhere, 'other.txt'))).toBe(false);
    const moved = readdirSync(kept);
    expect(moved.map((name) => name.replace(/^[0-9]+-[0-9]+-/, '')).sort()).toEqual(['data', 'export.csv.part']);
    const data = moved.find((name) => name.endsWith('-data')) as string;
    expect(readdirSync(join(kept, data))).toEqual(['journal.sqlite']);
  });
});
