import { defineConfig } from '@playwright/test';
import { keepWrittenFilesIfAsked } from './test/support/keep-written-files.js';

// Under `npm test`, what the specs and the browser delete (data folders, Chromium's profile) is
// kept for the card-data scan; this file is loaded by the runner and by each worker.
keepWrittenFilesIfAsked();

/**
 * End-to-end in Debian's Chromium against web mode. No browser is ever downloaded: the path
 * comes from CHROMIUM_PATH, /usr/bin/chromium by default.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
