#!/usr/bin/env node
// `npm test`: every check, in order, each counted. Lint and each type-check count as one test;
// vitest and Playwright report their own counts. Ends with one line: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = join(root, 'test-results');
let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];

// Everything the suites write goes under one folder, kept whole for the card-data scan at the
// end (test/support/keep-written-files.ts moves what they delete into `kept/`). It is the
// suites' TMPDIR, open to all like /tmp (a test runs web mode as `nobody`, tsx caches there).
const written = mkdtempSync(join(tmpdir(), 'comptoir-test-run-'));
chmodSync(written, 0o755);
const suiteTmp = join(written, 'tmp');
const kept = join(written, 'kept');
mkdirSync(suiteTmp, { mode: 0o1777 });
chmodSync(suiteTmp, 0o1777);
mkdirSync(kept);
const writtenEnv = { TMPDIR: suiteTmp, COMPTOIR_KEEP_WRITTEN: kept };

function run(command, args, env = {}) {
  const started = Date.now();
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: outcome.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function check(label, command, args) {
  process.stdout.write(`\n== ${label}\n`);
  const { ok, seconds } = run(command, args);
  if (ok) passed++;
  else failed++;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds} s)`);
  return ok;
}

function suite(label, command, args, reportFile, count, env) {
  process.stdout.write(`\n== ${label}\n`);
  rmSync(reportFile, { force: true });
  const { ok, seconds } = run(command, args, env);
  if (!existsSync(reportFile)) {
    failed++;
    summary.push(`FAIL ${label}: no report (${seconds} s)`);
    return;
  }
  const counts = count(JSON.parse(readFileSync(reportFile, 'utf8')));
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  // A runner that failed without a failing test (crash, unhandled error) still counts as a failure.
  if (!ok && counts.failed === 0) failed++;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`);
}

const playwrightCounts = (report) => ({
  passed: (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0),
  failed: report.stats?.unexpected ?? 0,
  skipped: report.stats?.skipped ?? 0,
});

// `npm run lint` is every static check of the sources (eslint, knip for unused code), counted
// as one. Under `npm test`, npm says where its own CLI is: run it with this Node (no shell).
const npmCommand = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
check('lint (npm run lint)', npmCommand[0], [...npmCommand[1], 'run', '--silent', 'lint']);
for (const project of ['node', 'renderer', 'test']) check(`type-check (${project})`, bin('tsc'), ['-p', `tsconfig.${project}.json`, '--noEmit']);
const built = check('build', process.execPath, [join(root, 'build/build.mjs')]);

suite(
  'unit and integration (vitest)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'vitest-report.json')}`],
  join(results, 'vitest-report.json'),
  (report) => ({
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrors ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  }),
  writtenEnv,
);

if (built) {
  suite('end-to-end (Playwright, web mode in Chromium)', bin('playwright'), ['test'], join(results, 'e2e-report.json'), playwrightCounts, writtenEnv);
  process.stdout.write('\n== Electron smoke (_electron)\n');
  const smokeReport = join(results, 'electron-report.json');
  rmSync(smokeReport, { force: true });
  const smoke = run(process.execPath, [join(root, 'test/electron/run-smoke.mjs')], { COMPTOIR_SMOKE_RESULT: join(results, 'electron-skip.json') });
  if (existsSync(smokeReport)) {
    const counts = playwrightCounts(JSON.parse(readFileSync(smokeReport, 'utf8')));
    passed += counts.passed;
    failed += counts.failed + (!smoke.ok && counts.failed === 0 ? 1 : 0);
    summary.push(`${smoke.ok ? 'ok  ' : 'FAIL'} Electron smoke: ${counts.passed} passed, ${counts.failed} failed`);
  } else if (smoke.ok) {
    summary.push('skip Electron smoke: no Electron binary on this machine');
  } else {
    failed++;
    summary.push('FAIL Electron smoke');
  }
} else {
  failed++;
  summary.push('FAIL end-to-end: not run, the build failed');
}

// Issue 21: no card number or CVV the tests typed is in anything the app and the tests wrote.
const scanned = check('card-data scan of every file the suites wrote', bin('tsx'), [join(root, 'test/card-data/scan.ts'), written]);
if (scanned) rmSync(written, { recursive: true, force: true });
else summary.push(`     (what was written is left in ${written} to look at)`);

process.stdout.write(`\n== Summary\n${summary.join('\n')}\n\n`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed === 0 ? 0 : 1);
