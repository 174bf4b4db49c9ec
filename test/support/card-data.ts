import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/*
 * Card data as tests type it, and how to find it again in what the app wrote. One detector for
 * the end-to-end specs (each spec's data folder, logs and browser storage) and for the scan of
 * every file a whole test run wrote (`test/card-data/scan.ts`, run by `npm test`).
 */

/** Luhn's check (ISO/IEC 7812-1), which every card number a test types passes or is meant to fail. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * A PAN may be written as typed: in one run, or grouped by spaces or dashes (4-4-4-4, 4-6-5 for
 * American Express, or any other grouping a field accepts); any single separator between digits
 * is matched. A 3- or 4-digit CVV can occur by chance inside any number (a port, a timestamp,
 * an amount), so it is searched for where it would be written as a value: after a CVV-like name
 * (`"cvv":"737"`, `CARDCVV=737`, `cvv: 737`).
 */
export function cardDataIn(text: string, pans: ReadonlySet<string>, cvvs: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const pan of pans) {
    const anyGrouping = new RegExp(`(?<![0-9])${pan.split('').join('[ -]?')}(?![0-9])`);
    if (anyGrouping.test(text)) found.push(`PAN …${pan.slice(-4)}`);
  }
  for (const cvv of cvvs) {
    if (new RegExp(`(cvv|cvc|cardcvv|securitycode|security_code)[^0-9a-z]{0,6}${cvv}(?![0-9])`, 'i').test(text)) found.push(`CVV ${cvv}`);
  }
  return found;
}

/** Every file under a folder, read as bytes (latin1 keeps each byte one character). */
export async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (path) => ({ path, text: (await readFile(path)).toString('latin1') })));
}

// Card numbers start with 2 to 6 (Mastercard 2-series, Amex 3, Visa 4, Mastercard 5, Discover 6);
// 13 to 19 digits, in one run or grouped by single spaces or dashes.
const PAN_CANDIDATE = /(?<![0-9])[2-6](?:[ -]?[0-9]){12,18}(?![0-9])/g;
// A gateway date-time (YYYYMMDDhhmmss) can pass Luhn by chance: it is not a card number.
const TIMESTAMP = /^20[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]$/;
// `cvv: '123'`, `CARDCVV: "1234"`, `const CVV = '9873'`, `"cvv":"737"`.
const CVV_VALUE = /\b(?:cvv|cvc|cardcvv|cardcode)\w*["']?\s*[:=]\s*["'](\d{3,4})["']/gi;
// `cvvs: ['737', '1234']`: the CVVs an end-to-end spec declares it types.
const CVV_LIST = /\bcvvs\s*:\s*\[([^\]]*)\]/gi;

/**
 * The card numbers and CVVs the tests use, read from their sources (and the sandbox's test cards
 * they rely on): whatever a test types is in one of these files, so a new test card is scanned
 * for without a list to keep up to date. Only Luhn-valid numbers count as card numbers: the
 * invalid ones are refused at the boundary, and digits that merely look long (ids) are not cards.
 */
export async function cardDataUsedByTests(root: string): Promise<{ pans: Set<string>; cvvs: Set<string> }> {
  const pans = new Set<string>();
  const cvvs = new Set<string>();
  const sources = [join(root, 'test'), join(root, 'electron/core/sandbox')];
  for (const dir of sources) {
    for (const file of await filesUnder(dir)) {
      if (!/\.(ts|tsx|mjs|js)$/.test(file.path) || relative(root, file.path).startsWith('test/card-data/fixtures')) continue;
      for (const match of file.text.matchAll(PAN_CANDIDATE)) {
        const digits = match[0].replace(/[ -]/g, '');
        if (luhnValid(digits) && !TIMESTAMP.test(digits)) pans.add(digits);
      }
      for (const match of file.text.matchAll(CVV_VALUE)) cvvs.add(match[1] as string);
      for (const match of file.text.matchAll(CVV_LIST)) for (const value of (match[1] as string).matchAll(/["'](\d{3,4})["']/g)) cvvs.add(value[1] as string);
    }
  }
  return { pans, cvvs };
}
