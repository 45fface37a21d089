import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// One config for the demo (dev server) and the library build (dist/).
export default defineConfig({
  root: '.',
  server: { open: false },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: {
        index: resolve(import.meta.dirname, 'src/index.ts'),
        data: resolve(import.meta.dirname, 'src/data.ts'),
      },
      formats: ['es'],
    },
    rollupOptions: {
      // Dependencies stay external: the consumer's bundler dedupes lit and friends.
      external: [/^lit(\/.*)?$/, /^@lit\//, /^echarts(\/.*)?$/, /^idb$/, /^papaparse$/, /^comlink$/],
    },
  },
});
