import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { driftPct } from '../../engine/diff.js';
import { JtElement } from '../../internal/jt-element.js';
import type { DateRange } from '../../model/report.js';
import { metricStyles } from './metric.styles.js';
import { formatChange, shownChange } from './signed-percent.js';
import { ToggletipController } from './toggletip.js';

/** How a metric's value reads. */
export type MetricFormat = 'count' | 'percent-change' | 'ratio' | 'decimal' | 'duration';

/**
 * The smallest previous-period value a change is shown against as a
 * percentage. Below it (3 posts before, 37,770 now: "+1,258,900%") the
 * percentage says nothing, so the card shows "new" (from 0) or "—" with both
 * counts instead, as analytics tools do. The exact number stays in the report.
 */
export const MIN_COMPARISON_BASE = 20;

/** The two counts a change compares: this period's and the previous period's. */
export interface ComparedCounts {
  current: number;
  previous: number;
}

type Direction = 'up' | 'down' | 'unchanged';

const ARROWS: Record<Direction, string> = { up: '↑', down: '↓', unchanged: '→' };

type Change =
  /** The relative change against the previous period, in percent. */
  | { kind: 'percent'; percent: number; direction: Direction }
  /** The previous period had fewer than `minBase`: both counts instead of a percentage. */
  | { kind: 'small-base'; counts: ComparedCounts }
  /** A value is missing: nothing to compare. */
  | { kind: 'none' };

/**
 * One headline number on a card: its label, an optional short definition
 * (an info button that shows or hides it below the value: a click, Enter or
 * Space toggles it, Escape or a click elsewhere closes it, one open at a
 * time among the cards around it), the change against the previous period
 * (one decimal, with an arrow, a word and the up or down colour; a value
 * that is a change already, such as the Growth Rate, shows them too), the
 * previous period's dates, and in verify mode the value on both paths with
 * the drift between them. Purely presentational: it loads nothing.
 *
 * @summary A labelled number with its change vs the previous period and, when verifying, its drift.
 *
 * @slot - Extra lines under the value, e.g. "12 of 40 questions resolved".
 *
 * @csspart base - The card; carries `aria-busy` while loading.
 * @csspart label - The metric's name.
 * @csspart info-button - The button that shows or hides the definition (when `help` or `previousRange` is set); carries `aria-expanded`.
 * @csspart help - Where the definition and the previous period's dates appear below the value when the info button is pressed (a polite live region, empty while closed).
 * @csspart value - The value (the direct path's in verify mode).
 * @csspart value-direction - The arrow before a value that is a change already (`percent-change`), with the up or down colour.
 * @csspart change - The change vs the previous period: arrow, direction word, percent (one decimal); or "new" / "—" with both counts (in its tooltip and accessible text) when the previous value is under `min-base`.
 * @csspart small-base - "new" or "—" in place of a percentage whose previous value is under `min-base` (in the value or the change).
 * @csspart verify - The "Direct · Aggregated · Drift" line in verify mode.
 * @csspart drift - The drift percentage.
 * @csspart drift-nonzero - Also on the drift when the paths disagree (highlighted).
 * @csspart skeleton - The placeholder shown while loading.
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssproperty [--jt-font-size=14px] - Base font size.
 * @cssproperty [--jt-color-text=#1d2327] - Color of the value and of the definition.
 * @cssproperty [--jt-color-muted=#50575e] - Color of the label and the secondary lines.
 * @cssproperty [--jt-color-surface=#ffffff] - Background of the card.
 * @cssproperty [--jt-color-surface-alt=#f6f7f7] - Skeleton shade; background of the definition.
 * @cssproperty [--jt-color-border=#c3c4c7] - Card border and skeleton shimmer.
 * @cssproperty [--jt-color-positive=#00702a] - An increase.
 * @cssproperty [--jt-color-negative=#b32d2e] - A decrease.
 * @cssproperty [--jt-color-danger=#b32d2e] - Outline of a non-zero drift.
 * @cssproperty [--jt-color-warning-surface=#fcf9e8] - Background of a non-zero drift.
 * @cssproperty [--jt-color-focus=#2271b1] - Focus ring.
 * @cssproperty [--jt-radius=4px] - Corner radius.
 * @cssproperty [--jt-gap=16px] - Padding of the card.
 */
export class JtMetric extends JtElement {
  static override styles = metricStyles;

  /** The metric's name, e.g. "Total Posts". */
  @property()
  label = '';

  /** A short definition of what the metric counts, shown below the value while its info button is pressed (toggled by click, Enter or Space). */
  @property()
  help = '';

  /** The value (the direct path's in verify mode); `null` shows "n/a". */
  @property({ type: Number })
  value: number | null = null;

  /**
   * The previous period's value: shows the direction and the % change, "n/a"
   * when it is 0 or `null`. Leave `undefined` to show no comparison.
   */
  @property({ type: Number })
  previous: number | null | undefined = undefined;

  /**
   * For a value that is a change already (Growth Rate, `percent-change`): the
   * two counts it compares. When `previous` is under `min-base` the value
   * shows "new" or "—" with both counts instead of the percentage. Property only.
   */
  @property({ attribute: false })
  comparedCounts: ComparedCounts | undefined;

  /**
   * The count the previous value rests on, when it is not a count itself:
   * e.g. the previous period's posts for replies per post, its questions for
   * a resolution rate. A change is shown as a percentage only when this
   * count is at least `min-base`. Unset: the previous value itself.
   */
  @property({ attribute: 'previous-base', type: Number })
  previousBase: number | undefined;

  /**
   * The previous period's dates: the change line's tooltip and the info
   * button's text name them ("Previous period: Aug 31 – Sep 30, 2026").
   * Property only.
   */
  @property({ attribute: false })
  previousRange: DateRange | undefined;

  /** The smallest previous value a change is shown against as a percentage (default `MIN_COMPARISON_BASE`, 20); below it, "new" or "—" with both counts. */
  @property({ attribute: 'min-base', type: Number, reflect: true })
  minBase = MIN_COMPARISON_BASE;

  /** How the value reads: `count`, `percent-change` (already in percent), `ratio` (0–1), `decimal`, `duration` (minutes). */
  @property({ reflect: true })
  format: MetricFormat = 'count';

  /** Shows the value on both paths and the drift between them. */
  @property({ type: Boolean, reflect: true })
  verify = false;

  /** The aggregate path's value, shown in verify mode. */
  @property({ type: Number })
  aggregated: number | null = null;

  /** Shows a skeleton in place of the numbers. */
  @property({ type: Boolean, reflect: true })
  loading = false;

  /** The info button's definition: one toggletip, as on every card. */
  private readonly toggletip = new ToggletipController(this, 'help');

  private change: Change | undefined;
  /** The counts a `percent-change` value compares, when they are too few for a percentage. */
  private smallValueBase: ComparedCounts | undefined;
  private drift: number | null = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const minBase = Number.isFinite(this.minBase) ? this.minBase : MIN_COMPARISON_BASE;
    this.change = this.previous === undefined ? undefined : changeOf(this.value, this.previous, this.previousBase, minBase);
    const counts = this.comparedCounts;
    this.smallValueBase = counts && isSmallBase(counts.previous, minBase) ? counts : undefined;
    this.drift = driftPct(this.value, this.aggregated);
  }

  /** Formats a value as this card's `format` says. */
  private formatValue(value: number | null): string {
    if (value === null || !Number.isFinite(value)) return this.messages.notAvailable;
    const f = this.formatter;
    switch (this.format) {
      case 'percent-change':
        return formatChange(f.locale, value);
      case 'ratio':
        return f.ratio(value);
      case 'decimal':
        return f.number(value);
      case 'duration':
        return f.duration(value);
      default:
        return f.count(value);
    }
  }

  /** The previous period's dates, as the info button's text and the change's tooltip say them. */
  private previousDates(): string | undefined {
    const range = this.previousRange;
    return range ? this.messages.previousPeriodDates(this.formatter.range(range)) : undefined;
  }

  private renderHelpButton(): TemplateResult | typeof nothing {
    if (!this.help && !this.previousRange) return nothing;
    return this.toggletip.renderButton(this.messages.aboutMetric(this.label), 'info-button');
  }

  /** The definition and the previous period's dates, below the value: never over it. */
  private renderHelp(): TemplateResult | typeof nothing {
    if (!this.help && !this.previousRange) return nothing;
    const dates = this.previousDates();
    return this.toggletip.renderRegion(
      'help',
      () => html`${this.help ? html`<p>${this.help}</p>` : nothing}${dates ? html`<p class="help-dates">${dates}</p>` : nothing}`,
    );
  }

  /** The word a screen reader says for a direction, which the arrow shows. */
  private directionWord(direction: Direction): string {
    const m = this.messages;
    return direction === 'up' ? m.increase : direction === 'down' ? m.decrease : m.unchanged;
  }

  /** The arrow, the hidden word and the colour of a direction. */
  private renderDirection(direction: Direction, content: TemplateResult | string): TemplateResult {
    return html`<span class="direction-${direction}"
      ><span aria-hidden="true">${ARROWS[direction]}</span> <span class="visually-hidden">${this.directionWord(direction)}</span> ${content}</span
    >`;
  }

  /** The value; a change already (Growth Rate) gets the arrow, the word and the colour of its direction, as the changes do. */
  private renderValue(): TemplateResult {
    // The counts a growth rate compares are counts, whatever the card's format.
    if (this.smallValueBase) return html`<p part="value">${this.renderSmallBase(this.smallValueBase, (n) => this.formatter.count(n))}</p>`;
    const value = this.value;
    if (this.format !== 'percent-change' || value === null || !Number.isFinite(value)) {
      return html`<p part="value">${this.formatValue(value)}</p>`;
    }
    const direction = directionOf(value);
    // The arrow and the word stand beside the value part, which holds the number alone, as on the other cards.
    return html`<p class="value-line direction-${direction}">
      <span part="value-direction" aria-hidden="true">${ARROWS[direction]}</span
      ><span class="visually-hidden">${this.directionWord(direction)}</span>
      <span part="value">${this.formatValue(value)}</span>
    </p>`;
  }

  /** "new" (nothing before) or "—", read out with both counts; the tooltip also says from which base a percentage is shown. */
  private renderSmallBase(counts: ComparedCounts, format: (value: number) => string): TemplateResult {
    const m = this.messages;
    const f = this.formatter;
    const isNew = counts.previous === 0 && counts.current > 0;
    const both = m.comparedCounts(format(counts.previous), format(counts.current));
    return html`<span part="small-base" title=${`${both}. ${m.minBaseNote(f.count(this.minBase))}`}
      ><span aria-hidden="true">${isNew ? m.newBase : '—'}</span
      ><span class="visually-hidden">${isNew ? m.newBase : m.tooFewToCompare}: ${both}</span></span
    >`;
  }

  private renderChange(): TemplateResult | typeof nothing {
    const change = this.change;
    if (!change) return nothing;
    const m = this.messages;
    if (change.kind === 'none') {
      return html`<p part="change">
        <span aria-hidden="true">${m.notAvailable}</span><span class="visually-hidden">${m.notAvailable}: ${m.noBase}</span>
        ${m.vsPrevious}
      </p>`;
    }
    if (change.kind === 'small-base') return html`<p part="change" title=${this.previousDates() ?? nothing}>${this.renderSmallBase(change.counts, (v) => this.formatValue(v))} ${m.vsPrevious}</p>`;
    return html`<p part="change" title=${this.previousDates() ?? nothing}>
      ${this.renderDirection(change.direction, formatChange(this.formatter.locale, change.percent))} ${m.vsPrevious}
    </p>`;
  }

  private renderVerify(): TemplateResult | typeof nothing {
    if (!this.verify) return nothing;
    const m = this.messages;
    const disagree = this.drift !== 0;
    const drift = this.drift === null ? m.notAvailable : this.formatter.percentChange(this.drift);
    return html`<p part="verify">
      <span>${m.directValue} ${this.formatValue(this.value)}<span aria-hidden="true"> ·</span></span>
      <span>${m.aggregatedValue} ${this.formatValue(this.aggregated)}<span aria-hidden="true"> ·</span></span>
      <span>${m.drift} <span part=${disagree ? 'drift drift-nonzero' : 'drift'}>${disagree ? html`<span aria-hidden="true">⚠ </span>` : nothing}${drift}</span></span>
    </p>`;
  }

  override render(): TemplateResult {
    if (this.loading) {
      return html`<div part="base" role="group" aria-labelledby="label" aria-busy="true">
        <div class="heading"><span part="label" id="label">${this.label}</span></div>
        <span part="skeleton" class="skeleton skeleton-value"></span>
        <span class="skeleton skeleton-line"></span>
        <span class="visually-hidden">${this.messages.loading}</span>
      </div>`;
    }
    return html`<div part="base" role="group" aria-labelledby="label">
      <div class="heading"><span part="label" id="label">${this.label}</span>${this.renderHelpButton()}</div>
      ${this.renderValue()} ${this.renderChange()} ${this.renderVerify()}
      <slot></slot>
      ${this.renderHelp()}
    </div>`;
  }
}

/**
 * The relative change from `previous` to `value`; both values instead when
 * `previous` (or the count it rests on, `base`) is under `minBase`, or 0.
 */
function changeOf(value: number | null, previous: number | null, base: number | undefined, minBase: number): Change {
  if (value === null || previous === null || !Number.isFinite(value) || !Number.isFinite(previous)) return { kind: 'none' };
  const smallBase = previous === 0 || (base !== undefined && Number.isFinite(base) ? isSmallBase(base, minBase) : isSmallBase(previous, minBase));
  if (smallBase) return { kind: 'small-base', counts: { current: value, previous } };
  const percent = ((value - previous) / Math.abs(previous)) * 100;
  return { kind: 'percent', percent, direction: directionOf(percent) };
}

/** The direction of a change as it is shown: one that rounds to 0.0 % is unchanged. */
function directionOf(percent: number): Direction {
  const shown = shownChange(percent);
  return shown > 0 ? 'up' : shown < 0 ? 'down' : 'unchanged';
}

/** Too few before for a percentage to mean anything (and none at all is no base whatever `minBase` says). */
function isSmallBase(previous: number, minBase: number): boolean {
  return previous === 0 || Math.abs(previous) < minBase;
}

if (!customElements.get('jt-metric')) customElements.define('jt-metric', JtMetric);

declare global {
  interface HTMLElementTagNameMap {
    'jt-metric': JtMetric;
  }
}
