import { defineConfig } from '@playwright/test';

/** The desktop app itself, through Playwright's `_electron`; run by test/electron/run-smoke.mjs. */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '*.spec.ts',
  workers: 1,
  timeout: 60_000,
  outputDir: 'test-results/electron',
  reporter: [['list'], ['json', { outputFile: 'test-results/electron-report.json' }]],
});
