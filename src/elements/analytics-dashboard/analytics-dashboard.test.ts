import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { setViewport } from '@web/test-runner-commands';
import { driftPct } from '../../engine/diff.js';
import type { JtErrorEvent } from '../../events/error-event.js';
import type { JtRangeChangeEvent } from '../../events/range-change-event.js';
import type { JtReportErrorEvent } from '../../events/report-error-event.js';
import type { JtReportLoadEvent } from '../../events/report-load-event.js';
import type { JtVerifyChangeEvent } from '../../events/verify-change-event.js';
import { Formatter } from '../../internal/format.js';
import { messagesFor } from '../../internal/i18n.js';
import { FIXTURE_NOW, fixtureSource } from '../../internal/test-fixtures.js';
import { captureDownloads, csvText } from '../../internal/ranked-table/ranked-table.harness.js';
import { AnalyticsError } from '../../model/errors.js';
import { parseRange } from '../../model/range.js';
import type { AnalyticsReport, DateRange, ReportQuery, RowsQuery, TableId } from '../../model/report.js';
import type { AnalyticsDataSource } from '../../sources/data-source.js';
import { withCache } from '../../sources/cache.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import { MIN_COMPARISON_BASE } from '../metric/metric.js';
import { formatChange } from '../metric/signed-percent.js';
import { JtAnalyticsDashboard } from './analytics-dashboard.js';
import { cardText, dashboardHarness, deepQueryAll, nestedUpdates, readable, settled } from './analytics-dashboard.harness.js';
import { readHashState, writeHashState } from '../../internal/url-hash.js';

const f = new Formatter('en-US');
const m = messagesFor('en-US');
const DAY = 86_400_000;

let source: MemoryDataSource;

before(async () => {
  source = await fixtureSource();
});

// ---- what the source says, to compare the screen with ----------------------------------------

function datesOf(range: string, from: AnalyticsDataSource = source): DateRange {
  return parseRange(range, { timeZone: from.timeZone ?? 'UTC', now: from.now?.() ?? Date.now() });
}

interface Expected {
  range: DateRange;
  direct: AnalyticsReport;
  previous: AnalyticsReport;
  aggregate: AnalyticsReport | undefined;
}

async function expected(range: string, from: AnalyticsDataSource = source, verify = false): Promise<Expected> {
  const dates = datesOf(range, from);
  const direct = await from.report({ range: dates, path: 'direct', topN: 10 });
  const previous = await from.report({ range: direct.previousRange, path: 'direct', topN: 0 });
  const aggregate = verify ? await from.report({ range: dates, path: 'aggregate', topN: 10 }) : undefined;
  return { range: dates, direct, previous, aggregate };
}

const orNa = (value: number | null, format: (n: number) => string) => (value === null ? m.notAvailable : format(value));
const count = (n: number) => f.count(n);

/** What a card says of its change: the percentage, or both counts when the previous period had too few for one. */
function changeText(value: number, previous: number): string {
  return previous < MIN_COMPARISON_BASE
    ? m.comparedCounts(count(previous), count(value))
    : formatChange('en-US', ((value - previous) / Math.abs(previous)) * 100);
}

/** Asserts every number of the headline, Engagement and Moderation equals the source's report, and every part got the range. */
function expectScreenToMatch(el: JtAnalyticsDashboard, want: Expected): void {
  const view = dashboardHarness(el);
  const { overview } = want.direct;
  const headline = view.headline();
  expect([...headline.keys()]).to.deep.equal([m.totalPosts, m.totalReplies, m.activeMembers, m.growthRate]);
  expect(headline.get(m.totalPosts)!.value).to.equal(count(overview.totalPosts));
  expect(headline.get(m.totalReplies)!.value).to.equal(count(overview.totalReplies));
  expect(headline.get(m.activeMembers)!.value).to.equal(count(overview.activeMembers));
  expect(headline.get(m.growthRate)!.value).to.equal(orNa(overview.growthRate, (n) => formatChange('en-US', n)));
  const before = want.previous.overview;
  expect(headline.get(m.totalPosts)!.change).to.contain(changeText(overview.totalPosts, before.totalPosts));
  expect(headline.get(m.totalReplies)!.change).to.contain(changeText(overview.totalReplies, before.totalReplies));
  expect(headline.get(m.activeMembers)!.change).to.contain(changeText(overview.activeMembers, before.activeMembers));
  expect(headline.get(m.growthRate)!.change, 'Growth Rate is a change already').to.equal('');

  const e = want.direct.engagement;
  const engagement = view.engagement();
  expect(engagement.get(m.avgRepliesPerPost)!.value).to.equal(orNa(e.avgRepliesPerPost, (n) => f.number(n)));
  expect(engagement.get(m.newMembers)!.value).to.equal(count(e.newMembers));
  expect(engagement.get(m.upvotes)!.value).to.equal(count(e.upvotes));
  expect(engagement.get(m.downvotes)!.value).to.equal(count(e.downvotes));
  expect(engagement.get(m.acceptedAnswers)!.value).to.equal(count(e.acceptedAnswers));
  expect(engagement.get(m.resolutionRateLabel)!.value).to.equal(orNa(e.acceptedAnswerRate, (n) => f.ratio(n)));

  const mod = want.direct.moderation;
  const moderation = view.moderation();
  expect(moderation.get(m.flagsRaised)!.value).to.equal(count(mod.flagsRaised));
  expect(moderation.get(m.flagsOpen)!.value).to.equal(count(mod.flagsOpen));
  expect(moderation.get(m.autoModTriggers)!.value).to.equal(orNa(mod.autoModTriggers, count));
  if (mod.medianResponseMinutes !== null) {
    expect(moderation.get(m.median)!.value).to.equal(f.duration(mod.medianResponseMinutes));
    expect(moderation.get(m.p90)!.value).to.equal(f.duration(mod.p90ResponseMinutes!));
  }

  const range = `${want.range.start}..${want.range.end}`;
  expect(view.chart()!.getAttribute('range')).to.equal(range);
  expect(view.topSpaces()!.getAttribute('range')).to.equal(range);
  expect(view.topContributors()!.getAttribute('range')).to.equal(range);
  expect(view.part<HTMLElement & { report: AnalyticsReport }>('engagement')!.report.range).to.deep.equal(want.range);
  expect(view.part<HTMLElement & { report: AnalyticsReport }>('moderation')!.report.range).to.deep.equal(want.range);
  // The tables' first page is the report's top rows (same ranking, same page size).
  expect(view.tableRows('top-spaces').map((cells) => cells[1])).to.deep.equal(want.direct.topSpaces.rows.map((row) => row.name));
  expect(view.tableRows('top-contributors').map((cells) => cells[0])).to.deep.equal(want.direct.topContributors.rows.map((row) => count(row.rank)));
}

async function render(attrs: { range?: string; verify?: boolean; from?: AnalyticsDataSource } = {}): Promise<JtAnalyticsDashboard> {
  const el = await fixture<JtAnalyticsDashboard>(
    html`<jt-analytics-dashboard range=${attrs.range ?? '30d'} ?verify=${attrs.verify ?? false} .dataSource=${attrs.from ?? source}></jt-analytics-dashboard>`,
  );
  await settled(el);
  return el;
}

// ---- sources a test can delay, fail or watch ---------------------------------------------------

interface Hooks {
  report?: (q: ReportQuery, next: () => Promise<AnalyticsReport>) => Promise<AnalyticsReport>;
  rows?: (table: TableId, q: RowsQuery, next: () => Promise<unknown>) => Promise<unknown>;
}

function wrap(inner: MemoryDataSource, hooks: Hooks): AnalyticsDataSource {
  return {
    timeZone: inner.timeZone,
    now: () => inner.now(),
    report: (q) => (hooks.report ? hooks.report(q, () => inner.report(q)) : inner.report(q)),
    rows: ((table: TableId, q: RowsQuery) => (hooks.rows ? hooks.rows(table, q, () => inner.rows(table, q)) : inner.rows(table, q))) as AnalyticsDataSource['rows'],
    diffReport: (q) => inner.diffReport(q),
  };
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('The operation was aborted.', 'AbortError'));
    });
  });
}

// ---- user actions ------------------------------------------------------------------------------

async function pickPreset(el: JtAnalyticsDashboard, value: string): Promise<void> {
  const picker = dashboardHarness(el).rangePicker();
  const select = picker.shadowRoot!.querySelector('select')!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await picker.updateComplete;
  await el.updateComplete;
}

async function pickCustom(el: JtAnalyticsDashboard, start: string, end: string): Promise<void> {
  const picker = dashboardHarness(el).rangePicker();
  await pickPreset(el, 'custom');
  const root = picker.shadowRoot!;
  for (const [part, value] of [['start-input', start], ['end-input', end]] as const) {
    const input = root.querySelector<HTMLInputElement>(`[part~="${part}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  await picker.updateComplete;
  root.querySelector<HTMLButtonElement>('[part~="apply-button"]')!.click();
  await picker.updateComplete;
  await el.updateComplete;
}

function clickVerify(el: JtAnalyticsDashboard): void {
  dashboardHarness(el).toggle().shadowRoot!.querySelector<HTMLButtonElement>('[part~="switch"]')!.click();
}

// ---- tests -------------------------------------------------------------------------------------

describe('<jt-analytics-dashboard>', () => {
  afterEach(() => {
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('is registered once under its tag, and registering again is harmless', async () => {
    expect(customElements.get('jt-analytics-dashboard')).to.equal(JtAnalyticsDashboard);
    await import('./analytics-dashboard.js');
    expect(customElements.get('jt-analytics-dashboard')).to.equal(JtAnalyticsDashboard);
    expect(document.createElement('jt-analytics-dashboard')).to.be.instanceOf(JtAnalyticsDashboard);
  });

  it('has its documented defaults', () => {
    const el = document.createElement('jt-analytics-dashboard');
    expect([el.range, el.verify, el.pageSize, el.theme, el.syncUrl, el.remember]).to.deep.equal(['30d', false, 10, 'light', false, false]);
  });

  it('shows the numbers of the source: headline with the change, engagement, moderation, chart and tables on the same range', async () => {
    const loaded: AnalyticsReport[] = [];
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard .dataSource=${source} @jt-report-load=${(event: JtReportLoadEvent) => loaded.push(event.detail.report)}></jt-analytics-dashboard>`,
    );
    await settled(el);
    const want = await expected('30d');
    expectScreenToMatch(el, want);
    expect(loaded.at(-1)).to.deep.equal(want.direct);
    const view = dashboardHarness(el);
    expect(readable(view.part('title'))).to.equal(m.dashboardTitle);
    expect(readable(view.part('time-zone'))).to.equal(m.timeZoneNote('UTC'));
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    expect(view.part('recording-note')).to.equal(null);
    // The picker shows the preset and its dates in the source's clock, not the browser's.
    expect(view.rangePicker().range).to.equal('30d');
    expect(readable(view.rangePicker().shadowRoot!.querySelector('[part~="dates"]'))).to.equal(f.range(want.range));
  });

  it('puts the time zone it was given over the source zone, and tells every part', async () => {
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard time-zone="Pacific/Kiritimati" range="7d" .dataSource=${source}></jt-analytics-dashboard>`,
    );
    await settled(el);
    const view = dashboardHarness(el);
    expect(readable(view.part('time-zone'))).to.contain('Pacific/Kiritimati');
    const dates = parseRange('7d', { timeZone: 'Pacific/Kiritimati', now: FIXTURE_NOW });
    expect(view.chart()!.getAttribute('range')).to.equal(`${dates.start}..${dates.end}`);
    for (const part of [view.chart(), view.topSpaces(), view.topContributors(), view.rangePicker()]) {
      expect(part!.getAttribute('time-zone')).to.equal('Pacific/Kiritimati');
    }
  });

  it('updates every section when the user picks a preset, then a custom range', async () => {
    const el = await render();
    const ranges: string[] = [];
    el.addEventListener('jt-range-change', (event: JtRangeChangeEvent) => ranges.push(event.detail.range));

    await pickPreset(el, '7d');
    expect(el.range).to.equal('7d');
    expect(el.getAttribute('range')).to.equal('7d');
    await settled(el);
    expectScreenToMatch(el, await expected('7d'));

    await pickCustom(el, '2026-08-01', '2026-09-15');
    expect(el.range).to.equal('2026-08-01..2026-09-15');
    await settled(el);
    expectScreenToMatch(el, await expected('2026-08-01..2026-09-15'));
    expect(ranges, 'the picker events bubble out of the dashboard').to.deep.equal(['7d', '2026-08-01..2026-09-15']);
  });

  it('follows range changes made by code', async () => {
    const el = await render();
    el.range = '90d';
    await settled(el);
    expectScreenToMatch(el, await expected('90d'));
    expect(dashboardHarness(el).rangePicker().range).to.equal('90d');
  });

  it('never shows an older range when the range changes quickly', async () => {
    const A = '2026-09-01..2026-09-30';
    const B = '2026-10-01..2026-10-15';
    const [a, b, first] = await Promise.all([expected(A), expected(B), expected('30d')]);
    const stale = count(a.direct.overview.totalPosts);
    expect(stale, 'the test needs ranges with different numbers').to.not.equal(count(b.direct.overview.totalPosts));
    expect(stale).to.not.equal(count(first.direct.overview.totalPosts));

    const aborted: AbortSignal[] = [];
    const slowA = wrap(source, {
      report: async (q, next) => {
        if (q.range.start === a.range.start && q.range.end === a.range.end) {
          aborted.push(q.signal!);
          await delay(300, q.signal);
        }
        return next();
      },
      rows: async (_table, q, next) => {
        if (q.range.start === a.range.start) await delay(300, q.signal);
        return next();
      },
    });
    const el = await render({ from: slowA });
    const seen = new Set<string>();
    let watching = true;
    const watch = () => {
      const value = dashboardHarness(el).headline().get(m.totalPosts)?.value;
      if (value) seen.add(value);
      if (watching) requestAnimationFrame(watch);
    };
    watch();

    el.range = A;
    await el.updateComplete;
    el.range = B;
    await settled(el);
    await new Promise((resolve) => setTimeout(resolve, 450)); // past the moment A would have answered
    await nestedUpdates(el);
    watching = false;

    expect(aborted.length).to.be.greaterThan(0);
    expect(aborted.every((signal) => signal.aborted)).to.equal(true);
    expect([...seen]).to.not.include(stale);
    expectScreenToMatch(el, b);
  });

  it('keeps the old numbers dimmed and busy while the next range loads, after skeletons on the first load', async () => {
    let gate: (() => void) | undefined;
    const gated = wrap(source, {
      report: async (_q, next) => {
        if (gate === undefined) await new Promise<void>((resolve) => (gate = resolve));
        return next();
      },
    });
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${gated}></jt-analytics-dashboard>`);
    const view = dashboardHarness(el);
    // First load: skeleton cards and sections, busy.
    expect(view.body().getAttribute('aria-busy')).to.equal('true');
    await nestedUpdates(el);
    const cards = deepQueryAll(el.shadowRoot!, '[part~="headline"] jt-metric');
    expect(cards).to.have.length(4);
    expect(cards.every((card) => card.hasAttribute('loading'))).to.equal(true);
    expect(view.part('engagement')!.hasAttribute('loading')).to.equal(true);
    await expect(el).to.be.accessible();

    await waitUntil(() => gate !== undefined);
    gate!();
    gate = () => undefined; // let later calls through only when the test says so
    await settled(el);
    const shown = view.headline().get(m.totalPosts)!.value;

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    gate = undefined;
    const waiting = wrap(source, { report: async (_q, next) => (await held, next()) });
    el.dataSource = waiting;
    await el.updateComplete;
    await nestedUpdates(el);
    expect(view.body().getAttribute('aria-busy')).to.equal('true');
    expect(view.headline().get(m.totalPosts)!.value, 'old numbers stay').to.equal(shown);
    expect(view.part('headline')!.classList.contains('stale')).to.equal(true);
    expect(getComputedStyle(view.part('headline')!).opacity).to.not.equal('1');
    expect(readable(view.body())).to.contain(m.updating);
    expect(view.part('engagement')!.hasAttribute('loading')).to.equal(true);
    release();
    await settled(el);
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
  });

  it('verify mode shows both paths and the drift on every headline card, the recording note, and tells every part', async () => {
    const since = FIXTURE_NOW - 30 * DAY;
    const drifting = await fixtureSource({ aggregatorSince: since });
    const el = await render({ range: '90d', from: drifting });
    const view = dashboardHarness(el);
    const switched = oneEvent(el, 'jt-verify-change') as Promise<JtVerifyChangeEvent>;
    clickVerify(el);
    expect((await switched).detail.verify).to.equal(true);
    expect(el.verify).to.equal(true);
    expect(el.hasAttribute('verify')).to.equal(true);
    await settled(el);

    const want = await expected('90d', drifting, true);
    const aggregate = want.aggregate!;
    const cards = view.headline();
    const read = {
      [m.totalPosts]: (r: AnalyticsReport) => r.overview.totalPosts,
      [m.totalReplies]: (r: AnalyticsReport) => r.overview.totalReplies,
      [m.activeMembers]: (r: AnalyticsReport) => r.overview.activeMembers,
      [m.growthRate]: (r: AnalyticsReport) => r.overview.growthRate,
    };
    let nonZero = 0;
    for (const [label, pick] of Object.entries(read)) {
      const card = cards.get(label)!;
      const format = label === m.growthRate ? (n: number) => formatChange('en-US', n) : count;
      const direct = pick(want.direct);
      const aggregated = pick(aggregate);
      const drift = driftPct(direct, aggregated);
      expect(card.verify, label).to.contain(`${m.directValue} ${orNa(direct, format)}`);
      expect(card.verify, label).to.contain(`${m.aggregatedValue} ${orNa(aggregated, format)}`);
      expect(card.drift, label).to.equal(drift === null ? m.notAvailable : f.percentChange(drift));
      if (drift !== 0) nonZero++;
    }
    expect(nonZero, 'days before recording started drift').to.be.greaterThan(0);
    expect(deepQueryAll(view.part('headline')!, 'jt-metric').some((card) => card.shadowRoot!.querySelector('[part~="drift-nonzero"]'))).to.equal(true);
    // The note rests on the same facts as the badges: since when the aggregator records, and how many figures drift.
    const diff = await drifting.diffReport({ range: datesOf('90d', drifting) });
    const differing = diff.metrics.filter((metric) => metric.drift_pct !== 0).length;
    expect(readable(view.part('recording-note'))).to.equal(
      `${m.recordedSince(f.instant(since, 'UTC'))} ${m.pathsDiffer(f.count(differing), f.count(diff.metrics.length))}`,
    );

    for (const part of [view.chart(), view.topSpaces(), view.topContributors()]) expect(part!.hasAttribute('verify')).to.equal(true);
    const engagement = view.engagement();
    expect(engagement.get(m.upvotes)!.verify).to.contain(`${m.aggregatedValue} ${count(aggregate.engagement.upvotes)}`);
    expect(view.moderation().get(m.flagsRaised)!.verify).to.contain(`${m.aggregatedValue} ${count(aggregate.moderation.flagsRaised)}`);

    clickVerify(el);
    await settled(el);
    expect(el.verify).to.equal(false);
    expect(view.part('recording-note')).to.equal(null);
    expect(view.headline().get(m.totalPosts)!.verify).to.equal('');
  });

  it('keeps range and verify in the URL hash with sync-url: read on connect, written on change, read on hashchange', async () => {
    history.replaceState(null, '', '#other=1&jt-range=7d&jt-verify=1');
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard sync-url .dataSource=${source}></jt-analytics-dashboard>`);
    expect(el.range).to.equal('7d');
    expect(el.verify).to.equal(true);
    await settled(el);
    expectScreenToMatch(el, await expected('7d'));
    expect(location.hash, 'nothing written before the user changes something').to.equal('#other=1&jt-range=7d&jt-verify=1');

    await pickPreset(el, '90d');
    expect(location.hash).to.equal('#other=1&jt-range=90d&jt-verify=1');
    clickVerify(el);
    await el.updateComplete;
    expect(location.hash).to.equal('#other=1&jt-range=90d');
    await pickCustom(el, '2026-10-01', '2026-10-20');
    expect(location.hash).to.equal('#other=1&jt-range=2026-10-01..2026-10-20');
    await settled(el);
    expectScreenToMatch(el, await expected('2026-10-01..2026-10-20'));

    const changed = oneEvent(window, 'hashchange');
    location.hash = '#jt-range=2026-09-01..2026-09-30&jt-verify=1';
    await changed;
    await el.updateComplete;
    expect(el.range).to.equal('2026-09-01..2026-09-30');
    expect(el.verify).to.equal(true);
    await settled(el);
    expectScreenToMatch(el, await expected('2026-09-01..2026-09-30'));

    // A hand-edited range that cannot be read is ignored, not shown as an error.
    const broken = oneEvent(window, 'hashchange');
    location.hash = '#jt-range=2026-09-30..2026-09-01';
    await broken;
    await el.updateComplete;
    expect(el.range).to.equal('2026-09-01..2026-09-30');
  });

  it('leaves the URL alone without sync-url', async () => {
    history.replaceState(null, '', '#jt-range=7d');
    const el = await render();
    expect(el.range).to.equal('30d');
    await pickPreset(el, '90d');
    expect(location.hash).to.equal('#jt-range=7d');
  });

  it('reads and writes its hash parameters', () => {
    expect(readHashState('')).to.equal(undefined);
    expect(readHashState('#tab=2')).to.equal(undefined);
    expect(readHashState('#jt-range=90d')).to.deep.equal({ range: '90d', verify: false });
    expect(readHashState('#jt-verify=1')).to.deep.equal({ verify: true });
    expect(readHashState('#jt-range=nonsense&jt-verify=1')).to.deep.equal({ verify: true });
    expect(writeHashState('', { range: '30d', verify: true })).to.equal('#jt-range=30d&jt-verify=1');
    expect(writeHashState('#a=b&jt-verify=1', { range: '2026-01-01..2026-01-31', verify: false })).to.equal('#a=b&jt-range=2026-01-01..2026-01-31');
  });

  it('paints the cached report at once, marked as updating, then the fresh one', async () => {
    const name = `jt-dashboard-cache-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    try {
      // Yesterday's visit: another community's numbers went into the cache of this site.
      const earlier = await fixtureSource({ seed: 12 });
      const first = withCache(earlier, { name, sourceId: 'site' });
      const before = await render({ from: first, verify: true });
      await first.close();
      const old = await expected('30d', earlier, true);
      const fresh = await expected('30d', source, true);
      expect(old.direct.overview.totalPosts, 'the two visits differ').to.not.equal(fresh.direct.overview.totalPosts);
      before.remove();

      // Today: the page opens again, the network is slow.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const slow = withCache(
        wrap(source, { report: async (_q, next) => (await held, next()) }),
        { name, sourceId: 'site' },
      );
      const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard verify .dataSource=${slow}></jt-analytics-dashboard>`);
      const view = dashboardHarness(el);
      await waitUntil(() => view.headline().get(m.totalPosts)?.value === count(old.direct.overview.totalPosts), 'the cached report was not painted');
      expect(view.body().getAttribute('aria-busy'), 'marked as updating').to.equal('true');
      expect(readable(view.body())).to.contain(m.updating);
      expect(view.headline().get(m.totalReplies)!.value).to.equal(count(old.direct.overview.totalReplies));
      expect(view.headline().get(m.totalPosts)!.change).to.contain(changeText(old.direct.overview.totalPosts, old.previous.overview.totalPosts));
      expect(view.engagement().get(m.upvotes)!.value).to.equal(count(old.direct.engagement.upvotes));

      release();
      await settled(el);
      expect(view.body().getAttribute('aria-busy')).to.equal('false');
      expectScreenToMatch(el, fresh);
      await slow.close();
    } finally {
      await deleteDB(name);
    }
  });

  it('loads as before when the cache has nothing or is off', async () => {
    const off = withCache(source, { indexedDB: undefined });
    const el = await render({ from: off });
    expectScreenToMatch(el, await expected('30d'));
    expect(off.disabled).to.be.a('string');
  });

  describe('remember', () => {
    const key = `jt-analytics:${location.pathname}`;
    beforeEach(() => localStorage.removeItem(key));
    afterEach(() => localStorage.removeItem(key));
    const stored = () => JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;

    it('restores the page’s last range and switch on connect, and keeps every change', async () => {
      localStorage.setItem(key, JSON.stringify({ range: '7d', verify: true }));
      const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard remember .dataSource=${source}></jt-analytics-dashboard>`);
      expect([el.range, el.verify]).to.deep.equal(['7d', true]);
      await settled(el);
      expectScreenToMatch(el, await expected('7d', source, true));
      expect(stored(), 'nothing written before the user changes something').to.deep.equal({ range: '7d', verify: true });

      await pickPreset(el, '90d');
      expect(stored()).to.deep.equal({ range: '90d', verify: true });
      clickVerify(el);
      await el.updateComplete;
      expect(stored()).to.deep.equal({ range: '90d', verify: false });
      el.range = '2026-10-01..2026-10-20';
      await el.updateComplete;
      expect(stored()).to.deep.equal({ range: '2026-10-01..2026-10-20', verify: false });
      el.remove();

      const again = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard remember .dataSource=${source}></jt-analytics-dashboard>`);
      expect([again.range, again.verify]).to.deep.equal(['2026-10-01..2026-10-20', false]);
      await settled(again);
    });

    it('lets a range or verify attribute win over what was remembered', async () => {
      localStorage.setItem(key, JSON.stringify({ range: '7d', verify: true }));
      const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard remember range="90d" .dataSource=${source}></jt-analytics-dashboard>`);
      expect([el.range, el.verify]).to.deep.equal(['90d', true]);
      localStorage.setItem(key, JSON.stringify({ range: '7d', verify: false }));
      const both = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard remember range="90d" verify .dataSource=${source}></jt-analytics-dashboard>`);
      expect([both.range, both.verify]).to.deep.equal(['90d', true]);
      await settled(el);
      await settled(both);
    });

    it('neither reads nor writes without remember', async () => {
      localStorage.setItem(key, JSON.stringify({ range: '7d', verify: true }));
      const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
      await settled(el);
      expect([el.range, el.verify]).to.deep.equal(['30d', false]);
      await pickPreset(el, '90d');
      expect(stored()).to.deep.equal({ range: '7d', verify: true });
    });

    it('ignores what it cannot read, and storage that refuses', async () => {
      localStorage.setItem(key, '{not json');
      const broken = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard remember .dataSource=${source}></jt-analytics-dashboard>`);
      expect(broken.range).to.equal('30d');
      localStorage.setItem(key, JSON.stringify({ range: '2026-09-30..2026-09-01', verify: 'yes' }));
      const edited = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard remember .dataSource=${source}></jt-analytics-dashboard>`);
      expect([edited.range, edited.verify]).to.deep.equal(['30d', false]);
      await settled(broken);
      await settled(edited);

      const { getItem, setItem } = Storage.prototype;
      const refuse = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      Storage.prototype.getItem = refuse;
      Storage.prototype.setItem = refuse;
      try {
        const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard remember .dataSource=${source}></jt-analytics-dashboard>`);
        expect(el.range).to.equal('30d');
        await pickPreset(el, '7d');
        clickVerify(el);
        await el.updateComplete;
        expect([el.range, el.verify]).to.deep.equal(['7d', true]);
        await settled(el);
        expectScreenToMatch(el, await expected('7d', source, true));
      } finally {
        Storage.prototype.getItem = getItem;
        Storage.prototype.setItem = setItem;
      }
    });
  });

  it('shows the error with Retry, says so in jt-error and jt-report-error, and loads on Retry', async () => {
    let fail = true;
    const failing = wrap(source, {
      report: async (_q, next) => {
        if (fail) throw new AnalyticsError('rest_forbidden', 'Sorry, you are not allowed to do that.', { status: 403 });
        return next();
      },
    });
    const errors: JtErrorEvent[] = [];
    const reportErrors: JtReportErrorEvent[] = [];
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard
        .dataSource=${failing}
        @jt-error=${(event: JtErrorEvent) => errors.push(event)}
        @jt-report-error=${(event: JtReportErrorEvent) => reportErrors.push(event)}
      ></jt-analytics-dashboard>`,
    );
    await settled(el);
    const view = dashboardHarness(el);
    expect(readable(view.part('error'))).to.contain(m.forbidden);
    expect(view.part('error')!.getAttribute('role')).to.equal('alert');
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    expect(errors.filter((event) => event.detail.operation === 'report')).to.have.length(1);
    expect(reportErrors).to.have.length(1);
    expect((reportErrors[0]!.detail.error as AnalyticsError).code).to.equal('rest_forbidden');
    await expect(el).to.be.accessible();

    fail = false;
    view.retry()!.click();
    await settled(el);
    expect(view.part('error')).to.equal(null);
    expectScreenToMatch(el, await expected('30d'));
  });

  it('shows a plain error without Retry for a range it cannot read', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard range="2026-03-09..2026-03-01" .dataSource=${source}></jt-analytics-dashboard>`);
    await el.updateComplete;
    const view = dashboardHarness(el);
    expect(view.part('error')).to.not.equal(null);
    expect(view.retry()).to.equal(null);
    el.range = '7d';
    await settled(el);
    expect(view.part('error')).to.equal(null);
  });

  it('hands csv-values and csv-delimiter to its tables and chart, whose exports follow them', async () => {
    const el = await render({ range: '30d' });
    el.csvValues = 'raw';
    el.csvDelimiter = ';';
    await settled(el);
    const { spaces, contributors, chart } = await dashboardHarness(el).dataParts();
    expect([spaces.csvValues, spaces.csvDelimiter, contributors.csvValues, contributors.csvDelimiter, chart.csvDelimiter]).to.deep.equal(['raw', ';', 'raw', ';', ';']);
    // The Top Spaces export: ';' between cells, the engagement rate unrounded.
    const downloads = captureDownloads();
    try {
      spaces.shadowRoot!.querySelector<HTMLButtonElement>('[part~="export-button"]')!.click();
      await waitUntil(() => downloads.blobs.length === 1, 'a CSV is downloaded', { timeout: 10_000 });
      const [header, first] = (await csvText(downloads.blobs[0]!)).text.split('\r\n');
      expect(header).to.equal('Rank;Space;Posts;Replies;Contributors;Engagement rate');
      const cells = first!.split(';');
      expect(Number(cells[5])).to.equal(Number(cells[3]) / Number(cells[2]));
    } finally {
      downloads.restore();
    }
    // Unset again: the tables and chart go back to their defaults.
    el.csvValues = 'shown';
    el.csvDelimiter = undefined;
    await settled(el);
    await Promise.all([spaces.updateComplete, chart.updateComplete]);
    expect([spaces.csvValues, spaces.csvDelimiter, chart.csvDelimiter]).to.deep.equal(['shown', undefined, undefined]);
  });

  it('refuses a range that ends after today, as its picker does, instead of loading it', async () => {
    // The fixture's clock reads Nov 24, 2026 (UTC): a range into December has no data for most of its days.
    let asked = 0;
    const watched = Object.assign(Object.create(source) as typeof source, {
      report: (q: Parameters<typeof source.report>[0]) => (asked++, source.report(q)),
      reports: (queries: Parameters<typeof source.reports>[0], options: Parameters<typeof source.reports>[1]) => ((asked += queries.length), source.reports(queries, options)),
    });
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard range="2026-11-20..2026-12-10" .dataSource=${watched}></jt-analytics-dashboard>`);
    await el.updateComplete;
    const view = dashboardHarness(el);
    expect(readable(view.part('error'))).to.contain(m.rangeAfterToday(new Formatter(undefined).date('2026-11-24')));
    expect(view.retry()).to.equal(null);
    expect(view.headline().size, 'no figures for a range that was not loaded').to.equal(0);
    expect(asked).to.equal(0);
    // Ending today is fine.
    el.range = '2026-11-20..2026-11-24';
    await settled(el);
    expect(view.part('error')).to.equal(null);
    expect(asked).to.be.greaterThan(0);
  });

  it('shows a friendly empty state for a range without activity', async () => {
    // Before the community existed: a longer range would not help, a more recent one would.
    const el = await render({ range: '2020-01-01..2020-01-31' });
    const view = dashboardHarness(el);
    expect(readable(view.part('empty'))).to.equal(m.emptyPast);
    expect(readable(view.part('empty'))).to.not.contain('longer');
    expect(view.headline().get(m.totalPosts)!.value).to.equal('0');
    expect(view.chart()).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks for a data source until it has one', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard></jt-analytics-dashboard>`);
    const view = dashboardHarness(el);
    expect(view.status()).to.equal(m.noDataSource);
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
    el.dataSource = source;
    await settled(el);
    expectScreenToMatch(el, await expected('30d'));
  });

  it('passes page-size to the tables and to the report', async () => {
    const topNs: (number | undefined)[] = [];
    const watched = wrap(source, { report: (q, next) => (topNs.push(q.topN), next()) });
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard page-size="3" .dataSource=${watched}></jt-analytics-dashboard>`);
    await settled(el);
    const view = dashboardHarness(el);
    expect(view.topSpaces()!.getAttribute('page-size')).to.equal('3');
    expect(view.tableRows('top-contributors')).to.have.length(3);
    expect(topNs).to.include(3);
  });

  it('refresh() loads the reports again, which the chart and the tables draw; a table on a later page loads that page again', async () => {
    let reports = 0;
    let rows = 0;
    const counted = wrap(source, {
      report: (_q, next) => (reports++, next()),
      rows: (_t, _q, next) => (rows++, next()),
    });
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard page-size="3" .dataSource=${counted}></jt-analytics-dashboard>`);
    await settled(el);
    const [r, w] = [reports, rows];
    await el.refresh();
    await settled(el);
    expect(reports).to.be.greaterThan(r);
    expect(rows, 'the chart and the first pages come with the reports').to.equal(w);

    const spaces = dashboardHarness(el).topSpaces()!;
    spaces.shadowRoot!.querySelector<HTMLButtonElement>('[part~="next-button"]')!.click();
    await settled(el);
    const [r2, w2] = [reports, rows];
    expect(w2).to.equal(w + 1);
    await el.refresh();
    await settled(el);
    expect(reports).to.be.greaterThan(r2);
    expect(rows, 'the page on screen of Top Spaces').to.equal(w2 + 1);
  });

  it('speaks the language it is given, or the page’s', async () => {
    const de = new Formatter('de-DE');
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard locale="de-DE" .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    const want = await expected('30d');
    const mDe = messagesFor('de-DE');
    const view = dashboardHarness(el);
    expect(readable(view.part('title'))).to.equal(mDe.dashboardTitle);
    expect(view.headline().get(mDe.totalPosts)!.value).to.equal(de.count(want.direct.overview.totalPosts));
    expect(view.chart()!.getAttribute('locale')).to.equal('de-DE');

    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de-DE"><jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard></div>`);
    const inner = wrapper.querySelector('jt-analytics-dashboard')!;
    await settled(inner);
    expect(readable(dashboardHarness(inner).part('title'))).to.equal(mDe.dashboardTitle);
  });

  it('takes a heading and a theme, and passes the theme to every part', async () => {
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard heading="Forum health" theme="dark" .dataSource=${source}></jt-analytics-dashboard>`,
    );
    await settled(el);
    const view = dashboardHarness(el);
    expect(readable(view.part('title'))).to.equal('Forum health');
    const parts = deepQueryAll(el.shadowRoot!, 'jt-metric, jt-date-range, jt-diff-toggle, jt-activity-chart, jt-top-spaces, jt-top-contributors, jt-engagement, jt-moderation');
    expect(parts.length).to.be.greaterThan(8);
    expect(parts.every((part) => part.getAttribute('theme') === 'dark')).to.equal(true);
  });

  it('shows each headline definition when its info button is pressed', async () => {
    const el = await render();
    const card = deepQueryAll(el.shadowRoot!, '[part~="headline"] jt-metric')[0]!;
    const button = card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="info-button"]')!;
    button.click();
    await (card as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const help = card.shadowRoot!.querySelector<HTMLElement>('[part~="help"]')!;
    expect(help.hidden).to.equal(false);
    expect(readable(help)).to.contain(m.totalPostsHelp);
    expect(cardText(card).label).to.equal(m.totalPosts);
  });

  it('passes axe in the light and the dark theme, with numbers and in verify mode', async () => {
    const el = await render({ verify: true });
    for (const theme of ['light', 'dark'] as const) {
      el.theme = theme;
      await settled(el);
      await expect(el).to.be.accessible();
    }
  });

  it('fits a 320 px wide screen and container without pushing anything past its edge', async () => {
    await setViewport({ width: 320, height: 800 });
    document.body.style.margin = '0';
    try {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 320px; margin: 0"><jt-analytics-dashboard verify .dataSource=${source}></jt-analytics-dashboard></div>`,
      );
      const el = wrapper.querySelector('jt-analytics-dashboard')!;
      await settled(el);
      await pickPreset(el, 'custom'); // the widest state of the picker
      await nestedUpdates(el);
      const edge = el.getBoundingClientRect().right;
      expect(el.getBoundingClientRect().width).to.equal(320);
      expect(document.documentElement.scrollWidth, 'the page does not scroll sideways').to.be.at.most(document.documentElement.clientWidth);
      const overflowing = visibleDescendants(el).filter((node) => node.getBoundingClientRect().right > edge + 0.5);
      expect(overflowing.map(describeNode)).to.deep.equal([]);
    } finally {
      document.body.style.margin = '';
      await setViewport({ width: 800, height: 600 });
    }
  });
});

/** Elements under `el`, through shadow roots, that are not inside a scrolling box and are not visually hidden: clipped content counts, as it is cut off. */
function visibleDescendants(el: Element): Element[] {
  const found: Element[] = [];
  const walk = (root: ParentNode) => {
    for (const child of root.children) {
      const style = getComputedStyle(child);
      if (style.display === 'none' || child.classList.contains('visually-hidden')) continue;
      found.push(child);
      // Inside a scrolling box the reader can scroll to it; an SVG drawing is measured as a whole.
      if (['auto', 'scroll'].includes(style.overflowX) || child.localName === 'svg') continue;
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(el.shadowRoot!);
  return found;
}

function describeNode(node: Element): string {
  const rect = node.getBoundingClientRect();
  return `${node.localName}[part=${node.getAttribute('part') ?? ''}] right ${Math.round(rect.right)}`;
}
