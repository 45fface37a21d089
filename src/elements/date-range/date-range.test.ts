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

/** Sets both custom dates as a date picker does (a whole value, then `input`), and focuses the end date. */
async function setDates(el: JtDateRange, start: string, end: string): Promise<void> {
  for (const [input, value] of [[picker(el).start()!, start], [picker(el).end()!, end]] as const) {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  await el.updateComplete;
  picker(el).end()!.focus();
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

  it('moves through the presets with the arrow keys and applies the one it rests on with Enter, firing jt-range-change once', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const seen = record(el);
    picker(el).select().focus();
    await press(el, 'ArrowUp');
    for (let i = 0; i < 4; i++) await press(el, 'ArrowDown');
    // Passing over 7d, 30d, 90d and This month loads none of them.
    expect(seen).to.deep.equal([]);
    expect(picker(el).select().value).to.equal('last_month');
    expect(el.range).to.equal('30d');
    await press(el, 'Enter');
    expect(seen).to.deep.equal([{ range: 'last_month', dates: utc('last_month') }]);
    expect(el.range).to.equal('last_month');
    expect(el.getAttribute('range')).to.equal('last_month');
    expect(picker(el).dates()).to.equal(f.range({ start: '2026-10-01', end: '2026-10-31' }));

    // Custom only opens the inputs, prefilled with the dates on screen; nothing is applied yet.
    await press(el, 'ArrowDown');
    expect(picker(el).select().value).to.equal('custom');
    expect(seen).to.have.length(1);
    expect(el.range).to.equal('last_month');
    expect(picker(el).start()!.value).to.equal('2026-10-01');
    expect(picker(el).end()!.value).to.equal('2026-10-31');
    expect(picker(el).labelOf(picker(el).start()!)).to.equal(en.customStart);
    expect(picker(el).labelOf(picker(el).end()!)).to.equal(en.customEnd);
  });

  it('applies the preset the arrow keys rest on when focus leaves the select; Escape goes back; a mouse choice applies at once', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const seen = record(el);
    const select = picker(el).select();
    select.focus();
    await press(el, 'ArrowDown');
    await press(el, 'ArrowDown');
    expect(seen).to.deep.equal([]);
    await press(el, 'Tab');
    expect(seen.map((d) => d.range)).to.deep.equal(['this_month']);
    expect(el.range).to.equal('this_month');

    select.focus();
    await press(el, 'ArrowUp');
    expect(select.value).to.equal('90d');
    await press(el, 'Escape');
    expect(select.value).to.equal('this_month');
    select.blur();
    await el.updateComplete;
    expect(seen).to.have.length(1);
    expect(el.range).to.equal('this_month');

    // A pointer choice: a change with no key down.
    select.value = '7d';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(seen.map((d) => d.range)).to.deep.equal(['this_month', '7d']);
  });

  it('bounds the date inputs from 1970-01-01 to today in its zone by its clock', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range time-zone="Pacific/Auckland" .now=${NOW}></jt-date-range>`);
    picker(el).select().focus();
    await press(el, 'End');
    for (const input of [picker(el).start()!, picker(el).end()!]) {
      expect(input.min).to.equal('1970-01-01');
      expect(input.max).to.equal('2026-11-25');
    }
  });

  it('refuses a custom range that ends after today, or starts before 1970, with a message at the field', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range .now=${NOW}></jt-date-range>`);
    const seen = record(el);
    picker(el).select().focus();
    await press(el, 'End');
    const p = picker(el);
    await setDates(el, '2027-10-01', '2027-11-30');
    await press(el, 'Enter');
    const afterToday = en.rangeAfterToday(f.date('2026-11-24'));
    expect(p.error()).to.equal(afterToday);
    expect(afterToday).to.equal('A range can end today (Nov 24, 2026) at the latest.');
    for (const input of [p.start()!, p.end()!]) {
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!.textContent!.trim()).to.equal(afterToday);
    }
    // Ending today is fine; one day later is not, and the start alone is not blamed.
    await setDates(el, '2026-11-01', '2026-11-25');
    await press(el, 'Enter');
    expect(p.error()).to.equal(afterToday);
    expect(p.start()!.getAttribute('aria-invalid')).to.equal('false');
    expect(p.end()!.getAttribute('aria-invalid')).to.equal('true');
    expect(seen).to.deep.equal([]);

    // Year 0026, as a mistyped year gives.
    await setDates(el, '0026-10-01', '0026-11-30');
    p.apply()!.click();
    await el.updateComplete;
    expect(p.error()).to.equal(en.rangeBeforeFirst(f.date('1970-01-01')));
    expect(p.start()!.getAttribute('aria-invalid')).to.equal('true');
    expect(seen).to.deep.equal([]);
    expect(el.range).to.equal('30d');

    await setDates(el, '2026-11-01', '2026-11-24');
    await press(el, 'Enter');
    expect(p.error()).to.equal('');
    expect(seen.map((d) => d.range)).to.deep.equal(['2026-11-01..2026-11-24']);
  });

  it('refuses a `range` from the page that ends after today, with the same message, instead of applying it', async () => {
    const el = await fixture<JtDateRange>(html`<jt-date-range range="2027-10-01..2027-11-30" .now=${NOW}></jt-date-range>`);
    expect(el.resolvedDates).to.equal(undefined);
    expect(picker(el).dates()).to.equal(en.rangeAfterToday(f.date('2026-11-24')));
    // Its zone decides what today is: in Auckland the 25th has begun.
    el.range = '2026-11-01..2026-11-25';
    await el.updateComplete;
    expect(el.resolvedDates).to.equal(undefined);
    el.timeZone = 'Pacific/Auckland';
    await el.updateComplete;
    expect(el.resolvedDates).to.deep.equal({ start: '2026-11-01', end: '2026-11-25' });
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
      const wrapper = await fixture<HTMLElement>(html`<div style=${`width: ${width}px`}><jt-date-range range="2026-11-28..2026-12-04" .now=${Date.UTC(2026, 11, 5, 12)}></jt-date-range></div>`);
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
