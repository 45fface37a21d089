import { resolve } from 'node:path';
import { defineConfig, type InlineConfig } from 'vite';
import { engineChunk } from './vite.shared.js';

/** The standalone file's name; its engine worker and lazy chunks sit beside it. */
export const STANDALONE_FILE = 'jetonomy-analytics.js';

/**
 * The all-in-one build for plain HTML pages: `src/index.ts` (every element
 * and the whole public API) with Lit, Comlink, idb and Papa Parse bundled in,
 * ECharts as a chunk loaded when the first chart is drawn, and the engine's
 * Web Worker as a file of its own. Every URL between them is relative, so the
 * folder can be copied anywhere.
 */
export function standaloneConfig(outDir: string): InlineConfig {
  return {
    configFile: false,
    root: import.meta.dirname,
    base: './',
    publicDir: false,
    // A module worker, so its lazy chunks (the sample-data generator) stay files of their own.
    worker: { format: 'es' },
    // Library mode leaves this to the consumer's bundler; here there is none.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      target: 'es2022',
      // ECharts (line chart, SVG renderer) is one lazily loaded chunk of about 520 kB.
      chunkSizeWarningLimit: 600,
      outDir,
      emptyOutDir: true,
      assetsDir: '',
      lib: {
        entry: resolve(import.meta.dirname, 'src/index.ts'),
        formats: ['es'],
        fileName: () => STANDALONE_FILE,
      },
      rolldownOptions: {
        // The nested worker (and standalone) builds make this timing notice on a busy machine; nothing to act on.
        checks: { bundlerTimings: false },
        preserveEntrySignatures: engineChunk.preserveEntrySignatures,
        // Library mode keeps whitespace for the next bundler; this file is final.
        output: { ...engineChunk.output, minify: true },
      },
    },
  };
}

export default defineConfig(standaloneConfig(resolve(import.meta.dirname, 'dist/standalone')));
