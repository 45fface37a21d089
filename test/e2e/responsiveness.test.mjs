/**
 * Responsiveness under load: the engine works in its Worker, so neither
 * loading a large community nor changing the range may block the page's
 * main thread. With 1 M events every long task (≥ 50 ms) seen while ranges
 * are picked is a failure; with 10 M events, see MAX_TASK_MS_10M.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harnessForFile, until, withPage } from './harness.mjs';
import { dashboardRange, nextPaint, openDemo, pickPreset, reportLoads, waitHeadlineMatches, waitIdle } from './demo.mjs';

const harness = harnessForFile();

/** The budget of a single main-thread task (the long-task threshold). */
const MAX_TASK_MS = 50;
/**
 * At 10 M events the Worker generates at full speed on one of the machine's
 * two cores while the page renders on the other, shared with the browser's
 * own processes and the test runner: tasks of 20–35 ms (the chart's draw, a
 * section's render) were seen stretched to 51–68 ms in some runs. They are
 * listed in the test's diagnostics; a task of twice the budget fails.
 */
const MAX_TASK_MS_10M = 2 * MAX_TASK_MS;
const CHANGES = ['7d', '90d', 'this_month', 'last_month', '30d', '90d', '7d'];

/** Starts recording long tasks and long animation frames (which say what ran) from now on. */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    const tasks = [];
    window.__e2e.longTasks = tasks;
    window.__e2e.longTaskObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: Math.round(entry.startTime), duration: Math.round(entry.duration), name: entry.name });
    });
    window.__e2e.longTaskObserver.observe({ type: 'longtask', buffered: false });
    const frames = [];
    window.__e2e.longFrames = frames;
    window.__e2e.longFrameObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        frames.push({
          duration: Math.round(entry.duration),
          blocking: Math.round(entry.blockingDuration ?? 0),
          style: Math.round(entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0),
          scripts: (entry.scripts ?? []).map((s) => `${s.invoker || s.invokerType} ${Math.round(s.duration)} ms (${(s.sourceURL || '').replace(/^.*\//, '')}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''})`),
        });
      }
    });
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      window.__e2e.longFrameObserver.observe({ type: 'long-animation-frame', buffered: false });
    }
  });
}

/** Stops recording; returns the long tasks and long frames seen, after letting the last entries arrive. */
async function collectLongTasks(page) {
  // Entries are delivered after the task ends, at low priority.
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    window.__e2e.longTaskObserver.disconnect();
    window.__e2e.longFrameObserver.disconnect();
    return { tasks: window.__e2e.longTasks, frames: window.__e2e.longFrames };
  });
}

function describeTasks(t, what, { tasks, frames }) {
  const max = tasks.reduce((m, task) => Math.max(m, task.duration), 0);
  const summary = `long tasks ${what}: count ${tasks.length}, max ${max} ms${tasks.length ? ` (${tasks.map((x) => `${x.duration} ms at ${x.start}`).join(', ')})` : ''}`;
  t.diagnostic(summary);
  for (const frame of frames.filter((f) => f.blocking > 0)) {
    t.diagnostic(`long animation frame ${frame.duration} ms (blocking ${frame.blocking} ms, style and layout ${frame.style} ms): ${frame.scripts.join('; ') || 'no script'}`);
  }
  return { max, summary };
}

/** Picks each preset of CHANGES in turn, waiting for its report and paint; returns the time each took. */
async function changeRanges(page) {
  const timings = [];
  for (const preset of CHANGES) {
    const before = await reportLoads(page);
    const started = Date.now();
    await pickPreset(page, preset);
    await until(() => reportLoads(page), (n) => n > before, { what: `the report of ${preset}` });
    await waitIdle(page);
    await nextPaint(page);
    timings.push(`${preset} ${Date.now() - started} ms`);
    assert.equal((await dashboardRange(page)).attribute, preset);
  }
  return timings;
}

test('with 1,000,000 events, changing the range causes no long task', { timeout: 420_000 }, async (t) => {
  await withPage(harness, 'longtasks', {}, async (page) => {
    const loadStarted = Date.now();
    await openDemo(harness, page, { size: 1_000_000 }, { timeout: 300_000 });
    await waitHeadlineMatches(page);
    t.diagnostic(`1 M events ready in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
    // Let the first render after the load finish: the range changes are watched, not the load.
    await waitIdle(page);
    await nextPaint(page);
    await page.waitForTimeout(1000);

    await watchLongTasks(page);
    const timings = await changeRanges(page);
    const { max, summary } = describeTasks(t, `over ${CHANGES.length} range changes`, await collectLongTasks(page));
    t.diagnostic(`repaint after each change: ${timings.join(', ')}`);
    console.log(summary);

    // The numbers on screen are still right for the last range.
    await waitHeadlineMatches(page);
    assert.ok(max < MAX_TASK_MS, `a main-thread task took ${max} ms (budget ${MAX_TASK_MS} ms)`);
  });
});

test('with 10,000,000 events, the load and range changes keep the main thread responsive', { timeout: 900_000 }, async (t) => {
  await withPage(harness, 'longtasks-10m', {}, async (page) => {
    // The page opens on the small default community; the 10 M load starts when the size is picked.
    await openDemo(harness, page, {});
    await waitHeadlineMatches(page);
    // Let the first community's render finish: only the 10 M load is watched.
    await nextPaint(page);
    await page.waitForTimeout(1000);
    await watchLongTasks(page);
    const loadStarted = Date.now();
    await page.selectOption('select[name="size"]', '10000000');
    // The progress bar moves while the Worker generates and ingests.
    const shares = new Set();
    await until(
      async () => {
        const state = await page.evaluate(() => ({
          notice: document.querySelector('#sample-notice')?.dataset.state,
          share: document.querySelector('#load-progress')?.hidden ? null : document.querySelector('#load-progress')?.value,
        }));
        if (state.share !== null && state.share !== undefined) shares.add(Math.round(state.share * 10));
        return state;
      },
      (state) => state.notice === 'error' || (state.notice === 'ready' && shares.size > 0),
      { timeout: 600_000, interval: 250, what: 'the 10 M community to load' },
    );
    const loaded = await page.evaluate(() => ({ state: document.querySelector('#sample-notice')?.dataset.state, text: document.querySelector('#sample-notice')?.textContent?.trim() }));
    assert.equal(loaded.state, 'ready', `the demo reported an error: ${loaded.text}`);
    await waitIdle(page, { timeout: 120_000 });
    await waitHeadlineMatches(page);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    t.diagnostic(`10 M events usable in ${loadSeconds.toFixed(1)} s; the progress bar showed ${shares.size} distinct tenths`);
    assert.ok(shares.size >= 3, `the progress bar moved through ${shares.size} tenths only`);
    const text = await page.evaluate(() => document.querySelector('#sample-notice')?.textContent ?? '');
    const applied = Number(/([\d,.\s\u202f]+) events applied/.exec(text)?.[1]?.replace(/\D/g, '') ?? NaN);
    // About 1 % of the generated deliveries are repeats, which are not applied.
    assert.ok(applied > 9_500_000 && applied <= 10_100_000, `the notice tells ${applied} events applied: ${text}`);
    const load = describeTasks(t, 'while 10 M events load', await collectLongTasks(page));

    await watchLongTasks(page);
    const timings = await changeRanges(page);
    const changes = describeTasks(t, `over ${CHANGES.length} range changes at 10 M`, await collectLongTasks(page));
    t.diagnostic(`repaint after each change: ${timings.join(', ')}`);
    console.log(`10 M: usable in ${loadSeconds.toFixed(1)} s; ${load.summary}; ${changes.summary}`);

    await waitHeadlineMatches(page);
    assert.ok(load.max < MAX_TASK_MS_10M, `a main-thread task took ${load.max} ms while the data loaded (limit ${MAX_TASK_MS_10M} ms)`);
    assert.ok(changes.max < MAX_TASK_MS_10M, `a main-thread task took ${changes.max} ms while ranges changed (limit ${MAX_TASK_MS_10M} ms)`);
  });
});
