import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { driftPct } from '../../engine/diff.js';
import { JtElement } from '../../internal/jt-element.js';
import { metricStyles } from './metric.styles.js';

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

type Change =
  /** The relative change against the previous period, in percent. */
  | { kind: 'percent'; percent: number; direction: Direction }
  /** The previous period had fewer than `minBase`: both counts instead of a percentage. */
  | { kind: 'small-base'; counts: ComparedCounts }
  /** A value is missing: nothing to compare. */
  | { kind: 'none' };

/**
 * One headline number on a card: its label, an optional short definition
 * (an info button that shows it on hover and on keyboard focus), the change
 * against the previous period, and in verify mode the value on both paths
 * with the drift between them. Purely presentational: it loads nothing.
 *
 * @summary A labelled number with its change vs the previous period and, when verifying, its drift.
 *
 * @slot - Extra lines under the value, e.g. "12 of 40 questions resolved".
 *
 * @csspart base - The card; carries `aria-busy` while loading.
 * @csspart label - The metric's name.
 * @csspart info-button - The button that shows the definition (only when `help` is set).
 * @csspart help - The definition popover, the info button's description.
 * @csspart value - The value (the direct path's in verify mode).
 * @csspart change - The change vs the previous period: arrow, direction word, percent; or "new" / "—" with both counts (in its tooltip and accessible text) when the previous value is under `min-base`.
 * @csspart small-base - "new" or "—" in place of a percentage whose previous value is under `min-base` (in the value or the change).
 * @csspart verify - The "Direct · Aggregated · Drift" line in verify mode.
 * @csspart drift - The drift percentage.
 * @csspart drift-nonzero - Also on the drift when the paths disagree (highlighted).
 * @csspart skeleton - The placeholder shown while loading.
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssproperty [--jt-font-size=14px] - Base font size.
 * @cssproperty [--jt-color-text=#1d2327] - Color of the value; background of the definition popover.
 * @cssproperty [--jt-color-muted=#50575e] - Color of the label and the secondary lines.
 * @cssproperty [--jt-color-surface=#ffffff] - Background of the card; text of the definition popover.
 * @cssproperty [--jt-color-surface-alt=#f6f7f7] - Skeleton shade.
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

  /** A short definition of what the metric counts, shown from an info button on hover and focus. */
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

  @state()
  private helpOpen = false;

  private change: Change | undefined;
  /** The counts a `percent-change` value compares, when they are too few for a percentage. */
  private smallValueBase: ComparedCounts | undefined;
  private drift: number | null = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const minBase = Number.isFinite(this.minBase) ? this.minBase : MIN_COMPARISON_BASE;
    this.change = this.previous === undefined ? undefined : changeOf(this.value, this.previous, minBase);
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
        return f.percentChange(value);
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

  private handleHelpEnter(): void {
    this.helpOpen = true;
  }

  private handleHelpLeave(): void {
    // Stays open while the button has focus: the pointer leaving must not hide what the keyboard opened.
    if (this.shadowRoot?.activeElement?.matches('[part~="info-button"]')) return;
    this.helpOpen = false;
  }

  private handleHelpFocus(): void {
    this.helpOpen = true;
  }

  private handleHelpBlur(): void {
    this.helpOpen = false;
  }

  private handleHelpClick(): void {
    this.helpOpen = !this.helpOpen;
  }

  private handleHelpKeydown(event: KeyboardEvent): void {
    // WCAG 1.4.13: content shown on hover or focus can be dismissed without moving focus.
    if (event.key === 'Escape' && this.helpOpen) {
      event.stopPropagation();
      this.helpOpen = false;
    }
  }

  private renderHelp(): TemplateResult | typeof nothing {
    if (!this.help) return nothing;
    return html`<span class="help" @mouseenter=${this.handleHelpEnter} @mouseleave=${this.handleHelpLeave}>
      <button
        part="info-button"
        type="button"
        aria-label=${this.messages.aboutMetric(this.label)}
        aria-describedby="help"
        @focus=${this.handleHelpFocus}
        @blur=${this.handleHelpBlur}
        @click=${this.handleHelpClick}
        @keydown=${this.handleHelpKeydown}
      >
        <span aria-hidden="true">i</span>
      </button>
      <span part="help" id="help" role="tooltip" ?hidden=${!this.helpOpen}>${this.help}</span>
    </span>`;
  }

  /** "new" (nothing before) or "—", read out with both counts; the tooltip also says from which base a percentage is shown. */
  private renderSmallBase(counts: ComparedCounts): TemplateResult {
    const m = this.messages;
    const f = this.formatter;
    const isNew = counts.previous === 0 && counts.current > 0;
    const both = m.comparedCounts(f.count(counts.previous), f.count(counts.current));
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
    if (change.kind === 'small-base') return html`<p part="change">${this.renderSmallBase(change.counts)} ${m.vsPrevious}</p>`;
    const arrow = change.direction === 'up' ? '↑' : change.direction === 'down' ? '↓' : '→';
    const word = change.direction === 'up' ? m.increase : change.direction === 'down' ? m.decrease : m.unchanged;
    return html`<p part="change">
      <span class="direction-${change.direction}"
        ><span aria-hidden="true">${arrow}</span> <span class="visually-hidden">${word}</span>
        ${this.formatter.percentChange(change.percent)}</span
      >
      ${m.vsPrevious}
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
      <div class="heading"><span part="label" id="label">${this.label}</span>${this.renderHelp()}</div>
      <p part="value">${this.smallValueBase ? this.renderSmallBase(this.smallValueBase) : this.formatValue(this.value)}</p>
      ${this.renderChange()} ${this.renderVerify()}
      <slot></slot>
    </div>`;
  }
}

/** The relative change from `previous` to `value`; both counts instead when `previous` is under `minBase` (or 0). */
function changeOf(value: number | null, previous: number | null, minBase: number): Change {
  if (value === null || previous === null || !Number.isFinite(value) || !Number.isFinite(previous)) return { kind: 'none' };
  if (isSmallBase(previous, minBase)) return { kind: 'small-base', counts: { current: value, previous } };
  const percent = ((value - previous) / Math.abs(previous)) * 100;
  return { kind: 'percent', percent, direction: percent > 0 ? 'up' : percent < 0 ? 'down' : 'unchanged' };
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
