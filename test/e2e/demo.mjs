/**
 * What a test does on the demo page and reads from it, in the demo's own
 * terms: open it with query parameters, change a demo control, read the
 * dashboard's range, headline cards and tables, and compute what they should
 * show from `window.jetonomyDemo.source`, formatted like the elements format.
 */
import assert from 'node:assert/strict';
import { LOAD_TIMEOUT_MS, STEP_TIMEOUT_MS, until } from './harness.mjs';

/** The columns of every table, as shown and exported (DESIGN section 7; src/model/labels.ts implements them). */
export const TABLE_COLUMNS = {
  daily: [
    ['date', 'Date'],
    ['posts', 'Posts'],
    ['replies', 'Replies'],
  ],
  'top-spaces': [
    ['rank', 'Rank'],
    ['name', 'Space'],
    ['posts', 'Posts'],
    ['replies', 'Replies'],
    ['contributors', 'Contributors'],
    ['engagementRate', 'Engagement rate'],
  ],
  'top-contributors': [
    ['rank', 'Rank'],
    ['displayName', 'Member'],
    ['trustLevel', 'Trust level'],
    ['posts', 'Posts'],
    ['replies', 'Replies'],
    ['acceptedAnswers', 'Accepted answers'],
    ['total', 'Total'],
  ],
};

/** The element in the dashboard that exports each table. */
export const EXPORTING_ELEMENT = { daily: 'jt-activity-chart', 'top-spaces': 'jt-top-spaces', 'top-contributors': 'jt-top-contributors' };

/** The dashboard's preset ranges, in the order the picker lists them. */
export const PRESETS = ['7d', '30d', '90d', 'this_month', 'last_month'];

/** What the notice says about the demo's data: `loading`, `ready` or `error`, and its text. */
export async function noticeState(page) {
  return page.evaluate(() => {
    const notice = document.querySelector('#sample-notice');
    return { state: notice?.dataset.state ?? null, text: notice?.textContent?.trim() ?? null };
  });
}

/** Waits until the notice says the data is ready; fails at once, with its text, when it says error. */
export async function waitReady(page, { timeout = LOAD_TIMEOUT_MS, extra = () => true } = {}) {
  const last = await until(
    async () => ({ ...(await noticeState(page)), extra: await extra() }),
    (s) => s.state === 'error' || (s.state === 'ready' && s.extra),
    { timeout, interval: 200, what: '#sample-notice[data-state=ready]' },
  );
  if (last.state === 'error') throw new Error(`the demo reported an error: ${last.text}`);
}

/** Opens the demo with `params`, waits for its data and for the dashboard to finish loading. */
export async function openDemo(harness, page, params = {}, { hash = '', timeout = LOAD_TIMEOUT_MS, settle = true } = {}) {
  await page.goto(harness.url('index.html', params) + hash, { waitUntil: 'load' });
  await waitReady(page, { timeout });
  if (settle) await waitIdle(page, { timeout });
}

/**
 * Sets a demo control by its `name`, as a user would: a select or text
 * field gets the value, a checkbox the state, a radio group the option; then
 * `input` and `change` fire.
 */
export async function setControl(page, name, value) {
  await page.evaluate(
    ([name, value]) => {
      const form = document.querySelector('form#demo-controls');
      if (!form) throw new Error('the demo has no form#demo-controls');
      const field = form.elements.namedItem(name);
      if (!field) throw new Error(`form#demo-controls has no field named "${name}"`);
      if (field instanceof RadioNodeList) {
        const option = [...field].find((input) => input.value === String(value));
        if (!option) throw new Error(`the "${name}" options are ${[...field].map((i) => i.value).join(', ')}; no "${value}"`);
        option.click();
        return;
      }
      if (field.type === 'checkbox') {
        if (field.checked !== Boolean(value)) field.click();
        return;
      }
      if (field instanceof HTMLSelectElement && ![...field.options].some((o) => o.value === String(value))) {
        throw new Error(`the "${name}" select offers ${[...field.options].map((o) => o.value).join(', ')}; no "${value}"`);
      }
      field.value = String(value);
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [name, value],
  );
}

/** Sets a control that reloads the data and waits until the demo has a new source and the dashboard settled. */
export async function reloadWithControl(page, name, value, { timeout = LOAD_TIMEOUT_MS } = {}) {
  await page.evaluate(() => {
    window.__e2e.previousSource = window.jetonomyDemo?.source;
  });
  await setControl(page, name, value);
  await waitReady(page, {
    timeout,
    extra: () => page.evaluate(() => !!window.jetonomyDemo?.source && window.jetonomyDemo.source !== window.__e2e.previousSource),
  });
  await waitIdle(page, { timeout });
}

/**
 * The dashboard is idle: it has a data source, nothing in it (at any depth
 * of shadow roots) is `aria-busy="true"`, and the four cards show values.
 */
export async function dashboardIdle(page) {
  return page.evaluate(() => {
    const dashboard = document.querySelector('jt-analytics-dashboard');
    if (!dashboard?.shadowRoot) return { idle: false, why: 'no dashboard' };
    const busy = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.getAttribute('aria-busy') === 'true') busy.push(`${root.host?.localName ?? 'document'} > ${el.localName}[part=${el.getAttribute('part')}]`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(dashboard.shadowRoot);
    const values = [...dashboard.shadowRoot.querySelectorAll('[part=headline] jt-metric')].map(
      (metric) => metric.shadowRoot?.querySelector('[part=value]')?.textContent?.trim() ?? null,
    );
    const error = dashboard.shadowRoot.querySelector('[part~=error]')?.textContent?.trim() ?? null;
    const idle = !!dashboard.dataSource && busy.length === 0 && values.length === 4 && values.every((v) => v !== null);
    return { idle, busy, values, error, hasSource: !!dashboard.dataSource };
  });
}

export async function waitIdle(page, { timeout = STEP_TIMEOUT_MS } = {}) {
  await until(() => dashboardIdle(page), (s) => s.idle || (s.error !== null && s.busy.length === 0), { timeout, what: 'the dashboard to finish loading' }).then((s) => {
    if (!s.idle) throw new Error(`the dashboard shows an error instead of numbers: ${s.error}`);
  });
}

/** Waits for two animation frames: whatever the last update changed has been painted. */
export async function nextPaint(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * The range the dashboard shows, as its picker resolves it and as it passes
 * it to its tables (both must agree), with the range attribute and the hash.
 */
export async function dashboardRange(page) {
  return page.evaluate(() => {
    const dashboard = document.querySelector('jt-analytics-dashboard');
    const picker = dashboard.shadowRoot.querySelector('jt-date-range');
    const table = dashboard.shadowRoot.querySelector('jt-top-spaces');
    const [start, end] = (table?.getAttribute('range') ?? '').split('..');
    return {
      attribute: dashboard.getAttribute('range') ?? dashboard.range,
      picker: picker?.resolvedDates ? { start: picker.resolvedDates.start, end: picker.resolvedDates.end } : null,
      passedDown: start && end ? { start, end } : null,
      hash: location.hash,
    };
  });
}

/** The resolved range the dashboard shows; asserts the picker and the tables agree on it. */
export async function currentRange(page) {
  const range = await dashboardRange(page);
  assert.ok(range.picker, `the range picker resolves no dates (range "${range.attribute}")`);
  assert.deepEqual(range.passedDown, range.picker, 'the tables got another range than the picker shows');
  return range.picker;
}

/**
 * What the four headline cards show, and what they should show: the data
 * source's direct report for the dashboard's range, formatted as
 * the cards do (whole numbers for counts; a signed percent with one
 * decimal for the growth rate, as signed-percent.ts formats it, or "new" / "—" when the
 * previous period had fewer than 20 posts and replies, MIN_COMPARISON_BASE;
 * "n/a" for null).
 */
export async function headlineState(page) {
  return page.evaluate(async () => {
    const dashboard = document.querySelector('jt-analytics-dashboard');
    const root = dashboard.shadowRoot;
    const metrics = [...root.querySelectorAll('[part=headline] jt-metric')];
    // What is shown: a visually hidden text (the counts behind "new" or "—") is left out.
    const shown = (node) => {
      if (!node) return null;
      const copy = node.cloneNode(true);
      copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
      return copy.textContent.trim();
    };
    const rendered = metrics.map((metric) => ({
      label: metric.shadowRoot?.querySelector('[part=label]')?.textContent?.trim() ?? null,
      value: shown(metric.shadowRoot?.querySelector('[part=value]')),
    }));
    const [start, end] = (root.querySelector('jt-top-spaces')?.getAttribute('range') ?? '').split('..');
    const source = window.jetonomyDemo?.source ?? dashboard.dataSource;
    if (!source || !start || !end) return { rendered, expected: null, range: null, sameSource: false };
    const requested = dashboard.locale || dashboard.closest('[lang]')?.getAttribute('lang') || undefined;
    const locale = requested && Intl.NumberFormat.supportedLocalesOf([requested]).length > 0 ? requested : new Intl.NumberFormat().resolvedOptions().locale;
    const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    // The cards' one rule for a change in percent: always one decimal.
    const signedPercent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const show = (value, format) => (value === null || !Number.isFinite(value) ? 'n/a' : format(value));
    const report = await source.report({ range: { start, end }, path: 'direct' });
    const before = (await source.report({ range: report.previousRange, path: 'direct', topN: 0 })).overview;
    const o = report.overview;
    const [activity, base] = [o.totalPosts + o.totalReplies, before.totalPosts + before.totalReplies];
    const growth = base < 20 ? (base === 0 && activity > 0 ? 'new' : '—') : show(o.growthRate, (v) => signedPercent.format(v / 100));
    const expected = [
      show(o.totalPosts, (v) => count.format(v)),
      show(o.totalReplies, (v) => count.format(v)),
      show(o.activeMembers, (v) => count.format(v)),
      growth,
    ];
    const busy = root.querySelector('[part=body]')?.getAttribute('aria-busy');
    return { rendered, expected, overview: o, range: { start, end }, busy, sameSource: dashboard.dataSource === source };
  });
}

/** Waits until the cards show the source's numbers for the range on screen (and nothing is loading), then returns the state. */
export async function waitHeadlineMatches(page, what = 'the headline cards to match the data source') {
  await waitIdle(page);
  return until(
    () => headlineState(page),
    (s) => s.expected !== null && s.busy === 'false' && s.rendered.map((r) => r.value).join('|') === s.expected.join('|'),
    { what, timeout: STEP_TIMEOUT_MS, interval: 150 },
  );
}

/** Picks a preset in the dashboard's range picker, as a user would. */
export async function pickPreset(page, preset) {
  await page.locator('jt-analytics-dashboard jt-date-range select[part=select]').selectOption(preset);
}

/** Picks Custom and applies `start`..`end` through the two date inputs. */
export async function pickCustomRange(page, start, end) {
  const picker = page.locator('jt-analytics-dashboard jt-date-range');
  await picker.locator('select[part=select]').selectOption('custom');
  await picker.locator('input[part=start-input]').fill(start);
  await picker.locator('input[part=end-input]').fill(end);
  await picker.locator('[part=apply-button]').click();
}

/** A calendar date `days` after (or before) an ISO date. */
export function addDays(iso, days) {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** One page of a table as shown: the header labels, the page status and every row's cells by column label. */
export async function tableOnScreen(page, tag) {
  return page.evaluate((tag) => {
    const table = document.querySelector('jt-analytics-dashboard').shadowRoot.querySelector(tag);
    const root = table.shadowRoot;
    const headers = [...root.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    const rows = [...root.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.children].map((cell) => {
        const name = cell.querySelector('[part~=space-name], [part~=member-name]');
        return (name ?? cell).textContent.replace(/\s+/g, ' ').trim();
      });
      return Object.fromEntries(headers.map((label, i) => [label, cells[i]]));
    });
    return {
      busy: root.querySelector('[part=base]')?.getAttribute('aria-busy'),
      headers,
      status: root.querySelector('[part=page-status]')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
      rows,
      drift: [...root.querySelectorAll('td[part~=drift]')].map((td) => ({ text: td.textContent.trim(), nonzero: td.part.contains('drift-nonzero') })),
    };
  }, tag);
}

/** The rows the source gives for a table page, as the table would show their rank, name and counts. */
export async function expectedTablePage(page, table, range, offset, limit) {
  return page.evaluate(
    async ({ table, range, offset, limit }) => {
      const { total, rows } = await window.jetonomyDemo.source.rows(table, { range, path: 'direct', offset, limit });
      const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
      return {
        total,
        rows: rows.map((row) => ({
          Rank: count.format(row.rank),
          name: table === 'top-spaces' ? row.name : row.displayName,
          Posts: count.format(row.posts),
          Replies: count.format(row.replies),
        })),
      };
    },
    { table, range, offset, limit },
  );
}

/** Every row of a table for the range, from the source, paged the way the REST limit allows. */
export async function allSourceRows(page, table, range) {
  return page.evaluate(
    async ({ table, range }) => {
      const rows = [];
      let total = Infinity;
      while (rows.length < total) {
        const answer = await window.jetonomyDemo.source.rows(table, { range, path: 'direct', offset: rows.length, limit: 100 });
        total = answer.total;
        rows.push(...answer.rows);
        if (answer.rows.length === 0) break;
      }
      return { total, rows };
    },
    { table, range },
  );
}

/**
 * Text cells a spreadsheet would run as a formula get a leading `'` (DESIGN section 7): tab, CR or NUL
 * first, or a formula sign or its compatibility form after any blanks. The same pattern as src/engine/csv.ts.
 */
const FORMULA_PREFIX = /^(?:[\t\r\0]|[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u207A\u207C\u208A\u208C\u2A75\u2A76\uFB29])/u;

/** The decimals the tables show of a number with a fraction; an export rounds to them (src/model/labels.ts, `fractionDigits`). */
const SHOWN_FRACTION_DIGITS = { engagementRate: 2 };

/** A number with `digits` decimals as the table shows it: Intl rounds the shortest decimal form (3/40 → 0.08, where toFixed gives 0.07). */
const shownFixed = (value, digits) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(value);

/** The CSV records a table's rows should export as, every cell as the text papaparse reads back: numbers rounded as shown. */
export function expectedCsvRecords(table, rows) {
  const columns = TABLE_COLUMNS[table];
  const cell = (value, key) => {
    if (typeof value === 'number') return key in SHOWN_FRACTION_DIGITS ? shownFixed(value, SHOWN_FRACTION_DIGITS[key]) : String(value);
    if (typeof value === 'string') return FORMULA_PREFIX.test(value) ? `'${value}` : value;
    return '';
  };
  return [columns.map(([, label]) => label), ...rows.map((row) => columns.map(([key]) => cell(row[key], key)))];
}

/** How many reports the dashboard has put on screen since the page opened (`jt-report-load`). */
export async function reportLoads(page) {
  return page.evaluate(() => window.__e2e.reportLoads);
}

/**
 * Waits until the three count cards (posts, replies, active members) show the source's numbers for the range
 * on screen and nothing is loading, then returns the state: for tests about which data is shown, not how a
 * rate is formatted.
 */
export async function waitCountsMatch(page, what = 'the count cards to match the data source') {
  await waitIdle(page);
  const counts = (values) => values.slice(0, 3).join('|');
  return until(
    () => headlineState(page),
    (s) => s.expected !== null && s.busy === 'false' && counts(s.rendered.map((r) => r.value)) === counts(s.expected),
    { what, timeout: STEP_TIMEOUT_MS, interval: 150 },
  );
}
