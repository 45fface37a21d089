/**
 * Vite plugins of the demo site (vite.demo.config.ts): files the site needs
 * at its root that are not modules of the page, served by the dev server and
 * written into the build.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build, normalizePath, type Plugin, type ResolvedConfig } from 'vite';
import { STANDALONE_FILE, standaloneConfig } from '../vite.standalone.config.js';
import { devBase, serveFile } from './serve-file.js';

const MSW_WORKER = 'mockServiceWorker.js';
const EMBED_PAGE = 'embed-example.html';
const STANDALONE_DIR = 'standalone';

function isRead(method: string | undefined): boolean {
  return method === 'GET' || method === 'HEAD';
}

/**
 * MSW's service worker at the site root: served from the installed `msw` in
 * dev and emitted into the build, so it always matches the library version
 * that registers it (MSW checks that on start). Never kept in the repository.
 */
export function mswServiceWorker(): Plugin {
  const file = createRequire(import.meta.url).resolve(`msw/${MSW_WORKER}`);
  let base = '/';
  return {
    name: 'jetonomy-msw-service-worker',
    configResolved(config) {
      base = devBase(config);
    },
    configureServer(server) {
      server.middlewares.use(serveFile(() => base + MSW_WORKER, 'text/javascript; charset=utf-8', () => readFile(file)));
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: MSW_WORKER, source: await readFile(file) });
    },
  };
}

/**
 * The plain-page example (`embed-example.html`) and the standalone bundle it
 * imports (`standalone/jetonomy-analytics.js`).
 *
 * The page is the README's snippet and must stay plain HTML, so Vite never
 * rewrites it: the dev server sends it as it is, and the build copies it.
 * In dev, `standalone/jetonomy-analytics.js` is the library's source entry
 * through the dev server; the build writes the real standalone bundle (the
 * same build as `dist/standalone/`) into `<outDir>/standalone/` after the
 * site, so the copied page finds it beside itself.
 */
export function embedExample(options: { root: string }): Plugin {
  const page = resolve(options.root, 'demo', EMBED_PAGE);
  const entry = normalizePath(resolve(options.root, 'src/index.ts'));
  let config: ResolvedConfig;
  let base = '/';
  let failed = false;
  return {
    name: 'jetonomy-embed-example',
    configResolved(resolved) {
      config = resolved;
      base = devBase(resolved);
    },
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const [path] = (req.url ?? '').split('?');
        // Handed on to Vite's module middleware, which serves the entry as JavaScript.
        if (isRead(req.method) && path === `${base}${STANDALONE_DIR}/${STANDALONE_FILE}`) req.url = `/@fs/${entry.replace(/^\//, '')}`;
        next();
      });
      server.middlewares.use(serveFile(() => base + EMBED_PAGE, 'text/html; charset=utf-8', () => readFile(page)));
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: EMBED_PAGE, source: await readFile(page) });
    },
    buildEnd(error) {
      failed ||= error !== undefined;
    },
    renderError() {
      failed = true;
    },
    async closeBundle(error) {
      if (failed || error || config.command !== 'build') return;
      const outDir = resolve(config.root, config.build.outDir, STANDALONE_DIR);
      await build({ ...standaloneConfig(outDir), logLevel: config.logLevel, mode: config.mode });
    },
  };
}
