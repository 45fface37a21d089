import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { engineChunk } from './vite.shared.js';

// The library build: the four entries and one per element into dist/, dependencies left to the
// consumer's bundler. The demo has its own config (vite.demo.config.ts), the
// all-in-one file for plain pages another (vite.standalone.config.ts).
/** The elements, each its own entry: `@jetonomy/analytics/elements/<name>.js`. */
export const ELEMENTS = ['analytics-dashboard', 'date-range', 'diff-toggle', 'metric', 'activity-chart', 'top-spaces', 'top-contributors', 'engagement', 'moderation'];

export default defineConfig({
  root: '.',
  // Relative, so the engine worker is found beside the chunk that starts it
  // (`new URL('assets/…', import.meta.url)`) wherever the package is served from.
  base: './',
  // A module worker, so its lazy chunks (the sample-data generator) stay files of their own.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: {
        index: resolve(import.meta.dirname, 'src/index.ts'),
        data: resolve(import.meta.dirname, 'src/data.ts'),
        testing: resolve(import.meta.dirname, 'src/testing.ts'),
        mocks: resolve(import.meta.dirname, 'src/mocks.ts'),
        // One entry per element, so a page can import (and register) one element alone.
        ...Object.fromEntries(ELEMENTS.map((name) => [`elements/${name}`, resolve(import.meta.dirname, `src/elements/${name}/${name}.ts`)])),
      },
      formats: ['es'],
    },
    rolldownOptions: {
      ...engineChunk,
      // Dependencies stay external: the consumer's bundler dedupes lit and friends.
      external: [/^lit(\/.*)?$/, /^@lit\//, /^echarts(\/.*)?$/, /^idb$/, /^papaparse$/, /^comlink$/, /^msw(\/.*)?$/],
    },
  },
});
