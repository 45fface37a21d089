import { expect, fixture, html } from '@open-wc/testing';
import { driftPct } from '../../engine/diff.js';
import { Formatter } from '../../internal/format.js';
import { en } from '../../internal/i18n.js';
import { JtMetric, MIN_COMPARISON_BASE } from './metric.js';

const f = new Formatter('en-US');

function card(el: JtMetric) {
  const root = el.shadowRoot!;
  const text = (selector: string) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  return {
    label: () => text('[part~="label"]'),
    value: () => text('[part~="value"]'),
    change: () => text('[part~="change"]'),
    verify: () => text('[part~="verify"]'),
    drift: () => root.querySelector('[part~="drift"]'),
    infoButton: () => root.querySelector<HTMLButtonElement>('[part~="info-button"]'),
    help: () => root.querySelector<HTMLElement>('[part~="help"]'),
    base: () => root.querySelector('[part~="base"]')!,
  };
}

describe('<jt-metric>', () => {
  it('is registered once under its tag', async () => {
    expect(customElements.get('jt-metric')).to.equal(JtMetric);
    await import('./metric.js');
    expect(customElements.get('jt-metric')).to.equal(JtMetric);
  });

  it('shows its label and value in each format', async () => {
    const cases: [JtMetric['format'], number, string][] = [
      ['count', 1284, f.count(1284)],
      ['percent-change', 12.5, '+12.5%'],
      ['ratio', 0.42, f.ratio(0.42)],
      ['decimal', 1.456, f.number(1.456)],
      ['duration', 125, f.duration(125)],
    ];
    for (const [format, value, shown] of cases) {
      const el = await fixture<JtMetric>(html`<jt-metric label="Total Posts" .value=${value} .format=${format}></jt-metric>`);
      expect(card(el).label()).to.equal('Total Posts');
      expect(card(el).value(), format).to.equal(shown);
    }
    expect(f.count(1284)).to.equal('1,284');
    expect(f.duration(125)).to.equal('2h 5m');
  });

  it('reads attributes too, and shows n/a for a missing value', async () => {
    const el = await fixture<JtMetric>(html`<jt-metric label="Avg" value="3" format="decimal"></jt-metric>`);
    expect(card(el).value()).to.equal('3');
    el.value = null;
    await el.updateComplete;
    expect(card(el).value()).to.equal(en.notAvailable);
  });

  it('shows the change vs the previous period with an arrow and a word, not colour alone', async () => {
    const el = await fixture<JtMetric>(html`<jt-metric label="Total Posts" .value=${125} .previous=${100}></jt-metric>`);
    expect(card(el).change()).to.equal(`↑ ${en.increase} +25.0% ${en.vsPrevious}`);
    expect(el.shadowRoot!.querySelector('[part~="change"] [aria-hidden="true"]')!.textContent).to.equal('↑');

    el.value = 75;
    await el.updateComplete;
    expect(card(el).change()).to.equal(`↓ ${en.decrease} -25.0% ${en.vsPrevious}`);

    el.value = 100;
    await el.updateComplete;
    expect(card(el).change()).to.contain(en.unchanged);
  });

  it('says n/a when there is no previous value, and nothing when there is no comparison', async () => {
    const el = await fixture<JtMetric>(html`<jt-metric label="Total Posts" .value=${10} .previous=${null}></jt-metric>`);
    expect(card(el).change()).to.contain(en.notAvailable);
    el.previous = null;
    await el.updateComplete;
    expect(card(el).change()).to.contain(en.notAvailable);
    el.previous = undefined;
    await el.updateComplete;
    expect(card(el).change()).to.equal(undefined);
  });

  describe('against an almost empty previous period', () => {
    /** The text of a part as read aloud (aria-hidden parts left out), and what it shows (visually hidden parts left out). */
    function read(el: JtMetric, part: string) {
      const node = el.shadowRoot!.querySelector(`[part~="${part}"]`)!;
      const without = (selector: string) => {
        const copy = node.cloneNode(true) as Element;
        copy.querySelectorAll(selector).forEach((hidden) => hidden.remove());
        return (copy.textContent ?? '').replace(/\s+/gu, ' ').trim();
      };
      return { spoken: without('[aria-hidden="true"]'), shown: without('.visually-hidden'), title: node.querySelector('[title]')?.getAttribute('title') ?? '' };
    }

    it(`has a documented minimum base of ${MIN_COMPARISON_BASE}`, async () => {
      expect(MIN_COMPARISON_BASE).to.equal(20);
      const el = await fixture<JtMetric>(html`<jt-metric label="Total Posts"></jt-metric>`);
      expect(el.minBase).to.equal(MIN_COMPARISON_BASE);
    });

    it('shows "—" instead of a percentage below the base, with both counts in the tooltip and the accessible text', async () => {
      const el = await fixture<JtMetric>(html`<jt-metric label="Total Posts" .value=${37770} .previous=${3}></jt-metric>`);
      const change = read(el, 'change');
      expect(change.shown).to.equal(`— ${en.vsPrevious}`);
      expect(change.shown).not.to.contain('%');
      expect(change.spoken).to.contain(en.comparedCounts(f.count(3), f.count(37770)));
      expect(change.spoken).to.contain(en.tooFewToCompare);
      expect(change.title).to.contain(en.comparedCounts(f.count(3), f.count(37770)));
      expect(change.title).to.contain(en.minBaseNote(f.count(MIN_COMPARISON_BASE)));
      await expect(el).to.be.accessible();
    });

    it('shows "new" when the previous period had none', async () => {
      const el = await fixture<JtMetric>(html`<jt-metric label="Total Posts" .value=${12} .previous=${0}></jt-metric>`);
      const change = read(el, 'change');
      expect(change.shown).to.equal(`${en.newBase} ${en.vsPrevious}`);
      expect(change.spoken).to.contain(en.comparedCounts(f.count(0), f.count(12)));
      // Nothing before and nothing now: nothing new either.
      el.value = 0;
      await el.updateComplete;
      expect(read(el, 'change').shown).to.equal(`— ${en.vsPrevious}`);
    });

    it('shows the percentage from the base on, and follows min-base', async () => {
      const el = await fixture<JtMetric>(html`<jt-metric label="Total Posts" .value=${30} .previous=${MIN_COMPARISON_BASE}></jt-metric>`);
      expect(read(el, 'change').shown).to.equal(`↑ +50.0% ${en.vsPrevious}`);
      el.previous = MIN_COMPARISON_BASE - 1;
      await el.updateComplete;
      expect(read(el, 'change').shown).to.equal(`— ${en.vsPrevious}`);
      el.setAttribute('min-base', '5');
      await el.updateComplete;
      expect(read(el, 'change').shown).to.contain('%');
    });

    it('shows a growth rate over a small base as "—" with both counts, and keeps the exact value in verify mode', async () => {
      const growth = ((37770 - 1) / 1) * 100;
      const el = await fixture<JtMetric>(
        html`<jt-metric label="Growth Rate" format="percent-change" .value=${growth} .comparedCounts=${{ current: 37770, previous: 1 }}></jt-metric>`,
      );
      const value = read(el, 'value');
      expect(value.shown).to.equal('—');
      expect(value.spoken).to.contain(en.comparedCounts(f.count(1), f.count(37770)));
      expect(value.title).to.contain(en.comparedCounts(f.count(1), f.count(37770)));
      await expect(el).to.be.accessible();

      el.comparedCounts = { current: 37770, previous: 0 };
      el.value = null;
      await el.updateComplete;
      expect(read(el, 'value').shown).to.equal(en.newBase);

      el.comparedCounts = { current: 37770, previous: 40 };
      el.value = 94325;
      await el.updateComplete;
      expect(read(el, 'value').shown).to.equal('+94,325.0%');

      el.comparedCounts = { current: 37770, previous: 1 };
      el.value = growth;
      el.verify = true;
      el.aggregated = growth;
      await el.updateComplete;
      expect(read(el, 'verify').shown).to.contain('+3,776,900.0%');
    });
  });

  it('in verify mode shows both values and the drift, highlighted when not 0', async () => {
    const el = await fixture<JtMetric>(html`<jt-metric label="Total Posts" verify .value=${312} .aggregated=${311}></jt-metric>`);
    const drift = driftPct(312, 311)!;
    expect(drift).to.equal(-0.32);
    expect(card(el).verify()).to.equal(`${en.directValue} 312 · ${en.aggregatedValue} 311 · ${en.drift} ⚠ ${f.percentChange(drift)}`);
    expect(card(el).drift()!.getAttribute('part')).to.equal('drift drift-nonzero');

    el.aggregated = 312;
    await el.updateComplete;
    expect(card(el).verify()).to.equal(`${en.directValue} 312 · ${en.aggregatedValue} 312 · ${en.drift} 0%`);
    expect(card(el).drift()!.getAttribute('part')).to.equal('drift');

    // Direct 0, aggregated not: the drift has no base, and the paths still disagree.
    el.value = 0;
    el.aggregated = 4;
    await el.updateComplete;
    expect(card(el).verify()).to.contain(`${en.drift} ⚠ ${en.notAvailable}`);
    expect(card(el).drift()!.getAttribute('part')).to.equal('drift drift-nonzero');

    el.verify = false;
    await el.updateComplete;
    expect(card(el).verify()).to.equal(undefined);
  });

  it('has no info button without a definition', async () => {
    const el = await fixture<JtMetric>(html`<jt-metric label="Upvotes" .value=${3}></jt-metric>`);
    expect(card(el).infoButton()).to.equal(null);
  });

  it('shows a skeleton while loading', async () => {
    const el = await fixture<JtMetric>(html`<jt-metric label="Total Posts" loading .value=${3}></jt-metric>`);
    expect(card(el).base().getAttribute('aria-busy')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[part~="skeleton"]')).to.exist;
    expect(card(el).value()).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('formats with its locale', async () => {
    const el = await fixture<JtMetric>(html`<jt-metric label="Beiträge" locale="de-DE" .value=${1284.5} format="decimal"></jt-metric>`);
    expect(card(el).value()).to.equal(new Formatter('de-DE').number(1284.5));
    expect(card(el).value()).to.equal('1.284,5');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme, with help, change and a drift`, async () => {
      const el = await fixture<JtMetric>(
        html`<jt-metric theme=${theme} label="Total Posts" help="Published posts." verify .value=${312} .aggregated=${311} .previous=${300}></jt-metric>`,
      );
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="info-button"]')!.focus();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      el.previous = 400;
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
