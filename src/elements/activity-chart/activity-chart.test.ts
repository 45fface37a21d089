import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse } from '@web/test-runner-commands';
import { alignPrevious, groupDaily, type Grouping } from '../../engine/series.js';
import { JtErrorEvent } from '../../events/error-event.js';
import { JtExportEvent } from '../../events/export-event.js';
import { Formatter } from '../../internal/format.js';
import { FIXTURE_NOW, fixtureSource } from '../../internal/test-fixtures.js';
import { parseRange, previousRange, rangeDays } from '../../model/range.js';
import type { DailyRow, DateRange, Path } from '../../model/report.js';
import type { AnalyticsDataSource } from '../../sources/data-source.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import type { JtActivityChart } from './activity-chart.js';
import './activity-chart.js';
import { getInstanceByDom } from './echarts.js';

const format = new Formatter('en-US');

// ---- harness: reads the element as a user (or a screen reader) does ------------------------------

function part(el: JtActivityChart, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

function chartOf(el: JtActivityChart) {
  const container = part(el, 'chart');
  return container ? getInstanceByDom(container) : undefined;
}

/** The series ECharts was given: names and point values. */
function seriesOf(el: JtActivityChart): { name: string; data: number[]; lineType: string }[] {
  const option = chartOf(el)!.getOption() as { series: { name: string; data: number[]; lineStyle: { type: string } }[] };
  return option.series.map((s) => ({ name: s.name, data: s.data, lineType: s.lineStyle.type }));
}

/** The hidden table: header labels and rows of cell texts. */
function tableOf(el: JtActivityChart): { caption: string; headers: string[]; rows: string[][] } {
  const table = part(el, 'data-table') as HTMLTableElement;
  return {
    caption: table.caption!.textContent!.trim(),
    headers: [...table.tHead!.rows[0]!.cells].map((cell) => cell.textContent!.trim()),
    rows: [...table.tBodies[0]!.rows].map((row) => [...row.cells].map((cell) => cell.textContent!.trim())),
  };
}

/** Waits until the rows are loaded and the chart is drawn as SVG (or a state without a chart is shown). */
async function settled(el: JtActivityChart): Promise<void> {
  await waitUntil(
    () =>
      el.shadowRoot!.querySelector('[part~="chart"] svg') !== null ||
      part(el, 'empty') !== null ||
      part(el, 'error') !== null ||
      (part(el, 'status') !== null && part(el, 'loading') === null),
    'the chart did not settle',
    { timeout: 20_000 },
  );
  await el.updateComplete;
}

async function renderChart(source: AnalyticsDataSource, attrs: { range?: string; groupBy?: string; compare?: boolean; verify?: boolean; theme?: string } = {}) {
  const el = await fixture<JtActivityChart>(html`<jt-activity-chart
    style="width: 720px"
    .dataSource=${source}
    range=${attrs.range ?? '30d'}
    group-by=${attrs.groupBy ?? 'auto'}
    theme=${attrs.theme ?? 'light'}
    ?compare=${attrs.compare ?? false}
    ?verify=${attrs.verify ?? false}
  ></jt-activity-chart>`);
  await settled(el);
  return el;
}

function resolved(range: string): DateRange {
  return parseRange(range, { timeZone: 'UTC', now: FIXTURE_NOW });
}

async function dailyOf(source: AnalyticsDataSource, range: DateRange, path: Path = 'direct'): Promise<DailyRow[]> {
  return (await source.rows('daily', { range, path, offset: 0, limit: rangeDays(range) })).rows;
}

function bucketText(bucket: { start: string; end: string }): string {
  return bucket.start === bucket.end ? format.date(bucket.start) : format.range(bucket);
}

/** The part of the focused element in the shadow root (compared as text: a failing comparison of elements prints whole charts). */
function focusedPart(el: JtActivityChart): string | null {
  return el.shadowRoot!.activeElement?.getAttribute('part') ?? null;
}

/** A span of dates as the chart says it: "Sep 16 – 20, 2026". */
function span(start: string, end: string): string {
  return format.range({ start, end });
}

/** A row's dates without the partial note ("Nov 23 – 24, 2026 (partial: 2 of 7 days, today so far)" → "Nov 23 – 24, 2026"). */
function withoutNote(dates: string): string {
  return dates.replace(/ \(partial: [^)]*\)$/u, '');
}

/** The text of the tooltip ECharts shows, or null when it shows none (its box is hidden, not removed). */
function visibleTooltip(el: JtActivityChart): string | null {
  const container = part(el, 'chart');
  // ECharts puts its tooltip box beside the drawing, above everything.
  const box = [...(container?.children ?? [])].find((child): child is HTMLElement => child instanceof HTMLElement && child.style.zIndex === '9999999');
  if (!box) return null;
  const style = getComputedStyle(box);
  return style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0' ? null : (box.textContent ?? '');
}

/** Shows the tooltip of point `dataIndex` and waits until it is visible; returns its text. */
async function showTooltip(el: JtActivityChart, dataIndex: number): Promise<string> {
  chartOf(el)!.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex });
  await waitUntil(() => visibleTooltip(el) !== null, 'no tooltip');
  return visibleTooltip(el)!;
}

/** The x spans ECharts shades as partial periods: [from, to] category values. */
function shadedSpans(el: JtActivityChart): [string, string][] {
  const option = chartOf(el)!.getOption() as { series: { name: string; markArea?: { data?: [{ xAxis: string }, { xAxis: string }][] } }[] };
  return option.series.flatMap((s) => (s.markArea?.data ?? []).map(([from, to]): [string, string] => [from.xAxis, to.xAxis]));
}

/** The sums of the rows dated start..end, read straight from the rows. */
function sumOf(rows: readonly DailyRow[], start: string, end: string): { posts: number; replies: number } {
  const inside = rows.filter((row) => row.date >= start && row.date <= end);
  return { posts: inside.reduce((sum, row) => sum + row.posts, 0), replies: inside.reduce((sum, row) => sum + row.replies, 0) };
}

/** The same source seen through a plain object, so a test can change what it says (its zone). */
function wrap(inner: AnalyticsDataSource): AnalyticsDataSource {
  return { timeZone: inner.timeZone, now: () => FIXTURE_NOW, report: (q) => inner.report(q), rows: (t, q) => inner.rows(t, q), diffReport: (q) => inner.diffReport(q) };
}

/** A source whose `rows` waits for `release()` (per call, in order) and honours aborts, to play races. */
function gatedSource(inner: AnalyticsDataSource) {
  const waiting: (() => void)[] = [];
  const source: AnalyticsDataSource = {
    timeZone: inner.timeZone,
    now: () => FIXTURE_NOW,
    report: (q) => inner.report(q),
    diffReport: (q) => inner.diffReport(q),
    rows: async (table, q) => {
      await new Promise<void>((resolve, reject) => {
        waiting.push(resolve);
        q.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      });
      return inner.rows(table, q);
    },
  };
  return { source, release: () => waiting.splice(0).forEach((go) => go()), pending: () => waiting.length };
}

// ---- tests --------------------------------------------------------------------------------------

describe('<jt-activity-chart>', () => {
  let source: MemoryDataSource;

  before(async () => {
    source = await fixtureSource();
  });

  after(() => source.close());

  it('draws an SVG line chart whose hidden table has the numbers of rows("daily")', async () => {
    const el = await renderChart(source);
    const range = resolved('30d');
    const daily = await dailyOf(source, range);
    expect(daily).to.have.length(30);
    expect(daily.some((row) => row.posts > 0)).to.equal(true);

    expect(el.shadowRoot!.querySelector('[part~="chart"] svg')).to.exist;
    const table = tableOf(el);
    expect(table.headers).to.deep.equal(['Date', 'Posts', 'Replies']);
    // The range ends today, a day not over yet.
    const label = (date: string) => (date === '2026-11-24' ? `${format.date(date)} (partial: today so far)` : format.date(date));
    expect(table.rows).to.deep.equal(daily.map((row) => [label(row.date), format.count(row.posts), format.count(row.replies)]));
    expect(table.caption).to.equal(`Activity data, ${format.range(range)}`);

    const series = seriesOf(el);
    expect(series.map((s) => s.name)).to.deep.equal(['Posts', 'Replies', 'Partial period']);
    expect(series[0]!.data).to.deep.equal(daily.map((row) => row.posts));
    expect(series[1]!.data).to.deep.equal(daily.map((row) => row.replies));

    const chart = part(el, 'chart')!;
    const posts = daily.reduce((sum, row) => sum + row.posts, 0);
    const replies = daily.reduce((sum, row) => sum + row.replies, 0);
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.getAttribute('aria-label')).to.equal(
      `Line chart of daily posts and replies, ${format.range(range)}: ${format.count(posts)} posts and ${format.count(replies)} replies in all.`,
    );
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('shows the exact date and counts in the tooltip, as text', async () => {
    const el = await renderChart(source);
    const daily = await dailyOf(source, resolved('30d'));
    chartOf(el)!.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 4 });
    const findTooltip = () => [...part(el, 'chart')!.querySelectorAll('div')].find((div) => div.textContent?.startsWith(format.date(daily[4]!.date)));
    await waitUntil(findTooltip, 'no tooltip');
    const tooltip = findTooltip()!;
    // Text nodes only: the tooltip holds no markup but its own boxes.
    expect(tooltip.querySelectorAll(':not(div, span)')).to.have.length(0);
    expect(tooltip.textContent).to.contain(format.date(daily[4]!.date));
    expect(tooltip.textContent).to.contain(`Posts: ${format.count(daily[4]!.posts)}`);
    expect(tooltip.textContent).to.contain(`Replies: ${format.count(daily[4]!.replies)}`);
  });

  const groupingCases: { range: string; auto: Grouping }[] = [
    { range: '30d', auto: 'day' },
    { range: '2026-01-01..2026-11-24', auto: 'week' },
    { range: '2024-11-01..2026-11-24', auto: 'month' },
  ];
  for (const { range, auto } of groupingCases) {
    it(`groups ${range} by ${auto} on its own`, async () => {
      const el = await renderChart(source, { range });
      const daily = await dailyOf(source, resolved(range));
      const buckets = groupDaily(daily, auto);
      expect(tableOf(el).rows.map((row) => [withoutNote(row[0]!), ...row.slice(1)])).to.deep.equal(
        buckets.map((b) => [bucketText(b), format.count(b.posts), format.count(b.replies)]),
      );
      expect(seriesOf(el)[0]!.data).to.have.length(buckets.length);
    });
  }

  it('switches grouping from the "Group by" control, changing the number of points', async () => {
    const el = await renderChart(source, { range: '90d' });
    const daily = await dailyOf(source, resolved('90d'));
    expect(seriesOf(el)[0]!.data).to.have.length(90);
    const select = part(el, 'group-by')!.querySelector('select')!;
    expect(select.value).to.equal('auto');
    expect(select.selectedOptions[0]!.textContent!.trim()).to.equal('Automatic (Day)');

    for (const grouping of ['week', 'month'] as const) {
      select.value = grouping;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const buckets = groupDaily(daily, grouping);
      expect(el.groupBy).to.equal(grouping);
      expect(el.getAttribute('group-by')).to.equal(grouping);
      expect(seriesOf(el)[0]!.data).to.deep.equal(buckets.map((b) => b.posts));
      expect(tableOf(el).rows.map((row) => withoutNote(row[0]!))).to.deep.equal(buckets.map(bucketText));
    }
    expect(groupDaily(daily, 'week').length).to.be.within(13, 14);
  });

  it('compare overlays the previous period, dashed and lined up by day offset', async () => {
    const el = await renderChart(source, { range: '2026-09-14..2026-11-22', groupBy: 'week' });
    expect(seriesOf(el)).to.have.length(2);
    const checkbox = part(el, 'compare')!.querySelector('input')!;
    expect(checkbox.checked).to.equal(false);
    checkbox.click();
    expect(el.compare).to.equal(true);
    await waitUntil(() => chartOf(el) && seriesOf(el).length === 4, 'no previous period', { timeout: 20_000 });
    await el.updateComplete;

    const range = resolved('2026-09-14..2026-11-22');
    const current = groupDaily(await dailyOf(source, range), 'week');
    const previous = alignPrevious(current, await dailyOf(source, previousRange(range)));
    const series = seriesOf(el);
    expect(series.map((s) => s.name)).to.deep.equal(['Posts', 'Replies', 'Posts (previous period)', 'Replies (previous period)']);
    expect(series.map((s) => s.lineType)).to.deep.equal(['solid', 'solid', 'dashed', 'dashed']);
    expect(series[2]!.data).to.deep.equal(previous.map((b) => b.posts));
    expect(series[3]!.data).to.deep.equal(previous.map((b) => b.replies));
    const table = tableOf(el);
    expect(table.headers).to.deep.equal(['Date', 'Posts', 'Replies', 'Previous period', 'Posts (previous period)', 'Replies (previous period)']);
    expect(table.rows.map((row) => row.slice(3))).to.deep.equal(previous.map((b) => [bucketText(b), format.count(b.posts), format.count(b.replies)]));

    checkbox.click();
    await el.updateComplete;
    expect(seriesOf(el)).to.have.length(2);
  });

  it('verify overlays the aggregate path, dotted', async () => {
    const el = await renderChart(source, { verify: true });
    const aggregated = await dailyOf(source, resolved('30d'), 'aggregate');
    const series = seriesOf(el);
    expect(series.map((s) => s.name)).to.deep.equal(['Posts', 'Replies', 'Posts (aggregated)', 'Replies (aggregated)', 'Partial period']);
    expect(series.slice(0, 4).map((s) => s.lineType)).to.deep.equal(['solid', 'solid', 'dotted', 'dotted']);
    expect(series[2]!.data).to.deep.equal(aggregated.map((row) => row.posts));
    expect(series[3]!.data).to.deep.equal(aggregated.map((row) => row.replies));
    expect(tableOf(el).headers.slice(3)).to.deep.equal(['Posts (aggregated)', 'Replies (aggregated)']);
  });

  it('takes its colors from the theme and the --jt-* properties', async () => {
    const el = await renderChart(source, { theme: 'dark' });
    const colorOf = () => (chartOf(el)!.getOption() as { series: { color: string }[] }).series.slice(0, 2).map((s) => s.color);
    expect(colorOf()).to.deep.equal(['#72aee6', '#f0b849']);
    el.theme = 'light';
    await el.updateComplete;
    expect(colorOf()).to.deep.equal(['#2271b1', '#b26200']);
    el.style.setProperty('--jt-color-series-posts', 'rgb(1, 2, 3)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(colorOf()[0]).to.equal('rgb(1, 2, 3)');
  });

  it('follows the system: no animation with reduced motion, dark colors for theme="auto"', async () => {
    const el = await renderChart(source, { theme: 'auto' });
    const option = () => chartOf(el)!.getOption() as { animation: boolean; series: { color: string }[] };
    try {
      await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
      await waitUntil(() => option().animation === true && option().series[0]!.color === '#2271b1', 'not light with motion');
      await emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
      await waitUntil(() => option().animation === false && option().series[0]!.color === '#72aee6', 'motion or light colors remain');
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
    }
  });

  it('resizes with its container', async () => {
    const el = await renderChart(source);
    expect(chartOf(el)!.getWidth()).to.be.greaterThan(600);
    el.style.width = '320px';
    await waitUntil(() => chartOf(el)!.getWidth() < 320, 'the chart kept its width');
    expect(tableOf(el).rows).to.have.length(30);
  });

  it('disposes the chart when removed, and draws it again when put back', async () => {
    const el = await renderChart(source);
    const container = part(el, 'chart')!;
    expect(getInstanceByDom(container)).to.exist;
    const parent = el.parentElement!;
    el.remove();
    expect(getInstanceByDom(container)).to.equal(undefined);
    parent.append(el);
    await el.updateComplete;
    expect(getInstanceByDom(part(el, 'chart')!)).to.exist;
  });

  describe('export', () => {
    let clicks: { href: string; download: string }[];
    const realClick = HTMLAnchorElement.prototype.click;

    beforeEach(() => {
      clicks = [];
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicks.push({ href: this.href, download: this.download });
      };
    });

    afterEach(() => {
      HTMLAnchorElement.prototype.click = realClick;
    });

    it('fires jt-export, then downloads the daily table as CSV', async () => {
      const el = await renderChart(source);
      const range = resolved('30d');
      const daily = await dailyOf(source, range);
      const event = oneEvent(el, 'jt-export');
      part(el, 'export-button')!.click();
      const fired = (await event) as JtExportEvent;
      expect(fired.detail).to.deep.equal({ table: 'daily', range, path: 'direct', fileName: `daily_${range.start}_${range.end}.csv` });
      await waitUntil(() => clicks.length === 1, 'no download');
      expect(clicks[0]!.download).to.equal(`daily_${range.start}_${range.end}.csv`);
      const bytes = new Uint8Array(await (await fetch(clicks[0]!.href)).arrayBuffer());
      expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes.slice(3));
      const lines = text.split('\r\n').filter((line) => line !== '');
      expect(lines[0]).to.equal('Date,Posts,Replies');
      expect(lines.slice(1)).to.deep.equal(daily.map((row) => `${row.date},${row.posts},${row.replies}`));
      await waitUntil(() => part(el, 'export-button')!.textContent!.trim() === 'Export CSV');
    });

    it('separates cells with ";" on a German page, with German headers; csv-delimiter="," chooses the comma', async () => {
      const el = await renderChart(source);
      const range = resolved('30d');
      const daily = await dailyOf(source, range);
      const exported = async (): Promise<string[]> => {
        clicks.length = 0;
        part(el, 'export-button')!.click();
        await waitUntil(() => clicks.length === 1, 'no download');
        const bytes = new Uint8Array(await (await fetch(clicks[0]!.href)).arrayBuffer());
        await waitUntil(() => part(el, 'export-button')!.textContent!.trim() !== 'Wird exportiert…');
        return new TextDecoder().decode(bytes.slice(3)).split('\r\n').filter((line) => line !== '');
      };
      el.locale = 'de-DE';
      await el.updateComplete;
      const german = await exported();
      expect(german[0]).to.equal('Datum;Beiträge;Antworten');
      expect(german.slice(1)).to.deep.equal(daily.map((row) => `${row.date};${row.posts};${row.replies}`));
      el.setAttribute('csv-delimiter', ',');
      await el.updateComplete;
      expect((await exported())[0]).to.equal('Datum,Beiträge,Antworten');
    });

    it('downloads nothing when jt-export is canceled', async () => {
      const el = await renderChart(source);
      el.addEventListener('jt-export', (event) => event.preventDefault());
      part(el, 'export-button')!.click();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(clicks).to.have.length(0);
    });
  });

  it('shows an error with Retry, fires jt-error, and loads on Retry', async () => {
    let failures = 1;
    const failing: AnalyticsDataSource = {
      timeZone: 'UTC',
      now: () => FIXTURE_NOW,
      report: (q) => source.report(q),
      diffReport: (q) => source.diffReport(q),
      rows: async (table, q) => {
        if (failures-- > 0) throw new Error('The server is having a rest');
        return source.rows(table, q);
      },
    };
    const errors: JtErrorEvent[] = [];
    const container = await fixture<HTMLDivElement>(html`<div @jt-error=${(e: JtErrorEvent) => errors.push(e)}></div>`);
    const el = document.createElement('jt-activity-chart');
    el.dataSource = failing;
    container.append(el);
    await settled(el);
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('The server is having a rest');
    expect(errors.map((e) => e.detail.operation)).to.deep.equal(['rows']);
    await expect(el).to.be.accessible();

    part(el, 'retry-button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="chart"] svg') !== null, 'no chart after Retry', { timeout: 20_000 });
    const daily = await dailyOf(source, resolved('30d'));
    expect(tableOf(el).rows.map((row) => row[1])).to.deep.equal(daily.map((row) => format.count(row.posts)));
  });

  it('shows a friendly empty state for a range without activity', async () => {
    const el = await renderChart(source, { range: '2020-01-01..2020-01-31' });
    expect(part(el, 'empty')!.textContent!.trim()).to.equal('No activity in this range yet. Try a longer range.');
    expect(part(el, 'chart')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keeps the old chart dimmed and busy while a new range loads, and never paints a superseded range', async () => {
    const gate = gatedSource(source);
    const el = document.createElement('jt-activity-chart');
    el.dataSource = gate.source;
    el.range = '7d';
    await fixture(html`<div style="width: 720px">${el}</div>`);
    await el.updateComplete;
    expect(part(el, 'skeleton')).to.exist;
    await waitUntil(() => gate.pending() === 1);
    gate.release();
    await settled(el);
    const first = tableOf(el).caption;
    expect(first).to.contain(format.range(resolved('7d')));

    el.range = '30d';
    await el.updateComplete;
    el.range = '2026-10-01..2026-10-31';
    await el.updateComplete;
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    expect(part(el, 'content')!.classList.contains('stale')).to.equal(true);
    expect(tableOf(el).caption).to.equal(first);
    await waitUntil(() => gate.pending() >= 1);
    gate.release();
    await waitUntil(() => part(el, 'base')!.getAttribute('aria-busy') === 'false', 'still busy', { timeout: 20_000 });
    const last = resolved('2026-10-01..2026-10-31');
    expect(tableOf(el).caption).to.equal(`Activity data, ${format.range(last)}`);
    expect(tableOf(el).rows).to.have.length(31);
    expect(seriesOf(el)[0]!.data).to.have.length(31);
  });

  it('reports an invalid range attribute without loading, in the shared error state without Retry', async () => {
    let requests = 0;
    const counting: AnalyticsDataSource = {
      timeZone: 'UTC',
      now: () => FIXTURE_NOW,
      report: (q) => source.report(q),
      diffReport: (q) => source.diffReport(q),
      rows: (table, q) => {
        requests++;
        return source.rows(table, q);
      },
    };
    const el = await renderChart(counting, { range: '2026-05-01..2026-04-01' });
    const error = part(el, 'error')!;
    // The same error state as a failed load: an alert holding the message as its paragraph.
    expect(error.getAttribute('part')).to.equal('status error');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.querySelector('p')!.textContent).to.contain('after its end');
    // Retrying the same range fails the same way: only a new range helps.
    expect(part(el, 'retry-button')).to.equal(null);
    expect(requests).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('is accessible with the chart drawn, light and dark, with every overlay', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await renderChart(source, { theme, compare: true, verify: true });
      await expect(el).to.be.accessible();
    }
  });

  describe('partial periods', () => {
    // FIXTURE_NOW is 2026-11-24 12:00 UTC, a Tuesday; in the browser's zone (Pacific/Auckland) it is already the 25th.
    it('marks the clipped first and last week and today, in the table, the tooltip and the shading, with exact numbers', async () => {
      const range = '2026-09-16..2026-11-24'; // from a Wednesday to today
      const el = await renderChart(source, { range, groupBy: 'week' });
      const daily = await dailyOf(source, resolved(range));
      const buckets = groupDaily(daily, 'week');
      const rows = tableOf(el).rows;
      expect(rows[0]![0]).to.equal(`${span('2026-09-16', '2026-09-20')} (partial: 5 of 7 days)`);
      expect(rows.at(-1)![0]).to.equal(`${span('2026-11-23', '2026-11-24')} (partial: 2 of 7 days, today so far)`);
      expect(rows.slice(1, -1).map((row) => row[0])).to.deep.equal(buckets.slice(1, -1).map(bucketText));
      // Exact sums of the days they hold, never scaled up to a whole week.
      expect(rows.map((row) => row.slice(1))).to.deep.equal(buckets.map((b) => [format.count(b.posts), format.count(b.replies)]));
      expect(seriesOf(el)[0]!.data).to.deep.equal(buckets.map((b) => sumOf(daily, b.start, b.end).posts));

      expect(shadedSpans(el)).to.deep.equal([
        [buckets[0]!.start, buckets[1]!.start],
        [buckets.at(-2)!.start, buckets.at(-1)!.start],
      ]);
      const legend = (chartOf(el)!.getOption() as { legend: { data: (string | { name: string })[] }[] }).legend[0]!.data;
      expect(legend.map((item) => (typeof item === 'string' ? item : item.name))).to.deep.equal(['Posts', 'Replies', 'Partial period']);
      expect(el.shadowRoot!.querySelector('[part~="chart"] svg')!.textContent).to.contain('Partial period');

      expect(await showTooltip(el, 0)).to.contain(`${span('2026-09-16', '2026-09-20')} (partial: 5 of 7 days)`);
      expect(await showTooltip(el, buckets.length - 1)).to.contain(`${span('2026-11-23', '2026-11-24')} (partial: 2 of 7 days, today so far)`);
      const middle = await showTooltip(el, 3);
      expect(middle).to.contain(bucketText(buckets[3]!));
      expect(middle).not.to.contain('partial');
      await expect(el).to.be.accessible();
    });

    it('marks today by day, in the data source’s zone and not the browser’s', async () => {
      const el = await renderChart(source, { range: '30d' });
      const rows = tableOf(el).rows;
      expect(rows.at(-1)![0]).to.equal(`${format.date('2026-11-24')} (partial: today so far)`);
      expect(rows.slice(0, -1).some((row) => row[0]!.includes('partial'))).to.equal(false);
      expect(shadedSpans(el)).to.deep.equal([['2026-11-23', '2026-11-24']]);

      // Where it is already the 25th, the 24th is over and nothing is partial.
      const auckland: AnalyticsDataSource = { ...wrap(source), timeZone: 'Pacific/Auckland' };
      const later = await renderChart(auckland, { range: '2026-10-26..2026-11-24' });
      expect(tableOf(later).rows.some((row) => row[0]!.includes('partial'))).to.equal(false);
      expect(shadedSpans(later)).to.deep.equal([]);
      expect(seriesOf(later).map((s) => s.name)).to.deep.equal(['Posts', 'Replies']);
    });

    it('marks clipped months ("Aug 27 – 31") and the month of today, and no whole month', async () => {
      const el = await renderChart(source, { range: '90d', groupBy: 'month' });
      expect(tableOf(el).rows.map((row) => row[0])).to.deep.equal([
        `${span('2026-08-27', '2026-08-31')} (partial: 5 of 31 days)`,
        span('2026-09-01', '2026-09-30'),
        span('2026-10-01', '2026-10-31'),
        `${span('2026-11-01', '2026-11-24')} (partial: 24 of 30 days, today so far)`,
      ]);
      const whole = await renderChart(source, { range: '2026-09-01..2026-10-31', groupBy: 'month' });
      expect(tableOf(whole).rows.map((row) => row[0])).to.deep.equal([span('2026-09-01', '2026-09-30'), span('2026-10-01', '2026-10-31')]);
      expect(shadedSpans(whole)).to.deep.equal([]);
    });

    it('shades nothing for a single point, which still says it is partial', async () => {
      const el = await renderChart(source, { range: '2026-11-24..2026-11-24' });
      expect(tableOf(el).rows.map((row) => row[0])).to.deep.equal([`${format.date('2026-11-24')} (partial: today so far)`]);
      expect(shadedSpans(el)).to.deep.equal([]);
      expect(seriesOf(el).map((s) => s.name)).to.deep.equal(['Posts', 'Replies']);
      expect(await showTooltip(el, 0)).to.contain('(partial: today so far)');
    });

    it('says "partial" in German too', async () => {
      const el = await fixture<JtActivityChart>(html`<jt-activity-chart
        style="width: 720px"
        .dataSource=${source}
        range="2026-09-16..2026-11-24"
        group-by="week"
        locale="de-DE"
      ></jt-activity-chart>`);
      await settled(el);
      const rows = tableOf(el).rows;
      expect(rows[0]![0]).to.match(/ \(unvollständig: 5 von 7 Tagen\)$/u);
      expect(rows.at(-1)![0]).to.match(/ \(unvollständig: 2 von 7 Tagen, heute bis jetzt\)$/u);
      expect(el.shadowRoot!.querySelector('[part~="chart"] svg')!.textContent).to.contain('Unvollständiger Zeitraum');
    });
  });

  describe('the previous period', () => {
    it('names the previous period’s dates once in the tooltip, without doubled brackets', async () => {
      const el = await renderChart(source, { range: '30d', compare: true });
      await waitUntil(() => seriesOf(el).length >= 4, 'no previous period');
      const previous = await dailyOf(source, previousRange(resolved('30d')));
      const text = await showTooltip(el, 4);
      // Oct 30, the fifth day of the range, is compared with Sep 30, the fifth day of the previous period.
      expect(previous[4]!.date).to.equal('2026-09-30');
      expect(text).to.contain(`Previous period: ${format.date('2026-09-30')}`);
      expect(text).to.contain(`Posts: ${format.count(previous[4]!.posts)}`);
      expect(text).to.contain(`Replies: ${format.count(previous[4]!.replies)}`);
      expect(text).not.to.match(/\)\s*\(/u);
      expect(text).not.to.contain('(previous period)');
    });

    const monthCases = [
      // 30 days: the previous period is the 30 days before, Aug 2–31.
      { range: '2026-09-01..2026-09-30', dates: [['2026-08-02', '2026-08-31']], labels: [span('2026-08-02', '2026-08-31')] },
      // 90 days from Aug 3: the previous period is May 5 – Aug 2; October's 31 days are compared with its last 31.
      {
        range: '2026-08-03..2026-10-31',
        dates: [['2026-05-05', '2026-06-02'], ['2026-06-03', '2026-07-02'], ['2026-07-03', '2026-08-02']],
        labels: [span('2026-05-05', '2026-06-02'), span('2026-06-03', '2026-07-02'), span('2026-07-03', '2026-08-02')],
      },
    ];
    for (const { range, dates, labels } of monthCases) {
      it(`labels each month of ${range} with the real dates of the previous period it is compared with`, async () => {
        const el = await renderChart(source, { range, groupBy: 'month', compare: true });
        await waitUntil(() => seriesOf(el).length >= 4, 'no previous period');
        const previousRows = await dailyOf(source, previousRange(resolved(range)));
        expect(previousRange(resolved(range))).to.deep.equal({ start: dates[0]![0], end: dates.at(-1)![1] });
        const table = tableOf(el);
        expect(table.headers.slice(3)).to.deep.equal(['Previous period', 'Posts (previous period)', 'Replies (previous period)']);
        expect(table.rows.map((row) => row[3])).to.deep.equal(labels);
        // The counts are those of exactly the dates shown.
        const sums = dates.map(([start, end]) => sumOf(previousRows, start!, end!));
        expect(table.rows.map((row) => row.slice(4))).to.deep.equal(sums.map((sum) => [format.count(sum.posts), format.count(sum.replies)]));
        expect(seriesOf(el)[2]!.data).to.deep.equal(sums.map((sum) => sum.posts));
        const text = await showTooltip(el, dates.length - 1);
        expect(text).to.contain(`Previous period: ${labels.at(-1)}`);
      });
    }
  });

  describe('keyboard', () => {
    it('"Show as table" shows the numbers as a table that the keyboard reaches, and back', async () => {
      const el = await renderChart(source, { range: '2026-09-16..2026-11-24', groupBy: 'week' });
      const toggle = part(el, 'table-toggle') as HTMLButtonElement;
      expect(toggle.tagName).to.equal('BUTTON');
      expect(toggle.textContent!.trim()).to.equal('Show as table');
      expect(toggle.getAttribute('aria-pressed')).to.equal('false');
      expect(toggle.getBoundingClientRect().width).to.be.greaterThan(0);
      const hidden = tableOf(el);

      toggle.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.view).to.equal('table');
      expect(el.getAttribute('view')).to.equal('table');
      expect(toggle.getAttribute('aria-pressed')).to.equal('true');
      expect(el.shadowRoot!.activeElement === toggle, 'the toggle keeps the focus').to.equal(true);
      expect(part(el, 'chart')).to.equal(null);
      const box = part(el, 'table')!;
      expect(box.classList.contains('visually-hidden')).to.equal(false);
      expect(box.getBoundingClientRect().height).to.be.greaterThan(100);
      expect(box.getAttribute('role')).to.equal('region');
      expect(box.getAttribute('aria-labelledby')).to.equal(part(el, 'data-table')!.querySelector('caption')!.id);
      expect(tableOf(el)).to.deep.equal(hidden);
      // Tab goes on from the toggle to Export CSV, then into the table's scrolling region.
      await sendKeys({ press: 'Tab' });
      expect(focusedPart(el)).to.equal('export-button');
      await sendKeys({ press: 'Tab' });
      expect(focusedPart(el), 'the table region is a Tab stop').to.equal('table');
      await expect(el).to.be.accessible();

      toggle.focus();
      await sendKeys({ press: 'Space' });
      await settled(el);
      expect(el.view).to.equal('chart');
      expect(toggle.getAttribute('aria-pressed')).to.equal('false');
      expect(part(el, 'table')!.classList.contains('visually-hidden')).to.equal(true);
      expect(part(el, 'table')!.hasAttribute('tabindex')).to.equal(false);
      expect(seriesOf(el)[0]!.data).to.have.length(hidden.rows.length);
    });

    it('view="table" opens on the table, in German too, and is accessible dark', async () => {
      const el = await fixture<JtActivityChart>(html`<jt-activity-chart
        .dataSource=${source}
        view="table"
        theme="dark"
        locale="de-DE"
      ></jt-activity-chart>`);
      await waitUntil(() => part(el, 'data-table') !== null, 'no table', { timeout: 20_000 });
      await el.updateComplete;
      expect(part(el, 'table-toggle')!.textContent!.trim()).to.equal('Als Tabelle anzeigen');
      expect(part(el, 'table-toggle')!.getAttribute('aria-pressed')).to.equal('true');
      expect(part(el, 'chart')).to.equal(null);
      expect(tableOf(el).rows).to.have.length(30);
      await expect(el).to.be.accessible();
    });

    it('hides the tooltip and its pointer line when Group by changes from the keyboard', async () => {
      const el = await renderChart(source, { range: '90d' });
      const chart = part(el, 'chart')!;
      const box = chart.getBoundingClientRect();
      // The pointer rests over the plot: a tooltip and a pointer line are shown.
      await sendMouse({ type: 'move', position: [Math.round(box.left + box.width * 0.8), Math.round(box.top + box.height * 0.6)] });
      await waitUntil(() => visibleTooltip(el) !== null, 'no tooltip under the pointer');
      try {
        const select = part(el, 'group-by')!.querySelector('select')!;
        select.focus();
        await sendKeys({ press: 'ArrowDown' }); // Automatic (Day) → Day
        await sendKeys({ press: 'ArrowDown' }); // → Week
        await waitUntil(() => el.groupBy === 'week', 'Group by did not change from the keyboard');
        await el.updateComplete;
        expect(seriesOf(el)[0]!.data).to.have.length(groupDaily(await dailyOf(source, resolved('90d')), 'week').length);
        // ECharts would show its tooltip again at the same spot on the next tick: give it time to.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(visibleTooltip(el)).to.equal(null);
        // Nothing is left to hide: hiding the pointer by hand removes no line.
        const shapes = () => chart.querySelectorAll('svg path, svg line').length;
        const before = shapes();
        chartOf(el)!.dispatchAction({ type: 'updateAxisPointer', currTrigger: 'leave' });
        chartOf(el)!.dispatchAction({ type: 'hideTip' });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(shapes()).to.equal(before);
      } finally {
        await sendMouse({ type: 'move', position: [0, 0] });
      }
    });
  });

  it('is accessible while loading', async () => {
    const gate = gatedSource(source);
    const el = await fixture<JtActivityChart>(html`<jt-activity-chart .dataSource=${gate.source}></jt-activity-chart>`);
    expect(part(el, 'skeleton')).to.exist;
    await expect(el).to.be.accessible();
    gate.release();
  });
});
