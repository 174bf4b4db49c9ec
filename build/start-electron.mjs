#!/usr/bin/env node
// `npm start`: build what is stale, then launch the desktop app. The electron package fetches
// its binary on first launch; where that cannot happen (no internet, blocked download), say
// so plainly and point to web mode, which runs the same app in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = spawnSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url)), '--if-stale'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function cannotStart(reason) {
  process.stderr.write(
    `\nComptoir could not start the desktop app: the Electron binary is not installed and could not be downloaded.\n` +
      `  (${String(reason).split('\n')[0]})\n` +
      `Run "npm run web" to use Comptoir in your browser instead; it is the same app.\n`,
  );
  process.exit(1);
}

let electronBinary;
try {
  electronBinary = createRequire(import.meta.url)('electron');
} catch (error) {
  cannotStart(error?.message ?? error);
}

const child = spawn(electronBinary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('error', (error) => cannotStart(error.message));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code) => process.exit(code ?? 1));
