import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { Formatter } from '../../internal/format.js';
import { messagesFor } from '../../internal/i18n.js';
import { FIXTURE_NOW, fixtureSource } from '../../internal/test-fixtures.js';
import { parseRange } from '../../model/range.js';
import type { AnalyticsReport, DateRange, ReportQuery, RowsQuery, TableId } from '../../model/report.js';
import type { AnalyticsDataSource } from '../../sources/data-source.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import { RestDataSource } from '../../sources/rest-data-source.js';
import { toWire } from '../../sources/wire-case.js';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';
import './analytics-dashboard.js';
import { dashboardHarness, nestedUpdates, readable, settled } from './analytics-dashboard.harness.js';

/**
 * Every screen tells the truth: the verify note says what the drift under it
 * says, the header names no zone it does not know, a failed update says what
 * happened and keeps the last good figures, and "auto" follows the page.
 */

const m = messagesFor('en-US');
const f = new Formatter('en-US');

let source: MemoryDataSource;
before(async () => {
  source = await fixtureSource();
});

function datesOf(range: string): DateRange {
  return parseRange(range, { timeZone: 'UTC', now: FIXTURE_NOW });
}

describe('<jt-analytics-dashboard> verify note', () => {
  it('with an aggregator that misses events, says on how many figures the paths differ and never that it saw every event', async () => {
    const lossy = await fixtureSource({ aggregatorDropRate: 0.1 });
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard verify .dataSource=${lossy}></jt-analytics-dashboard>`);
    await settled(el);
    const note = readable(dashboardHarness(el).part('recording-note'));
    // The same facts as the drift badges: the diff report of the range.
    const diff = await lossy.diffReport({ range: datesOf('30d') });
    const differing = diff.metrics.filter((metric) => metric.drift_pct !== 0).length;
    expect(differing).to.be.greaterThan(0);
    expect(note).to.not.contain(m.notRecording);
    expect(note).to.equal(m.pathsDiffer(f.count(differing), f.count(diff.metrics.length)));
    await expect(el).to.be.accessible();
  });

  it('says both paths agree when no figure drifts, and since when the aggregator records where the source says', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard verify .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    expect(readable(dashboardHarness(el).part('recording-note'))).to.equal(m.pathsAgree);

    const since = Date.UTC(2026, 9, 1);
    const late = await fixtureSource({ aggregatorSince: since });
    el.dataSource = late;
    await settled(el);
    const diff = await late.diffReport({ range: datesOf('30d') });
    const differing = diff.metrics.filter((metric) => metric.drift_pct !== 0).length;
    expect(readable(dashboardHarness(el).part('recording-note'))).to.equal(
      `${m.recordedSince(f.instant(since, 'UTC'))} ${differing === 0 ? m.pathsAgree : m.pathsDiffer(f.count(differing), f.count(diff.metrics.length))}`,
    );
  });
});

describe('<jt-analytics-dashboard> time zone while loading', () => {
  it('names no zone while a source is on its way, rather than UTC', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard loading></jt-analytics-dashboard>`);
    await nestedUpdates(el);
    expect(readable(dashboardHarness(el).part('time-zone'))).to.equal('');
    el.timeZone = 'Europe/Berlin';
    await el.updateComplete;
    expect(readable(dashboardHarness(el).part('time-zone'))).to.equal(m.timeZoneNote('Europe/Berlin'));
  });

  it('a source that names its zone only in its report: nothing until it arrives, then that zone; a source with a zone: at once', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const berlin = await fixtureSource({ timeZone: 'Europe/Berlin' });
    const custom: AnalyticsDataSource = {
      now: () => berlin.now(),
      report: async (q: ReportQuery) => {
        await held;
        return berlin.report(q);
      },
      rows: ((table: TableId, q: RowsQuery) => berlin.rows(table, q)) as AnalyticsDataSource['rows'],
      diffReport: (q) => berlin.diffReport(q),
    };
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${custom}></jt-analytics-dashboard>`);
    const view = dashboardHarness(el);
    expect(view.body().getAttribute('aria-busy')).to.equal('true');
    expect(readable(view.part('time-zone'))).to.equal('');
    release();
    await waitUntil(() => readable(view.part('time-zone')) === m.timeZoneNote('Europe/Berlin'), 'the zone of the report is not shown');

    const named = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${berlin}></jt-analytics-dashboard>`);
    expect(readable(dashboardHarness(named).part('time-zone'))).to.equal(m.timeZoneNote('Europe/Berlin'));
    await settled(named);
  });
});

describe('<jt-analytics-dashboard> REST failures', () => {
  /** A WordPress that answers from the fixture source until `failing`, then with its fatal-error page's JSON. */
  function wordpress() {
    const state = { failing: false };
    const fetch = async (input: RequestInfo | URL): Promise<Response> => {
      if (state.failing) {
        return Response.json(
          { code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status: 500 } },
          { status: 500 },
        );
      }
      const url = new URL(String(input), location.href);
      const q = url.searchParams;
      const range = { start: q.get('start')!, end: q.get('end')! };
      const path = q.get('path') === 'aggregate' ? 'aggregate' : 'direct';
      if (url.pathname.endsWith('/report')) return Response.json(toWire(await source.report({ range, path, topN: Number(q.get('top_n')) })));
      const table = url.pathname.slice(url.pathname.lastIndexOf('/') + 1) as TableId;
      const perPage = Number(q.get('per_page'));
      const page = await source.rows(table, { range, path, offset: (Number(q.get('page')) - 1) * perPage, limit: perPage });
      return Response.json(toWire(page.rows), { headers: { 'X-WP-Total': String(page.total), 'X-WP-TotalPages': String(Math.max(1, Math.ceil(page.total / perPage))) } });
    };
    // The fixture's clock, so the presets cover its data.
    const rest = Object.assign(new RestDataSource({ root: '/wp-json/', fetch, timeZone: 'UTC', retries: 0 }), { now: () => FIXTURE_NOW });
    return { state, rest };
  }

  it('every request failing: the failure in plain words with its status, the server\'s code and message in a details line, and Retry', async () => {
    const { state, rest } = wordpress();
    state.failing = true;
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${rest}></jt-analytics-dashboard>`);
    const view = dashboardHarness(el);
    await waitUntil(() => view.part('error') !== null, 'no error state', { timeout: 10_000 });
    const error = view.part('error')!;
    expect(error.querySelector('p')!.textContent!.trim()).to.equal('The server could not answer (HTTP 500).');
    expect(readable(view.part('error-details'))).to.equal(
      m.errorDetails('internal_server_error · HTTP 500 · There has been a critical error on this website.'),
    );
    expect(view.part('stale-note')).to.equal(null);
    expect(view.retry()).to.not.equal(null);
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('failing after a good load: a range change keeps the last good figures, says which range they are for, and Retry updates them', async () => {
    const { state, rest } = wordpress();
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${rest}></jt-analytics-dashboard>`);
    const view = dashboardHarness(el);
    await settled(el);
    const good: AnalyticsReport = await source.report({ range: datesOf('30d') });
    expect(view.headline().get(m.totalPosts)!.value).to.equal(f.count(good.overview.totalPosts));

    state.failing = true;
    el.range = '7d';
    await waitUntil(() => view.part('error') !== null, 'no error state after the failed update', { timeout: 10_000 });
    await nestedUpdates(el);
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    expect(readable(view.part('stale-note'))).to.equal(m.staleFigures(f.range(datesOf('30d'))));
    expect(view.part('error')!.querySelector('p')!.textContent!.trim()).to.equal(m.serverFailed('500'));
    // The last good numbers are still there, not wiped.
    expect(view.headline().get(m.totalPosts)!.value).to.equal(f.count(good.overview.totalPosts));
    expect(view.headline().get(m.totalReplies)!.value).to.equal(f.count(good.overview.totalReplies));
    expect(view.engagement().get(m.upvotes)!.value).to.equal(f.count(good.engagement.upvotes));
    expect(view.retry()).to.not.equal(null);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await nestedUpdates(el);
    await expect(el).to.be.accessible();
    el.theme = 'light';

    state.failing = false;
    view.retry()!.click();
    await settled(el);
    const week = await source.report({ range: datesOf('7d') });
    expect(view.part('error')).to.equal(null);
    expect(view.part('stale-note')).to.equal(null);
    expect(view.headline().get(m.totalPosts)!.value).to.equal(f.count(week.overview.totalPosts));
  });
});

describe('<jt-analytics-dashboard theme="auto">', () => {
  const text = (el: Element) => getComputedStyle(el).getPropertyValue('--_text').trim();
  const LIGHT_TEXT = '#1d2327';
  const DARK_TEXT = '#f0f0f1';

  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    await emulateMedia({ colorScheme: 'light' });
  });

  it('follows the host page where it declares one scheme, the system otherwise, and the system as it changes', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    document.documentElement.style.colorScheme = 'light';
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard theme="auto" loading></jt-analytics-dashboard>`);
    await nestedUpdates(el);
    const toggle = dashboardHarness(el).toggle();
    // A light admin page on a dark system: light, and so is every part.
    expect(text(el)).to.equal(LIGHT_TEXT);
    expect(toggle.getAttribute('theme')).to.equal('light');
    await expect(el).to.be.accessible();

    // A page that declares both (or nothing) leaves it to the system.
    document.documentElement.style.colorScheme = 'light dark';
    el.requestUpdate();
    await nestedUpdates(el);
    expect(text(el)).to.equal(DARK_TEXT);
    expect(toggle.getAttribute('theme')).to.equal('dark');

    await emulateMedia({ colorScheme: 'light' });
    await waitUntil(() => text(el) === LIGHT_TEXT, 'the system turning light did not reach the dashboard');
    await nestedUpdates(el);
    expect(toggle.getAttribute('theme')).to.equal('light');

    // A dark page on a light system: dark.
    document.documentElement.style.colorScheme = 'dark';
    el.requestUpdate();
    await nestedUpdates(el);
    expect(text(el)).to.equal(DARK_TEXT);
    expect(toggle.getAttribute('theme')).to.equal('dark');
    await expect(el).to.be.accessible();
  });
});
