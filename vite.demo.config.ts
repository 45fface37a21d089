import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { embedExample, mswServiceWorker } from './demo/vite-plugins.js';
import { demoSnapshot } from './demo/snapshot/snapshot-plugin.js';

const ROOT = import.meta.dirname;

/**
 * The demo site: `npm run dev` serves it at `/`, `npm run build:demo` writes
 * it to `dist-demo/` (with the standalone bundle in `dist-demo/standalone/`
 * and the plain-page example beside it), `npm run preview` serves that.
 * Beside the page: MSW's service worker, `snapshot.json` (the custom data
 * source's answers) and `embed-example.html`. Every URL in the build is
 * relative, so the folder works from any static host and under any sub-path.
 */
export default defineConfig({
  root: resolve(ROOT, 'demo'),
  base: './',
  plugins: [mswServiceWorker(), embedExample({ root: ROOT }), demoSnapshot()],
  server: { open: false },
  build: {
    target: 'es2022',
    // ECharts (line chart, SVG renderer) is one lazily loaded chunk of about 520 kB.
    chunkSizeWarningLimit: 600,
    outDir: resolve(ROOT, 'dist-demo'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: { index: resolve(ROOT, 'demo/index.html') },
      // The nested worker (and standalone) builds make this timing notice on a busy machine; nothing to act on.
      checks: { bundlerTimings: false },
    },
  },
  worker: { format: 'es' },
});
