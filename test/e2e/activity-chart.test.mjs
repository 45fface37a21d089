/**
 * The activity chart in the built playground, as a user meets it: grouped
 * by week, the range's clipped first week and the week of today (not over,
 * in the site's zone, not the browser's) are marked partial in the table
 * and the tooltip and shaded on the chart, with exact numbers; changing
 * Group by from the keyboard leaves no stale tooltip; "Show as table" shows
 * the numbers as a table. Screenshots of the chart and of its table go to
 * test-results/e2e/ for a person to look at.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ARTEFACTS, harnessForFile, until, withPage } from './harness.mjs';
import { addDays, currentRange, nextPaint, openDemo } from './demo.mjs';

const harness = harnessForFile();

const CHART = 'jt-analytics-dashboard jt-activity-chart';

/** 0 for Monday … 6 for Sunday. */
function isoWeekday(iso) {
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The ISO weeks of `start..end`, clipped to the range, as `[first, last]` dates. */
function weeksOf(start, end) {
  const weeks = [];
  for (let day = start; day <= end; ) {
    const last = addDays(day, 6 - isoWeekday(day));
    weeks.push([day, last < end ? last : end]);
    day = addDays(last, 1);
  }
  return weeks;
}

/** What the chart's table shows (row header, posts, replies), whether the chart is drawn, its legend, the toggle and the tooltip. */
async function chartState(page) {
  return page.evaluate(() => {
    const root = document.querySelector('jt-analytics-dashboard').shadowRoot.querySelector('jt-activity-chart').shadowRoot;
    const box = root.querySelector('[part~=chart]');
    const tooltip = [...(box?.children ?? [])].find((child) => child.style.zIndex === '9999999');
    const style = tooltip ? getComputedStyle(tooltip) : undefined;
    const tableBox = root.querySelector('[part~=table]');
    return {
      busy: root.querySelector('[part~=base]')?.getAttribute('aria-busy'),
      rows: [...root.querySelectorAll('[part~=data-table] tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent.trim())),
      drawn: !!box?.querySelector('svg'),
      svgText: box?.querySelector('svg')?.textContent ?? '',
      tooltip: style && style.visibility !== 'hidden' && style.opacity !== '0' && style.display !== 'none' ? tooltip.textContent : null,
      pressed: root.querySelector('[part~=table-toggle]')?.getAttribute('aria-pressed') ?? null,
      tableShown: !!tableBox && !tableBox.classList.contains('visually-hidden') && tableBox.getBoundingClientRect().height > 0,
      groupBy: root.host.groupBy,
    };
  });
}

/** The local date "now" in the site's zone, as the source's clock and zone say. */
async function siteToday(page) {
  return page.evaluate(() => {
    const source = window.jetonomyDemo.source;
    return new Intl.DateTimeFormat('en-CA', { timeZone: source.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(source.now?.() ?? Date.now());
  });
}

test('the activity chart marks partial weeks and today, drops no stale tooltip, and shows as a table', { timeout: 180_000 }, async (t) => {
  await withPage(harness, 'activity-chart', { viewport: { width: 1280, height: 1000 } }, async (page) => {
    // No line animation: the screenshots show whole lines.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openDemo(harness, page, { size: 10000 });
    const range = await currentRange(page);
    const today = await siteToday(page);
    assert.equal(range.end, today, 'the default range (Last 30 days) ends today in the site zone');

    // By day, today is the one partial point.
    const byDay = await until(() => chartState(page), (s) => s.drawn && s.busy === 'false' && s.rows.length === 30, { what: 'the chart by day' });
    assert.match(byDay.rows.at(-1)[0], / \(partial: today so far\)$/);
    assert.deepEqual(byDay.rows.slice(0, -1).filter((row) => row[0].includes('partial')), []);
    assert.match(byDay.svgText, /Partial period/);

    await page.locator(`${CHART} [part~=group-by] select`).selectOption('week');
    const weeks = weeksOf(range.start, range.end);
    const state = await until(() => chartState(page), (s) => s.drawn && s.groupBy === 'week' && s.rows.length === weeks.length, { what: 'the chart by week' });

    // Exact sums of the days each week holds, partial ones included: nothing is scaled up.
    const sums = await page.evaluate(async ({ range, weeks }) => {
      const { rows } = await window.jetonomyDemo.source.rows('daily', { range, path: 'direct', offset: 0, limit: 400 });
      return weeks.map(([start, end]) => {
        const inside = rows.filter((row) => row.date >= start && row.date <= end);
        return [inside.reduce((s, r) => s + r.posts, 0), inside.reduce((s, r) => s + r.replies, 0)];
      });
    }, { range, weeks });
    const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    assert.deepEqual(state.rows.map((row) => row.slice(1)), sums.map((pair) => pair.map((n) => count.format(n))));

    const firstDays = 7 - isoWeekday(range.start);
    const lastDays = isoWeekday(range.end) + 1;
    if (firstDays < 7) assert.match(state.rows[0][0], new RegExp(` \\(partial: ${firstDays} of 7 days\\)$`));
    else assert.doesNotMatch(state.rows[0][0], /partial/);
    assert.match(state.rows.at(-1)[0], lastDays < 7 ? new RegExp(` \\(partial: ${lastDays} of 7 days, today so far\\)$`) : / \(partial: today so far\)$/);
    assert.deepEqual(state.rows.slice(1, -1).filter((row) => row[0].includes('partial')), []);
    assert.match(state.svgText, /Partial period/);
    t.diagnostic(`first week: ${state.rows[0][0]}; last week: ${state.rows.at(-1)[0]}`);

    // The pointer near the last week (inside the plot, whose right edge leaves room for the last date): its tooltip says it is partial.
    const chart = page.locator(`${CHART} [part~=chart]`);
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    await chart.hover({ position: { x: Math.round(box.width * 0.9), y: Math.round(box.height * 0.6) } });
    const hovered = await until(() => chartState(page), (s) => s.tooltip !== null, { what: 'a tooltip under the pointer' });
    assert.match(hovered.tooltip, /today so far/);
    await nextPaint(page);
    await page.locator(CHART).screenshot({ path: path.join(ARTEFACTS, 'activity-chart-partial-weeks.png') });

    // Group by changed from the keyboard while the pointer rests on the chart: no stale tooltip stays.
    await page.locator(`${CHART} [part~=group-by] select`).focus();
    await page.keyboard.press('ArrowUp'); // Week → Day
    await until(() => chartState(page), (s) => s.groupBy === 'day' && s.rows.length === 30 && s.busy === 'false', { what: 'Group by Day from the keyboard' });
    await page.waitForTimeout(400);
    assert.equal((await chartState(page)).tooltip, null, 'a tooltip stayed on the chart after Group by changed');

    // Show as table, from the keyboard.
    await page.locator(`${CHART} [part~=group-by] select`).press('ArrowDown'); // Day → Week
    await until(() => chartState(page), (s) => s.groupBy === 'week' && s.rows.length === weeks.length, { what: 'Group by Week again' });
    await page.mouse.move(0, 0);
    await page.locator(`${CHART} [part~=table-toggle]`).focus();
    await page.keyboard.press('Enter');
    const asTable = await until(() => chartState(page), (s) => s.pressed === 'true' && s.tableShown, { what: 'the table in place of the chart' });
    assert.equal(asTable.drawn, false);
    assert.deepEqual(asTable.rows, state.rows);
    await page.keyboard.press('Tab'); // Export CSV
    await page.keyboard.press('Tab'); // the table's scrolling region
    const focused = await page.evaluate(() => {
      const root = document.querySelector('jt-analytics-dashboard').shadowRoot.querySelector('jt-activity-chart').shadowRoot;
      return root.activeElement?.getAttribute('part') ?? null;
    });
    assert.equal(focused, 'table', 'the table is not reached with Tab');
    await nextPaint(page);
    await page.locator(CHART).screenshot({ path: path.join(ARTEFACTS, 'activity-chart-table.png') });

    await page.locator(`${CHART} [part~=table-toggle]`).press('Enter');
    await until(() => chartState(page), (s) => s.pressed === 'false' && s.drawn && !s.tableShown, { what: 'the chart back' });

    // Compared by month: each month against the same days of the previous period (30 days ending the day
    // before the range), named by those days' real dates, in the table and under one heading in the tooltip.
    await page.locator(`${CHART} [part~=compare] input`).check();
    await page.locator(`${CHART} [part~=group-by] select`).selectOption('month');
    const months = [];
    for (let day = range.start; day <= range.end; ) {
      const monthEnd = addDays(`${day.slice(0, 7)}-01`, 40).slice(0, 7) + '-01';
      const last = addDays(monthEnd, -1) < range.end ? addDays(monthEnd, -1) : range.end;
      months.push([day, last]);
      day = addDays(last, 1);
    }
    const compared = await until(() => chartState(page), (s) => s.drawn && s.busy === 'false' && s.rows.length === months.length && s.rows[0].length === 6, { what: 'the monthly comparison' });
    const expectedDates = await page.evaluate((spans) => {
      const long = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
      const at = (iso) => Date.parse(`${iso}T00:00:00Z`);
      return spans.map(([start, end]) => (start === end ? long.format(at(start)) : long.formatRange(at(start), at(end))));
    }, months.map(([start, end]) => [addDays(start, -30), addDays(end, -30)]));
    assert.deepEqual(compared.rows.map((row) => row[3]), expectedDates);
    await chart.hover({ position: { x: Math.round(box.width * 0.9), y: Math.round(box.height * 0.6) } });
    const comparedTip = await until(() => chartState(page), (s) => s.tooltip?.includes('Previous period: '), { what: 'the comparison tooltip' });
    assert.ok(comparedTip.tooltip.includes(`Previous period: ${expectedDates.at(-1)}`), comparedTip.tooltip);
    assert.doesNotMatch(comparedTip.tooltip, /\)\s*\(/, 'doubled brackets in the tooltip');
    await nextPaint(page);
    await page.locator(CHART).screenshot({ path: path.join(ARTEFACTS, 'activity-chart-compare-months.png') });
  });
});
