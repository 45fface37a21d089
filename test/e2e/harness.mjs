/**
 * End-to-end harness: the built demo (dist-demo/) served by Vite's preview
 * server, driven through playwright-core in the Chromium that
 * test/browser.mjs resolves. One server
 * and one browser per test file; one fresh browser context per test, so
 * service workers, storage and downloads never leak between tests.
 *
 * Every page collects its uncaught errors, console errors and `jt-error`
 * events; `page.assertClean()` fails the test on any of them unless the test
 * said which ones it expects.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { resolveBrowser } from '../browser.mjs';

export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ARTEFACTS = path.join(ROOT, 'test-results', 'e2e');

/** Generous but bounded: a 100 k-event community is generated and ingested on every page load. */
export const LOAD_TIMEOUT_MS = 60_000;
export const STEP_TIMEOUT_MS = 30_000;

/**
 * Installed before any page script: records what the test later checks
 * (errors the page swallowed into events, report loads) without touching the
 * page's own code.
 */
function pageProbe() {
  const probe = { jtErrors: [], reportLoads: 0 };
  window.__e2e = probe;
  document.addEventListener('jt-error', (event) => {
    const { operation, error } = event.detail ?? {};
    probe.jtErrors.push({ operation, message: String(error?.message ?? error), code: error?.code });
  });
  document.addEventListener('jt-report-load', () => {
    probe.reportLoads += 1;
  });
}

/**
 * The harness of one test file: the preview server and the browser start
 * before its tests and close after them. Use it inside tests only.
 */
export function harnessForFile() {
  let started;
  before(async () => {
    started = await startHarness();
  });
  after(async () => {
    await started?.close();
  });
  const current = () => {
    if (!started) throw new Error('the harness starts before the tests: use it inside a test');
    return started;
  };
  return {
    get origin() {
      return current().origin;
    },
    get browser() {
      return current().browser;
    },
    url: (file, params) => current().url(file, params),
    newPage: (options) => current().newPage(options),
  };
}

/** Starts the preview server and the browser for one test file. */
async function startHarness() {
  const configFile = path.join(ROOT, 'vite.demo.config.ts');
  if (!existsSync(configFile)) throw new Error('vite.demo.config.ts is missing: the demo build cannot be served');
  // DEMO_DIR serves another build of the demo (say, one no parallel build can replace mid-run).
  const outDir = path.resolve(ROOT, process.env.DEMO_DIR || 'dist-demo');
  if (!existsSync(path.join(outDir, 'index.html'))) throw new Error(`${path.relative(ROOT, outDir)}/index.html is missing: run \`npm run build:demo\` first (npm run test:e2e does)`);
  await mkdir(ARTEFACTS, { recursive: true });

  const server = await preview({
    root: ROOT,
    configFile,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  const origin = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!origin) throw new Error('the preview server did not say where it listens');

  const { executablePath, args } = await resolveBrowser();
  const browser = await chromium.launch({ executablePath, args });

  return {
    origin,
    browser,
    /** A URL of the built demo, e.g. `url('index.html', { size: 10000 })`. */
    url(file, params = {}) {
      const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
      return `${origin}/${file}${search ? `?${search}` : ''}`;
    },
    /** A fresh context and page. `allowConsole`: patterns of console errors this test expects. */
    async newPage({ viewport = { width: 1280, height: 900 }, allowConsole = [], allowJtErrors = false } = {}) {
      const context = await browser.newContext({
        acceptDownloads: true,
        viewport,
        locale: 'en-US',
        // Not the site's zone on purpose: the browser's own zone must never shift a day.
        timezoneId: 'America/Los_Angeles',
        serviceWorkers: 'allow',
      });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      await context.addInitScript(pageProbe);
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.stack || error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (allowConsole.some((pattern) => pattern.test(text))) return;
        const where = message.location()?.url ? ` (${message.location().url}:${message.location().lineNumber})` : '';
        problems.push(`console error: ${text}${where}`);
      });
      page.on('crash', () => problems.push('the page crashed'));
      page.problems = problems;
      /** Fails on any uncaught error, unexpected console error or `jt-error` event seen so far. */
      page.assertClean = async () => {
        const jtErrors = allowJtErrors || page.isClosed() ? [] : await page.evaluate(() => window.__e2e?.jtErrors ?? []).catch(() => []);
        const all = [...problems, ...jtErrors.map((e) => `jt-error ${e.operation}: ${e.code ?? ''} ${e.message}`)];
        if (all.length > 0) throw new Error(`the page reported problems:\n  ${all.join('\n  ')}`);
      };
      page.closeContext = () => context.close();
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
    },
  };
}

/**
 * Runs `body(page)` in a fresh page; on failure saves a screenshot named
 * after the test, then always closes the context. Checks the page stayed clean.
 */
export async function withPage(harness, name, options, body) {
  const page = await harness.newPage(options);
  try {
    await body(page);
    await page.assertClean();
  } catch (error) {
    await page
      .screenshot({ path: path.join(ARTEFACTS, `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`), fullPage: true })
      .catch(() => undefined);
    if (page.problems.length > 0 && !String(error.message).includes('the page reported problems')) {
      error.message += `\n(the page also reported: ${page.problems.join(' | ')})`;
    }
    throw error;
  } finally {
    await page.closeContext().catch(() => undefined);
  }
}

/** Polls `read()` until `done(value)` holds; on time-out fails with the last value read. */
export async function until(read, done, { timeout = STEP_TIMEOUT_MS, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(last, null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
