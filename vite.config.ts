import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** The dev server opens on the demo: `/` serves the same page as `/demo/`. */
const demoAtRoot: Plugin = {
  name: 'demo-at-root',
  apply: 'serve',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const [path, query] = (req.url ?? '').split('?');
      if (path === '/' || path === '/index.html') req.url = '/demo/' + (query === undefined ? '' : `?${query}`);
      next();
    });
  },
};

// One config for the demo (dev server) and the library build (dist/).
export default defineConfig({
  root: '.',
  plugins: [demoAtRoot],
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
        testing: resolve(import.meta.dirname, 'src/testing.ts'),
        mocks: resolve(import.meta.dirname, 'src/mocks.ts'),
      },
      formats: ['es'],
    },
    rollupOptions: {
      // Dependencies stay external: the consumer's bundler dedupes lit and friends.
      external: [/^lit(\/.*)?$/, /^@lit\//, /^echarts(\/.*)?$/, /^idb$/, /^papaparse$/, /^comlink$/, /^msw(\/.*)?$/],
    },
  },
});
