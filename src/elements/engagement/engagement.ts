import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../../internal/i18n.js';
import type { FigureCard } from '../metric/metric-cards.js';
import { JtReportSection, type SectionReports } from '../metric/report-section.js';
import { engagementStyles } from './engagement.styles.js';

/**
 * The Engagement section: average replies per post, vote activity (up and
 * down), accepted answers with the resolution rate of questions (Q&A spaces
 * only) and new member joins. Given `report` (and `aggregateReport` when
 * verifying) by a dashboard it only draws; alone, given `dataSource` and
 * `range`, it loads its own report(s). Every card has its definition behind
 * an info button; given the previous period's report (`previousReport`, or
 * `compare` when it loads its own) each card shows its change against it
 * and the section names the previous period's dates. In verify mode every
 * number is shown on both paths with the drift.
 *
 * @summary How members engage: replies per post, votes, accepted answers, joins.
 *
 * @event {JtErrorEvent} jt-error - Loading the report failed (`detail.operation` is `report`); the message and a Retry button are shown.
 *
 * @csspart base - The section.
 * @csspart heading - The section's heading.
 * @csspart body - The figures or a state message; carries `aria-busy` while a new range loads.
 * @csspart group - A group of cards under a sub-heading (Vote activity, Accepted answers).
 * @csspart group-heading - A group's sub-heading.
 * @csspart metric - Each `<jt-metric>` card (style its inside through its own parts).
 * @csspart resolved - The "n of m questions resolved" line under the resolution rate.
 * @csspart previous-period - "Previous period: Aug 31 – Sep 30, 2026", the dates the cards' changes compare with (only with a previous period's report).
 * @csspart status - A message in place of the figures: no data source, empty range, error.
 * @csspart empty - The empty range message (also has `status`).
 * @csspart error - The error message with Retry (also has `status`).
 * @csspart retry-button - The Retry button.
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssproperty [--jt-font-size=14px] - Base font size.
 * @cssproperty [--jt-color-text=#1d2327] - Headings and numbers.
 * @cssproperty [--jt-color-muted=#50575e] - Labels, notes and state messages.
 * @cssproperty [--jt-color-surface=#ffffff] - Background of the section and its cards.
 * @cssproperty [--jt-color-surface-alt=#f6f7f7] - Skeleton shade.
 * @cssproperty [--jt-color-border=#c3c4c7] - Borders.
 * @cssproperty [--jt-color-accent=#2271b1] - The Retry button.
 * @cssproperty [--jt-color-accent-text=#ffffff] - Text of the Retry button.
 * @cssproperty [--jt-color-danger=#b32d2e] - The error message; outline of a non-zero drift.
 * @cssproperty [--jt-color-warning-surface=#fcf9e8] - Background of a non-zero drift.
 * @cssproperty [--jt-color-focus=#2271b1] - Focus ring.
 * @cssproperty [--jt-radius=4px] - Corner radius.
 * @cssproperty [--jt-gap=16px] - Space between and inside cards.
 */
export class JtEngagement extends JtReportSection {
  static override styles = engagementStyles;

  protected readonly section = 'engagement';

  protected sectionTitle(m: Messages): string {
    return m.engagementTitle;
  }

  /** Under the resolution rate: "n of m questions resolved". */
  protected override cardExtra(card: FigureCard, reports: SectionReports): TemplateResult | typeof nothing {
    if (card.metric.key !== 'acceptedAnswerRate') return nothing;
    const count = (n: number) => this.formatter.count(n);
    const { questionsResolved, questionsAsked } = reports.direct.engagement;
    return html`<p part="resolved">${this.messages.questionsResolved(count(questionsResolved), count(questionsAsked))}</p>`;
  }
}

if (!customElements.get('jt-engagement')) customElements.define('jt-engagement', JtEngagement);

declare global {
  interface HTMLElementTagNameMap {
    'jt-engagement': JtEngagement;
  }
}
