#!/usr/bin/env node
// Runs the `_electron` smoke suite where an Electron binary is present, and says plainly that
// it skipped otherwise (no binary can be downloaded on the build machines). It never tries to
// download one itself, so it cannot hang a CI run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
  ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron')
  : existsSync(pathFile)
    ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8'))
    : undefined;

const resultFile = process.env.COMPTOIR_SMOKE_RESULT;
if (!binary || !existsSync(binary)) {
  console.log('Electron smoke suite skipped: no Electron binary on this machine (node_modules/electron has not downloaded one).');
  if (resultFile) {
    mkdirSync(join(resultFile, '..'), { recursive: true });
    writeFileSync(resultFile, JSON.stringify({ skipped: true }));
  }
  process.exit(0);
}

const run = spawnSync(join(root, 'node_modules', '.bin', 'playwright'), ['test', '-c', 'playwright.electron.config.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, COMPTOIR_ELECTRON_BINARY: binary },
});
process.exit(run.status ?? 1);
