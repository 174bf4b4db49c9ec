#!/usr/bin/env node
// Builds what the app runs: core and main (tsc -> dist/), the preload bundle and the renderer
// (vite -> dist/). `--if-stale` skips the build when dist/ is newer than every source file.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-stamp');
const SOURCES = ['electron', 'shared', 'renderer', 'package.json', 'vite.config.ts', 'vite.preload.config.ts', 'tsconfig.node.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), info.mtimeMs);
}

if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  if (SOURCES.every((source) => newestMtime(join(root, source)) <= built)) process.exit(0);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
const steps = [
  ['core and main', bin('tsc'), ['-p', 'tsconfig.node.json']],
  ['preload', bin('vite'), ['build', '--config', 'vite.preload.config.ts', '--logLevel', 'warn']],
  ['renderer', bin('vite'), ['build', '--logLevel', 'warn']],
];
for (const [label, command, args] of steps) {
  process.stderr.write(`build: ${label}\n`);
  const run = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) {
    process.stderr.write(`build: ${label} failed\n`);
    process.exit(run.status ?? 1);
  }
}
writeFileSync(stamp, new Date().toISOString());
