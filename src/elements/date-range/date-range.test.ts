import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { JtRangeChangeEvent, RangeChangeDetail } from '../../events/range-change-event.js';
import { Formatter } from '../../internal/format.js';
import { en } from '../../internal/i18n.js';
import { parseRange } from '../../model/range.js';
import { JtDateRange } from './date-range.js';

/** 2026-11-24 12:00 UTC: already 2026-11-25 in Auckland. */
const NOW = Date.UTC(2026, 10, 24, 12);
const f = new Formatter('en-US');

function picker(el: JtDateRange) {
  const root = el.shadowRoot!;
  return {
    select: () => root.querySelector<HTMLSelectElement>('select')!,
    dates: () => root.querySelector('[part~="dates"]')!.textContent!.trim(),
    start: () => root.querySelector<HTMLInputElement>('[part~="start-input"]'),
    end: () => root.querySelector<HTMLInputElement>('[part~="end-input"]'),
    apply: () => root.querySelector<HTMLButtonElement>('[part~="apply-button"]'),
    error: () => root.querySelector('[part~="error"]')?.textContent?.trim() ?? '',
    labelOf(control: Element): string {
      return root.querySelector(`label[for="${control.id}"]`)!.textContent!.trim();
    },
  };
}

function record(el: JtDateRange): RangeChangeDetail[] {
  const seen: RangeChangeDetail[] = [];
  el.addEventListener('jt-range-change', (event: JtRangeChangeEvent) => seen.push(event.detail));
  return seen;
}

async function press(el: JtDateRange, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

/** Types a date into a focused `<input type="date">` as a user does (en-US: month, day, year). */
async function typeDate(el: JtDateRange, input: HTMLInputElement, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  // Focusing afresh puts the caret on the first (month) segment, even if the input already had focus.
  input.blur();
  input.focus();
  await sendKeys({ type: `${month}${day}${year}` });
  await el.updateComplete;
}

const utc = (range: string) => parseRange(range, { timeZone: 'UTC', now: NOW });

describe('<jt-date-range>', () => {
  it('is registered once under its tag', async () => {
    expect(customElements.get('jt-date-range')).to.equal(JtDateRange);
    await import('./date-range.js');
    expect(customElements.get('jt-date-range')).to.equal(JtDateRange);
  });

  it('opens on Last 30 days, labelled, with the resolved dates next to it', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const p = picker(el);
    expect(el.range).to.equal('30d');
    expect(el.getAttribute('range')).to.equal('30d');
    expect(p.select().value).to.equal('30d');
    expect(p.labelOf(p.select())).to.equal(en.rangeLabel);
    expect([...p.select().options].map((o) => o.textContent)).to.deep.equal([
      en.preset7d,
      en.preset30d,
      en.preset90d,
      en.presetThisMonth,
      en.presetLastMonth,
      en.presetCustom,
    ]);
    expect(p.dates()).to.equal(f.range(utc('30d')));
    expect(p.dates()).to.equal('Oct 26 – Nov 24, 2026');
    expect(el.shadowRoot!.getElementById(p.select().getAttribute('aria-describedby')!)!.textContent!.trim()).to.equal(p.dates());
    expect(el.resolvedDates).to.deep.equal(utc('30d'));
  });

  it('resolves presets in its time zone, never the browser one', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range range="7d" time-zone="Pacific/Auckland" .now=${NOW}></jt-date-range>`);
    expect(el.resolvedDates).to.deep.equal({ start: '2026-11-19', end: '2026-11-25' });
    el.timeZone = 'America/Los_Angeles';
    await el.updateComplete;
    expect(el.resolvedDates).to.deep.equal({ start: '2026-11-18', end: '2026-11-24' });
    expect(picker(el).dates()).to.equal(f.range({ start: '2026-11-18', end: '2026-11-24' }));
  });

  it('chooses each preset with the arrow keys and fires jt-range-change with the range and its dates', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const seen = record(el);
    picker(el).select().focus();
    await press(el, 'ArrowUp');
    for (let i = 0; i < 4; i++) await press(el, 'ArrowDown');
    const presets = ['7d', '30d', '90d', 'this_month', 'last_month'];
    expect(seen).to.deep.equal(presets.map((range) => ({ range, dates: utc(range) })));
    expect(el.range).to.equal('last_month');
    expect(el.getAttribute('range')).to.equal('last_month');
    expect(picker(el).dates()).to.equal(f.range({ start: '2026-10-01', end: '2026-10-31' }));

    // Custom only opens the inputs, prefilled with the dates on screen; nothing is applied yet.
    await press(el, 'ArrowDown');
    expect(picker(el).select().value).to.equal('custom');
    expect(seen).to.have.length(5);
    expect(el.range).to.equal('last_month');
    expect(picker(el).start()!.value).to.equal('2026-10-01');
    expect(picker(el).end()!.value).to.equal('2026-10-31');
    expect(picker(el).labelOf(picker(el).start()!)).to.equal(en.customStart);
    expect(picker(el).labelOf(picker(el).end()!)).to.equal(en.customEnd);
  });

  it('applies a valid custom range typed with the keyboard (Enter submits)', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const seen = record(el);
    picker(el).select().focus();
    await press(el, 'End');
    expect(picker(el).select().value).to.equal('custom');
    await typeDate(el, picker(el).start()!, '2026-03-01');
    await typeDate(el, picker(el).end()!, '2026-03-31');
    expect(picker(el).start()!.value).to.equal('2026-03-01');
    expect(picker(el).end()!.value).to.equal('2026-03-31');
    await press(el, 'Enter');
    expect(seen).to.deep.equal([{ range: '2026-03-01..2026-03-31', dates: { start: '2026-03-01', end: '2026-03-31' } }]);
    expect(el.getAttribute('range')).to.equal('2026-03-01..2026-03-31');
    expect(picker(el).dates()).to.equal(f.range({ start: '2026-03-01', end: '2026-03-31' }));
    expect(picker(el).error()).to.equal('');
  });

  it('refuses a start after the end with an inline message tied to the inputs', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const seen = record(el);
    picker(el).select().focus();
    await press(el, 'End');
    await typeDate(el, picker(el).start()!, '2026-04-10');
    await typeDate(el, picker(el).end()!, '2026-04-01');
    picker(el).apply()!.focus();
    await press(el, 'Enter');
    const p = picker(el);
    expect(p.error()).to.equal(en.rangeStartAfterEnd);
    for (const input of [p.start()!, p.end()!]) {
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!.textContent!.trim()).to.equal(en.rangeStartAfterEnd);
    }
    expect(el.shadowRoot!.querySelector('[part~="error"]')!.getAttribute('role')).to.equal('alert');
    expect(seen).to.deep.equal([]);
    expect(el.range).to.equal('30d');

    // Fixing it clears the message.
    await typeDate(el, p.start()!, '2026-03-25');
    await press(el, 'Enter');
    expect(p.error()).to.equal('');
    expect(p.start()!.getAttribute('aria-invalid')).to.equal('false');
    expect(p.start()!.hasAttribute('aria-describedby')).to.equal(false);
    expect(seen.map((d) => d.range)).to.deep.equal(['2026-03-25..2026-04-01']);
  });

  it('refuses a span over 5 years, and a missing date', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const seen = record(el);
    picker(el).select().focus();
    await press(el, 'End');
    const p = picker(el);
    // 2021-04-01..2026-03-31 is the longest range from 2021-04-01; one more day is refused.
    await typeDate(el, p.start()!, '2021-04-01');
    await typeDate(el, p.end()!, '2026-04-01');
    await press(el, 'Enter');
    expect(p.error()).to.equal(en.rangeTooLong);
    expect(() => utc('2021-04-01..2026-04-01')).to.throw(RangeError);
    expect(seen).to.deep.equal([]);

    await typeDate(el, p.end()!, '2026-03-31');
    await press(el, 'Enter');
    expect(p.error()).to.equal('');
    expect(seen.map((d) => d.range)).to.deep.equal(['2021-04-01..2026-03-31']);

    p.end()!.value = '';
    p.end()!.dispatchEvent(new Event('input'));
    await el.updateComplete;
    p.apply()!.click();
    await el.updateComplete;
    expect(p.error()).to.equal(en.rangeIncomplete);
    expect(p.end()!.getAttribute('aria-invalid')).to.equal('true');
    expect(p.start()!.getAttribute('aria-invalid')).to.equal('false');
    expect(seen).to.have.length(1);
  });

  it('does not fire when `range` is set by code, and follows it', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const seen = record(el);
    el.range = '90d';
    await el.updateComplete;
    expect(picker(el).select().value).to.equal('90d');
    expect(picker(el).dates()).to.equal(f.range(utc('90d')));
    el.setAttribute('range', '2026-01-05..2026-02-04');
    await el.updateComplete;
    expect(picker(el).select().value).to.equal('custom');
    expect(picker(el).start()!.value).to.equal('2026-01-05');
    expect(picker(el).end()!.value).to.equal('2026-02-04');
    expect(picker(el).dates()).to.equal(f.range({ start: '2026-01-05', end: '2026-02-04' }));
    el.range = '7d';
    await el.updateComplete;
    expect(picker(el).select().value).to.equal('7d');
    expect(picker(el).start()).to.equal(null);
    expect(seen).to.deep.equal([]);
  });

  it('says why a bad `range` attribute is refused', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range range="2026-05-01..2026-04-01" .now=${NOW}></jt-date-range>`);
    expect(el.resolvedDates).to.equal(undefined);
    expect(picker(el).dates()).to.contain('the start must be on or before the end');
    expect(picker(el).select().value).to.equal('custom');
    expect(picker(el).start()!.value).to.equal('2026-05-01');
    expect(picker(el).end()!.value).to.equal('2026-04-01');
  });

  it('formats the dates with its locale and translates the presets', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range locale="de-DE" range="last_month" .now=${NOW}></jt-date-range>`);
    expect(picker(el).dates()).to.equal(new Formatter('de-DE').range({ start: '2026-10-01', end: '2026-10-31' }));
    expect(picker(el).select().selectedOptions[0]!.textContent).to.equal('Letzter Monat');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme, closed and with an invalid custom range`, async () => {
      const el = await fixture<JtDateRange>(html`<jt-date-range theme=${theme} .now=${NOW}></jt-date-range>`);
      await expect(el).to.be.accessible();
      picker(el).select().focus();
      await press(el, 'End');
      await typeDate(el, picker(el).start()!, '2026-04-10');
      await typeDate(el, picker(el).end()!, '2026-04-01');
      await press(el, 'Enter');
      expect(picker(el).error()).to.equal(en.rangeStartAfterEnd);
      await expect(el).to.be.accessible();
    });
  }
});

describe('<jt-date-range> custom range popover and layout', () => {
  const popover = (el: JtDateRange) => el.shadowRoot!.querySelector<HTMLElement>('[part~="popover"]');
  const isOpen = (el: JtDateRange) => !!popover(el) && !popover(el)!.hidden && popover(el)!.getBoundingClientRect().height > 0;
  /** What has focus, by its part: element diffs are too big for the test runner's report. */
  const focused = (el: JtDateRange) => el.shadowRoot!.activeElement?.getAttribute('part') ?? null;

  it('opens Custom in a popover that moves nothing; Escape closes it and returns focus to the select', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const seen = record(el);
    const before = el.getBoundingClientRect();
    picker(el).select().focus();
    await press(el, 'End');
    expect(isOpen(el)).to.equal(true);
    expect(popover(el)!.getAttribute('role')).to.equal('dialog');
    expect(el.getBoundingClientRect().height).to.equal(before.height);
    // Tab goes from the select into the popover.
    await press(el, 'Tab');
    expect(focused(el)).to.equal('start-input');
    await press(el, 'Escape');
    expect(isOpen(el)).to.equal(false);
    expect(focused(el)).to.equal('select');
    // Nothing was applied: the select shows the range in force again.
    expect(picker(el).select().value).to.equal('30d');
    expect(el.range).to.equal('30d');
    expect(seen).to.deep.equal([]);
    expect(el.getBoundingClientRect().height).to.equal(before.height);
  });

  it('closes on Apply with focus on the select, and reopens from the button beside a custom range', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const seen = record(el);
    picker(el).select().focus();
    await press(el, 'End');
    await typeDate(el, picker(el).start()!, '2026-03-01');
    await typeDate(el, picker(el).end()!, '2026-03-31');
    await press(el, 'Enter');
    await el.updateComplete;
    expect(seen.map((d) => d.range)).to.deep.equal(['2026-03-01..2026-03-31']);
    expect(isOpen(el)).to.equal(false);
    expect(focused(el)).to.equal('select');
    expect(picker(el).select().value).to.equal('custom');

    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="custom-button"]')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-label')).to.equal(en.customRange);
    button.focus();
    await press(el, 'Enter');
    await el.updateComplete;
    expect(isOpen(el)).to.equal(true);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(focused(el)).to.equal('start-input');
    expect(picker(el).start()!.value).to.equal('2026-03-01');
    await press(el, 'Escape');
    expect(isOpen(el)).to.equal(false);
    expect(picker(el).select().value).to.equal('custom');
    expect(el.range).to.equal('2026-03-01..2026-03-31');
  });

  it('closes without applying on a click outside', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div><jt-date-range .now=${NOW}></jt-date-range><button id="outside">outside</button></div>`);
    const el = wrapper.querySelector('jt-date-range')!;
    picker(el).select().focus();
    await press(el, 'End');
    expect(isOpen(el)).to.equal(true);
    wrapper.querySelector('#outside')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(isOpen(el)).to.equal(false);
    expect(picker(el).select().value).to.equal('30d');
  });

  it('never wraps the dates: in a tight row they move to a line of their own', async () => {
    for (const width of [300, 330, 360, 390, 420, 450]) {
      const wrapper = await fixture<HTMLElement>(html`<div style=${`width: ${width}px`}><jt-date-range range="2026-11-28..2026-12-04" .now=${NOW}></jt-date-range></div>`);
      const dates = wrapper.querySelector('jt-date-range')!.shadowRoot!.querySelector<HTMLElement>('[part~="dates"]')!;
      const lineHeight = parseFloat(getComputedStyle(dates).lineHeight) || parseFloat(getComputedStyle(dates).fontSize) * 1.3;
      expect(dates.textContent).to.equal('Nov 28 – Dec 4, 2026');
      expect(dates.getBoundingClientRect().height, `${width}px`).to.be.below(lineHeight * 1.5);
    }
  });

  it('paints no box of its own: the page shows through, or --jt-color-backdrop', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const base = el.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    el.style.setProperty('--jt-color-backdrop', 'rgb(240, 240, 241)');
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(240, 240, 241)');
  });

  it('is accessible with the popover open', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range range="2026-03-01..2026-03-31" .now=${NOW}></jt-date-range>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="custom-button"]')!.click();
    await el.updateComplete;
    expect(isOpen(el)).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
