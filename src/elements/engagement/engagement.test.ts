import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { driftPct } from '../../engine/diff.js';
import type { JtErrorEvent } from '../../events/error-event.js';
import { Formatter } from '../../internal/format.js';
import { en } from '../../internal/i18n.js';
import { FIXTURE_NOW, fixtureSource } from '../../internal/test-fixtures.js';
import { AnalyticsError } from '../../model/errors.js';
import { parseRange, previousRange } from '../../model/range.js';
import type { AnalyticsReport, DateRange, Engagement } from '../../model/report.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import { batchingSource, controlledSource, flakySource, loadedSection, sectionScreen, shownChange, shownFigure } from '../metric/report-section.harness.js';
import { JtEngagement } from './engagement.js';

const f = new Formatter('en-US');
const DAY = 86_400_000;

/** Each card's label, what it reads, and how it is shown. */
const CARDS: [string, (e: Engagement) => number | null, (v: number) => string][] = [
  [en.avgRepliesPerPost, (e) => e.avgRepliesPerPost, (v) => f.number(v)],
  [en.newMembers, (e) => e.newMembers, (v) => f.count(v)],
  [en.upvotes, (e) => e.upvotes, (v) => f.count(v)],
  [en.downvotes, (e) => e.downvotes, (v) => f.count(v)],
  [en.acceptedAnswers, (e) => e.acceptedAnswers, (v) => f.count(v)],
  [en.resolutionRateLabel, (e) => e.acceptedAnswerRate, (v) => f.ratio(v)],
];


let source: MemoryDataSource;
let lateSource: MemoryDataSource;

const range = (r: string): DateRange => parseRange(r, { timeZone: 'UTC', now: FIXTURE_NOW });


function expectFigures(el: JtEngagement, report: AnalyticsReport): void {
  const screen = sectionScreen(el);
  for (const [label, read, format] of CARDS) {
    expect(screen.metric(label)?.value, label).to.equal(shownFigure(read(report.engagement), format));
  }
  const e = report.engagement;
  expect(screen.metric(en.resolutionRateLabel)!.extra).to.equal(en.questionsResolved(f.count(e.questionsResolved), f.count(e.questionsAsked)));
}

describe('<jt-engagement>', () => {
  before(async () => {
    source = await fixtureSource();
    // The aggregator attached 20 days before "now": days before that are real drift.
    lateSource = await fixtureSource({ aggregatorSince: FIXTURE_NOW - 20 * DAY });
  });

  it('is registered once under its tag', async () => {
    expect(customElements.get('jt-engagement')).to.equal(JtEngagement);
    await import('./engagement.js');
    expect(customElements.get('jt-engagement')).to.equal(JtEngagement);
  });

  it('loads the last 30 days alone and shows exactly what the data source reports', async () => {
    const el = await fixture<JtEngagement>(html`<jt-engagement .dataSource=${source}></jt-engagement>`);
    const screen = await loadedSection(el);
    const report = await source.report({ range: range('30d') });
    expect(report.engagement.upvotes + report.engagement.acceptedAnswers, 'the fixture has activity').to.be.greaterThan(0);
    expectFigures(el, report);
    expect(screen.heading().localName).to.equal('h2');
    expect(screen.heading().textContent!.trim()).to.equal(en.engagementTitle);
    const groups = [...el.shadowRoot!.querySelectorAll('[part~="group-heading"]')].map((h) => [h.localName, h.textContent!.trim()]);
    expect(groups).to.deep.equal([
      ['h3', en.voteActivity],
      ['h3', en.acceptedAnswers],
    ]);
    expect(el.shadowRoot!.textContent).to.contain(en.qaOnly);
    // Not in verify mode: one value per card, no drift.
    expect(screen.metric(en.upvotes)!.verify).to.equal(undefined);
    expect(screen.metric(en.questionsAskedLabel)).to.equal(undefined);
  });

  it('follows its range and time zone attributes', async () => {
    const el = await fixture<JtEngagement>(html`<jt-engagement .dataSource=${source} range="2026-09-01..2026-09-30"></jt-engagement>`);
    await loadedSection(el);
    expectFigures(el, await source.report({ range: { start: '2026-09-01', end: '2026-09-30' } }));
    el.range = '7d';
    el.timeZone = 'Pacific/Kiritimati';
    await el.updateComplete;
    expect(sectionScreen(el).body()!.getAttribute('aria-busy')).to.equal('true');
    await waitUntil(() => sectionScreen(el).body()?.getAttribute('aria-busy') === 'false');
    await sectionScreen(el).settled();
    // "Today" in Kiritimati (UTC+14) is already 2026-11-25 at the fixture's clock.
    const dates = parseRange('7d', { timeZone: 'Pacific/Kiritimati', now: FIXTURE_NOW });
    expect(dates.end).to.equal('2026-11-25');
    expectFigures(el, await source.report({ range: dates }));
  });

  it('uses real headings at `heading-level`', async () => {
    const el = await fixture<JtEngagement>(html`<jt-engagement heading-level="3" .dataSource=${source}></jt-engagement>`);
    await loadedSection(el);
    expect(sectionScreen(el).heading().localName).to.equal('h3');
    expect(el.shadowRoot!.querySelector('[part~="group-heading"]')!.localName).to.equal('h4');
  });

  it('in verify mode shows every number on both paths with the drift', async () => {
    const el = await fixture<JtEngagement>(html`<jt-engagement verify .dataSource=${lateSource}></jt-engagement>`);
    const screen = await loadedSection(el);
    const direct = await lateSource.report({ range: range('30d'), path: 'direct' });
    const aggregate = await lateSource.report({ range: range('30d'), path: 'aggregate' });
    expectFigures(el, direct);
    const cards: typeof CARDS = [
      ...CARDS,
      [en.questionsResolvedLabel, (e) => e.questionsResolved, (v) => f.count(v)],
      [en.questionsAskedLabel, (e) => e.questionsAsked, (v) => f.count(v)],
    ];
    let disagreements = 0;
    for (const [label, read, format] of cards) {
      const d = read(direct.engagement);
      const a = read(aggregate.engagement);
      const drift = driftPct(d, a);
      const card = screen.metric(label)!;
      expect(card.verify, label).to.contain(`${en.directValue} ${shownFigure(d, format)}`).and.contain(`${en.aggregatedValue} ${shownFigure(a, format)}`);
      expect(card.drift, label).to.equal(drift === null ? en.notAvailable : f.percentChange(drift));
      expect(card.nonzero, label).to.equal(drift !== 0);
      if (drift !== 0) disagreements++;
    }
    expect(disagreements, 'an aggregator attached late shows drift somewhere').to.be.greaterThan(0);
    expect(screen.labels()).to.have.length(8);
  });

  it('draws a report given by a dashboard and loads nothing itself', async () => {
    const report = await source.report({ range: range('90d') });
    const aggregate = await source.report({ range: range('90d'), path: 'aggregate' });
    let calls = 0;
    const counting = { ...flakySource(source, undefined, 0).source, report: () => (calls++, source.report({ range: range('7d') })) };
    const el = await fixture<JtEngagement>(html`<jt-engagement .dataSource=${counting} .report=${report}></jt-engagement>`);
    const screen = await loadedSection(el);
    expectFigures(el, report);
    expect(calls).to.equal(0);

    el.verify = true;
    el.aggregateReport = aggregate;
    await screen.settled();
    expect(screen.metric(en.upvotes)!.verify).to.equal(
      `${en.directValue} ${f.count(report.engagement.upvotes)} · ${en.aggregatedValue} ${f.count(aggregate.engagement.upvotes)} · ${en.drift} 0%`,
    );

    el.loading = true;
    await screen.settled();
    expect(screen.body()!.getAttribute('aria-busy')).to.equal('true');
    expect(screen.metric(en.upvotes)!.value).to.equal(f.count(report.engagement.upvotes));
    expect(calls).to.equal(0);
  });

  it('shows a skeleton first, then the numbers; on a new range keeps the old ones dimmed and busy', async () => {
    const { source: slow, calls } = controlledSource(source);
    const el = await fixture<JtEngagement>(html`<jt-engagement .dataSource=${slow} range="30d"></jt-engagement>`);
    const screen = sectionScreen(el);
    expect(screen.skeletons()).to.be.greaterThan(0);
    expect(screen.body()!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    expect(calls.map((c) => c.query.path)).to.deep.equal(['direct']);
    await calls[0]!.settle();
    await loadedSection(el);
    const first = await source.report({ range: range('30d') });
    expectFigures(el, first);

    el.range = '90d';
    await el.updateComplete;
    await screen.settled();
    expect(screen.body()!.getAttribute('aria-busy')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(en.updating);
    expectFigures(el, first);
    await expect(el).to.be.accessible();
    await calls[1]!.settle();
    await waitUntil(() => screen.body()!.getAttribute('aria-busy') === 'false');
    await screen.settled();
    expectFigures(el, await source.report({ range: range('90d') }));
  });

  it('never paints a superseded range: the old request is aborted', async () => {
    const { source: slow, calls } = controlledSource(source);
    const el = await fixture<JtEngagement>(html`<jt-engagement .dataSource=${slow} range="2026-08-01..2026-08-31"></jt-engagement>`);
    el.range = '2026-09-01..2026-09-30';
    await el.updateComplete;
    el.range = '2026-10-01..2026-10-31';
    await el.updateComplete;
    expect(calls.map((c) => c.query.range.start)).to.deep.equal(['2026-08-01', '2026-09-01', '2026-10-01']);
    expect(calls.map((c) => c.query.signal!.aborted)).to.deep.equal([true, true, false]);
    // The last answers first; the older ones answer late, and must not paint.
    await calls[2]!.settle();
    await calls[0]!.settle();
    await calls[1]!.settle();
    await loadedSection(el);
    await new Promise((r) => setTimeout(r, 20));
    await sectionScreen(el).settled();
    expectFigures(el, await source.report({ range: { start: '2026-10-01', end: '2026-10-31' } }));
    const august = await source.report({ range: { start: '2026-08-01', end: '2026-08-31' } });
    const october = await source.report({ range: { start: '2026-10-01', end: '2026-10-31' } });
    expect(august.engagement.upvotes, 'the ranges differ, so the check means something').to.not.equal(october.engagement.upvotes);
  });

  it('shows the error with a Retry that loads again, and fires jt-error', async () => {
    const { source: flaky, queries } = flakySource(source);
    const el = document.createElement('jt-engagement');
    el.dataSource = flaky;
    const errored = oneEvent(el, 'jt-error') as Promise<JtErrorEvent>;
    document.body.append(el);
    const event = await errored;
    expect(event.detail.operation).to.equal('report');
    expect((event.detail.error as AnalyticsError).code).to.equal('rest_server_error');
    await el.updateComplete;
    const screen = sectionScreen(el);
    // Said in plain words with its status, as every failed HTTP load is; the server's own text stays out of it.
    expect(screen.alert()!.textContent).to.contain('The server could not answer (HTTP 500).');
    await expect(el).to.be.accessible();
    screen.retry()!.click();
    await loadedSection(el);
    expect(queries).to.have.length(2);
    expectFigures(el, await source.report({ range: range('30d') }));
    expect(screen.alert()).to.equal(null);
    el.remove();
  });

  it('alone, loads as the dashboard does: one request for its reports, and after a failed one the error, jt-error and a Retry that loads', async () => {
    const { source: batching, batches, singles } = batchingSource(lateSource, undefined, 1);
    const errors: JtErrorEvent[] = [];
    const el = await fixture<JtEngagement>(
      html`<jt-engagement compare verify .dataSource=${batching} @jt-error=${(e: JtErrorEvent) => errors.push(e)}></jt-engagement>`,
    );
    const screen = sectionScreen(el);
    await waitUntil(() => screen.alert(), 'no error shown');
    expect(screen.alert()!.textContent).to.contain('The server could not answer (HTTP 500).');
    expect(errors.map((e) => e.detail.operation)).to.deep.equal(['report']);
    const thirtyDays = range('30d');
    const asked = [
      { range: thirtyDays, path: 'direct' },
      { range: previousRange(thirtyDays), path: 'direct', topN: 0 },
      { range: thirtyDays, path: 'aggregate' },
    ];
    expect(batches).to.deep.equal([asked]);

    screen.retry()!.click();
    await loadedSection(el);
    expect(batches).to.deep.equal([asked, asked]);
    expect(singles, 'nothing asked one by one').to.deep.equal([]);
    expect(screen.alert()).to.equal(null);
    expectFigures(el, await lateSource.report({ range: thirtyDays }));
    expect(screen.metric(en.upvotes)!.verify).to.contain(en.aggregatedValue);
    expect(screen.text('previous-period')).to.equal(`Previous period: ${f.range(previousRange(thirtyDays))}`);
  });

  it('says plainly when the user has no access', async () => {
    const { source: forbidden } = flakySource(source, new AnalyticsError('rest_forbidden', 'Sorry, you are not allowed to do that.', { status: 403 }));
    const el = await fixture<JtEngagement>(html`<jt-engagement .dataSource=${forbidden}></jt-engagement>`);
    await waitUntil(() => sectionScreen(el).alert());
    expect(sectionScreen(el).alert()!.textContent).to.contain(en.forbidden);
  });

  it('shows a friendly empty state for a range with nothing in it', async () => {
    const el = await fixture<JtEngagement>(html`<jt-engagement .dataSource=${source} range="2020-01-01..2020-01-31"></jt-engagement>`);
    await waitUntil(() => sectionScreen(el).text('empty'));
    expect(sectionScreen(el).text('empty')).to.equal(en.empty);
    await expect(el).to.be.accessible();
  });

  it('says why a bad range is refused, without a Retry', async () => {
    const el = await fixture<JtEngagement>(html`<jt-engagement .dataSource=${source} range="yesterday"></jt-engagement>`);
    expect(sectionScreen(el).alert()!.textContent).to.contain('Unknown date range');
    expect(sectionScreen(el).retry()).to.equal(null);
  });

  it('says when no data source is connected', async () => {
    const el = await fixture<JtEngagement>(html`<jt-engagement></jt-engagement>`);
    expect(sectionScreen(el).text('status')).to.equal(en.noDataSource);
  });

  describe('definitions and the previous period', () => {
    /** Each card's label, its definition, what it reads, how it is shown, and the count a change rests on (else the value). */
    const COMPARED: [string, string, (r: AnalyticsReport) => number | null, (v: number) => string, ((r: AnalyticsReport) => number)?][] = [
      [en.avgRepliesPerPost, en.avgRepliesPerPostHelp, (r) => r.engagement.avgRepliesPerPost, (v) => f.number(v), (r) => r.overview.totalPosts],
      [en.newMembers, en.newMembersHelp, (r) => r.engagement.newMembers, (v) => f.count(v)],
      [en.upvotes, en.upvotesHelp, (r) => r.engagement.upvotes, (v) => f.count(v)],
      [en.downvotes, en.downvotesHelp, (r) => r.engagement.downvotes, (v) => f.count(v)],
      [en.acceptedAnswers, en.acceptedAnswersHelp, (r) => r.engagement.acceptedAnswers, (v) => f.count(v)],
      [en.resolutionRateLabel, en.resolutionRateHelp, (r) => r.engagement.acceptedAnswerRate, (v) => f.ratio(v), (r) => r.engagement.questionsAsked],
    ];
    const OCTOBER = { start: '2026-10-01', end: '2026-10-31' };

    function expectChanges(el: JtEngagement, report: AnalyticsReport, previous: AnalyticsReport): number {
      const screen = sectionScreen(el);
      let percentages = 0;
      for (const [label, , read, format, base] of COMPARED) {
        const want = shownChange(read(report), read(previous), format, base?.(previous));
        expect(screen.metric(label)!.change, label).to.equal(want);
        if (want.includes('%')) percentages++;
      }
      return percentages;
    }

    it('every card has its definition behind its info button', async () => {
      const el = await fixture<JtEngagement>(html`<jt-engagement verify .dataSource=${source}></jt-engagement>`);
      const screen = await loadedSection(el);
      await waitUntil(() => screen.labels().length === 8);
      await screen.settled();
      const definitions = [
        ...COMPARED.map(([label, help]) => [label, help]),
        [en.questionsResolvedLabel, en.questionsResolvedHelp],
        [en.questionsAskedLabel, en.questionsAskedHelp],
      ];
      for (const [label, help] of definitions) expect(await screen.help(label!), label).to.equal(help);
    });

    it('with compare, loads the previous period too and shows each card’s change against it and its dates', async () => {
      const el = await fixture<JtEngagement>(html`<jt-engagement compare .dataSource=${source} range="2026-10-01..2026-10-31"></jt-engagement>`);
      const screen = await loadedSection(el);
      expect(screen.text('previous-period')).to.equal('Previous period: Aug 31 – Sep 30, 2026');
      const report = await source.report({ range: OCTOBER });
      const previous = await source.report({ range: report.previousRange, path: 'direct', topN: 0 });
      expect(previous.range).to.deep.equal({ start: '2026-08-31', end: '2026-09-30' });
      expect(expectChanges(el, report, previous), 'the fixture has enough before for percentages').to.be.greaterThan(2);
      // Each card names the dates too.
      expect(screen.metricElement(en.upvotes)!.shadowRoot!.querySelector('[part~="change"]')!.getAttribute('title')).to.equal(
        'Previous period: Aug 31 – Sep 30, 2026',
      );
      await expect(el).to.be.accessible();
    });

    it('with compare, asks for the range and its previous period once each, and aborts both when superseded', async () => {
      const { source: slow, calls } = controlledSource(source);
      const el = await fixture<JtEngagement>(html`<jt-engagement compare .dataSource=${slow} range="2026-10-01..2026-10-31"></jt-engagement>`);
      expect(calls.map((c) => [c.query.range.start, c.query.range.end, c.query.topN])).to.deep.equal([
        ['2026-10-01', '2026-10-31', undefined],
        ['2026-08-31', '2026-09-30', 0],
      ]);
      el.range = '2026-09-01..2026-09-30';
      await el.updateComplete;
      expect(calls.slice(0, 2).map((c) => c.query.signal!.aborted)).to.deep.equal([true, true]);
      await Promise.all(calls.slice(2).map((c) => c.settle()));
      const screen = await loadedSection(el);
      expect(screen.text('previous-period')).to.equal('Previous period: Aug 2 – 31, 2026');
    });

    it('given the previous period’s report by a dashboard, shows the changes and loads nothing itself', async () => {
      const report = await source.report({ range: OCTOBER });
      const previous = await source.report({ range: report.previousRange, path: 'direct', topN: 0 });
      let calls = 0;
      const counting = { ...flakySource(source, undefined, 0).source, report: () => (calls++, source.report({ range: range('7d') })) };
      const el = await fixture<JtEngagement>(html`<jt-engagement .dataSource=${counting} .report=${report}></jt-engagement>`);
      const screen = await loadedSection(el);
      // Without it, no change and no dates.
      expect(screen.metric(en.upvotes)!.change).to.equal(undefined);
      expect(screen.text('previous-period')).to.equal(undefined);
      el.previousReport = previous;
      await screen.settled();
      expect(screen.text('previous-period')).to.equal('Previous period: Aug 31 – Sep 30, 2026');
      expectChanges(el, report, previous);
      // A previous report of another period than the one the report names is not compared with.
      el.previousReport = await source.report({ range: { start: '2026-07-01', end: '2026-07-31' }, path: 'direct', topN: 0 });
      await screen.settled();
      expect(screen.metric(en.upvotes)!.change).to.equal(undefined);
      expect(calls).to.equal(0);
    });
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme, plain and verifying`, async () => {
      const el = await fixture<JtEngagement>(html`<jt-engagement theme=${theme} .dataSource=${lateSource}></jt-engagement>`);
      await loadedSection(el);
      await expect(el).to.be.accessible();
      el.verify = true;
      await waitUntil(() => sectionScreen(el).labels().length === 8 && sectionScreen(el).body()?.getAttribute('aria-busy') === 'false');
      await sectionScreen(el).settled();
      await expect(el).to.be.accessible();
    });
  }
});
