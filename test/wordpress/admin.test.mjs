// The plugin's admin screen on a real WordPress, in a real Chromium: a
// generated community (ending now) goes in through the plugin's batch route,
// the test logs in through wp-login.php's own form, opens Jetonomy → Analytics
// from the admin menu and checks what <jt-analytics-dashboard> shows over
// RestDataSource against the plugin's REST answers for the same range:
// the headline cards, a preset change, the verify switch (both paths, drift
// 0), a CSV export against every REST page of the table; no console errors,
// and no request leaves 127.0.0.1. Run with
// `node --test test/wordpress/admin.test.mjs`.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Papa from 'papaparse';
import { chromium } from 'playwright-core';
import { resolveBrowser } from '../browser.mjs';
import { ROOT } from '../../wordpress/dev/instance.mjs';
import { resetWordPress, startWordPress } from '../../wordpress/dev/wordpress.mjs';

const PORT = 8895;
const EVENTS = 20_000;
const TIME_ZONE = 'Europe/Berlin';
const ANALYTICS = 'jetonomy/v1/analytics';
const STEP = 30_000;
const ARTEFACTS = join(ROOT, 'test-results', 'wordpress-admin');

/** The columns of the exported tables (as test/e2e/demo.mjs lists them), with the REST field each comes from. */
const COLUMNS = {
  'top-contributors': [
    ['rank', 'Rank'],
    ['display_name', 'Member'],
    ['trust_level', 'Trust level'],
    ['posts', 'Posts'],
    ['replies', 'Replies'],
    ['accepted_answers', 'Accepted answers'],
    ['total', 'Total'],
  ],
  'top-spaces': [
    ['rank', 'Rank'],
    ['name', 'Space'],
    ['posts', 'Posts'],
    ['replies', 'Replies'],
    ['contributors', 'Contributors'],
    ['engagement_rate', 'Engagement rate'],
  ],
};
const EXPORTING_ELEMENT = { 'top-contributors': 'jt-top-contributors', 'top-spaces': 'jt-top-spaces' };
/** The decimals the tables show of a REST field with a fraction; the export rounds to them unless asked for raw values (src/model/labels.ts, `fractionDigits`). */
const SHOWN_FRACTION_DIGITS = { engagement_rate: 2 };

/** A number with `digits` decimals as the table shows it: Intl rounds the shortest decimal form (3/40 → 0.08, where toFixed gives 0.07). */
const shownFixed = (value, digits) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(value);
// The export's rule (docs/semantics.md, CSV export), kept here as an independent copy as in test/e2e/demo.mjs.
const FORMULA_PREFIX = /^(?:[\t\r\0]|[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u207A\u207C\u208A\u208C\u2A75\u2A76\uFB29])/u;

function addDays(iso, days) {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const todayIn = (zone) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());

async function until(read, done, { timeout = STEP, interval = 150, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** What the dashboard shows: its range (as passed to the tables), busy parts, the four cards and any error. */
function screenState(page) {
  return page.evaluate(() => {
    const dashboard = document.querySelector('jt-analytics-dashboard');
    const root = dashboard?.shadowRoot;
    if (!root) return { ready: false, why: 'no dashboard shadow root' };
    const busy = [];
    const walk = (node) => {
      for (const el of node.querySelectorAll('*')) {
        if (el.getAttribute('aria-busy') === 'true') busy.push(`${node.host?.localName ?? 'document'} > ${el.localName}`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(root);
    const cards = [...root.querySelectorAll('[part=headline] jt-metric')].map((metric) => {
      const drift = metric.shadowRoot?.querySelector('[part~=drift]');
      return {
        label: metric.shadowRoot?.querySelector('[part=label]')?.textContent?.trim() ?? null,
        value: metric.shadowRoot?.querySelector('[part=value]')?.textContent?.trim() ?? null,
        verify: metric.shadowRoot?.querySelector('[part=verify]')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
        drift: drift?.textContent.trim() ?? null,
        driftNonzero: !!drift?.part.contains('drift-nonzero'),
      };
    });
    const [start, end] = (root.querySelector('jt-top-spaces')?.getAttribute('range') ?? '').split('..');
    const picker = root.querySelector('jt-date-range')?.resolvedDates;
    return {
      ready: !!dashboard.dataSource && busy.length === 0 && cards.length === 4 && cards.every((c) => c.value !== null),
      attribute: dashboard.getAttribute('range'),
      range: start && end ? { start, end } : null,
      picker: picker ? { start: picker.start, end: picker.end } : null,
      hash: location.hash,
      busy,
      cards,
      error: root.querySelector('[part~=error]')?.textContent?.trim() ?? null,
    };
  });
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
// As the cards show a change and the Growth Rate: signed, one decimal (src/elements/metric/signed-percent.ts).
const signedPercent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const show = (value, format) => (value === null || !Number.isFinite(value) ? 'n/a' : format(value));
/** The four cards as the dashboard formats a report's overview (src/internal/format.ts), from REST's snake_case. */
const expectedCards = (o) => [
  show(o.total_posts, (v) => count.format(v)),
  show(o.total_replies, (v) => count.format(v)),
  show(o.active_members, (v) => count.format(v)),
  show(o.growth_rate, (v) => signedPercent.format(v / 100)),
];

describe('the plugin admin screen on a real WordPress, in Chromium', () => {
  const dataDir = join(ROOT, '.wordpress', `test-${PORT}`);
  let site;
  let browser;
  let context;
  let page;
  const problems = [];
  const requests = [];
  const timings = {};
  const time = async (name, body) => {
    const started = performance.now();
    try {
      return await body();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };

  /** GET from the plugin's REST API as the administrator (application password): JSON and headers. */
  const rest = async (route) => {
    const response = await site.fetch(`${ANALYTICS}${route}`);
    const text = await response.text();
    assert.equal(response.status, 200, `GET ${route}: ${response.status} ${text.slice(0, 300)}`);
    return { json: JSON.parse(text), headers: response.headers };
  };
  const restReport = async (range, path = 'direct') => (await rest(`/report?start=${range.start}&end=${range.end}&path=${path}&top_n=0`)).json;
  const restAllRows = async (table, range) => {
    const rows = [];
    let total;
    for (let p = 1; ; p += 1) {
      const { json, headers } = await rest(`/${table}?start=${range.start}&end=${range.end}&path=direct&page=${p}&per_page=100`);
      total = Number(headers.get('x-wp-total'));
      rows.push(...json);
      if (p >= Number(headers.get('x-wp-totalpages'))) return { total, rows, pages: p };
    }
  };

  /** Waits until the dashboard is idle on `attribute` and its cards show REST's direct report of its range. */
  const waitCardsMatchRest = async (attribute, what) => {
    let expected = null;
    let forRange = null;
    const state = await until(
      async () => {
        const s = await screenState(page);
        if (s.error) throw new Error(`the dashboard shows an error: ${s.error}`);
        if (s.ready && s.range && s.attribute === attribute) {
          const key = `${s.range.start}..${s.range.end}`;
          if (forRange !== key) {
            forRange = key;
            expected = expectedCards((await restReport(s.range)).overview);
          }
        }
        return { ...s, expected };
      },
      (s) => s.ready && s.attribute === attribute && s.expected !== null && s.cards.map((c) => c.value).join('|') === s.expected.join('|'),
      { what, timeout: 60_000 },
    );
    assert.deepEqual(state.picker, state.range, 'the picker and the tables show different ranges');
    return state;
  };

  before(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    await resetWordPress({ dataDir });
    site = await time('start WordPress + load community', () => startWordPress({ port: PORT, dataDir, events: EVENTS, timeZone: TIME_ZONE, log: () => {} }));
    assert.equal(site.plugin, 'active');
    assert.ok(site.community?.applied > 0, `no community loaded: ${JSON.stringify(site.community)}`);
    const { executablePath, args } = await resolveBrowser();
    browser = await time('launch Chromium', () => chromium.launch({ executablePath, args }));
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 }, locale: 'en-US', timezoneId: 'America/Los_Angeles' });
    context.setDefaultTimeout(STEP);
    context.on('request', (request) => requests.push(request.url()));
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.stack || error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location()?.url ? ` (${message.location().url}:${message.location().lineNumber})` : '';
      problems.push(`console error: ${message.text()}${where}`);
    });
    page.on('crash', () => problems.push('the page crashed'));
  });

  after(async () => {
    // The last screen, for a look after a failure.
    if (page && !page.isClosed()) await page.screenshot({ path: join(ARTEFACTS, 'last.png'), fullPage: true }).catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await resetWordPress({ dataDir });
    console.log(`# timings (ms): ${JSON.stringify(timings)}`);
  });

  it('logs in through wp-login.php and opens Jetonomy → Analytics from the admin menu', { timeout: 120_000 }, async (t) => {
    await time('log in', async () => {
      await page.goto(`${site.url}/wp-login.php`, { waitUntil: 'load' });
      await page.locator('#user_login').fill(site.user);
      await page.locator('#user_pass').fill(site.password);
      await Promise.all([page.waitForURL(/\/wp-admin\/?$/, { waitUntil: 'load' }), page.locator('#wp-submit').click()]);
    });
    assert.ok((await context.cookies()).some((c) => c.name.startsWith('wordpress_logged_in_')), 'no logged-in cookie after the form');
    await time('open the analytics page', async () => {
      const menu = page.locator('#adminmenu a.menu-top[href$="page=jetonomy-analytics"]');
      assert.equal((await menu.locator('.wp-menu-name').textContent()).trim(), 'Jetonomy');
      await menu.click();
      await page.waitForURL(/admin\.php\?page=jetonomy-analytics/, { waitUntil: 'load' });
    });
    // The screen is the menu's current item.
    assert.match((await page.locator('#adminmenu li.toplevel_page_jetonomy-analytics').getAttribute('class')) ?? '', /\bcurrent\b|wp-has-current-submenu/);
    assert.equal(await page.locator('.wrap h1').first().textContent(), 'Community analytics');
    assert.equal(await page.locator('jt-analytics-dashboard').getAttribute('time-zone'), TIME_ZONE);
    const c = site.community;
    t.diagnostic(`community: ${c.events} events sent, ${c.applied} applied, ${c.duplicates} duplicates, ${c.held} held, ${c.rejected} rejected, in ${c.seconds?.toFixed?.(2)} s`);
  });

  it('renders the headline numbers of the last 30 days, equal to the plugin’s /report', { timeout: 120_000 }, async (t) => {
    const state = await time('first paint matching REST', () => waitCardsMatchRest('30d', 'the 30-day cards to match REST'));
    assert.deepEqual(
      state.cards.map((c) => c.label),
      ['Total Posts', 'Total Replies', 'Active Members', 'Growth Rate'],
    );
    const today = todayIn(TIME_ZONE);
    assert.deepEqual(state.range, { start: addDays(today, -29), end: today }, `Last 30 days should end today in ${TIME_ZONE}`);
    const report = await restReport(state.range);
    assert.ok(report.overview.total_posts > 0, 'the generated community has no posts in the last 30 days');
    assert.ok(report.overview.active_members > 0, 'no active members in the last 30 days');
    t.diagnostic(`30d ${state.range.start}..${state.range.end}: ${state.cards.map((c) => `${c.label} ${c.value}`).join(', ')}; REST ${JSON.stringify(report.overview)}`);
  });

  it('repaints with REST’s numbers for Last 7 days after a preset change', { timeout: 120_000 }, async (t) => {
    const before30 = (await screenState(page)).cards.map((c) => c.value);
    await page.locator('jt-analytics-dashboard jt-date-range select[part=select]').selectOption('7d');
    const state = await time('repaint for 7d', () => waitCardsMatchRest('7d', 'the 7-day cards to match REST'));
    const today = todayIn(TIME_ZONE);
    assert.deepEqual(state.range, { start: addDays(today, -6), end: today });
    assert.match(state.hash, /(^#|&)jt-range=7d(&|$)/, 'sync-url does not keep the range in the hash');
    assert.notDeepEqual(
      state.cards.map((c) => c.value),
      before30,
      'Last 7 days shows the same numbers as Last 30 days',
    );
    t.diagnostic(`7d ${state.range.start}..${state.range.end}: ${state.cards.map((c) => c.value).join(' / ')} (30d was ${before30.join(' / ')})`);
  });

  it('verify shows the direct and the aggregated value of every card, drift 0', { timeout: 120_000 }, async (t) => {
    await page.locator('jt-analytics-dashboard jt-diff-toggle [part=switch]').click();
    const state = await until(
      () => screenState(page),
      (s) => s.ready && s.cards.length === 4 && s.cards.every((c) => c.drift !== null),
      { what: 'the verify line on every card', timeout: 60_000 },
    );
    assert.match(state.hash, /(^#|&)jt-verify=1(&|$)/);
    const direct = expectedCards((await restReport(state.range, 'direct')).overview);
    const aggregated = expectedCards((await restReport(state.range, 'aggregate')).overview);
    const { json: diff } = await rest(`/diff-report?start=${state.range.start}&end=${state.range.end}`);
    for (const [i, card] of state.cards.entries()) {
      assert.equal(card.drift, '0%', `${card.label} shows drift: ${card.verify}`);
      assert.equal(card.driftNonzero, false);
      assert.ok(card.verify.includes(direct[i]) && card.verify.includes(aggregated[i]), `${card.label}: "${card.verify}" lacks direct ${direct[i]} or aggregated ${aggregated[i]}`);
      assert.match(card.verify, /direct/i);
      assert.match(card.verify, /aggregat/i);
    }
    for (const metric of diff.metrics) assert.equal(metric.drift_pct, 0, `REST diff-report: ${metric.key} drifts`);
    for (const tag of ['jt-top-spaces', 'jt-top-contributors']) {
      const table = await until(
        () =>
          page.evaluate((tag) => {
            const root = document.querySelector('jt-analytics-dashboard').shadowRoot.querySelector(tag).shadowRoot;
            return {
              busy: root.querySelector('[part=base]')?.getAttribute('aria-busy'),
              headers: [...root.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
              drift: [...root.querySelectorAll('td[part~=drift]')].map((td) => ({ text: td.textContent.trim(), nonzero: td.part.contains('drift-nonzero') })),
            };
          }, tag),
        (s) => s.busy === 'false' && s.headers.at(-1) === 'Drift' && s.drift.length > 0,
        { what: `the drift column of ${tag}` },
      );
      assert.deepEqual(
        table.drift.filter((d) => d.text !== '0%' || d.nonzero),
        [],
        `${tag} shows non-zero drift`,
      );
    }
    t.diagnostic(`verify: ${state.cards.map((c) => c.verify).join(' | ')}`);
    await page.locator('jt-analytics-dashboard jt-diff-toggle [part=switch]').click();
    await until(() => screenState(page), (s) => s.ready && s.cards.every((c) => c.verify === null), { what: 'verify off' });
  });

  it('exports tables as CSV with every row of the REST table pages (X-WP-Total)', { timeout: 180_000 }, async (t) => {
    await page.locator('jt-analytics-dashboard jt-date-range select[part=select]').selectOption('90d');
    const state = await waitCardsMatchRest('90d', 'the 90-day cards to match REST');
    const range = state.range;
    for (const [table, owner] of Object.entries(EXPORTING_ELEMENT)) {
      await until(
        () => page.evaluate((owner) => document.querySelector('jt-analytics-dashboard').shadowRoot.querySelector(owner).shadowRoot.querySelector('[part=base]')?.getAttribute('aria-busy'), owner),
        (busy) => busy === 'false',
        { what: `${owner} idle` },
      );
      const started = performance.now();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: STEP }), page.locator(`jt-analytics-dashboard ${owner} [part~=export-button]`).click()]);
      assert.equal(download.suggestedFilename(), `${table}_${range.start}_${range.end}.csv`);
      const file = join(ARTEFACTS, download.suggestedFilename());
      await download.saveAs(file);
      timings[`export ${table}`] = Math.round(performance.now() - started);
      const bytes = await readFile(file);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${table}: no UTF-8 byte-order mark`);
      const parsed = Papa.parse(bytes.toString('utf8').slice(1), { header: false, skipEmptyLines: true, newline: '\r\n' });
      assert.deepEqual(parsed.errors, [], `${table}: the CSV does not parse`);

      const { total, rows, pages } = await restAllRows(table, range);
      assert.equal(rows.length, total, `${table}: REST pages hold ${rows.length} rows, X-WP-Total says ${total}`);
      assert.ok(total > 0, `${table}: REST has no rows for ${range.start}..${range.end}`);
      const cell = (value, key) => {
        if (typeof value === 'number') return key in SHOWN_FRACTION_DIGITS ? shownFixed(value, SHOWN_FRACTION_DIGITS[key]) : String(value);
        if (typeof value === 'string') return FORMULA_PREFIX.test(value) ? `'${value}` : value;
        return '';
      };
      const expected = [COLUMNS[table].map(([, label]) => label), ...rows.map((row) => COLUMNS[table].map(([key]) => cell(row[key], key)))];
      assert.deepEqual(parsed.data[0], expected[0], `${table}: the header row`);
      assert.equal(parsed.data.length - 1, total, `${table}: ${parsed.data.length - 1} rows exported, X-WP-Total is ${total}`);
      assert.deepEqual(parsed.data, expected, `${table}: the exported rows differ from REST's`);
      t.diagnostic(`${table} ${range.start}..${range.end}: ${total} rows in ${pages} REST page(s), ${bytes.length} bytes, equal`);
    }
  });

  it('logged no console errors and sent no request off 127.0.0.1', (t) => {
    assert.deepEqual(problems, [], `the page reported problems:\n  ${problems.join('\n  ')}`);
    assert.ok(requests.length > 0, 'no requests were seen');
    const offHost = requests.filter((url) => {
      const parsed = new URL(url);
      if (parsed.protocol === 'data:') return false;
      const inner = parsed.protocol === 'blob:' ? new URL(parsed.pathname) : parsed;
      return inner.hostname !== '127.0.0.1';
    });
    assert.deepEqual(offHost, [], 'requests left 127.0.0.1');
    const byScheme = {};
    for (const url of requests) byScheme[new URL(url).protocol] = (byScheme[new URL(url).protocol] ?? 0) + 1;
    const schemes = Object.entries(byScheme).map(([k, v]) => `${k} ${v}`);
    t.diagnostic(`requests: ${requests.length} (${schemes.join(', ')}), all to 127.0.0.1`);
  });
});
