/**
 * The demo's data sources: REST (through the mock server) shows what memory
 * shows, injected server errors end in an error state with a working Retry
 * or are retried away, and the custom snapshot source shows its own numbers.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ARTEFACTS, LOAD_TIMEOUT_MS, harnessForFile, until, withPage } from './harness.mjs';
import { currentRange, headlineState, nextPaint, openDemo, pickPreset, reloadWithControl, setControl, waitHeadlineMatches, waitReady } from './demo.mjs';

const harness = harnessForFile();

const TEST_TIMEOUT = 150_000;
/** What Chromium logs for a response with status 500, which these tests ask for. */
const SERVER_ERROR_LOG = [/status of 500/i, /Internal Server Error/i];

/** The dashboard's error state: its message and whether it offers Retry. */
async function dashboardError(page) {
  return page.evaluate(() => {
    const root = document.querySelector('jt-analytics-dashboard').shadowRoot;
    const error = root.querySelector('[part~=error]');
    return { message: error?.textContent.replace(/\s+/g, ' ').trim() ?? null, retry: !!root.querySelector('[part=retry-button]') };
  });
}

/** The memory source's direct report for a range, the overview only. */
async function memoryOverview(page, range) {
  return page.evaluate(async (range) => (await window.jetonomyDemo.memory.report({ range, path: 'direct' })).overview, range);
}

test('REST mode shows the same numbers as memory mode', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'rest', {}, async (page) => {
    await openDemo(harness, page, { source: 'memory' });
    const inMemory = await waitHeadlineMatches(page);
    await page.evaluate(() => {
      window.__e2e.firstMemory = window.jetonomyDemo.memory;
    });

    await reloadWithControl(page, 'source', 'rest');
    const overRest = await waitHeadlineMatches(page, 'the REST numbers to match the REST source');
    const range = await currentRange(page);
    const separate = await page.evaluate(() => window.jetonomyDemo.source !== window.jetonomyDemo.memory);
    t.diagnostic(`over REST: ${overRest.rendered.map((r) => r.value).join(' / ')}`);
    assert.ok(separate, 'source=rest still uses the memory source directly');
    assert.deepEqual(overRest.overview, await memoryOverview(page, range), 'the REST report differs from the memory source behind it');
    // The source switch keeps the community (size, zone and aggregator are unchanged), so the numbers are the same.
    const sameCommunity = await page.evaluate(() => window.__e2e.firstMemory === window.jetonomyDemo.memory);
    assert.ok(sameCommunity, 'switching to REST built a new community');
    assert.deepEqual(overRest.rendered, inMemory.rendered, 'the same community shows other numbers over REST');

    // And a REST page opened directly agrees with its memory source too.
    await openDemo(harness, page, { source: 'rest' });
    const direct = await waitHeadlineMatches(page, 'the numbers of a page opened on ?source=rest');
    assert.deepEqual(direct.overview, await memoryOverview(page, await currentRange(page)));
  });
});

test('survives injected server errors: error state with Retry, then numbers; a single 500 is retried unseen', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'failures-always', { allowConsole: SERVER_ERROR_LOG, allowJtErrors: true }, async (page) => {
    await page.goto(harness.url('index.html', { source: 'rest', failures: 'always' }));
    await waitReady(page);
    const failed = await until(() => dashboardError(page), (s) => s.message !== null, { timeout: LOAD_TIMEOUT_MS, what: 'the error state' });
    t.diagnostic(`error state: ${failed.message}`);
    assert.ok(failed.retry, 'the error state has no Retry button');
    // What happened in plain words, the server's own text only in the details line.
    assert.ok(failed.message.startsWith('The server could not answer (HTTP 500).'), `the error says: ${failed.message}`);
    assert.match(failed.message, /Details: .*HTTP 500/u);
    const errors = await page.evaluate(() => window.__e2e.jtErrors);
    assert.ok(
      errors.some((e) => e.operation === 'report'),
      `no jt-error for the report: ${JSON.stringify(errors)}`,
    );

    // Retry runs the load again: with the server still failing it ends in the error state once more.
    const reportErrors = () => page.evaluate(() => window.__e2e.jtErrors.filter((e) => e.operation === 'report').length);
    const before = await reportErrors();
    await page.locator('jt-analytics-dashboard [part=retry-button]').click();
    await until(reportErrors, (n) => n > before, { timeout: LOAD_TIMEOUT_MS, what: 'Retry to load again (and fail again)' });
    assert.ok((await until(() => dashboardError(page), (s) => s.message !== null, { what: 'the error state after a failed Retry' })).retry);

    await setControl(page, 'failures', 'none');
    // The demo does not reload by itself when the server recovers: the error stays until Retry.
    await until(() => page.locator('#sample-text').textContent(), (text) => text.includes('Retry loads the numbers'), { what: 'the demo to say the server answers again' });
    assert.ok((await dashboardError(page)).retry, 'the error state went away before Retry');
    await page.locator('jt-analytics-dashboard [part=retry-button]').click();
    await waitHeadlineMatches(page, 'the numbers after Retry');
    assert.equal((await dashboardError(page)).message, null);
  });

  await withPage(harness, 'failures-once', { allowConsole: SERVER_ERROR_LOG }, async (page) => {
    await openDemo(harness, page, { source: 'rest', failures: 'once' });
    const state = await waitHeadlineMatches(page, 'the numbers despite one 500');
    assert.equal((await dashboardError(page)).message, null);
    // `withPage` also checks no jt-error reached the page: the source retried the 500 by itself.
    t.diagnostic(`failures=once: ${state.rendered.map((r) => r.value).join(' / ')}`);
  });
});

test('failures after a good load: a preset change keeps the last good numbers, marked stale, with Retry', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'failures-stale', { allowConsole: SERVER_ERROR_LOG, allowJtErrors: true }, async (page) => {
    await openDemo(harness, page, { source: 'rest' });
    const good = await waitHeadlineMatches(page, 'the numbers before the server fails');
    await setControl(page, 'failures', 'always');
    await until(() => dashboardError(page), (s) => s.message !== null, { timeout: LOAD_TIMEOUT_MS, what: 'the error state once the server fails' });
    await pickPreset(page, '7d');
    const stale = await until(
      () =>
        page.evaluate(() => {
          const root = document.querySelector('jt-analytics-dashboard').shadowRoot;
          return {
            note: root.querySelector('[part~=stale-note]')?.textContent.trim() ?? null,
            busy: root.querySelector('[part~=body]')?.getAttribute('aria-busy'),
            picked: root.querySelector('jt-date-range')?.getAttribute('range'),
          };
        }),
      (s) => s.note !== null && s.busy === 'false' && s.picked === '7d',
      { timeout: LOAD_TIMEOUT_MS, what: 'the stale note after a preset change while the server fails' },
    );
    t.diagnostic(`stale: ${stale.note}`);
    assert.match(stale.note, /^Showing figures for .+, could not update\.$/u);
    const error = await dashboardError(page);
    assert.ok(error.message.startsWith('The server could not answer (HTTP 500).'), `the error says: ${error.message}`);
    assert.ok(error.retry, 'the stale state has no Retry');
    // Read off the screen only: asking the source would fail like the dashboard's own requests.
    const kept = await page.evaluate(() =>
      [...document.querySelector('jt-analytics-dashboard').shadowRoot.querySelectorAll('[part=headline] jt-metric')].map((metric) => {
        const value = metric.shadowRoot?.querySelector('[part=value]')?.cloneNode(true);
        value?.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
        return { label: metric.shadowRoot?.querySelector('[part=label]')?.textContent?.trim() ?? null, value: value?.textContent.trim() ?? null };
      }),
    );
    assert.deepEqual(kept, good.rendered, 'the last good numbers were not kept on screen');
    await nextPaint(page);
    await page.locator('jt-analytics-dashboard').screenshot({ path: path.join(ARTEFACTS, 'dashboard-error-stale.png') });

    await setControl(page, 'failures', 'none');
    await until(() => page.locator('#sample-text').textContent(), (text) => text.includes('Retry loads the numbers'), { what: 'the demo to say the server answers again' });
    await page.locator('jt-analytics-dashboard [part=retry-button]').click();
    const fresh = await waitHeadlineMatches(page, 'the 7-day numbers after Retry');
    assert.equal((await dashboardError(page)).message, null);
    assert.notDeepEqual(fresh.range, good.range, 'Retry did not load the range that was picked');
  });
});

test('the custom snapshot source loads and shows its numbers', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'snapshot', {}, async (page) => {
    await openDemo(harness, page, { source: 'snapshot' });
    const state = await waitHeadlineMatches(page, 'the snapshot numbers');
    const separate = await page.evaluate(() => window.jetonomyDemo.source !== window.jetonomyDemo.memory);
    t.diagnostic(`snapshot source, range ${state.range.start}..${state.range.end}: ${state.rendered.map((r) => r.value).join(' / ')}`);
    assert.ok(state.sameSource, 'window.jetonomyDemo.source is not the data source the dashboard uses');
    assert.ok(separate, 'source=snapshot shows the memory source');
    assert.ok(state.overview.totalPosts + state.overview.totalReplies > 0, 'the snapshot shows no activity in its range');
  });
});
