import { html, type TemplateResult } from 'lit';
import type { Messages } from '../../internal/i18n.js';
import type { FigureCard, FigureCardGroup } from '../metric/metric-cards.js';
import { JtReportSection, type SectionReports } from '../metric/report-section.js';
import { moderationStyles } from './moderation.styles.js';

/**
 * The Moderation section: flags raised in the range and those still open,
 * auto-moderation triggers (or a clear "Advanced Moderation is not enabled"
 * when the source has no such data), and the moderators' response time,
 * median and 90th percentile, humanised (or "No resolved flags in this
 * range"). Given `report` (and `aggregateReport` when verifying) by a
 * dashboard it only draws; alone, given `dataSource` and `range`, it loads
 * its own report(s). Every card has its definition behind an info button;
 * given the previous period's report (`previousReport`, or `compare` when it
 * loads its own) each card shows its change against it and the section
 * names the previous period's dates. In verify mode every number is shown on
 * both paths with the drift.
 *
 * @summary Flags, auto-moderation and how fast moderators respond.
 *
 * @event {JtErrorEvent} jt-error - Loading the report failed (`detail.operation` is `report`); the message and a Retry button are shown.
 *
 * @csspart base - The section.
 * @csspart heading - The section's heading.
 * @csspart body - The figures or a state message; carries `aria-busy` while a new range loads.
 * @csspart group - A group of cards under a sub-heading (Moderator response time).
 * @csspart group-heading - A group's sub-heading.
 * @csspart metric - Each `<jt-metric>` card (style its inside through its own parts).
 * @csspart notice - A box standing in for figures that do not exist (also `automod-off` or `no-responses`).
 * @csspart automod-off - "Advanced Moderation is not enabled".
 * @csspart no-responses - "No resolved flags in this range".
 * @csspart previous-period - "Previous period: Aug 31 – Sep 30, 2026", the dates the cards' changes compare with (only with a previous period's report).
 * @csspart status - A message in place of the figures: no data source, empty range, error.
 * @csspart empty - The empty range message (also has `status`).
 * @csspart error - The error message with Retry (also has `status`).
 * @csspart retry-button - The Retry button.
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssproperty [--jt-font-size=14px] - Base font size.
 * @cssproperty [--jt-color-text=#1d2327] - Headings, numbers and notices.
 * @cssproperty [--jt-color-muted=#50575e] - Labels and state messages.
 * @cssproperty [--jt-color-surface=#ffffff] - Background of the section and its cards.
 * @cssproperty [--jt-color-surface-alt=#f6f7f7] - Background of notices; skeleton shade.
 * @cssproperty [--jt-color-border=#c3c4c7] - Borders.
 * @cssproperty [--jt-color-accent=#2271b1] - The Retry button.
 * @cssproperty [--jt-color-accent-text=#ffffff] - Text of the Retry button.
 * @cssproperty [--jt-color-danger=#b32d2e] - The error message; outline of a non-zero drift.
 * @cssproperty [--jt-color-warning-surface=#fcf9e8] - Background of a non-zero drift.
 * @cssproperty [--jt-color-focus=#2271b1] - Focus ring.
 * @cssproperty [--jt-radius=4px] - Corner radius.
 * @cssproperty [--jt-gap=16px] - Space between and inside cards.
 */
export class JtModeration extends JtReportSection {
  static override styles = moderationStyles;

  protected readonly section = 'moderation';

  protected sectionTitle(m: Messages): string {
    return m.moderationTitle;
  }

  /** Without automod data on either path, a notice stands in for the triggers' card; if one path has it, the card shows both and the drift. */
  protected override renderCard(card: FigureCard, reports: SectionReports): TemplateResult {
    const { direct, aggregate } = reports;
    const autoModOff = direct.moderation.autoModTriggers === null && (!aggregate || aggregate.moderation.autoModTriggers === null);
    if (card.metric.key === 'autoModTriggers' && autoModOff) {
      return html`<p part="notice automod-off"><strong>${card.label}</strong> <span>${this.messages.autoModOff}</span></p>`;
    }
    return super.renderCard(card, reports);
  }

  /** With no resolved flag on either path, one notice stands in for the response times' cards. */
  protected override renderGroupCards(group: FigureCardGroup, reports: SectionReports): TemplateResult {
    const { direct, aggregate } = reports;
    const noResponses = direct.moderation.medianResponseMinutes === null && (!aggregate || aggregate.moderation.medianResponseMinutes === null);
    if (group.id === 'response-time' && noResponses) return html`<p part="notice no-responses">${this.messages.noResponses}</p>`;
    return super.renderGroupCards(group, reports);
  }
}

if (!customElements.get('jt-moderation')) customElements.define('jt-moderation', JtModeration);

declare global {
  interface HTMLElementTagNameMap {
    'jt-moderation': JtModeration;
  }
}
