/**
 * How many requests the dashboard makes of its data source. Every call of
 * `report`, `reports`, `rows` and `diffReport` is one round trip to the engine
 * (a Worker message for `MemoryDataSource`, an HTTP request for the REST
 * source), so the test counts them at the data source with a counting
 * wrapper; without `reports` the wrapper stands for a source that answers one
 * report per request.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FIXTURE_NOW, fixtureSource } from '../../internal/test-fixtures.js';
import { harness as tableHarness, settled as tableSettled } from '../../internal/ranked-table/ranked-table.harness.js';
import type { ReportQuery, RowsQuery, TableId } from '../../model/report.js';
import type { AnalyticsDataSource } from '../../sources/data-source.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import '../activity-chart/activity-chart.js';
import type { JtActivityChart } from '../activity-chart/activity-chart.js';
import type { JtTopSpaces } from '../top-spaces/top-spaces.js';
import '../top-spaces/top-spaces.js';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';
import './analytics-dashboard.js';
import { dashboardHarness, settled } from './analytics-dashboard.harness.js';

let source: MemoryDataSource;

before(async () => {
  source = await fixtureSource();
});

/** The source, with every call it answers written down as `operation table path`. */
function counted(inner: AnalyticsDataSource): { source: AnalyticsDataSource; calls: string[] } {
  const calls: string[] = [];
  const wrapped: AnalyticsDataSource = {
    timeZone: inner.timeZone,
    now: () => FIXTURE_NOW,
    report: (q: ReportQuery) => (calls.push(`report ${q.path ?? 'direct'}`), inner.report(q)),
    rows: ((table: TableId, q: RowsQuery) => (calls.push(`rows ${table} ${q.path ?? 'direct'}`), inner.rows(table, q))) as AnalyticsDataSource['rows'],
    diffReport: (q) => (calls.push('diffReport'), inner.diffReport(q)),
  };
  return { source: wrapped, calls };
}

/** Picks a preset in the dashboard's range picker as a user does, and waits until every part shows it. */
async function pickPreset(el: JtAnalyticsDashboard, preset: string): Promise<void> {
  const select = dashboardHarness(el).rangePicker().shadowRoot!.querySelector('select')!;
  select.value = preset;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await settled(el);
}

/** The requests of one preset change, after the first load. */
async function requestsPerPresetChange(verify: boolean): Promise<string[]> {
  const { source: watched, calls } = counted(source);
  const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard ?verify=${verify} .dataSource=${watched}></jt-analytics-dashboard>`);
  await settled(el);
  calls.length = 0;
  await pickPreset(el, '7d');
  return [...calls].sort();
}

/**
 * Before the chart and the tables drew from the dashboard's reports, each of
 * them loaded its own rows beside the dashboard's load. Measured on that code,
 * one preset change (30 days → 7 days) made 5 requests: the range's report and
 * the previous period's, the daily rows, a page of Top Spaces and one of Top
 * Contributors; 9 with verify on (the aggregate path's report, and each of the
 * three rows calls again on the aggregate path).
 *
 * Now it is one load: the range's report (the chart's daily rows and the
 * tables' first page are in it) and the previous period's, whose overview the
 * headline compares with (a report does not carry the previous period's
 * figures); with verify on, the aggregate path's report as well, from which
 * the recording note, the drift badges, the chart's dotted lines and the
 * tables' drift are computed, so no diff report is asked for.
 */
describe('<jt-analytics-dashboard> requests per range change', () => {
  it('makes one load per preset change: the range’s report and the previous period’s, no rows', async () => {
    const calls = await requestsPerPresetChange(false);
    expect(calls).to.deep.equal(['report direct', 'report direct']);
  });

  it('adds only the aggregate path’s report with verify on', async () => {
    const calls = await requestsPerPresetChange(true);
    expect(calls).to.deep.equal(['report aggregate', 'report direct', 'report direct']);
  });

  it('makes a single request per preset change of a source that answers several reports at once (one engine round trip)', async () => {
    const { source: watched, calls } = counted(source);
    const batching: AnalyticsDataSource = {
      ...watched,
      reports: (queries, options) => (calls.push(`reports ${queries.map((q) => q.path ?? 'direct').join(',')}`), source.reports(queries, options)),
    };
    for (const verify of [false, true]) {
      const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard ?verify=${verify} .dataSource=${batching}></jt-analytics-dashboard>`);
      await settled(el);
      calls.length = 0;
      await pickPreset(el, '7d');
      expect(calls, verify ? 'verify on' : 'verify off').to.deep.equal([verify ? 'reports direct,direct,aggregate' : 'reports direct,direct']);
      // The numbers are the 7-day report's.
      const [start, end] = dashboardHarness(el).chart()!.range.split('..') as [string, string];
      const week = await source.report({ range: { start, end }, path: 'direct' });
      expect(dashboardHarness(el).headline().get('Total Posts')!.value).to.equal(week.overview.totalPosts.toLocaleString('en-US'));
    }
  });

  it('asks for one page of rows per table page the user moves to, and none to come back to the first', async () => {
    const { source: watched, calls } = counted(source);
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard page-size="3" .dataSource=${watched}></jt-analytics-dashboard>`);
    await settled(el);
    calls.length = 0;
    const table = dashboardHarness(el).topSpaces()!;
    const view = tableHarness(table);
    const first = view.rows();
    view.next().click();
    await tableSettled(table);
    expect(calls).to.deep.equal(['rows top-spaces direct']);
    expect(view.pageStatus()).to.contain('Page 2');
    view.previous().click();
    await tableSettled(table);
    expect(calls).to.have.length(1);
    expect(view.rows()).to.deep.equal(first);
  });

  it('shows the same numbers in the chart and the tables as the source gives for their rows', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard range="90d" .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    const chart = dashboardHarness(el).chart()!;
    const range = chart.range.split('..') as [string, string];
    const daily = await source.rows('daily', { range: { start: range[0], end: range[1] }, offset: 0, limit: 1000 });
    const cells = Array.from(chart.shadowRoot!.querySelectorAll('[part~="data-table"] tbody tr'), (tr) => tr.children[1]!.textContent!.trim());
    const posts = cells.reduce((sum, cell) => sum + Number(cell.replace(/,/gu, '')), 0);
    expect(posts).to.equal(daily.rows.reduce((sum, row) => sum + row.posts, 0));
    const spaces = await source.rows('top-spaces', { range: { start: range[0], end: range[1] }, offset: 0, limit: 10 });
    expect(tableHarness(dashboardHarness(el).topSpaces()!).column('Space')).to.deep.equal(spaces.rows.map((row) => row.name));
  });
});

describe('an element alone, or not covered by the dashboard’s load', () => {
  it('a chart and a table alone each ask for their own rows', async () => {
    const { source: watched, calls } = counted(source);
    const chart = await fixture<JtActivityChart>(html`<jt-activity-chart .dataSource=${watched}></jt-activity-chart>`);
    await waitUntil(() => chart.shadowRoot!.querySelector('[part~="base"]')?.getAttribute('aria-busy') === 'false');
    expect(calls).to.deep.equal(['rows daily direct']);

    calls.length = 0;
    const table = await fixture<JtTopSpaces>(html`<jt-top-spaces .dataSource=${watched}></jt-top-spaces>`);
    await tableSettled(table);
    expect(calls).to.deep.equal(['rows top-spaces direct']);
  });

  it('an element in the dashboard with a range of its own asks for its own rows', async () => {
    const { source: watched, calls } = counted(source);
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard .dataSource=${watched}><jt-top-spaces range="2026-11-01..2026-11-07"></jt-top-spaces></jt-analytics-dashboard>`,
    );
    const table = el.querySelector<JtTopSpaces>('jt-top-spaces')!;
    await settled(el);
    await tableSettled(table);
    expect(calls.filter((call) => call.startsWith('rows'))).to.deep.equal(['rows top-spaces direct']);
  });
});
