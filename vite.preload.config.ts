import { defineConfig } from 'vite';

/**
 * A sandboxed preload can require only `electron`, so it is bundled into one CommonJS file
 * with the contract's channel names inlined.
 */
export default defineConfig({
  build: {
    outDir: 'dist/electron/preload',
    emptyOutDir: true,
    minify: false,
    lib: { entry: 'electron/preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});
