import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { JtRangeChangeEvent } from '../../events/range-change-event.js';
import { Formatter } from '../../internal/format.js';
import { messagesFor, type Messages } from '../../internal/i18n.js';
import type { ThemeName } from '../../internal/theme.js';
import { isRangePreset, parseRange } from '../../model/range.js';
import type { DateRange, RangePreset } from '../../model/report.js';
import { dateRangeStyles } from './date-range.styles.js';

type Choice = RangePreset | 'custom';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The date range picker: the presets Last 7 / 30 / 90 days, This month and
 * Last month in a native `<select>` (arrow keys pick a preset), and Custom,
 * two labelled date inputs with Apply. A custom range must start on or
 * before its end and span at most 5 years; otherwise an inline message says
 * why and the inputs are marked invalid. The resolved dates are shown next
 * to the picker. Presets are resolved in `time-zone` at the clock `now`.
 *
 * @summary Picks a preset or custom date range and shows the dates it stands for.
 *
 * @event {JtRangeChangeEvent} jt-range-change - The user picked a range; `detail.range` is the preset or `YYYY-MM-DD..YYYY-MM-DD`, `detail.dates` its `{ start, end }`. Not fired when `range` is set by code.
 *
 * @csspart base - The wrapper of the picker.
 * @csspart label - The "Date range" label.
 * @csspart select - The preset `<select>`.
 * @csspart dates - The resolved dates of the current range (or why it is invalid).
 * @csspart custom - The custom range form (shown when Custom is chosen).
 * @csspart start-input - The start date input.
 * @csspart end-input - The end date input.
 * @csspart apply-button - The Apply button of the custom range.
 * @csspart error - The inline message of an invalid custom range.
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssproperty [--jt-font-size=14px] - Base font size.
 * @cssproperty [--jt-color-text=#1d2327] - Text of the controls.
 * @cssproperty [--jt-color-muted=#50575e] - The resolved dates and the legend.
 * @cssproperty [--jt-color-surface=#ffffff] - Background of the controls.
 * @cssproperty [--jt-color-border=#c3c4c7] - Borders of the controls.
 * @cssproperty [--jt-color-accent=#2271b1] - The Apply button.
 * @cssproperty [--jt-color-accent-text=#ffffff] - Text of the Apply button.
 * @cssproperty [--jt-color-danger=#b32d2e] - The inline message and invalid inputs.
 * @cssproperty [--jt-color-focus=#2271b1] - Focus ring.
 * @cssproperty [--jt-radius=4px] - Corner radius of the controls.
 */
export class JtDateRange extends LitElement {
  static override styles = dateRangeStyles;

  /** The range: a preset (`7d`, `30d`, `90d`, `this_month`, `last_month`) or `YYYY-MM-DD..YYYY-MM-DD`. */
  @property({ reflect: true })
  range = '30d';

  /** The site's time zone (IANA name or `±HH:MM`) in which presets are resolved; UTC when unset. */
  @property({ attribute: 'time-zone', reflect: true })
  timeZone: string | undefined;

  /** BCP 47 locale of the strings and dates; the runtime's default when unset. */
  @property({ reflect: true })
  locale: string | undefined;

  /** Colour scheme: `light`, `dark` or `auto` (follows the system). */
  @property({ reflect: true })
  theme: ThemeName = 'light';

  /** The clock for "today", epoch ms; `Date.now()` when unset. Property only. */
  @property({ attribute: false })
  now: number | undefined;

  /** What the select shows: a preset, or Custom (which may not be applied yet). */
  @state()
  private choice: Choice = '30d';

  @state()
  private customStart = '';

  @state()
  private customEnd = '';

  @state()
  private customError = '';

  /** Which custom inputs the message is about. */
  @state()
  private invalidInputs: { start: boolean; end: boolean } = { start: false, end: false };

  private messages: Messages = messagesFor(undefined);
  private formatter = new Formatter(undefined);
  private dates: DateRange | undefined;
  private rangeProblem = '';

  /** The dates the current `range` stands for, or `undefined` when it is invalid. */
  get resolvedDates(): DateRange | undefined {
    return this.dates;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      this.messages = messagesFor(this.locale);
      this.formatter = new Formatter(this.locale);
    }
    if (changed.has('range') || changed.has('timeZone') || changed.has('now')) {
      const resolved = this.resolve(this.range);
      this.dates = resolved.dates;
      this.rangeProblem = resolved.problem;
    }
    if (changed.has('range')) {
      this.choice = isRangePreset(this.range) ? this.range : 'custom';
      this.customError = '';
      this.invalidInputs = { start: false, end: false };
      if (!isRangePreset(this.range)) {
        // An invalid custom range still fills the inputs, so the user can see and fix it.
        const [start = '', end = ''] = this.dates ? [this.dates.start, this.dates.end] : this.range.split('..');
        this.customStart = ISO_DATE.test(start) ? start : '';
        this.customEnd = ISO_DATE.test(end) ? end : '';
      }
    }
  }

  protected override updated(): void {
    // `?selected` only sets the default; keep the live value in step when `range` is changed by code.
    const select = this.renderRoot.querySelector<HTMLSelectElement>('select');
    if (select && select.value !== this.choice) select.value = this.choice;
  }

  private resolve(range: string): { dates: DateRange | undefined; problem: string } {
    try {
      return { dates: parseRange(range, { timeZone: this.timeZone || 'UTC', now: this.now ?? Date.now() }), problem: '' };
    } catch (error) {
      return { dates: undefined, problem: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Sets the range as the user's choice: reflects it and tells listeners, if it changed. */
  private commit(range: string, dates: DateRange): void {
    if (range === this.range) return;
    this.range = range;
    // Through a variable: the manifest analyzer would list an inline `new` as a second, unnamed event.
    const event = new JtRangeChangeEvent({ range, dates });
    this.dispatchEvent(event);
  }

  private handleSelect(event: Event): void {
    const choice = (event.target as HTMLSelectElement).value as Choice;
    this.choice = choice;
    if (choice === 'custom') {
      // Start from the dates on screen, so Custom is a small edit of the current range.
      if (!this.customStart && !this.customEnd && this.dates) {
        this.customStart = this.dates.start;
        this.customEnd = this.dates.end;
      }
      return;
    }
    const { dates } = this.resolve(choice);
    if (dates) this.commit(choice, dates);
  }

  private handleStartInput(event: Event): void {
    this.customStart = (event.target as HTMLInputElement).value;
  }

  private handleEndInput(event: Event): void {
    this.customEnd = (event.target as HTMLInputElement).value;
  }

  private handleApply(event: Event): void {
    event.preventDefault();
    const m = this.messages;
    const start = this.customStart;
    const end = this.customEnd;
    if (!start || !end) {
      this.fail(m.rangeIncomplete, { start: !start, end: !end });
      return;
    }
    if (ISO_DATE.test(start) && ISO_DATE.test(end) && start > end) {
      this.fail(m.rangeStartAfterEnd, { start: true, end: true });
      return;
    }
    const range = `${start}..${end}`;
    const { dates, problem } = this.resolve(range);
    if (!dates) {
      // Two well-formed dates in order can only fail on the span; anything else keeps the model's own words.
      const tooLong = ISO_DATE.test(start) && ISO_DATE.test(end);
      this.fail(tooLong ? m.rangeTooLong : problem, { start: true, end: true });
      return;
    }
    this.customError = '';
    this.invalidInputs = { start: false, end: false };
    this.commit(range, dates);
  }

  private fail(message: string, inputs: { start: boolean; end: boolean }): void {
    this.customError = message;
    this.invalidInputs = inputs;
  }

  private renderCustom(): TemplateResult | typeof nothing {
    if (this.choice !== 'custom') return nothing;
    const m = this.messages;
    const describedBy = this.customError ? 'range-error' : nothing;
    return html`<form part="custom" novalidate @submit=${this.handleApply}>
      <fieldset>
        <legend>${m.customRange}</legend>
        <span class="field">
          <label for="start">${m.customStart}</label>
          <input
            part="start-input"
            id="start"
            type="date"
            required
            .value=${this.customStart}
            aria-invalid=${this.invalidInputs.start ? 'true' : 'false'}
            aria-describedby=${describedBy}
            @input=${this.handleStartInput}
            @change=${this.handleStartInput}
          />
        </span>
        <span class="field">
          <label for="end">${m.customEnd}</label>
          <input
            part="end-input"
            id="end"
            type="date"
            required
            .value=${this.customEnd}
            aria-invalid=${this.invalidInputs.end ? 'true' : 'false'}
            aria-describedby=${describedBy}
            @input=${this.handleEndInput}
            @change=${this.handleEndInput}
          />
        </span>
        <button part="apply-button" type="submit">${m.applyRange}</button>
        <p part="error" id="range-error" role="alert">${this.customError}</p>
      </fieldset>
    </form>`;
  }

  override render(): TemplateResult {
    const m = this.messages;
    const options: [Choice, string][] = [
      ['7d', m.preset7d],
      ['30d', m.preset30d],
      ['90d', m.preset90d],
      ['this_month', m.presetThisMonth],
      ['last_month', m.presetLastMonth],
      ['custom', m.presetCustom],
    ];
    return html`<div part="base">
      <label part="label" for="preset">${m.rangeLabel}</label>
      <select part="select" id="preset" aria-describedby="dates" @change=${this.handleSelect}>
        ${options.map(([value, label]) => html`<option value=${value} ?selected=${value === this.choice}>${label}</option>`)}
      </select>
      <output part="dates" id="dates" for="preset">${this.dates ? this.formatter.range(this.dates) : this.rangeProblem}</output>
      ${this.renderCustom()}
    </div>`;
  }
}

if (!customElements.get('jt-date-range')) customElements.define('jt-date-range', JtDateRange);

declare global {
  interface HTMLElementTagNameMap {
    'jt-date-range': JtDateRange;
  }
}
