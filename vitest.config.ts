import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const standIn = fileURLToPath(new URL('./test/support/electron-stand-in.ts', import.meta.url));
// Under `npm test`, keeps what tests delete for the card-data scan (test/support/keep-written-files.ts).
const keepWritten = fileURLToPath(new URL('./test/support/keep-written-setup.ts', import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**', 'node_modules/**'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
          setupFiles: [keepWritten],
        },
        // No Electron binary runs here: main-process code is exercised against a thin stand-in.
        resolve: { alias: { electron: standIn } },
      },
      {
        test: {
          name: 'renderer',
          // happy-dom, with core (which these tests run for real) transformed as the Node code it is.
          environment: './test/support/happy-dom-node-environment.ts',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          testTimeout: 20_000,
          setupFiles: [keepWritten],
        },
      },
    ],
  },
});
