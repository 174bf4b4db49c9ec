import { builtinEnvironments, type Environment } from 'vitest/environments';

/**
 * happy-dom's browser globals for the renderer tests, with every module transformed as Node
 * code. Those tests run a real core in the same process, and core is Node code: the browser
 * transform would rewrite its `new URL('./worker.ts', import.meta.url)` into a page URL, and
 * the journal's notification writer could not start its worker thread.
 */
export default {
  ...builtinEnvironments['happy-dom'],
  name: 'happy-dom-node',
  viteEnvironment: 'ssr',
} satisfies Environment;
