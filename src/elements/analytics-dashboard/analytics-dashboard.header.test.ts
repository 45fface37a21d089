import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { fixtureSource } from '../../internal/test-fixtures.js';
import type { MemoryDataSource } from '../../sources/memory-data-source.js';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';
import './analytics-dashboard.js';
import { settled } from './analytics-dashboard.harness.js';

/**
 * The dashboard's header as a page lays it out: choosing Custom must not
 * move anything, the range text stays on one line, and the controls sit on
 * the page's own surface instead of boxes of their own.
 */

let source: MemoryDataSource;

before(async () => {
  source = await fixtureSource();
  await setViewport({ width: 1400, height: 900 });
});

after(async () => {
  await setViewport({ width: 800, height: 600 });
});

/** A dashboard in a container `width` px wide, on wp-admin's grey page. */
async function dashboardAt(width: number, range = '2026-10-28..2026-11-03'): Promise<JtAnalyticsDashboard> {
  const page = await fixture<HTMLElement>(
    html`<div style=${`width: ${width}px; background: #f0f0f1`}>
      <jt-analytics-dashboard range=${range} .dataSource=${source}></jt-analytics-dashboard>
    </div>`,
  );
  const el = page.querySelector('jt-analytics-dashboard')!;
  await settled(el);
  return el;
}

function layout(el: JtAnalyticsDashboard) {
  const root = el.shadowRoot!;
  const picker = root.querySelector('jt-date-range')!;
  const pickerRoot = picker.shadowRoot!;
  return {
    picker,
    select: () => pickerRoot.querySelector('select')!,
    dates: () => pickerRoot.querySelector<HTMLElement>('[part~="dates"]')!,
    popover: () => pickerRoot.querySelector<HTMLElement>('[part~="popover"]'),
    focused: () => pickerRoot.activeElement?.getAttribute('part') ?? null,
    header: () => root.querySelector<HTMLElement>('[part~="header"]')!.getBoundingClientRect(),
    body: () => root.querySelector<HTMLElement>('[part~="body"]')!.getBoundingClientRect(),
    toggleBase: () => root.querySelector('jt-diff-toggle')!.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!,
    pickerBase: () => pickerRoot.querySelector<HTMLElement>('[part~="base"]')!,
  };
}

function lines(element: HTMLElement): number {
  const style = getComputedStyle(element);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.3;
  return Math.round(element.getBoundingClientRect().height / lineHeight);
}

describe('<jt-analytics-dashboard> header', () => {
  it('at 1366 px, choosing Custom opens a popover over the page: the header and the body do not move', async () => {
    const el = await dashboardAt(1366, '30d');
    const view = layout(el);
    const header = view.header();
    const body = view.body();
    // The picker is one row beside the title (label, select, dates), not a column that leaves a band beside it.
    const select = view.select().getBoundingClientRect();
    const dates = view.dates().getBoundingClientRect();
    expect(dates.top, 'the dates sit beside the select').to.be.below(select.bottom);
    expect(dates.left).to.be.above(select.right);
    view.select().focus();
    await sendKeys({ press: 'End' });
    await view.picker.updateComplete;
    expect(view.select().value).to.equal('custom');
    const popover = view.popover()!;
    expect(popover.hidden).to.equal(false);
    const box = popover.getBoundingClientRect();
    expect(box.height).to.be.above(0);
    expect(view.header().height).to.equal(header.height);
    expect(view.body().top).to.equal(body.top);
    // It lies over the cards under the header, and a click on it reaches it.
    expect(box.bottom).to.be.above(header.bottom);
    const hit = view.picker.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + 8);
    expect(hit !== null && popover.contains(hit), 'the popover is under the cards').to.equal(true);

    await sendKeys({ press: 'Tab' });
    expect(view.focused()).to.equal('start-input');
    await sendKeys({ press: 'Escape' });
    await view.picker.updateComplete;
    expect(view.popover()?.hidden ?? true).to.equal(true);
    expect(view.focused()).to.equal('select');
    expect(el.range).to.equal('30d');
    expect(view.header().height).to.equal(header.height);
  });

  for (const width of [390, 768, 1024, 1366]) {
    it(`keeps the range text on one line at ${width} px`, async () => {
      const el = await dashboardAt(width);
      const dates = layout(el).dates();
      expect(dates.textContent).to.equal('Oct 28 – Nov 3, 2026');
      expect(lines(dates)).to.equal(1);
      expect(dates.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
    });
  }

  it('paints the controls on the page, not on white boxes', async () => {
    const el = await dashboardAt(1366);
    const view = layout(el);
    for (const base of [view.pickerBase(), view.toggleBase()]) expect(getComputedStyle(base).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    // A page that wants a surface behind them says so once, for the whole dashboard.
    el.style.setProperty('--jt-color-backdrop', 'rgb(240, 240, 241)');
    for (const base of [view.pickerBase(), view.toggleBase()]) expect(getComputedStyle(base).backgroundColor).to.equal('rgb(240, 240, 241)');
  });
});
