import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: runs every `*.bench.ts` in this folder, one after the other (benchmarks
 * share two cores; running them side by side would measure each other). Each prints its own
 * figures next to a baseline measured in the same run. `npm run bench -- journal` runs only
 * the benchmarks whose name contains "journal"; other arguments are passed through.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const [filter, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => !filter || filter.startsWith('-') || name.includes(filter))
  .sort();
const passThrough = filter?.startsWith('-') ? [filter, ...rest] : rest;

let failures = 0;
for (const bench of benches) {
  process.stdout.write(`\n### ${bench.replace('.bench.ts', '')}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, bench), ...passThrough], { stdio: 'inherit' });
  if (run.status !== 0) failures++;
}
if (benches.length === 0) process.stdout.write('No benchmark matched.\n');
process.exit(failures === 0 ? 0 : 1);
