#!/usr/bin/env node
/**
 * Opens the plugin's admin screen in headless Chromium as the administrator
 * of the running local WordPress (`npm run wordpress`), waits for the
 * dashboard's report, and saves a full-page screenshot. Fails when the page
 * logs a console error, throws, or requests anything outside 127.0.0.1.
 *
 *   node wordpress/dev/screenshot.mjs [--width 1280] [--height 900] [--viewport-only] [--out FILE] [--hash 'jt-verify=1'] [--data-dir DIR]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { resolveBrowser } from '../../test/browser.mjs';
import { login } from './client.mjs';
import { DEFAULTS, ROOT } from './instance.mjs';

const { values } = parseArgs({
  options: {
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '900' },
    out: { type: 'string' },
    hash: { type: 'string', default: '' },
    'data-dir': { type: 'string', default: DEFAULTS.dataDir },
    theme: { type: 'string' },
    'viewport-only': { type: 'boolean' },
  },
});
const state = JSON.parse(readFileSync(join(values['data-dir'], 'state.json'), 'utf8'));
const width = Number(values.width);
const out = values.out ?? join(ROOT, '.wordpress', 'screenshots', `analytics-${width}${values.hash ? `-${values.hash.replace(/[^a-z0-9]+/gi, '-')}` : ''}.png`);
mkdirSync(dirname(out), { recursive: true });

const session = await login({ url: state.url, user: state.user, password: state.password });
const { executablePath, args } = await resolveBrowser();
const browser = await chromium.launch({ executablePath, args });
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width, height: Number(values.height) }, locale: 'en-US', colorScheme: values.theme === 'dark' ? 'dark' : 'light' });
  await context.addCookies([...session.jar].map(([name, value]) => ({ name, value, domain: '127.0.0.1', path: '/' })));
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', ''].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) problems.push(`outside request: ${request.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  const started = performance.now();
  await page.goto(`${state.url}/wp-admin/admin.php?page=jetonomy-analytics${values.hash ? `#${values.hash}` : ''}`);
  const loaded = await page
    .waitForFunction(() => {
      const dashboard = document.querySelector('jt-analytics-dashboard');
      const body = dashboard?.shadowRoot?.querySelector('[part~="body"]');
      return body && body.getAttribute('aria-busy') === 'false' && dashboard.shadowRoot.querySelector('[part~="headline"]');
    }, undefined, { timeout: 30_000 })
    .then(
      () => true,
      () => false,
    );
  if (!loaded) problems.push('the dashboard showed no report within 30 s');
  // The chart draws in a later task, and the tables load their rows beside the report.
  await page.waitForTimeout(1500);
  console.log(`dashboard ${loaded ? 'loaded' : 'NOT loaded'} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  await page.screenshot({ path: out, fullPage: !values['viewport-only'] });
  console.log(`screenshot: ${relative(process.cwd(), out)}`);
} finally {
  await browser.close();
}
if (problems.length > 0) {
  console.error(`problems:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  process.exit(1);
}
console.log('console clean, no request left 127.0.0.1');
