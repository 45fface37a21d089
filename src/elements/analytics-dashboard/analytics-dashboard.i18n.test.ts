/**
 * The dashboard in the languages pages give it: WordPress locales
 * (`en_US`, `de_DE_formal`), unusable ones, and a whole German page.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { Formatter } from '../../internal/format.js';
import { messagesFor } from '../../internal/i18n.js';
import { FIXTURE_NOW, fixtureSource } from '../../internal/test-fixtures.js';
import { parseRange } from '../../model/range.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';
import './analytics-dashboard.js';
import { dashboardHarness, deepQueryAll, readable, settled } from './analytics-dashboard.harness.js';

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
