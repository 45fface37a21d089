import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
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
    expect(table.rows).to.deep.equal(daily.map((row) => [format.date(row.date), format.count(row.posts), format.count(row.replies)]));
    expect(table.caption).to.equal(`Activity data, ${format.range(range)}`);

    const series = seriesOf(el);
    expect(series.map((s) => s.name)).to.deep.equal(['Posts', 'Replies']);
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
      expect(tableOf(el).rows).to.deep.equal(buckets.map((b) => [bucketText(b), format.count(b.posts), format.count(b.replies)]));
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
      expect(tableOf(el).rows.map((row) => row[0])).to.deep.equal(buckets.map(bucketText));
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
    expect(table.headers).to.deep.equal(['Date', 'Posts', 'Replies', 'Posts (previous period)', 'Replies (previous period)']);
    expect(table.rows.map((row) => row.slice(3))).to.deep.equal(previous.map((b) => [format.count(b.posts), format.count(b.replies)]));

    checkbox.click();
    await el.updateComplete;
    expect(seriesOf(el)).to.have.length(2);
  });

  it('verify overlays the aggregate path, dotted', async () => {
    const el = await renderChart(source, { verify: true });
    const aggregated = await dailyOf(source, resolved('30d'), 'aggregate');
    const series = seriesOf(el);
    expect(series.map((s) => s.name)).to.deep.equal(['Posts', 'Replies', 'Posts (aggregated)', 'Replies (aggregated)']);
    expect(series.map((s) => s.lineType)).to.deep.equal(['solid', 'solid', 'dotted', 'dotted']);
    expect(series[2]!.data).to.deep.equal(aggregated.map((row) => row.posts));
    expect(series[3]!.data).to.deep.equal(aggregated.map((row) => row.replies));
    expect(tableOf(el).headers.slice(3)).to.deep.equal(['Posts (aggregated)', 'Replies (aggregated)']);
  });

  it('takes its colors from the theme and the --jt-* properties', async () => {
    const el = await renderChart(source, { theme: 'dark' });
    const colorOf = () => (chartOf(el)!.getOption() as { series: { color: string }[] }).series.map((s) => s.color);
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

  it('reports an invalid range attribute without loading', async () => {
    const el = await renderChart(source, { range: '2026-05-01..2026-04-01' });
    expect(part(el, 'error')!.textContent).to.contain('after its end');
    expect(part(el, 'retry-button')).to.equal(null);
  });

  it('is accessible with the chart drawn, light and dark, with every overlay', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await renderChart(source, { theme, compare: true, verify: true });
      await expect(el).to.be.accessible();
    }
  });

  it('is accessible while loading', async () => {
    const gate = gatedSource(source);
    const el = await fixture<JtActivityChart>(html`<jt-activity-chart .dataSource=${gate.source}></jt-activity-chart>`);
    expect(part(el, 'skeleton')).to.exist;
    await expect(el).to.be.accessible();
    gate.release();
  });
});
