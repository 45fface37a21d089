import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { driftPct } from '../../engine/diff.js';
import type { JtErrorEvent } from '../../events/error-event.js';
import { Formatter } from '../../internal/format.js';
import { en } from '../../internal/i18n.js';
import { FIXTURE_NOW, fixtureSource } from '../../internal/test-fixtures.js';
import { parseRange } from '../../model/range.js';
import type { AnalyticsReport, DateRange, Moderation } from '../../model/report.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import { controlledSource, flakySource, loadedSection, sectionScreen, shownChange, shownFigure } from '../metric/report-section.harness.js';
import { JtModeration } from './moderation.js';

const f = new Formatter('en-US');
const DAY = 86_400_000;

const CARDS: [string, (m: Moderation) => number | null, (v: number) => string][] = [
  [en.flagsRaised, (m) => m.flagsRaised, (v) => f.count(v)],
  [en.flagsOpen, (m) => m.flagsOpen, (v) => f.count(v)],
  [en.autoModTriggers, (m) => m.autoModTriggers, (v) => f.count(v)],
  [en.median, (m) => m.medianResponseMinutes, (v) => f.duration(v)],
  [en.p90, (m) => m.p90ResponseMinutes, (v) => f.duration(v)],
];

const range = (r: string): DateRange => parseRange(r, { timeZone: 'UTC', now: FIXTURE_NOW });

let source: MemoryDataSource;
let lateSource: MemoryDataSource;
let noAutoMod: MemoryDataSource;


function expectFigures(el: JtModeration, report: AnalyticsReport): void {
  const screen = sectionScreen(el);
  for (const [label, read, format] of CARDS) {
    expect(screen.metric(label)?.value, label).to.equal(shownFigure(read(report.moderation), format));
  }
}

/** A report with the given moderation figures (the rest of the range is busy, so it is not "empty"). */
function withModeration(base: AnalyticsReport, moderation: Partial<Moderation>): AnalyticsReport {
  return { ...base, moderation: { ...base.moderation, ...moderation } };
}

describe('<jt-moderation>', () => {
  before(async () => {
    source = await fixtureSource();
    lateSource = await fixtureSource({ aggregatorSince: FIXTURE_NOW - 20 * DAY });
    noAutoMod = await fixtureSource({ autoModeration: false });
  });

  it('is registered once under its tag', async () => {
    expect(customElements.get('jt-moderation')).to.equal(JtModeration);
    await import('./moderation.js');
    expect(customElements.get('jt-moderation')).to.equal(JtModeration);
  });

  it('loads alone and shows exactly what the data source reports, durations humanised', async () => {
    const el = await fixture<JtModeration>(html`<jt-moderation .dataSource=${source} range="90d"></jt-moderation>`);
    const screen = await loadedSection(el);
    const report = await source.report({ range: range('90d') });
    expect(report.moderation.flagsRaised, 'the fixture has flags').to.be.greaterThan(0);
    expect(report.moderation.medianResponseMinutes, 'and resolved ones').to.not.equal(null);
    expectFigures(el, report);
    expect(screen.heading().localName).to.equal('h2');
    expect(screen.heading().textContent!.trim()).to.equal(en.moderationTitle);
    expect(el.shadowRoot!.querySelector('[part~="group-heading"]')!.textContent!.trim()).to.equal(en.responseTime);
    expect(screen.metric(en.median)!.value).to.match(/\d+\s?(m|h|d)/);
  });

  it('says "Advanced Moderation is not enabled" when the source has no automod data', async () => {
    const el = await fixture<JtModeration>(html`<jt-moderation .dataSource=${noAutoMod} range="90d"></jt-moderation>`);
    const screen = await loadedSection(el);
    expect((await noAutoMod.report({ range: range('90d') })).moderation.autoModTriggers).to.equal(null);
    expect(screen.metric(en.autoModTriggers)).to.equal(undefined);
    expect(screen.text('automod-off')).to.equal(`${en.autoModTriggers} ${en.autoModOff}`);
    expect(screen.metric(en.flagsRaised)).to.exist;
    await expect(el).to.be.accessible();
  });

  it('says "No resolved flags in this range" when no flag was resolved', async () => {
    const base = await source.report({ range: range('30d') });
    const report = withModeration(base, { flagsRaised: 3, flagsOpen: 3, medianResponseMinutes: null, p90ResponseMinutes: null });
    const el = await fixture<JtModeration>(html`<jt-moderation .report=${report}></jt-moderation>`);
    const screen = await loadedSection(el);
    expect(screen.text('no-responses')).to.equal(en.noResponses);
    expect(screen.metric(en.median)).to.equal(undefined);
    expect(screen.metric(en.flagsOpen)!.value).to.equal('3');
    await expect(el).to.be.accessible();
  });

  it('in verify mode shows every number on both paths with the drift', async () => {
    const el = await fixture<JtModeration>(html`<jt-moderation verify .dataSource=${lateSource} range="90d"></jt-moderation>`);
    const screen = await loadedSection(el);
    const direct = await lateSource.report({ range: range('90d'), path: 'direct' });
    const aggregate = await lateSource.report({ range: range('90d'), path: 'aggregate' });
    expectFigures(el, direct);
    let disagreements = 0;
    for (const [label, read, format] of CARDS) {
      const d = read(direct.moderation);
      const a = read(aggregate.moderation);
      const drift = driftPct(d, a);
      const card = screen.metric(label)!;
      expect(card.verify, label).to.contain(`${en.directValue} ${shownFigure(d, format)}`).and.contain(`${en.aggregatedValue} ${shownFigure(a, format)}`);
      expect(card.drift, label).to.equal(drift === null ? en.notAvailable : f.percentChange(drift));
      expect(card.nonzero, label).to.equal(drift !== 0);
      if (drift !== 0) disagreements++;
    }
    expect(disagreements, 'an aggregator attached late shows drift somewhere').to.be.greaterThan(0);
  });

  it('draws a report given by a dashboard, verifying with its aggregate report', async () => {
    const report = await source.report({ range: range('30d') });
    const aggregate = withModeration(report, { flagsRaised: report.moderation.flagsRaised + 1 });
    const el = await fixture<JtModeration>(html`<jt-moderation verify .report=${report} .aggregateReport=${aggregate}></jt-moderation>`);
    const screen = await loadedSection(el);
    const raised = screen.metric(en.flagsRaised)!;
    expect(raised.verify).to.contain(`${en.aggregatedValue} ${f.count(report.moderation.flagsRaised + 1)}`);
    expect(raised.drift).to.equal(f.percentChange(driftPct(report.moderation.flagsRaised, report.moderation.flagsRaised + 1)!));
    expect(raised.nonzero).to.equal(true);
    expect(screen.metric(en.flagsOpen)!.nonzero).to.equal(false);
  });

  it('skeleton first, then numbers; a new range keeps the old numbers busy', async () => {
    const { source: slow, calls } = controlledSource(source);
    const el = await fixture<JtModeration>(html`<jt-moderation .dataSource=${slow} range="90d"></jt-moderation>`);
    const screen = sectionScreen(el);
    expect(screen.skeletons()).to.be.greaterThan(0);
    await calls[0]!.settle();
    await loadedSection(el);
    const first = await source.report({ range: range('90d') });
    expectFigures(el, first);
    el.range = '30d';
    await el.updateComplete;
    await screen.settled();
    expect(screen.body()!.getAttribute('aria-busy')).to.equal('true');
    expectFigures(el, first);
    await calls[1]!.settle();
    await waitUntil(() => screen.body()!.getAttribute('aria-busy') === 'false');
    await screen.settled();
    expectFigures(el, await source.report({ range: range('30d') }));
  });

  it('never paints a superseded range', async () => {
    const { source: slow, calls } = controlledSource(source);
    const el = await fixture<JtModeration>(html`<jt-moderation .dataSource=${slow} range="2026-08-01..2026-09-30"></jt-moderation>`);
    el.range = '2026-10-01..2026-10-07';
    await el.updateComplete;
    el.range = '2026-08-01..2026-11-24';
    await el.updateComplete;
    expect(calls.map((c) => c.query.signal!.aborted)).to.deep.equal([true, true, false]);
    await calls[2]!.settle();
    await calls[1]!.settle();
    await calls[0]!.settle();
    await loadedSection(el);
    await new Promise((r) => setTimeout(r, 20));
    await sectionScreen(el).settled();
    const last = await source.report({ range: { start: '2026-08-01', end: '2026-11-24' } });
    const older = await source.report({ range: { start: '2026-08-01', end: '2026-09-30' } });
    expect(last.moderation.flagsRaised).to.not.equal(older.moderation.flagsRaised);
    expectFigures(el, last);
  });

  it('shows the error with a Retry that loads again, and fires jt-error', async () => {
    const { source: flaky, queries } = flakySource(source);
    const el = document.createElement('jt-moderation');
    el.dataSource = flaky;
    el.range = '90d';
    const errored = oneEvent(el, 'jt-error') as Promise<JtErrorEvent>;
    document.body.append(el);
    expect((await errored).detail.operation).to.equal('report');
    await el.updateComplete;
    const screen = sectionScreen(el);
    // Said in plain words with its status, as every failed HTTP load is; the server's own text stays out of it.
    expect(screen.alert()!.textContent).to.contain('The server could not answer (HTTP 500).');
    await expect(el).to.be.accessible();
    screen.retry()!.click();
    await loadedSection(el);
    expect(queries).to.have.length(2);
    expectFigures(el, await source.report({ range: range('90d') }));
    el.remove();
  });

  it('shows a friendly empty state for a range with nothing in it', async () => {
    const el = await fixture<JtModeration>(html`<jt-moderation .dataSource=${source} range="2020-01-01..2020-01-31"></jt-moderation>`);
    await waitUntil(() => sectionScreen(el).text('empty'));
    expect(sectionScreen(el).text('empty')).to.equal(en.empty);
  });

  describe('definitions and the previous period', () => {
    const resolvedFlags = (r: AnalyticsReport) => r.moderation.flagsRaised - r.moderation.flagsOpen;
    /** Each card's label, its definition, what it reads, how it is shown, and the count a change rests on (else the value). */
    const COMPARED: [string, string, (r: AnalyticsReport) => number | null, (v: number) => string, ((r: AnalyticsReport) => number)?][] = [
      [en.flagsRaised, en.flagsRaisedHelp, (r) => r.moderation.flagsRaised, (v) => f.count(v)],
      [en.flagsOpen, en.flagsOpenHelp, (r) => r.moderation.flagsOpen, (v) => f.count(v)],
      [en.autoModTriggers, en.autoModTriggersHelp, (r) => r.moderation.autoModTriggers, (v) => f.count(v)],
      [en.median, en.medianHelp, (r) => r.moderation.medianResponseMinutes, (v) => f.duration(v), resolvedFlags],
      [en.p90, en.p90Help, (r) => r.moderation.p90ResponseMinutes, (v) => f.duration(v), resolvedFlags],
    ];
    // 51 days: the previous period is the 51 days before, Aug 11 – Sep 30.
    const RANGE = { start: '2026-10-01', end: '2026-11-20' };

    it('every card has its definition behind its info button', async () => {
      const el = await fixture<JtModeration>(html`<jt-moderation .dataSource=${source} range="90d"></jt-moderation>`);
      const screen = await loadedSection(el);
      for (const [label, help] of COMPARED) expect(await screen.help(label), label).to.equal(help);
    });

    it('with compare, loads the previous period too and shows each card’s change against it and its dates', async () => {
      const el = await fixture<JtModeration>(html`<jt-moderation compare .dataSource=${source} range="2026-10-01..2026-11-20"></jt-moderation>`);
      const screen = await loadedSection(el);
      expect(screen.text('previous-period')).to.equal('Previous period: Aug 11 – Sep 30, 2026');
      const report = await source.report({ range: RANGE });
      const previous = await source.report({ range: report.previousRange, path: 'direct', topN: 0 });
      expect(previous.range).to.deep.equal({ start: '2026-08-11', end: '2026-09-30' });
      let percentages = 0;
      for (const [label, , read, format, base] of COMPARED) {
        const want = shownChange(read(report), read(previous), format, base?.(previous));
        expect(screen.metric(label)!.change, label).to.equal(want);
        if (want.includes('%')) percentages++;
      }
      expect(percentages, 'the fixture has enough before for percentages').to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });

    it('given the previous period’s report by a dashboard, shows the changes and loads nothing itself', async () => {
      const report = await source.report({ range: RANGE });
      const previous = await source.report({ range: report.previousRange, path: 'direct', topN: 0 });
      let calls = 0;
      const counting = { ...flakySource(source, undefined, 0).source, report: () => (calls++, source.report({ range: range('7d') })) };
      const el = await fixture<JtModeration>(html`<jt-moderation .dataSource=${counting} .report=${report} .previousReport=${previous}></jt-moderation>`);
      const screen = await loadedSection(el);
      expect(screen.text('previous-period')).to.equal('Previous period: Aug 11 – Sep 30, 2026');
      const raised = shownChange(report.moderation.flagsRaised, previous.moderation.flagsRaised, (v) => f.count(v));
      expect(screen.metric(en.flagsRaised)!.change).to.equal(raised);
      expect(calls).to.equal(0);
    });
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme: skeleton, figures, verifying, automod off`, async () => {
      const { source: slow, calls } = controlledSource(lateSource);
      const el = await fixture<JtModeration>(html`<jt-moderation theme=${theme} .dataSource=${slow} range="90d"></jt-moderation>`);
      await expect(el).to.be.accessible();
      await calls[0]!.settle();
      await loadedSection(el);
      await expect(el).to.be.accessible();
      el.verify = true;
      await el.updateComplete;
      await Promise.all(calls.slice(1).map((c) => c.settle()));
      await waitUntil(() => sectionScreen(el).body()?.getAttribute('aria-busy') === 'false');
      await sectionScreen(el).settled();
      expect(sectionScreen(el).metric(en.flagsRaised)!.verify).to.exist;
      await expect(el).to.be.accessible();
      el.dataSource = noAutoMod;
      await el.updateComplete;
      await waitUntil(() => sectionScreen(el).text('automod-off'));
      await expect(el).to.be.accessible();
    });
  }
});
