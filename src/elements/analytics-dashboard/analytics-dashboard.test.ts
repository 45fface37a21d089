import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { parseRange } from '../../model/range.js';
import type { AnalyticsReport, DailyRow, Overview, ReportQuery } from '../../model/report.js';
import type { AnalyticsDataSource } from '../../sources/data-source.js';
import { JtAnalyticsDashboard } from './analytics-dashboard.js';

// ---- a tiny data source the test controls -------------------------------------------------

interface ReportCall {
  query: ReportQuery;
  resolve(report: AnalyticsReport): void;
  reject(error: unknown): void;
}

/** A data source whose every `report()` call waits until the test settles it. */
function controlledSource(timeZone?: string): { source: AnalyticsDataSource; calls: ReportCall[] } {
  const calls: ReportCall[] = [];
  const source: AnalyticsDataSource & { timeZone?: string } = {
    report: (query) =>
      new Promise<AnalyticsReport>((resolve, reject) => {
        calls.push({ query, resolve, reject });
      }),
    rows: () => Promise.reject(new Error('rows() is not used by the dashboard preview')),
    diffReport: () => Promise.reject(new Error('diffReport() is not used by the dashboard preview')),
  };
  if (timeZone !== undefined) source.timeZone = timeZone;
  return { source, calls };
}

/** A data source that answers every `report()` with the same report. */
function fixedSource(report: AnalyticsReport): { source: AnalyticsDataSource; queries: ReportQuery[] } {
  const queries: ReportQuery[] = [];
  const source: AnalyticsDataSource = {
    report: async (query) => {
      queries.push(query);
      return report;
    },
    rows: () => Promise.reject(new Error('not used')),
    diffReport: () => Promise.reject(new Error('not used')),
  };
  return { source, queries };
}

function reportOf(overview: Partial<Overview> = {}, daily?: DailyRow[]): AnalyticsReport {
  return {
    range: { start: '2026-03-01', end: '2026-03-03' },
    previousRange: { start: '2026-02-26', end: '2026-02-28' },
    timeZone: 'Europe/Berlin',
    path: 'direct',
    recordingSince: null,
    overview: { totalPosts: 1284, totalReplies: 3456, activeMembers: 87, growthRate: 12.5, ...overview },
    daily: daily ?? [
      { date: '2026-03-01', posts: 400, replies: 1000 },
      { date: '2026-03-02', posts: 884, replies: 2456 },
      { date: '2026-03-03', posts: 0, replies: 0 },
    ],
    topSpaces: { total: 0, rows: [] },
    topContributors: { total: 0, rows: [] },
    engagement: {
      avgRepliesPerPost: null,
      upvotes: 0,
      downvotes: 0,
      acceptedAnswers: 0,
      questionsAsked: 0,
      questionsResolved: 0,
      acceptedAnswerRate: null,
      newMembers: 0,
    },
    moderation: { flagsRaised: 0, flagsOpen: 0, autoModTriggers: null, medianResponseMinutes: null, p90ResponseMinutes: null },
  };
}

// ---- a harness: read the element as a user does --------------------------------------------

function screen(el: JtAnalyticsDashboard) {
  const root = el.shadowRoot!;
  return {
    base: () => root.querySelector('[part="base"]')!,
    /** The value shown under a headline label, as read (visually hidden text included). */
    metric(label: string): string | undefined {
      for (const metric of root.querySelectorAll('[part="metric"]')) {
        if (metric.querySelector('[part="metric-label"]')?.textContent?.trim() === label) {
          return metric.querySelector('[part="metric-value"]')?.textContent?.replace(/\s+/g, ' ').trim();
        }
      }
      return undefined;
    },
    /** The daily table as text cells, header row first. */
    dailyTable(): string[][] {
      return [...root.querySelectorAll('[part="daily-table"] tr')].map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()),
      );
    },
    dailyText: () => root.querySelector('[part="daily"]')?.textContent?.trim(),
    status: () => root.querySelector('[part~="status"]')?.textContent?.replace(/\s+/g, ' ').trim(),
    alert: () => root.querySelector('[role="alert"]'),
    retryButton: () => root.querySelector<HTMLButtonElement>('[part="retry-button"]'),
    rangeLine: () => root.querySelector('[part="range"]')?.textContent?.replace(/\s+/g, ' ').trim(),
  };
}

async function shown(el: JtAnalyticsDashboard, text: string): Promise<void> {
  await waitUntil(() => el.shadowRoot!.textContent!.includes(text), `"${text}" never appeared`);
  await el.updateComplete;
}

// ---- tests ---------------------------------------------------------------------------------

describe('<jt-analytics-dashboard>', () => {
  it('is registered once under its tag, and registering again is harmless', async () => {
    expect(customElements.get('jt-analytics-dashboard')).to.equal(JtAnalyticsDashboard);
    await import('./analytics-dashboard.js');
    expect(customElements.get('jt-analytics-dashboard')).to.equal(JtAnalyticsDashboard);
    expect(document.createElement('jt-analytics-dashboard')).to.be.instanceOf(JtAnalyticsDashboard);
  });

  it('asks for the last 30 days on the direct path by default, in the source zone', async () => {
    const { source, calls } = controlledSource('Europe/Berlin');
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    expect(el.range).to.equal('30d');
    expect(el.getAttribute('range')).to.equal('30d');
    expect(calls).to.have.length(1);
    expect(calls[0].query.path).to.equal('direct');
    expect(calls[0].query.signal).to.be.instanceOf(AbortSignal);
    expect(calls[0].query.range).to.deep.equal(parseRange('30d', { timeZone: 'Europe/Berlin', now: Date.now() }));
  });

  it('shows the four headline numbers and the daily table of the report', async () => {
    const { source, queries } = fixedSource(reportOf());
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard range="2026-03-01..2026-03-03" .dataSource=${source}></jt-analytics-dashboard>`,
    );
    await shown(el, '1,284');
    const view = screen(el);
    expect(queries[0].range).to.deep.equal({ start: '2026-03-01', end: '2026-03-03' });
    expect(view.metric('Total Posts')).to.equal('1,284');
    expect(view.metric('Total Replies')).to.equal('3,456');
    expect(view.metric('Active Members')).to.equal('87');
    expect(view.metric('Growth Rate')).to.equal('+12.5%');
    expect(view.rangeLine()).to.equal('Mar 1 – 3, 2026 (Europe/Berlin)');
    expect(view.dailyTable()).to.deep.equal([
      ['Date', 'Posts', 'Replies'],
      ['Mar 1, 2026', '400', '1,000'],
      ['Mar 2, 2026', '884', '2,456'],
      ['Mar 3, 2026', '0', '0'],
    ]);
    expect(view.base().getAttribute('aria-busy')).to.equal('false');
  });

  it('says so when there is no growth rate (nothing in the previous period)', async () => {
    const { source } = fixedSource(reportOf({ growthRate: null }));
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    await shown(el, '1,284');
    expect(screen(el).metric('Growth Rate')).to.equal('—not available: no posts or replies in the previous period');
  });

  it('formats numbers in the language of the page around it', async () => {
    const { source } = fixedSource(reportOf({ growthRate: -3.25 }));
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="de-DE"><jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard></div>`,
    );
    const el = wrapper.querySelector('jt-analytics-dashboard')!;
    await shown(el, '1.284');
    expect(screen(el).metric('Growth Rate')).to.equal('-3,3 %');
  });

  it('shows the empty state when the range has no posts or replies', async () => {
    const { source } = fixedSource(
      reportOf({ totalPosts: 0, totalReplies: 0, activeMembers: 0, growthRate: null }, [
        { date: '2026-03-01', posts: 0, replies: 0 },
        { date: '2026-03-02', posts: 0, replies: 0 },
      ]),
    );
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    await shown(el, 'No posts or replies in this range.');
    expect(screen(el).metric('Total Posts')).to.equal('0');
    expect(screen(el).dailyTable()).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('asks for a data source until it has one', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard></jt-analytics-dashboard>`);
    expect(screen(el).status()).to.equal('Connect a data source to see analytics.');
    expect(screen(el).base().getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
    const { source } = fixedSource(reportOf());
    el.dataSource = source;
    await shown(el, '1,284');
    el.dataSource = undefined;
    await el.updateComplete;
    expect(screen(el).status()).to.equal('Connect a data source to see analytics.');
  });

  it('is busy while loading, then shows the numbers', async () => {
    const { source, calls } = controlledSource('UTC');
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    const view = screen(el);
    expect(view.base().getAttribute('aria-busy')).to.equal('true');
    expect(view.status()).to.equal('Loading analytics…');
    await expect(el).to.be.accessible();

    const loaded = oneEvent(el, 'jt-report-load');
    const report = reportOf();
    calls[0].resolve(report);
    expect((await loaded).detail.report).to.equal(report);
    await shown(el, '1,284');
    expect(view.base().getAttribute('aria-busy')).to.equal('false');
  });

  it('keeps the previous numbers on screen while the next range loads', async () => {
    const { source, calls } = controlledSource('UTC');
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    calls[0].resolve(reportOf());
    await shown(el, '1,284');

    el.range = '7d';
    await el.updateComplete;
    expect(calls).to.have.length(2);
    expect(el.getAttribute('range')).to.equal('7d');
    expect(screen(el).base().getAttribute('aria-busy')).to.equal('true');
    expect(screen(el).metric('Total Posts')).to.equal('1,284');
    expect(screen(el).rangeLine()).to.contain('Updating…');

    calls[1].resolve(reportOf({ totalPosts: 7 }));
    await shown(el, 'Mar 1 – 3, 2026 (Europe/Berlin)');
    await waitUntil(() => screen(el).metric('Total Posts') === '7');
    expect(screen(el).base().getAttribute('aria-busy')).to.equal('false');
  });

  it('aborts a superseded request and never shows its late answer', async () => {
    const { source, calls } = controlledSource('UTC');
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard range="2026-03-01..2026-03-03" .dataSource=${source}></jt-analytics-dashboard>`,
    );
    el.range = '2026-03-04..2026-03-06';
    await el.updateComplete;
    expect(calls).to.have.length(2);
    expect(calls[0].query.signal!.aborted).to.equal(true);
    expect(calls[1].query.signal!.aborted).to.equal(false);

    calls[1].resolve(reportOf({ totalPosts: 2 }));
    await waitUntil(() => screen(el).metric('Total Posts') === '2');
    calls[0].resolve(reportOf({ totalPosts: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
    expect(screen(el).metric('Total Posts')).to.equal('2');
  });

  it('shows the error with a Retry that loads again', async () => {
    const { source, calls } = controlledSource('UTC');
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    const failed = oneEvent(el, 'jt-report-error');
    const error = new Error('The server did not answer.');
    calls[0].reject(error);
    expect((await failed).detail.error).to.equal(error);
    await el.updateComplete;

    const view = screen(el);
    expect(view.alert()?.textContent).to.contain('Could not load analytics: The server did not answer.');
    expect(view.base().getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();

    view.retryButton()!.click();
    await el.updateComplete;
    expect(calls).to.have.length(2);
    expect(view.base().getAttribute('aria-busy')).to.equal('true');
    calls[1].resolve(reportOf());
    await shown(el, '1,284');
    expect(view.alert()).to.equal(null);
  });

  it('refuses a range it cannot read, without a request and without Retry', async () => {
    const { source, calls } = controlledSource('UTC');
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard range="2026-03-09..2026-03-01" .dataSource=${source}></jt-analytics-dashboard>`,
    );
    expect(calls).to.have.length(0);
    expect(screen(el).alert()?.textContent).to.contain('Could not load analytics:');
    expect(screen(el).retryButton()).to.equal(null);

    el.range = '7d';
    await el.updateComplete;
    expect(calls).to.have.length(1);
    expect(screen(el).alert()).to.equal(null);
  });

  it('resolves presets in the zone the report names when the source does not say', async () => {
    const { source, calls } = controlledSource();
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard range="7d" .dataSource=${source}></jt-analytics-dashboard>`);
    const now = Date.now();
    expect(calls[0].query.range).to.deep.equal(parseRange('7d', { timeZone: 'UTC', now }));
    calls[0].resolve({ ...reportOf(), timeZone: 'Pacific/Kiritimati' });
    await shown(el, '1,284');
    const inSiteZone = parseRange('7d', { timeZone: 'Pacific/Kiritimati', now });
    // A second request only when the site's "today" differs from UTC's at this moment.
    expect(calls.at(-1)!.query.range).to.deep.equal(inSiteZone);
  });

  it('refresh() loads the report again', async () => {
    const { source, queries } = fixedSource(reportOf());
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    await shown(el, '1,284');
    await el.refresh();
    expect(queries).to.have.length(2);
  });

  it('passes the accessibility audit with numbers on screen', async () => {
    const { source } = fixedSource(reportOf());
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    await shown(el, '1,284');
    await expect(el).to.be.accessible();
  });
});
