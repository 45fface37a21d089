import { expect, fixture, html } from '@open-wc/testing';
import { messagesFor } from '../../internal/i18n.js';
import { fixtureSource } from '../../internal/test-fixtures.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';
import './analytics-dashboard.js';
import { dashboardHarness, deepQueryAll, nestedUpdates, readable, settled } from './analytics-dashboard.harness.js';

/**
 * A source that is still on its way (a page generating or ingesting its
 * events, fetching its settings) shows the loading state, never "No data
 * source is connected".
 */

const m = messagesFor('en-US');

let source: MemoryDataSource;

before(async () => {
  source = await fixtureSource();
});

/** Every text the dashboard shows, through every shadow root. */
function shownTexts(el: JtAnalyticsDashboard): string[] {
  return deepQueryAll(el.shadowRoot!, '*')
    .filter((node) => node.children.length === 0)
    .map((node) => readable(node))
    .filter((text) => text !== '');
}

async function expectLoadingState(el: JtAnalyticsDashboard): Promise<void> {
  await nestedUpdates(el);
  const view = dashboardHarness(el);
  expect(view.body().getAttribute('aria-busy')).to.equal('true');
  expect(shownTexts(el)).to.not.include(m.noDataSource);
  expect(view.part('status')).to.equal(null);
  // Skeleton cards and sections, and placeholders where the chart and tables will be.
  const metrics = [...el.shadowRoot!.querySelectorAll('[part~="headline"] jt-metric')];
  expect(metrics).to.have.length(4);
  for (const metric of metrics) expect(metric.hasAttribute('loading')).to.equal(true);
  for (const section of ['engagement', 'moderation']) expect(view.part(section)!.hasAttribute('loading')).to.equal(true);
  expect(el.shadowRoot!.querySelectorAll('[part~="placeholder"]')).to.have.length(3);
  // Nothing asks a source yet.
  expect(view.chart()).to.equal(null);
  expect(view.topSpaces()).to.equal(null);
  expect(readable(el.shadowRoot!.querySelector('[role="status"]'))).to.equal(m.loading);
}

describe('<jt-analytics-dashboard loading>', () => {
  it('shows skeletons and aria-busy, not "No data source is connected", while a source is on its way', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard loading></jt-analytics-dashboard>`);
    expect(el.loading).to.equal(true);
    await expectLoadingState(el);
    await expect(el).to.be.accessible();

    // The source arrives (the page need not clear `loading`): its numbers replace the skeletons.
    el.dataSource = source;
    await settled(el);
    const view = dashboardHarness(el);
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    expect(view.headline().size).to.equal(4);
    expect([...view.headline().values()].every((card) => card.value !== '')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part~="placeholder"]')).to.equal(null);
    expect(shownTexts(el)).to.not.include(m.noDataSource);
  });

  it('goes back to loading when the page takes its source away to load another', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    el.loading = true;
    el.dataSource = undefined;
    await el.updateComplete;
    await expectLoadingState(el);
  });

  it('still says no data source is connected when none is coming', async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard></jt-analytics-dashboard>`);
    const view = dashboardHarness(el);
    expect(view.status()).to.equal(m.noDataSource);
    expect(view.body().getAttribute('aria-busy')).to.equal('false');
    el.loading = true;
    await el.updateComplete;
    await expectLoadingState(el);
    el.loading = false;
    await el.updateComplete;
    expect(view.status()).to.equal(m.noDataSource);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible while loading in the ${theme} theme`, async () => {
      const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard loading theme=${theme}></jt-analytics-dashboard>`);
      await nestedUpdates(el);
      await expect(el).to.be.accessible();
    });
  }
});
