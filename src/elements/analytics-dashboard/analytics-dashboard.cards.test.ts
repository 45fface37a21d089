/**
 * Every figure the metric registry declares with a card is on screen: the
 * overview's in the headline, the engagement's and moderation's in their
 * sections, in the registry's groups and order; verify-only figures only in
 * verify mode; a figure declared without a card nowhere. A figure added to
 * the registry is shown with no element edit, and an element that drops one
 * fails here.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { catalogueText, de, en, type Messages } from '../../internal/i18n.js';
import { FIXTURE_NOW, fixtureSource } from '../../internal/test-fixtures.js';
import { METRICS, METRIC_SECTIONS, cardGroupsOf, cardsOf, readMetric, type Metric, type MetricSection } from '../../model/metrics.js';
import { presetRange } from '../../model/range.js';
import type { AnalyticsReport } from '../../model/report.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';
import './analytics-dashboard.js';
import { settled } from './analytics-dashboard.harness.js';

/** Where each section's cards are drawn: the dashboard's own headline, or a section element's shadow root. */
const SECTION_PART: Record<MetricSection, string> = { overview: 'headline', engagement: 'engagement', moderation: 'moderation' };

let source: MemoryDataSource;

async function render(verify: boolean, locale = 'en-US'): Promise<JtAnalyticsDashboard> {
  const el = await fixture<JtAnalyticsDashboard>(
    html`<jt-analytics-dashboard range="90d" locale=${locale} ?verify=${verify} .dataSource=${source}></jt-analytics-dashboard>`,
  );
  await settled(el);
  return el;
}

/** The labels of the cards of a section, in screen order. */
function shownLabels(el: JtAnalyticsDashboard, section: MetricSection): string[] {
  const part = el.shadowRoot!.querySelector(`[part~="${SECTION_PART[section]}"]`)!;
  const root = section === 'overview' ? part : part.shadowRoot!;
  return [...root.querySelectorAll<HTMLElement & { label: string }>('jt-metric')].map((card) => card.label);
}

/** The labels the registry says a section shows, group by group, by place. */
function declaredLabels(section: MetricSection, m: Messages, verify: boolean): string[] {
  return cardGroupsOf(section).flatMap((group) =>
    cardsOf(group.id)
      .filter((metric) => verify || metric.card!.shown === 'always')
      .map((metric) => catalogueText(m, metric.labelKey)),
  );
}

describe('<jt-analytics-dashboard> cards from the metric registry', () => {
  before(async () => {
    source = await fixtureSource();
  });

  it('has a range where every figure has a value, so no notice stands in for a card', async () => {
    const report: AnalyticsReport = await source.report({ range: presetRange('90d', 'UTC', FIXTURE_NOW) });
    for (const metric of METRICS) expect(readMetric(report, metric), metric.key).to.not.equal(null);
  });

  for (const verify of [false, true]) {
    it(`shows every registered figure with a card${verify ? ', verify-only ones included, in verify mode' : ', but no verify-only one, outside verify mode'}`, async () => {
      const el = await render(verify);
      const shown = new Set<string>();
      for (const section of METRIC_SECTIONS) {
        const labels = shownLabels(el, section);
        expect(labels, section).to.deep.equal(declaredLabels(section, en, verify));
        labels.forEach((label) => shown.add(`${section}:${label}`));
      }
      for (const metric of METRICS) {
        const onScreen = shown.has(`${metric.section}:${catalogueText(en, metric.labelKey)}`);
        const expected = metric.card !== null && (verify || metric.card.shown === 'always');
        expect(onScreen, `${metric.section}.${metric.key} on screen`).to.equal(expected);
      }
      // Every figure of a displayed section is on a card, or declared off one (no card, or verify only).
      const offScreen = METRICS.filter((metric: Metric) => !shown.has(`${metric.section}:${catalogueText(en, metric.labelKey)}`));
      for (const metric of offScreen) expect(metric.card === null || (!verify && metric.card.shown === 'verify'), metric.key).to.equal(true);
    });
  }

  it('labels the cards and sub-headings in the element language, by the registry catalogue keys', async () => {
    const el = await render(false, 'de-DE');
    for (const section of METRIC_SECTIONS) expect(shownLabels(el, section), section).to.deep.equal(declaredLabels(section, de, false));
    const engagement = el.shadowRoot!.querySelector('[part~="engagement"]')!.shadowRoot!;
    const headings = [...engagement.querySelectorAll('[part~="group-heading"]')].map((h) => h.textContent!.trim());
    expect(headings).to.deep.equal(cardGroupsOf('engagement').flatMap((group) => (group.titleKey === null ? [] : [catalogueText(de, group.titleKey)])));
  });
});
