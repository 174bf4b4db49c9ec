/*
 * `tsx test/card-data/scan.ts DIR`: searches every file under DIR (what a whole test run wrote:
 * journals and their WAL, logs, exports, reports, vaults, sandbox ledgers, the browser profiles
 * of the end-to-end runs) for any card number or CVV the tests use, in any way it was typed.
 * Prints what it found where, and exits 1 if anything; `npm test` runs it after the suites.
 */
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cardDataIn, cardDataUsedByTests, filesUnder } from '../support/card-data.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx test/card-data/scan.ts DIR');
  process.exit(2);
}
const { pans, cvvs } = await cardDataUsedByTests(root);
// The detector must see what it looks for, or finding nothing would prove nothing.
const probe = cardDataIn('{"number":"4111-1111-1111-1111","cvv":"737"}', new Set(['4111111111111111']), new Set(['737']));
if (probe.length !== 2 || pans.size === 0 || cvvs.size === 0) {
  console.error(`card-data scan: the detector is broken (probe ${JSON.stringify(probe)}, ${pans.size} card numbers, ${cvvs.size} CVVs)`);
  process.exit(1);
}
// Source code is the tests' own text (tsx's compile cache, a test's compiled copy of shared/),
// which names test cards on purpose; the app writes none.
const SOURCE = /\.(m?js|cjs|ts|tsx|map)$/;
const TSX_CACHE = /[/\\]tsx-[0-9]+[/\\]/;
const files = (await filesUnder(dir)).filter((file) => !SOURCE.test(file.path) && !TSX_CACHE.test(file.path));
let bytes = 0;
const leaks: string[] = [];
for (const file of files) {
  bytes += (await stat(file.path)).size;
  for (const hit of cardDataIn(file.text, pans, cvvs)) leaks.push(`${relative(dir, file.path)}: ${hit}`);
}
console.log(`card-data scan: ${files.length} files (${(bytes / 1e6).toFixed(1)} MB) searched for ${pans.size} card numbers and ${cvvs.size} CVVs`);
for (const leak of leaks) console.log(`  found ${leak}`);
console.log(leaks.length === 0 ? 'card-data scan: nothing found' : `card-data scan: ${leaks.length} finding(s)`);
process.exit(leaks.length === 0 ? 0 : 1);
