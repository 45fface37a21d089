/**
 * Large loads in the playground: the progress says how far in numbers with
 * an estimate of the time left; Cancel and a change of data source stop a
 * load at once (the worker stops) and leave the dashboard on the community
 * loaded before; a failed load ends with a Retry that works; a time-zone
 * change re-buckets the events kept in the worker instead of generating
 * them again, with the numbers of a fresh load in that zone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOAD_TIMEOUT_MS, harnessForFile, until, withPage } from './harness.mjs';
import { currentRange, openDemo, setControl, waitCountsMatch, waitReady } from './demo.mjs';

const harness = harnessForFile();

const TEST_TIMEOUT = 150_000;
const MILLION = 1_000_000;
/** "A few seconds" on a busy two-core machine: a switch or a cancel that waited for a 1 M load would take far longer. */
const SWITCH_WITHIN_MS = 10_000;
const PROGRESS = /^([\d,]+) of ([\d,]+) events \((\d+) %\), (about \d+ s left|about \d+ min(?: \d+ s)? left|less than a second left|estimating the time left…)$/u;

/** What the notice says (its words, without its buttons), and its state. */
async function noticeState(page) {
  return page.evaluate(() => ({
    state: document.querySelector('#sample-notice')?.dataset.state ?? null,
    text: document.querySelector('#sample-text')?.textContent.trim() ?? null,
  }));
}

/** The load's progress as shown: bar, numbers line and whether Cancel is offered. */
async function loadProgress(page) {
  return page.evaluate(() => {
    const bar = document.querySelector('#load-progress');
    const detail = document.querySelector('#load-detail');
    return {
      notice: document.querySelector('#sample-notice')?.dataset.state ?? null,
      share: bar && !bar.hidden ? bar.value : null,
      text: detail && !detail.hidden ? detail.textContent.trim() : null,
      cancel: !document.querySelector('#load-cancel')?.hidden,
      retry: !document.querySelector('#load-retry')?.hidden,
      reports: window.jetonomyDemo?.loads?.progressReports ?? null,
    };
  });
}

/** The numbers of a progress line: events done, of total, percent. */
function parseProgress(text) {
  const match = PROGRESS.exec(text ?? '');
  assert.ok(match, `the progress line reads "${text}"`);
  const number = (s) => Number(s.replace(/,/g, ''));
  return { done: number(match[1]), total: number(match[2]), percent: Number(match[3]), estimate: match[4] };
}

/** Picks a community size and waits until its load has shown at least `share` of its events. */
async function startLoad(page, size, share) {
  await setControl(page, 'size', size);
  return until(() => loadProgress(page), (s) => s.notice === 'error' || (s.share ?? 0) >= share, {
    timeout: LOAD_TIMEOUT_MS,
    interval: 50,
    what: `the ${size}-event load to pass ${share * 100} %`,
  });
}

test('a change of data source during a 1 M load stops it at once and shows the new source', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'large-switch', {}, async (page) => {
    await openDemo(harness, page, {});
    const before = await waitCountsMatch(page, 'the 100,000-event community');
    await page.evaluate(() => (window.__e2e.firstMemory = window.jetonomyDemo.memory));

    const loading = await startLoad(page, MILLION, 0.1);
    assert.equal(loading.notice, 'loading');
    const switched = Date.now();
    await setControl(page, 'source', 'rest');
    await waitReady(page, { extra: () => page.evaluate(() => window.jetonomyDemo.source !== window.jetonomyDemo.memory) });
    const overRest = await waitCountsMatch(page, 'the REST numbers after the switch');
    const took = Date.now() - switched;
    const notice = await noticeState(page);
    t.diagnostic(`switched to REST mid-load in ${took} ms: ${notice.text.slice(0, 160)}`);
    assert.ok(took < SWITCH_WITHIN_MS, `the switch took ${took} ms`);
    assert.match(notice.text, /Loading stopped at [\d,]+ of 1,000,000 events \(\d+ %\), as the data source changed to the REST data source; the dashboard shows the 100,000-event community in Europe\/Berlin loaded before, served over REST\./u);
    // Over REST, the community shown before: the same numbers as in memory, and the controls say so.
    const same = await page.evaluate(() => window.__e2e.firstMemory === window.jetonomyDemo.memory);
    assert.ok(same, 'the switch did not go back to the community loaded before');
    assert.deepEqual(overRest.rendered.slice(0, 3), before.rendered.slice(0, 3));
    const range = await currentRange(page);
    const inMemory = await page.evaluate(async (range) => (await window.jetonomyDemo.memory.report({ range, path: 'direct' })).overview, range);
    assert.deepEqual(overRest.overview, inMemory);
    const controls = await page.evaluate(() => ({ size: document.querySelector('select[name=size]').value, source: document.querySelector('select[name=source]').value }));
    assert.deepEqual(controls, { size: '100000', source: 'rest' });
    assert.ok(new URL(page.url()).searchParams.get('source') === 'rest' && !new URL(page.url()).searchParams.has('size'), `the address says ${page.url()}`);
  });
});

test('Cancel stops a 1 M load (the worker stops) and the dashboard stays usable on the community loaded before', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'large-cancel', {}, async (page) => {
    await openDemo(harness, page, {});
    const before = await waitCountsMatch(page, 'the 100,000-event community');

    // The progress in numbers, with an estimate of the time left.
    const seen = [];
    await setControl(page, 'size', MILLION);
    await until(
      async () => {
        const state = await loadProgress(page);
        if (state.text !== null && seen.at(-1) !== state.text) seen.push(state.text);
        return state;
      },
      (s) => s.notice === 'error' || (s.share ?? 0) >= 0.25,
      { timeout: LOAD_TIMEOUT_MS, interval: 50, what: 'the 1 M load to pass 25 %' },
    );
    t.diagnostic(`progress lines: ${seen.slice(0, 3).join(' | ')} … ${seen.at(-1)}`);
    const parsed = seen.map(parseProgress);
    assert.ok(parsed.every((p) => p.total === MILLION));
    assert.ok(parsed.length >= 3, `the numbers changed ${parsed.length} times only`);
    for (let i = 1; i < parsed.length; i++) assert.ok(parsed[i].done >= parsed[i - 1].done, 'the events loaded went back');
    assert.ok(parsed.some((p) => /^about \d+ (s|min)/u.test(p.estimate)), `no estimate of the time left: ${seen.join(' | ')}`);
    assert.ok((await loadProgress(page)).cancel, 'no Cancel while loading');

    const cancelled = Date.now();
    await page.locator('#load-cancel').click();
    await waitReady(page);
    const after = await waitCountsMatch(page, 'the numbers after Cancel');
    const took = Date.now() - cancelled;
    const notice = await noticeState(page);
    t.diagnostic(`cancelled in ${took} ms: ${notice.text.slice(0, 160)}`);
    assert.ok(took < SWITCH_WITHIN_MS, `Cancel took ${took} ms`);
    assert.match(notice.text, /Loading stopped at [\d,]+ of 1,000,000 events \(\d+ %\), as it was cancelled; the dashboard shows the 100,000-event community in Europe\/Berlin loaded before\./u);
    assert.deepEqual(after.rendered.slice(0, 3), before.rendered.slice(0, 3));
    const shown = await loadProgress(page);
    assert.equal(shown.cancel, false, 'Cancel is still offered');
    assert.equal(shown.share, null, 'the progress bar is still shown');
    assert.equal(await page.locator('select[name=size]').inputValue(), '100000');

    // The worker stopped: no progress report arrives any more.
    const stopped = shown.reports;
    await page.waitForTimeout(2000);
    assert.equal((await loadProgress(page)).reports, stopped, 'the worker went on loading after Cancel');

    // And the dashboard is usable: another range shows its numbers.
    await page.locator('jt-analytics-dashboard jt-date-range select[part=select]').selectOption('7d');
    await waitCountsMatch(page, 'the 7-day numbers after Cancel');
  });
});

test('a failed load ends in an error with Retry, and Retry loads', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'large-retry', { allowConsole: [/snapshot\.json/u, /status of 503/u], allowJtErrors: true }, async (page) => {
    // The custom adapter's file cannot be fetched: an error with Retry; once it can, Retry shows it.
    await page.route('**/snapshot.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
    await page.goto(harness.url('index.html', { source: 'snapshot' }));
    const failed = await until(() => loadProgress(page), (s) => s.notice === 'error', { timeout: LOAD_TIMEOUT_MS, what: 'the error notice' });
    const text = (await noticeState(page)).text;
    t.diagnostic(`snapshot failure: ${text.slice(0, 140)}`);
    assert.ok(failed.retry, 'the error has no Retry');
    assert.match(text, /The JSON snapshot could not be loaded: snapshot\.json answered HTTP 503\. Retry loads it again\./u);
    await page.unroute('**/snapshot.json');
    await page.locator('#load-retry').click();
    await waitReady(page);
    await waitCountsMatch(page, 'the snapshot numbers after Retry');
    assert.equal((await loadProgress(page)).retry, false, 'Retry is still offered once loaded');

    // The engine's worker stops answering in the middle of a load: after its time-out, an error with Retry
    // (never "No data source is connected." without a way out), and Retry loads.
    await setControl(page, 'source', 'memory');
    await setControl(page, 'size', 10_000);
    await waitReady(page, { extra: () => page.evaluate(() => window.jetonomyDemo.community?.options.events === 10_000) });
    await waitCountsMatch(page, 'the 10,000-event community');
    await setControl(page, 'size', 100_000);
    await until(() => loadProgress(page), (s) => (s.share ?? 0) > 0.1, { timeout: LOAD_TIMEOUT_MS, interval: 20, what: 'the 100,000-event load to start' });
    const workers = page.workers().filter((worker) => worker.url().includes('engine'));
    assert.equal(workers.length, 1, `engine workers: ${page.workers().map((w) => w.url()).join(', ')}`);
    await workers[0].evaluate(() => self.close()).catch(() => undefined);
    const hung = await until(() => loadProgress(page), (s) => s.notice === 'error', { timeout: 60_000, interval: 250, what: 'the time-out of the silent worker' });
    const hungText = (await noticeState(page)).text;
    t.diagnostic(`silent worker: ${hungText.slice(0, 200)}`);
    assert.ok(hung.retry, 'the time-out has no Retry');
    assert.match(hungText, /could not be loaded: The analytics worker did not answer within \d+ ms; it was restarted\./u);
    await page.locator('#load-retry').click();
    await waitReady(page, { extra: () => page.evaluate(() => window.jetonomyDemo.community?.options.events === 100_000) });
    const loaded = await waitCountsMatch(page, 'the 100,000-event numbers after Retry');
    assert.match((await noticeState(page)).text, /A generated community: [\d,]+ events applied/u);
    t.diagnostic(`after Retry: ${loaded.rendered.map((r) => r.value).join(' / ')}`);
  });
});

test('a time-zone change after a 1 M load re-buckets the kept events, with the numbers of a fresh load in that zone', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(harness, 'large-zone', {}, async (page) => {
    await openDemo(harness, page, { size: MILLION }, { settle: false });
    await waitCountsMatch(page, 'the 1 M numbers');
    // As the playground measured it: from the start of the load to its notice.
    const loadMs = await page.evaluate(() => Number(/generated and ingested in ([\d.]+) s/u.exec(document.querySelector('#sample-text').textContent)?.[1]) * 1000);
    assert.ok(loadMs > 0, 'the notice does not say how long the load took');
    const counts = await page.evaluate(() => ({ ...window.jetonomyDemo.loads }));

    const changed = Date.now();
    await setControl(page, 'tz', 'Asia/Tokyo');
    await waitReady(page, { extra: () => page.evaluate(() => window.jetonomyDemo.memory?.timeZone === 'Asia/Tokyo') });
    const shown = await waitCountsMatch(page, 'the Tokyo numbers');
    const untilShown = Date.now() - changed;
    const notice = (await noticeState(page)).text;
    const rezoneMs = Number(/re-bucketed into Asia\/Tokyo days in ([\d.]+) s/u.exec(notice)?.[1]) * 1000;
    t.diagnostic(`1 M events: generated and ingested in ${(loadMs / 1000).toFixed(1)} s; the zone change re-bucketed them in ${(rezoneMs / 1000).toFixed(1)} s (${(untilShown / 1000).toFixed(1)} s until the numbers showed)`);
    t.diagnostic(notice.slice(0, 220));
    const after = await page.evaluate(() => ({ ...window.jetonomyDemo.loads }));
    assert.equal(after.generated, counts.generated, 'the zone change generated the community again');
    assert.equal(after.reused, counts.reused + 1);
    assert.match(notice, /site time zone Asia\/Tokyo, re-bucketed into Asia\/Tokyo days in [\d.]+ s from the events kept in the worker, without generating them again\./u);
    assert.ok(rezoneMs < loadMs, `re-bucketing took ${rezoneMs} ms, the load ${loadMs} ms`);

    // A fresh load in Tokyo (generated here, in-process) answers the same, on both paths and in the tables.
    const range = await currentRange(page);
    const compared = await page.evaluate(async (range) => {
      const { memory, community } = window.jetonomyDemo;
      const fresh = new memory.constructor({ timeZone: 'Asia/Tokyo', worker: false });
      const loaded = await fresh.ingestCommunity(community.options);
      await fresh.ingest(community.live);
      const year = { start: range.end.slice(0, 4) - 1 + range.end.slice(4), end: range.end };
      const answers = async (source) => ({
        direct: await source.report({ range, path: 'direct' }),
        aggregate: await source.report({ range: year, path: 'aggregate' }),
        contributors: await source.rows('top-contributors', { range: year, offset: 0, limit: 20 }),
      });
      const [rezoned, expected] = [await answers(memory), await answers(fresh)];
      fresh.close();
      return { rezoned, expected, generated: loaded.generated };
    }, range);
    assert.equal(compared.generated, true, 'the fresh load did not generate its events');
    assert.equal(compared.rezoned.direct.timeZone, 'Asia/Tokyo');
    assert.deepEqual(compared.rezoned, compared.expected);
    assert.deepEqual(shown.overview, compared.expected.direct.overview);
  });
});
