import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts one of the journal's worker modules (`reader-worker`, `notification-writer-worker`).
 * Once compiled it is a `.js` next to this file; under tsx or vitest only the `.ts` exists,
 * and Node 20 ignores `--import tsx` in a worker's execArgv, so a tiny bootstrap registers
 * tsx inside the worker before importing it.
 */
export function spawnJournalWorker(name: 'reader-worker' | 'notification-writer-worker', workerData: unknown): Worker {
  return spawnModuleWorker(new URL(`./${name}.js`, import.meta.url), workerData);
}

/** Starts the worker module at `compiled` (a `.js` URL), or its `.ts` source under tsx or vitest. */
export function spawnModuleWorker(compiled: URL, workerData: unknown): Worker {
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData });
  const source = new URL(compiled.href.replace(/\.js$/, '.ts'));
  // The ESM build of tsx's API: its CommonJS build cannot register hooks from inside a worker.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
