/**
 * The dashboard in the demo: the headline numbers against the data source,
 * every preset and a custom range, and the verify switch.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harnessForFile, until, withPage } from './harness.mjs';
import {
  PRESETS,
  addDays,
  currentRange,
  dashboardRange,
  openDemo,
  pickCustomRange,
  pickPreset,
  reloadWithControl,
  tableOnScreen,
  waitHeadlineMatches,
  waitIdle,
} from './demo.mjs';

const harness = harnessForFile();

const TEST_TIMEOUT = 120_000;

/**
 * Installed before the demo's scripts: on every frame while the demo's notice says it is loading,
 * what the dashboard shows (busy or not, and any "No data source is connected").
 */
function sampleWhileLoading() {
  const samples = [];
  window.__loadingSamples = samples;
  const texts = (root, found = []) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.children.length === 0 && el.textContent.trim()) found.push(el.textContent.trim());
      if (el.shadowRoot) texts(el.shadowRoot, found);
    }
    return found;
  };
  const sample = () => {
    const notice = document.querySelector('#sample-notice');
    const root = document.querySelector('jt-analytics-dashboard')?.shadowRoot;
    if (notice?.dataset.state === 'loading' && root?.querySelector('[part~=body]')) {
      const shown = texts(root);
      samples.push({
        busy: root.querySelector('[part~=body]').getAttribute('aria-busy'),
        noSource: shown.includes('No data source is connected.'),
        skeletons: root.querySelectorAll('jt-metric[loading]').length,
      });
    }
    if (notice?.dataset.state !== 'ready' && notice?.dataset.state !== 'error') requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}

test('while a large community is generated and ingested, the dashboard shows it is loading, not that no source is connected', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'loading', {}, async (page) => {
    await page.addInitScript(sampleWhileLoading);
    await openDemo(harness, page, { size: 100_000 });
    const samples = await page.evaluate(() => window.__loadingSamples);
    t.diagnostic(`${samples.length} frames sampled while the community loaded`);
    assert.ok(samples.length > 0, 'no frame showed the dashboard while the demo was loading');
    const wrong = samples.filter((s) => s.busy !== 'true' || s.noSource || s.skeletons !== 4);
    assert.deepEqual(wrong.slice(0, 3), [], `${wrong.length} of ${samples.length} frames did not show the loading state`);
    await waitHeadlineMatches(page);
  });
});

test('loads and shows the four headline numbers of the data source', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'headline', {}, async (page) => {
    await openDemo(harness, page);
    const range = await currentRange(page);
    const state = await waitHeadlineMatches(page);
    t.diagnostic(`range ${range.start}..${range.end}: ${state.rendered.map((r) => `${r.label} ${r.value}`).join(', ')}`);
    assert.deepEqual(
      state.rendered.map((r) => r.label),
      ['Total Posts', 'Total Replies', 'Active Members', 'Growth Rate'],
    );
    assert.ok(state.sameSource, 'window.jetonomyDemo.source is not the data source the dashboard uses');
    assert.ok(state.overview.totalPosts > 0, 'the default community has no posts in the last 30 days');
    // The dashboard opens on Last 30 days, which ends today in the site's zone and spans 30 days.
    const shown = await dashboardRange(page);
    assert.equal(shown.attribute, '30d');
    assert.equal(addDays(range.start, 29), range.end);
    // Ready: the progress bar is gone and the embed code shows the dashboard's tag.
    const readiness = await page.evaluate(() => ({
      progressShown: !!document.querySelector('progress#load-progress') && !document.querySelector('progress#load-progress').hidden,
      embed: document.querySelector('#embed-code')?.textContent ?? null,
    }));
    assert.equal(readiness.progressShown, false, 'the load progress bar is still shown when ready');
    assert.ok(readiness.embed?.includes('<jt-analytics-dashboard'), `#embed-code does not show the dashboard's tag: ${readiness.embed}`);
  });
});

test('another site time zone: days and "today" are counted there, numbers match the source', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'time-zone', {}, async (page) => {
    await openDemo(harness, page, { size: 10_000 });
    // Far from both the default zone and the browser's own (America/Los_Angeles).
    const zone = 'Pacific/Auckland';
    await reloadWithControl(page, 'tz', zone);
    const state = await waitHeadlineMatches(page, `the numbers in ${zone}`);
    const note = await page.evaluate(() => document.querySelector('jt-analytics-dashboard').shadowRoot.querySelector('[part=time-zone]')?.textContent.trim());
    assert.ok(note?.includes(zone.replace('_', ' ')) || note?.includes(zone), `the dashboard says "${note}", not ${zone}`);
    assert.equal(await page.evaluate(() => window.jetonomyDemo.source.timeZone), zone);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());
    assert.equal(state.range.end, today, `Last 30 days ends ${state.range.end}, but today in ${zone} is ${today}`);
    assert.match(await page.url(), /[?&]tz=Pacific%2FAuckland/, 'the query string does not keep the zone');
    t.diagnostic(`${zone}: ${note}; ${state.range.start}..${state.range.end}: ${state.rendered.map((r) => r.value).join(' / ')}`);
  });
});

test('each preset and a custom range update the numbers, which match the source each time', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'ranges', {}, async (page) => {
    await openDemo(harness, page);
    const seen = new Map();
    // Start away from the default so every preset, 30d included, is a change.
    for (const preset of ['7d', ...PRESETS.filter((p) => p !== '7d')]) {
      await pickPreset(page, preset);
      await until(() => dashboardRange(page), (r) => r.attribute === preset, { what: `range ${preset}` });
      const state = await waitHeadlineMatches(page, `the numbers of ${preset}`);
      const shown = await dashboardRange(page);
      assert.match(shown.hash, new RegExp(`(^#|&)jt-range=${preset}(&|$)`), `the hash does not keep ${preset}`);
      seen.set(preset, { range: state.range, values: state.rendered.map((r) => r.value) });
      t.diagnostic(`${preset} ${state.range.start}..${state.range.end}: ${state.rendered.map((r) => r.value).join(' / ')}`);
    }
    const today = seen.get('7d').range.end;
    assert.equal(seen.get('30d').range.end, today);
    assert.equal(seen.get('90d').range.end, today);
    assert.equal(seen.get('this_month').range.start, `${today.slice(0, 7)}-01`);
    assert.equal(addDays(seen.get('last_month').range.end, 1), seen.get('this_month').range.start);
    // Different spans of a busy community: the numbers must not all be the same.
    assert.notDeepEqual(seen.get('7d').values, seen.get('90d').values, 'Last 7 days and Last 90 days show the same numbers');

    // A custom range: 45 days ending 10 days before today.
    const end = addDays(today, -10);
    const start = addDays(end, -44);
    await pickCustomRange(page, start, end);
    await until(() => dashboardRange(page), (r) => r.attribute === `${start}..${end}`, { what: `custom range ${start}..${end}` });
    const custom = await waitHeadlineMatches(page, 'the numbers of the custom range');
    assert.deepEqual(custom.range, { start, end });
    assert.deepEqual(await currentRange(page), { start, end });
    const hash = decodeURIComponent((await dashboardRange(page)).hash);
    assert.ok(hash.includes(`jt-range=${start}..${end}`), `the hash does not keep the custom range: ${hash}`);
    t.diagnostic(`custom ${start}..${end}: ${custom.rendered.map((r) => r.value).join(' / ')}`);

    // The hash is read back on load: a reload shows the same range and numbers.
    await page.reload({ waitUntil: 'load' });
    await until(() => page.evaluate(() => document.querySelector('#sample-notice')?.dataset.state), (s) => s === 'ready' || s === 'error', {
      timeout: 60_000,
      what: 'the demo to be ready after a reload',
    });
    await waitIdle(page, { timeout: 60_000 });
    assert.equal((await dashboardRange(page)).attribute, `${start}..${end}`);
    await waitHeadlineMatches(page, 'the numbers of the custom range after a reload');
  });
});

test('verify shows both paths with the drift, which is 0 with the default settings', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'verify', {}, async (page) => {
    await openDemo(harness, page);
    await page.locator('jt-analytics-dashboard jt-diff-toggle [part=switch]').click();
    await until(() => dashboardRange(page), (r) => /(^#|&)jt-verify=1(&|$)/.test(r.hash), { what: 'jt-verify=1 in the hash' });
    await waitIdle(page);
    const metrics = await until(
      () =>
        page.evaluate(() =>
          [...document.querySelector('jt-analytics-dashboard').shadowRoot.querySelectorAll('[part=headline] jt-metric')].map((m) => {
            const verify = m.shadowRoot.querySelector('[part=verify]');
            const drift = m.shadowRoot.querySelector('[part~=drift]');
            return { verify: verify?.textContent.replace(/\s+/g, ' ').trim() ?? null, drift: drift?.textContent.trim() ?? null, nonzero: !!drift?.part.contains('drift-nonzero') };
          }),
        ),
      (cards) => cards.length === 4 && cards.every((c) => c.drift !== null),
      { what: 'the drift on every headline card' },
    );
    t.diagnostic(`cards: ${metrics.map((m) => m.verify).join(' | ')}`);
    for (const card of metrics) {
      assert.equal(card.drift, '0%', `a card shows drift: ${card.verify}`);
      assert.equal(card.nonzero, false);
    }
    for (const tag of ['jt-top-spaces', 'jt-top-contributors']) {
      const table = await until(() => tableOnScreen(page, tag), (s) => s.busy === 'false' && s.headers.includes('Drift'), { what: `the drift column of ${tag}` });
      assert.equal(table.headers.at(-1), 'Drift');
      assert.ok(table.drift.length > 0, `${tag} shows no drift cells`);
      assert.deepEqual(
        table.drift.filter((d) => d.text !== '0%' || d.nonzero),
        [],
        `${tag} shows non-zero drift`,
      );
    }
    const note = await page.evaluate(() => document.querySelector('jt-analytics-dashboard').shadowRoot.querySelector('[part=recording-note]')?.textContent.trim() ?? null);
    assert.ok(note, 'verify mode shows no recording note');
    t.diagnostic(`recording note: ${note}`);
    // The demo's own Verify checkbox follows the switch.
    const checkbox = await page.evaluate(() => document.querySelector('form#demo-controls')?.elements.namedItem('verify')?.checked ?? null);
    assert.equal(checkbox, true, 'the demo Verify checkbox does not follow the dashboard switch');

    // Off again: the drift column goes away.
    await page.locator('jt-analytics-dashboard jt-diff-toggle [part=switch]').click();
    await until(() => dashboardRange(page), (r) => !/jt-verify=1/.test(r.hash), { what: 'jt-verify gone from the hash' });
    await waitIdle(page);
    const table = await until(() => tableOnScreen(page, 'jt-top-spaces'), (s) => s.busy === 'false' && s.headers.length > 0, { what: 'the table without drift' });
    assert.ok(!table.headers.includes('Drift'), 'the drift column stays after verify was switched off');
  });
});
