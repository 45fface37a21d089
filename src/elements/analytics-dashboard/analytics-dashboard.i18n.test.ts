/**
 * The dashboard in the languages pages give it: WordPress locales
 * (`en_US`, `de_DE_formal`), unusable ones, and a whole German page.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import Papa from 'papaparse';
import { Formatter } from '../../internal/format.js';
import { de as germanCatalogue, en, messagesFor, type Messages } from '../../internal/i18n.js';
import { captureDownloads, csvText } from '../../internal/ranked-table/ranked-table.harness.js';
import { FIXTURE_NOW, fixtureSource } from '../../internal/test-fixtures.js';
import { TABLE_COLUMNS } from '../../model/labels.js';
import { parseRange } from '../../model/range.js';
import type { TableId } from '../../model/report.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import { getInstanceByDom } from '../activity-chart/echarts.js';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';
import './analytics-dashboard.js';
import { dashboardHarness, deepQueryAll, nestedUpdates, readable, settled } from './analytics-dashboard.harness.js';

let source: MemoryDataSource;

before(async () => {
  // Through the engine's Web Worker, as a page uses it.
  source = await fixtureSource({ worker: true });
});

after(() => source.close());

async function totalPosts(): Promise<number> {
  const range = parseRange('30d', { timeZone: 'UTC', now: FIXTURE_NOW });
  return (await source.report({ range, path: 'direct' })).overview.totalPosts;
}

/** Every locale attribute the dashboard passed to its parts. */
function localesPassedDown(el: JtAnalyticsDashboard): string[] {
  return deepQueryAll(el.shadowRoot!, '[locale]').map((part) => part.getAttribute('locale')!);
}

describe('<jt-analytics-dashboard> locales', () => {
  let pageLang: string;

  beforeEach(() => {
    pageLang = document.documentElement.lang;
  });

  afterEach(() => {
    document.documentElement.lang = pageLang;
  });

  it('reads a WordPress page language, <html lang="en_US">, as en-US', async () => {
    document.documentElement.lang = 'en_US';
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    const view = dashboardHarness(el);
    const m = messagesFor('en-US');
    expect(readable(view.part('title'))).to.equal(m.dashboardTitle);
    expect(view.headline().get(m.totalPosts)!.value).to.equal(new Formatter('en-US').count(await totalPosts()));
    expect(view.tableRows('top-spaces').length).to.be.greaterThan(0);
    expect(localesPassedDown(el)).to.not.be.empty;
    for (const locale of localesPassedDown(el)) expect(locale).to.equal('en-US');
  });

  it('reads de_DE_formal as German', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard locale="de_DE_formal" .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    const view = dashboardHarness(el);
    const m = messagesFor('de-DE');
    expect(readable(view.part('title'))).to.equal(m.dashboardTitle);
    expect(view.headline().get(m.totalPosts)!.value).to.equal(new Formatter('de-DE').count(await totalPosts()));
    for (const locale of localesPassedDown(el)) expect(locale).to.equal('de-DE');
  });

  for (const garbage of ['garbage', '!!!', 'x', '12345', 'en US']) {
    it(`renders in English, without throwing, for locale="${garbage}"`, async () => {
      const errors: unknown[] = [];
      const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
      window.addEventListener('error', onError);
      try {
        const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard locale=${garbage} .dataSource=${source}></jt-analytics-dashboard>`);
        await settled(el);
        const view = dashboardHarness(el);
        const m = messagesFor('en');
        expect(readable(view.part('title'))).to.equal(m.dashboardTitle);
        expect(view.headline().get(m.totalPosts)!.value).to.equal(new Formatter('en').count(await totalPosts()));
        expect(view.tableRows('top-contributors').length).to.be.greaterThan(0);
      } finally {
        window.removeEventListener('error', onError);
      }
      expect(errors).to.deep.equal([]);
    });
  }

  it('follows a locale changed from unusable to German', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard locale="!!!" .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    el.locale = 'de_DE';
    await settled(el);
    expect(readable(dashboardHarness(el).part('title'))).to.equal(messagesFor('de').dashboardTitle);
  });
});

// ---- a whole German page ------------------------------------------------------------------------

/** A text on screen or in an attribute a user meets (a tooltip, an accessible name), and where it is. */
interface PageText {
  text: string;
  where: string;
}

/** Attributes whose text a user reads or hears. */
const TEXT_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'alt', 'placeholder', 'label'];

/** Parts that show the community's own data (names), not the element's words. */
const DATA_PARTS = '[part~="space-name"], [part~="member-name"], [part~="avatar"]';

/** Every text node and text attribute under `root`, through every nested shadow root. */
function pageTexts(root: Node, where = ''): PageText[] {
  const found: PageText[] = [];
  for (const node of root.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent!.trim();
      if (text) found.push({ text, where });
      continue;
    }
    if (!(node instanceof Element) || node.matches('style, script') || node.matches(DATA_PARTS)) continue;
    const here = `${where} > ${node.localName}${node.getAttribute('part') ? `[part="${node.getAttribute('part')}"]` : ''}`;
    for (const name of TEXT_ATTRIBUTES) {
      const value = node.getAttribute(name)?.trim();
      if (value) found.push({ text: value, where: `${here} @${name}` });
    }
    if (node.shadowRoot) found.push(...pageTexts(node.shadowRoot, `${here} #shadow`));
    found.push(...pageTexts(node, here));
  }
  return found;
}

const HOLE = '\u0001';

/**
 * The English phrases of the catalogue that the German catalogue does not
 * say the same way (a German entry that is missing falls back to English, so
 * it counts as English): whole strings, and the fixed words of each message
 * with values (what stands around the values, as long as it has letters to
 * be recognised by).
 */
function englishPhrases(german: Partial<Messages>): { key: string; phrase: string }[] {
  const phrases: { key: string; phrase: string }[] = [];
  const add = (key: string, english: unknown, translated: unknown) => {
    if (typeof english === 'string') {
      if (english !== translated) phrases.push({ key, phrase: english });
    } else if (typeof english === 'function' && typeof translated === 'function') {
      const args = Array.from({ length: english.length }, () => HOLE);
      const englishText = String((english as (...values: string[]) => unknown)(...args));
      if (englishText === String((translated as (...values: string[]) => unknown)(...args))) return;
      for (const fragment of englishText.split(HOLE)) {
        const phrase = fragment.trim().replace(/^[\s:,.()–-]+|[\s:,.()–-]+$/gu, '');
        if (/\p{L}{3}/u.test(phrase)) phrases.push({ key, phrase });
      }
    } else if (english && typeof english === 'object') {
      for (const [inner, value] of Object.entries(english)) add(`${key}.${inner}`, value, (translated as Record<string, unknown> | undefined)?.[inner]);
    }
  };
  for (const [key, value] of Object.entries(en)) add(key, value, german[key as keyof Messages]);
  return phrases;
}

/** Whether `text` holds `phrase` as words of its own (not inside a longer word). */
function holdsPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}

function englishOnPage(el: Element, german: Partial<Messages>): string[] {
  const phrases = englishPhrases(german);
  const found: string[] = [];
  for (const { text, where } of pageTexts(el.shadowRoot!)) {
    for (const { key, phrase } of phrases) {
      if (holdsPhrase(text, phrase)) found.push(`"${phrase}" (${key}) in "${text}" at ${where}`);
    }
  }
  return [...new Set(found)];
}

/** The first line of what each table's Export CSV downloads. */
async function csvHeaders(el: JtAnalyticsDashboard): Promise<Record<TableId, string[]>> {
  const root = el.shadowRoot!;
  const exporters: Record<TableId, Element> = {
    daily: root.querySelector('jt-activity-chart')!,
    'top-spaces': root.querySelector('jt-top-spaces')!,
    'top-contributors': root.querySelector('jt-top-contributors')!,
  };
  const headers = {} as Record<TableId, string[]>;
  for (const [table, exporter] of Object.entries(exporters) as [TableId, Element][]) {
    const downloads = captureDownloads();
    try {
      exporter.shadowRoot!.querySelector<HTMLButtonElement>('[part~="export-button"]')!.click();
      await waitUntil(() => downloads.blobs.length > 0, `the ${table} export did not download`, { timeout: 20_000 });
      const { text } = await csvText(downloads.blobs[0]!);
      headers[table] = Papa.parse<string[]>(text.split('\r\n')[0]!).data[0]!;
    } finally {
      downloads.restore();
    }
  }
  return headers;
}

describe('<jt-analytics-dashboard> in German', () => {
  const de = messagesFor('de-DE');

  it('has a German text for every message, and German column labels', () => {
    expect(Object.keys(germanCatalogue)).to.have.members(Object.keys(en));
    for (const table of Object.keys(TABLE_COLUMNS) as TableId[]) {
      for (const column of TABLE_COLUMNS[table]) {
        expect(en.columnLabels[column.labelKey], 'English keeps the labels of the design').to.equal(column.label);
        expect(de.columnLabels[column.labelKey], column.key).to.be.a('string').and.not.equal(column.label);
      }
    }
  });

  it('shows no English text of the catalogue anywhere: text, legend and tooltip, headers, attributes; and exports German CSV headers', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard locale="de-DE" verify .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    // Everything the chart can show: the previous period's lines too, and a tooltip.
    const chart = el.shadowRoot!.querySelector('jt-activity-chart')!;
    chart.compare = true;
    await settled(el);
    await nestedUpdates(el);
    const chartBox = chart.shadowRoot!.querySelector<HTMLElement>('[part~="chart"]')!;
    getInstanceByDom(chartBox)!.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 3 });
    await waitUntil(() => pageTexts(chartBox).some(({ text }) => text.includes(de.previousPosts)), 'the chart shows no tooltip', { timeout: 5_000 });
    // The info popover of a card is in the DOM whether shown or not; the definition of the engagement rate too.
    const texts = pageTexts(el.shadowRoot!).map(({ text }) => text);
    for (const expected of [de.vsPrevious, de.activityTitle, de.groupBy, de.compareToPrevious, de.topSpaces, de.topContributors, de.engagementTitle]) {
      expect(texts.some((text) => text.includes(expected)), expected).to.be.true;
    }
    expect(texts.some((text) => text.includes(de.pageOf(1, 2).split(' ')[0]!)), 'page status').to.be.true;
    const svgText = pageTexts(chartBox.querySelector('svg')!).map(({ text }) => text);
    expect(svgText, 'the legend').to.include.members([de.posts, de.replies, de.previousPosts, de.previousReplies]);

    expect(englishOnPage(el, germanCatalogue)).to.deep.equal([]);

    const headers = await csvHeaders(el);
    for (const table of Object.keys(TABLE_COLUMNS) as TableId[]) {
      expect(headers[table], table).to.deep.equal(TABLE_COLUMNS[table].map((column) => de.columnLabels[column.labelKey]));
    }
  });

  it('keeps the exact labels of the design on an English page, on screen and in CSV', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard locale="en-US" .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    const spaces = el.shadowRoot!.querySelector('jt-top-spaces')!.shadowRoot!;
    expect([...spaces.querySelectorAll('thead th')].map((th) => readable(th))).to.deep.equal(TABLE_COLUMNS['top-spaces'].map((c) => c.label));
    const headers = await csvHeaders(el);
    for (const table of Object.keys(TABLE_COLUMNS) as TableId[]) {
      expect(headers[table], table).to.deep.equal(TABLE_COLUMNS[table].map((column) => column.label));
    }
  });
});
