import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { JtErrorEvent } from '../../events/error-event.js';
import type { JtReportErrorEvent } from '../../events/report-error-event.js';
import { Formatter } from '../../internal/format.js';
import { messagesFor } from '../../internal/i18n.js';
import { fixtureSource } from '../../internal/test-fixtures.js';
import { parseRange } from '../../model/range.js';
import type { AnalyticsReport, ReportQuery, RowsQuery, TableId } from '../../model/report.js';
import type { AnalyticsDataSource } from '../../sources/data-source.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import { RestDataSource } from '../../sources/rest-data-source.js';
import { toWire } from '../../sources/wire-case.js';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';
import './analytics-dashboard.js';
import { dashboardHarness, readable, settled } from './analytics-dashboard.harness.js';

const m = messagesFor('en-US');
const f = new Formatter('en-US');

// Through the worker, as a page runs it: the engine answers from a Web Worker.
let source: MemoryDataSource;
before(async () => {
  source = await fixtureSource({ worker: true, aggregatorSince: Date.UTC(2026, 9, 1) });
});
after(() => source.close());

/**
 * A custom data source (no validation between it and the dashboard) whose
 * reports pass through `spoil` while `spoiling` is on.
 */
function spoiledSource(spoil: (report: AnalyticsReport) => AnalyticsReport) {
  const state = { spoiling: true };
  const custom: AnalyticsDataSource = {
    timeZone: source.timeZone,
    now: () => source.now(),
    report: async (q: ReportQuery) => {
      const report = await source.report(q);
      return state.spoiling ? spoil(report) : report;
    },
    rows: ((table: TableId, q: RowsQuery) => source.rows(table, q)) as AnalyticsDataSource['rows'],
    diffReport: (q) => source.diffReport(q),
  };
  return { custom, state };
}

/** Renders a dashboard and waits until it shows numbers or a message; never waits on a spinner for ever. */
async function dashboardOver(dataSource: AnalyticsDataSource, verify: boolean) {
  const errors: JtErrorEvent[] = [];
  const reportErrors: JtReportErrorEvent[] = [];
  const el = await fixture<JtAnalyticsDashboard>(
    html`<jt-analytics-dashboard
      ?verify=${verify}
      .dataSource=${dataSource}
      @jt-error=${(event: JtErrorEvent) => errors.push(event)}
      @jt-report-error=${(event: JtReportErrorEvent) => reportErrors.push(event)}
    ></jt-analytics-dashboard>`,
  );
  const view = dashboardHarness(el);
  await waitUntil(() => view.part('error') !== null, 'the dashboard never showed the error (still busy?)', { timeout: 10_000 });
  return { el, view, errors, reportErrors };
}

describe('<jt-analytics-dashboard> when a report cannot be drawn', () => {
  it('a recording-since the formatter rejects ends in the error state with the message and Retry, not a spinner; Retry loads again', async () => {
    const { custom, state } = spoiledSource((report) => ({ ...report, recordingSince: 1.7e18 }));
    const { el, view, errors, reportErrors } = await dashboardOver(custom, true);

    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    const error = view.part('error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(readable(error)).to.contain('The report could not be shown: Invalid time value');
    expect(view.retry()).to.not.equal(null);
    expect(view.part('recording-note')).to.equal(null);
    expect(errors.filter((event) => event.detail.operation === 'report').map((event) => (event.detail.error as Error).message)).to.deep.equal([
      'The report could not be shown: Invalid time value.',
    ]);
    expect(reportErrors).to.have.length(1);
    await expect(el).to.be.accessible();

    state.spoiling = false;
    view.retry()!.click();
    await settled(el);
    expect(view.part('error')).to.equal(null);
    expect(readable(view.part('recording-note'))).to.contain(m.recordedSince(f.instant(Date.UTC(2026, 9, 1), 'UTC')));
    const direct = await source.report({ range: parseRange('30d', { timeZone: 'UTC', now: source.now() }) });
    expect(view.headline().get(m.totalPosts)!.value).to.equal(f.count(direct.overview.totalPosts));
    expect(view.headline().get(m.totalReplies)!.value).to.equal(f.count(direct.overview.totalReplies));
  });

  it('a figure that throws when a card of a section draws it ends in the error state too', async () => {
    const unreadable = {
      valueOf(): number {
        throw new TypeError('this figure cannot be read');
      },
    } as unknown as number;
    // Upvotes are drawn by a card inside the Engagement section: two elements below the dashboard.
    const { custom } = spoiledSource((report) => ({ ...report, engagement: { ...report.engagement, upvotes: unreadable } }));
    // In verify mode the card works out the drift from it.
    const { view, errors } = await dashboardOver(custom, true);
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    expect(readable(view.part('error'))).to.contain('The report could not be shown: this figure cannot be read');
    expect(view.retry()).to.not.equal(null);
    expect(errors.filter((event) => event.detail.operation === 'report')).to.have.length(1);
  });

  it('a data source whose clock throws ends in the error state with Retry; Retry loads once the clock works', async () => {
    let broken = true;
    const custom: AnalyticsDataSource = {
      timeZone: 'UTC',
      now: () => {
        if (broken) throw new RangeError('the clock is broken');
        return source.now();
      },
      report: (q) => source.report(q),
      rows: ((table: TableId, q: RowsQuery) => source.rows(table, q)) as AnalyticsDataSource['rows'],
      diffReport: (q) => source.diffReport(q),
    };
    const { el, view } = await dashboardOver(custom, false);
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    expect(readable(view.part('error'))).to.contain('the clock is broken');
    expect(view.part('title')).to.not.equal(null);
    broken = false;
    view.retry()!.click();
    await settled(el);
    expect(view.part('error')).to.equal(null);
    const direct = await source.report({ range: parseRange('30d', { timeZone: 'UTC', now: source.now() }) });
    expect(view.headline().get(m.totalPosts)!.value).to.equal(f.count(direct.overview.totalPosts));
  });

  it('a REST report with recording_since in nanoseconds is refused on the wire and shown as an error with Retry', async () => {
    const fetch = async (input: RequestInfo | URL): Promise<Response> => {
      const url = new URL(String(input), location.href);
      const q = url.searchParams;
      const range = { start: q.get('start')!, end: q.get('end')! };
      if (url.pathname.endsWith('/report')) {
        const report = await source.report({ range, path: q.get('path') === 'aggregate' ? 'aggregate' : 'direct', topN: Number(q.get('top_n')) });
        return Response.json({ ...(toWire(report) as object), recording_since: 1.7e18 });
      }
      const table = url.pathname.slice(url.pathname.lastIndexOf('/') + 1) as TableId;
      const perPage = Number(q.get('per_page'));
      const page = await source.rows(table, { range, offset: (Number(q.get('page')) - 1) * perPage, limit: perPage });
      return Response.json(toWire(page.rows), { headers: { 'X-WP-Total': String(page.total), 'X-WP-TotalPages': String(Math.max(1, Math.ceil(page.total / perPage))) } });
    };
    const rest = new RestDataSource({ root: '/wp-json/', fetch, timeZone: 'UTC', retries: 0 });
    const { view } = await dashboardOver(rest, true);
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    expect(readable(view.part('error'))).to.contain(
      'The server\'s answer does not match the analytics API: "recording_since" must be an instant in epoch milliseconds from 2000-01-01 to 2200-01-01, got 1700000000000000000 (that looks like nanoseconds; divide by 1000000).',
    );
    expect(view.retry()).to.not.equal(null);
  });
});
