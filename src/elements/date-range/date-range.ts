import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { JtRangeChangeEvent } from '../../events/range-change-event.js';
import { JtZonedElement } from '../../internal/jt-element.js';
import { FIRST_RANGE_DATE, endsAfterToday, isRangePreset, parseRange, todayIn } from '../../model/range.js';
import type { DateRange, RangePreset } from '../../model/report.js';
import { dateRangeStyles } from './date-range.styles.js';

type Choice = RangePreset | 'custom';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The date range picker: the presets Last 7 / 30 / 90 days, This month and
 * Last month in a native `<select>`, and Custom,
 * two labelled date inputs with Apply in a popover under the picker, so
 * choosing it never moves the rest of the page. Tab goes from the select
 * into the popover; Escape, a click outside or focus leaving the picker
 * closes it without applying (Escape returns focus to the select); Apply
 * closes it. While a custom range is on, a button beside the dates opens it
 * again. A mouse choice applies at once; arrow keys only move through the
 * presets, and the one they rest on is applied on Enter or when focus leaves
 * the select (Escape goes back to the range in force), so passing over a
 * preset loads nothing. A custom range must start on or before its end, span
 * at most 5 years, start on 1970-01-01 or later and end today at the latest
 * (today in `time-zone` by the clock `now`; the date inputs carry these as
 * `min` and `max`); otherwise an inline message says why and the inputs are
 * marked invalid. A `range` set by the page that ends after today is refused
 * too, not clamped: the dates part shows the same message and
 * `resolvedDates` is `undefined`. The resolved dates are shown next to the picker on one line.
 * Presets are resolved in `time-zone` at the clock `now`. The picker paints
 * no box of its own: the page (or `--jt-color-backdrop`) shows through.
 *
 * @summary Picks a preset or custom date range and shows the dates it stands for.
 *
 * @event {JtRangeChangeEvent} jt-range-change - The user picked a range; `detail.range` is the preset or `YYYY-MM-DD..YYYY-MM-DD`, `detail.dates` its `{ start, end }`. Not fired when `range` is set by code.
 *
 * @csspart base - The wrapper of the picker.
 * @csspart label - The "Date range" label.
 * @csspart select - The preset `<select>`.
 * @csspart dates - The resolved dates of the current range (or why it is invalid); never wraps.
 * @csspart custom-button - The button beside the dates that opens the custom range popover again (shown while a custom range is in force).
 * @csspart popover - The custom range popover (a non-modal dialog), laid over the page under the picker.
 * @csspart custom - The custom range form inside the popover.
 * @csspart start-input - The start date input.
 * @csspart end-input - The end date input.
 * @csspart apply-button - The Apply button of the custom range.
 * @csspart error - The inline message of an invalid custom range.
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssproperty [--jt-font-size=14px] - Base font size.
 * @cssproperty [--jt-color-text=#1d2327] - Text of the controls.
 * @cssproperty [--jt-color-muted=#50575e] - The resolved dates and the legend.
 * @cssproperty [--jt-color-backdrop=transparent] - Behind the picker: the page shows through in the light theme; `#101517` in the dark theme.
 * @cssproperty [--jt-color-surface=#ffffff] - Background of the select, the inputs and the popover.
 * @cssproperty [--jt-color-border=#c3c4c7] - Borders of the controls.
 * @cssproperty [--jt-color-accent=#2271b1] - The Apply button.
 * @cssproperty [--jt-color-accent-text=#ffffff] - Text of the Apply button.
 * @cssproperty [--jt-color-danger=#b32d2e] - The inline message and invalid inputs.
 * @cssproperty [--jt-color-focus=#2271b1] - Focus ring.
 * @cssproperty [--jt-radius=4px] - Corner radius of the controls.
 */
export class JtDateRange extends JtZonedElement {
  static override styles = dateRangeStyles;

  /** The range: a preset (`7d`, `30d`, `90d`, `this_month`, `last_month`) or `YYYY-MM-DD..YYYY-MM-DD`. */
  @property({ reflect: true })
  range = '30d';

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

  /** Whether the custom range popover is open. */
  @state()
  private popoverOpen = false;

  /** Which custom inputs the message is about. */
  @state()
  private invalidInputs: { start: boolean; end: boolean } = { start: false, end: false };

  /** A preset reached with the arrow keys, applied on Enter or blur (not on every key). */
  private pendingPreset: RangePreset | undefined;

  /** Whether a key is down on the select: a `change` then comes from the keyboard. */
  private keyDownOnSelect = false;

  /** Whether the document is watched for clicks outside the open popover. */
  private listening = false;
  private dates: DateRange | undefined;
  private rangeProblem = '';
  /** Today in the zone by the clock: the latest date a range may end on. */
  private today = '';

  /** The dates the current `range` stands for, or `undefined` when it is invalid. */
  get resolvedDates(): DateRange | undefined {
    return this.dates;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('range') || changed.has('timeZone') || changed.has('now') || changed.has('locale')) {
      const resolved = this.resolve(this.range);
      this.dates = resolved.dates;
      this.rangeProblem = resolved.problem;
    }
    if (changed.has('range')) {
      this.choice = isRangePreset(this.range) ? this.range : 'custom';
      this.pendingPreset = undefined;
      this.setPopover(false);
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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.listenOutside(false);
  }

  private resolve(range: string): { dates: DateRange | undefined; problem: string } {
    const timeZone = this.timeZone || 'UTC';
    const now = this.now ?? Date.now();
    let dates: DateRange;
    try {
      this.today = todayIn(timeZone, now);
      dates = parseRange(range, { timeZone, now });
    } catch (error) {
      return { dates: undefined, problem: error instanceof Error ? error.message : String(error) };
    }
    // Future days have no data yet: such a range would show every figure as a fall against the period before.
    if (endsAfterToday(dates, this.today)) return { dates: undefined, problem: this.messages.rangeAfterToday(this.formatter.date(this.today)) };
    return { dates, problem: '' };
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
    this.pendingPreset = undefined;
    if (choice === 'custom') {
      // Start from the dates on screen, so Custom is a small edit of the current range.
      if (!this.customStart && !this.customEnd && this.dates) {
        this.customStart = this.dates.start;
        this.customEnd = this.dates.end;
      }
      // Focus stays on the select (arrow keys keep choosing); Tab goes on into the popover.
      this.setPopover(true);
      return;
    }
    this.setPopover(false);
    if (this.keyDownOnSelect) {
      // Arrow keys pass over presets: wait for Enter or blur, so only the one the user stops on is loaded.
      this.pendingPreset = choice;
      return;
    }
    this.applyPreset(choice);
  }

  private applyPreset(preset: RangePreset): void {
    this.pendingPreset = undefined;
    const { dates } = this.resolve(preset);
    if (dates) this.commit(preset, dates);
  }

  private handleSelectKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && this.pendingPreset) {
      event.preventDefault();
      this.applyPreset(this.pendingPreset);
      return;
    }
    if (event.key === 'Escape' && this.pendingPreset) {
      // Back to the range in force, as Escape does in the popover.
      event.stopPropagation();
      event.preventDefault();
      this.pendingPreset = undefined;
      this.choice = isRangePreset(this.range) ? this.range : 'custom';
      return;
    }
    this.keyDownOnSelect = true;
  }

  private handleSelectKeyup(): void {
    this.keyDownOnSelect = false;
  }

  private handleSelectBlur(): void {
    this.keyDownOnSelect = false;
    if (this.pendingPreset) this.applyPreset(this.pendingPreset);
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
    // Well-formed dates compare as text; a year such as 0026 is before any data.
    if (ISO_DATE.test(start) && start < FIRST_RANGE_DATE) {
      this.fail(m.rangeBeforeFirst(this.formatter.date(FIRST_RANGE_DATE)), { start: true, end: end < FIRST_RANGE_DATE });
      return;
    }
    this.today = todayIn(this.timeZone || 'UTC', this.now ?? Date.now());
    if (ISO_DATE.test(end) && endsAfterToday({ end }, this.today)) {
      this.fail(m.rangeAfterToday(this.formatter.date(this.today)), { start: start > this.today, end: true });
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
    this.setPopover(false);
    this.focusSelect();
  }

  /** Opens or closes the popover; an open one listens for clicks outside the picker. */
  private setPopover(open: boolean): void {
    this.popoverOpen = open;
    this.listenOutside(open);
  }

  /**
   * Closes the popover without applying: the select goes back to the range
   * in force and the inputs to its dates. `returnFocus` puts focus on the
   * select (Escape, Apply), not when the user went elsewhere.
   */
  private closePopover(returnFocus: boolean): void {
    if (!this.popoverOpen) return;
    this.setPopover(false);
    this.choice = isRangePreset(this.range) ? this.range : 'custom';
    this.customError = '';
    this.invalidInputs = { start: false, end: false };
    if (this.choice === 'custom' && this.dates) {
      this.customStart = this.dates.start;
      this.customEnd = this.dates.end;
    }
    if (returnFocus) this.focusSelect();
  }

  private focusSelect(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLSelectElement>('select')?.focus());
  }

  private listenOutside(on: boolean): void {
    if (on === this.listening) return;
    this.listening = on;
    if (on) document.addEventListener('pointerdown', this.handleOutsidePointer, true);
    else document.removeEventListener('pointerdown', this.handleOutsidePointer, true);
  }

  private readonly handleOutsidePointer = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this)) this.closePopover(false);
  };

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.popoverOpen) return;
    // Escape closes only the popover, not a dialog the page has the picker in.
    event.stopPropagation();
    event.preventDefault();
    this.closePopover(true);
  }

  private handleFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget;
    // Focus that moved to another control of the page; none (a click on nothing, the date input's own calendar) keeps it open.
    if (next instanceof Node && !this.renderRoot.contains(next) && !this.contains(next) && next !== this) this.closePopover(false);
  }

  private handleCustomButton(): void {
    if (this.popoverOpen) {
      this.closePopover(false);
      return;
    }
    this.setPopover(true);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#start')?.focus());
  }

  private fail(message: string, inputs: { start: boolean; end: boolean }): void {
    this.customError = message;
    this.invalidInputs = inputs;
  }

  /** The popover: rendered (with the inputs filled) whenever Custom is chosen, shown while open. */
  private renderCustom(): TemplateResult | typeof nothing {
    if (this.choice !== 'custom') return nothing;
    const m = this.messages;
    const describedBy = this.customError ? 'range-error' : nothing;
    return html`<div part="popover" id="custom-popover" role="dialog" aria-labelledby="custom-legend" ?hidden=${!this.popoverOpen}>
      <form part="custom" novalidate @submit=${this.handleApply}>
      <fieldset>
        <legend id="custom-legend">${m.customRange}</legend>
        <span class="field">
          <label for="start">${m.customStart}</label>
          <input
            part="start-input"
            id="start"
            type="date"
            required
            min=${FIRST_RANGE_DATE}
            max=${this.today}
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
            min=${FIRST_RANGE_DATE}
            max=${this.today}
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
      </form>
    </div>`;
  }

  /** While a custom range is in force: reopens the popover (picking Custom again in the select fires nothing). */
  private renderCustomButton(): TemplateResult | typeof nothing {
    if (this.choice !== 'custom' || isRangePreset(this.range)) return nothing;
    return html`<button
      part="custom-button"
      type="button"
      aria-label=${this.messages.customRange}
      title=${this.messages.customRange}
      aria-haspopup="dialog"
      aria-expanded=${this.popoverOpen ? 'true' : 'false'}
      aria-controls="custom-popover"
      @click=${this.handleCustomButton}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M4 0h1.5v2h5V0H12v2h2a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1h2V0Zm-1.5 6v8.5h11V6h-11Zm1.5 2h2v2H4V8Zm3 0h2v2H7V8Zm3 0h2v2h-2V8Zm-6 3h2v2H4v-2Zm3 0h2v2H7v-2Z"
        />
      </svg>
    </button>`;
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
    return html`<div part="base" @keydown=${this.handleKeydown} @focusout=${this.handleFocusOut}>
      <label part="label" for="preset">${m.rangeLabel}</label>
      <select
        part="select"
        id="preset"
        aria-describedby="dates"
        @change=${this.handleSelect}
        @keydown=${this.handleSelectKeydown}
        @keyup=${this.handleSelectKeyup}
        @blur=${this.handleSelectBlur}
      >
        ${options.map(([value, label]) => html`<option value=${value} ?selected=${value === this.choice}>${label}</option>`)}
      </select>
      <output part="dates" id="dates" for="preset">${this.dates ? this.formatter.range(this.dates) : this.rangeProblem}</output>
      ${this.renderCustomButton()} ${this.renderCustom()}
    </div>`;
  }
}

if (!customElements.get('jt-date-range')) customElements.define('jt-date-range', JtDateRange);

declare global {
  interface HTMLElementTagNameMap {
    'jt-date-range': JtDateRange;
  }
}
