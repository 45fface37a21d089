/**
 * What the dashboard hands down to its parts by context (data source,
 * resolved range, time zone, locale, theme, verify, page size, CSV values
 * and delimiter) instead of setting
 * attributes on each: parts follow its changes, an element alone works with
 * its own attributes, and an element's own attribute beats the dashboard's.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import Papa from 'papaparse';
import { captureDownloads, csvText, harness as tableHarness, settled as tableSettled } from '../../internal/ranked-table/ranked-table.harness.js';
import { FIXTURE_NOW, fixtureSource } from '../../internal/test-fixtures.js';
import { parseRange } from '../../model/range.js';
import type { ReportQuery, RowsQuery, TableId } from '../../model/report.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import type { AnalyticsDataSource } from '../../sources/data-source.js';
import type { JtTopSpaces } from '../top-spaces/top-spaces.js';
import '../top-spaces/top-spaces.js';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';
import './analytics-dashboard.js';
import { dashboardHarness, deepQueryAll, nestedUpdates, readable, settled } from './analytics-dashboard.harness.js';

let source: MemoryDataSource;

before(async () => {
  source = await fixtureSource();
});

const KIRITIMATI = 'Pacific/Kiritimati';

/** The dates a preset stands for in a zone, by the fixture's clock. */
function dates(range: string, timeZone: string): string {
  const { start, end } = parseRange(range, { timeZone, now: FIXTURE_NOW });
  return `${start}..${end}`;
}

/** The source, recording the range of every `report` and `rows` call (in a dashboard, its parts draw the rows of its reports). */
function recorded(inner: AnalyticsDataSource): { source: AnalyticsDataSource; ranges: string[] } {
  const ranges: string[] = [];
  const wrapped = {
    timeZone: inner.timeZone,
    now: () => FIXTURE_NOW,
    report: (q: ReportQuery) => {
      ranges.push(`${q.range.start}..${q.range.end}`);
      return inner.report(q);
    },
    diffReport: (q) => inner.diffReport(q),
    rows: (table: TableId, q: RowsQuery) => {
      ranges.push(`${q.range.start}..${q.range.end}`);
      return inner.rows(table, q);
    },
  } as AnalyticsDataSource;
  return { source: wrapped, ranges };
}

function headers(el: Element): string[] {
  return Array.from(el.shadowRoot!.querySelectorAll('thead th'), (th) => readable(th));
}

/** The first record of a CSV export of `exporter`, parsed (a German one is separated by `;`). */
async function csvHeader(exporter: Element): Promise<string[]> {
  const downloads = captureDownloads();
  try {
    exporter.shadowRoot!.querySelector<HTMLButtonElement>('[part~="export-button"]')!.click();
    await waitUntil(() => downloads.blobs.length > 0, 'the export did not download', { timeout: 20_000 });
    const { text } = await csvText(downloads.blobs[0]!);
    return Papa.parse<string[]>(text.split('\r\n')[0]!).data[0]!;
  } finally {
    downloads.restore();
  }
}

/** The first data row of a CSV export of `exporter`, with its header, as written (not parsed: the delimiter is what is checked). */
async function csvLines(exporter: Element): Promise<[string, string]> {
  const downloads = captureDownloads();
  try {
    exporter.shadowRoot!.querySelector<HTMLButtonElement>('[part~="export-button"]')!.click();
    await waitUntil(() => downloads.blobs.length > 0, 'the export did not download', { timeout: 20_000 });
    const [header, first] = (await csvText(downloads.blobs[0]!)).text.split('\r\n');
    return [header!, first!];
  } finally {
    downloads.restore();
  }
}

/** The jt- elements the dashboard draws, through every shadow root. */
function parts(el: JtAnalyticsDashboard): HTMLElement[] {
  return deepQueryAll<HTMLElement>(el.shadowRoot!, '*').filter((node) => node.localName.startsWith('jt-'));
}

describe('<jt-analytics-dashboard> hands its settings down', () => {
  it('has its parts follow a change of locale, theme and time zone without setting them on the parts', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    const view = dashboardHarness(el);
    const spaces = view.topSpaces()!;
    expect(headers(spaces)).to.deep.equal(['Rank', 'Space', 'Posts', 'Replies', 'Contributors', 'Engagement rate']);

    el.locale = 'de';
    el.theme = 'dark';
    el.timeZone = KIRITIMATI;
    await settled(el);

    // The same elements, now German, dark and counting days in the new zone.
    expect(view.topSpaces()).to.equal(spaces);
    expect(headers(spaces)).to.deep.equal(['Rang', 'Bereich', 'Beiträge', 'Antworten', 'Mitwirkende', 'Beteiligungsrate']);
    expect(readable(view.chart()!.shadowRoot!.querySelector('[part~="title"]'))).to.equal('Aktivität');
    expect(view.headline().has('Beiträge')).to.be.true;
    expect(view.engagement().has('Positive Stimmen'), 'a card inside a section').to.be.true;
    for (const part of parts(el)) {
      expect(part.getAttribute('theme'), part.localName).to.equal('dark');
      expect(part.getAttribute('locale'), part.localName).to.equal('de');
    }
    for (const part of [view.chart()!, spaces, view.topContributors()!, view.rangePicker()]) {
      expect(part.getAttribute('time-zone'), part.localName).to.equal(KIRITIMATI);
    }
    expect(spaces.range).to.equal(dates('30d', KIRITIMATI));
    expect(view.chart()!.range).to.equal(dates('30d', KIRITIMATI));

    // Nothing of it is the parts' own: cleared, each still reads the dashboard's.
    for (const part of [view.chart()!, spaces]) {
      part.locale = undefined;
      part.timeZone = undefined;
    }
    await nestedUpdates(el);
    expect(spaces.locale).to.equal('de');
    expect(spaces.timeZone).to.equal(KIRITIMATI);
    expect(headers(spaces)[0]).to.equal('Rang');
  });

  it('reaches an element the page puts inside it, which the dashboard never renders nor sets', async () => {
    const { source: watched, ranges } = recorded(source);
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard locale="de" theme="dark" time-zone=${KIRITIMATI} range="7d" verify .dataSource=${watched}
        ><jt-top-spaces></jt-top-spaces
      ></jt-analytics-dashboard>`,
    );
    const table = el.querySelector<JtTopSpaces>('jt-top-spaces')!;
    await tableSettled(table);
    expect(table.dataSource).to.equal(watched);
    expect(table.range).to.equal(dates('7d', KIRITIMATI));
    expect(table.timeZone).to.equal(KIRITIMATI);
    expect(table.verify).to.be.true;
    expect(table.getAttribute('theme')).to.equal('dark');
    expect(headers(table)).to.deep.equal(['Rang', 'Bereich', 'Beiträge', 'Antworten', 'Mitwirkende', 'Beteiligungsrate', 'Abweichung']);
    expect(ranges).to.include(dates('7d', KIRITIMATI));

    el.range = '90d';
    el.locale = 'en-US';
    el.theme = 'light';
    el.verify = false;
    await settled(el);
    await tableSettled(table);
    expect(table.range).to.equal(dates('90d', KIRITIMATI));
    expect(table.getAttribute('theme')).to.equal('light');
    expect(table.verify).to.be.false;
    expect(headers(table)).to.deep.equal(['Rank', 'Space', 'Posts', 'Replies', 'Contributors', 'Engagement rate']);
    expect(ranges).to.include(dates('90d', KIRITIMATI));

    // Out of the dashboard, it has nothing to inherit: its defaults.
    document.body.append(table);
    try {
      await tableSettled(table);
      expect(table.dataSource).to.equal(undefined);
      expect(table.range).to.equal('30d');
      expect(table.timeZone).to.equal(undefined);
      expect(table.getAttribute('theme')).to.equal('light');
    } finally {
      table.remove();
    }
  });

  it('lets an element’s own attribute beat what the dashboard hands down, and follows it again once removed', async () => {
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard locale="de" theme="dark" .dataSource=${source}
        ><jt-top-spaces locale="en-US" theme="light" time-zone="UTC" range="2026-11-01..2026-11-07"></jt-top-spaces
      ></jt-analytics-dashboard>`,
    );
    const table = el.querySelector<JtTopSpaces>('jt-top-spaces')!;
    await settled(el);
    await tableSettled(table);
    expect(headers(table)).to.deep.equal(['Rank', 'Space', 'Posts', 'Replies', 'Contributors', 'Engagement rate']);
    expect(table.getAttribute('theme')).to.equal('light');
    expect(table.range).to.equal('2026-11-01..2026-11-07');
    expect(table.dataSource, 'what it does not set itself, it inherits').to.equal(source);

    el.timeZone = KIRITIMATI;
    el.theme = 'auto';
    await settled(el);
    await tableSettled(table);
    expect(table.timeZone).to.equal('UTC');
    expect(table.theme).to.equal('light');
    expect(table.locale).to.equal('en-US');

    table.removeAttribute('locale');
    table.removeAttribute('range');
    await tableSettled(table);
    expect(table.locale).to.equal('de');
    expect(headers(table)[0]).to.equal('Rang');
    expect(table.range).to.equal(dates('30d', KIRITIMATI));

    // A part the dashboard draws keeps an attribute set on it through the dashboard's next renders.
    const chart = dashboardHarness(el).chart()!;
    chart.setAttribute('locale', 'en-US');
    el.verify = true;
    await settled(el);
    expect(chart.locale).to.equal('en-US');
    expect(readable(chart.shadowRoot!.querySelector('[part~="title"]'))).to.equal('Activity');
    expect(readable(dashboardHarness(el).part('title'))).to.equal('Community-Analyse');
  });

  it('hands page-size, csv-values and csv-delimiter to its tables and chart without setting them, and a part’s own attribute wins', async () => {
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard csv-delimiter=";" csv-values="raw" page-size="5" .dataSource=${source}
        ><jt-top-spaces csv-delimiter="," csv-values="shown" page-size="3"></jt-top-spaces
      ></jt-analytics-dashboard>`,
    );
    await settled(el);
    const view = dashboardHarness(el);
    const { spaces, contributors, chart } = await view.dataParts();

    // The dashboard's parts use its settings: 5 rows a page, raw numbers, ';' between cells.
    expect([spaces.pageSize, contributors.pageSize, spaces.csvValues, contributors.csvValues]).to.deep.equal([5, 5, 'raw', 'raw']);
    expect([spaces.csvDelimiter, contributors.csvDelimiter, chart.csvDelimiter]).to.deep.equal([';', ';', ';']);
    expect(view.tableRows('top-spaces')).to.have.length(5);
    expect(view.tableRows('top-contributors')).to.have.length(5);
    const [spacesHeader, spacesRow] = await csvLines(spaces);
    expect(spacesHeader).to.equal('Rank;Space;Posts;Replies;Contributors;Engagement rate');
    const cells = spacesRow.split(';');
    expect(Number(cells[5]), 'the engagement rate unrounded').to.equal(Number(cells[3]) / Number(cells[2]));
    expect((await csvLines(chart))[0]).to.equal('Date;Posts;Replies');

    // None of it is the parts' own: cleared, each still reads the dashboard's.
    spaces.pageSize = undefined;
    spaces.csvValues = undefined;
    chart.csvDelimiter = undefined;
    await nestedUpdates(el);
    expect([spaces.pageSize, spaces.csvValues, chart.csvDelimiter]).to.deep.equal([5, 'raw', ';']);

    // A change of the dashboard's reaches them.
    el.pageSize = 4;
    await settled(el);
    await Promise.all([spaces.updateComplete, contributors.updateComplete]);
    expect(view.tableRows('top-contributors')).to.have.length(4);

    // A table with its own attributes inside the dashboard keeps them, and inherits again once they are removed.
    const own = el.querySelector<JtTopSpaces>('jt-top-spaces')!;
    await tableSettled(own);
    expect([own.pageSize, own.csvValues, own.csvDelimiter]).to.deep.equal([3, 'shown', ',']);
    expect(tableHarness(own).rows()).to.have.length(3);
    const [ownHeader, ownRow] = await csvLines(own);
    expect(ownHeader).to.equal('Rank,Space,Posts,Replies,Contributors,Engagement rate');
    expect(ownRow.split(',')[5], 'the engagement rate as shown').to.match(/^\d+(\.\d{1,2})?$/);

    own.removeAttribute('page-size');
    own.removeAttribute('csv-values');
    own.removeAttribute('csv-delimiter');
    await tableSettled(own);
    expect([own.pageSize, own.csvValues, own.csvDelimiter]).to.deep.equal([4, 'raw', ';']);
    expect(tableHarness(own).rows()).to.have.length(4);

    // A part the dashboard draws keeps an attribute set on it through the dashboard's next renders.
    chart.setAttribute('csv-delimiter', ',');
    el.csvDelimiter = undefined;
    await settled(el);
    expect([chart.csvDelimiter, spaces.csvDelimiter]).to.deep.equal([',', undefined]);
    expect((await csvLines(chart))[0]).to.equal('Date,Posts,Replies');
  });

  it('reads verify as an attribute that is there or inherits, and a property of false as the element’s own', async () => {
    const el = await fixture<JtAnalyticsDashboard>(
      html`<jt-analytics-dashboard verify .dataSource=${source}><jt-top-spaces></jt-top-spaces></jt-analytics-dashboard>`,
    );
    const table = el.querySelector<JtTopSpaces>('jt-top-spaces')!;
    await tableSettled(table);
    expect(table.verify).to.be.true;
    expect(table.hasAttribute('verify')).to.be.true;

    table.verify = false;
    await tableSettled(table);
    expect(table.verify, 'its own false beats the dashboard’s true').to.be.false;
    expect(headers(table)).not.to.include('Drift');

    table.verify = undefined;
    await tableSettled(table);
    expect(table.verify, 'unset inherits again').to.be.true;
    expect(headers(table)).to.include('Drift');

    el.verify = false;
    table.setAttribute('verify', '');
    await settled(el);
    await tableSettled(table);
    expect(table.verify, 'its own attribute beats the dashboard’s false').to.be.true;
    table.removeAttribute('verify');
    await tableSettled(table);
    expect(table.verify, 'without the attribute it inherits').to.be.false;
  });

  it('shows German table headers and exports German CSV headers on a locale="de" page', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard locale="de" .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    const view = dashboardHarness(el);
    const spaces = view.topSpaces()!;
    const contributors = view.topContributors()!;
    const chart = view.chart()!;
    expect(readable(spaces.shadowRoot!.querySelector('[part~="title"]'))).to.equal('Top-Bereiche');
    expect(readable(contributors.shadowRoot!.querySelector('[part~="title"]'))).to.equal('Top-Mitwirkende');
    expect(headers(spaces)).to.deep.equal(['Rang', 'Bereich', 'Beiträge', 'Antworten', 'Mitwirkende', 'Beteiligungsrate']);
    expect(headers(contributors)).to.deep.equal(['Rang', 'Mitglied', 'Vertrauensstufe', 'Beiträge', 'Antworten', 'Akzeptierte Antworten', 'Gesamt']);
    expect(headers(chart).slice(0, 3)).to.deep.equal(['Datum', 'Beiträge', 'Antworten']);

    expect(await csvHeader(spaces)).to.deep.equal(['Rang', 'Bereich', 'Beiträge', 'Antworten', 'Mitwirkende', 'Beteiligungsrate']);
    expect(await csvHeader(contributors)).to.deep.equal(['Rang', 'Mitglied', 'Vertrauensstufe', 'Beiträge', 'Antworten', 'Akzeptierte Antworten', 'Gesamt']);
    expect(await csvHeader(chart)).to.deep.equal(['Datum', 'Beiträge', 'Antworten']);
  });
});

describe('an element alone', () => {
  it('works with its own attributes: source, range in its zone, locale, theme, verify', async () => {
    const { source: watched, ranges } = recorded(source);
    const el = await fixture<JtTopSpaces>(
      html`<jt-top-spaces locale="de" theme="dark" time-zone=${KIRITIMATI} range="7d" verify .dataSource=${watched}></jt-top-spaces>`,
    );
    await tableSettled(el);
    expect(headers(el)).to.deep.equal(['Rang', 'Bereich', 'Beiträge', 'Antworten', 'Mitwirkende', 'Beteiligungsrate', 'Abweichung']);
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(ranges).to.include(dates('7d', KIRITIMATI));
    expect(tableHarness(el).rows().length).to.be.greaterThan(0);
  });

  it('has its defaults without attributes: 30 days in the source’s zone, light, the page’s language', async () => {
    const { source: watched, ranges } = recorded(source);
    const el = await fixture<JtTopSpaces>(html`<jt-top-spaces .dataSource=${watched}></jt-top-spaces>`);
    await tableSettled(el);
    expect(el.range).to.equal('30d');
    expect(el.getAttribute('range')).to.equal('30d');
    expect(el.theme).to.equal('light');
    expect(el.getAttribute('theme')).to.equal('light');
    expect(el.verify).to.be.false;
    expect(el.hasAttribute('verify')).to.be.false;
    expect(ranges).to.include(dates('30d', 'UTC'));
    expect(headers(el)[0]).to.equal('Rank');

    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de-DE"><jt-top-spaces .dataSource=${watched}></jt-top-spaces></div>`);
    const inGerman = wrapper.querySelector<JtTopSpaces>('jt-top-spaces')!;
    await tableSettled(inGerman);
    expect(headers(inGerman)[0]).to.equal('Rang');
  });
});
