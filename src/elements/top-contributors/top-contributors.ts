import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { Column } from '../../model/labels.js';
import type { ContributorRow } from '../../model/report.js';
import { RankedTableElement } from '../../internal/ranked-table/ranked-table-element.js';
import { initials, safeImageUrl } from '../../internal/safe-url.js';
import { avatarTone } from '../../internal/avatar-tone.js';
import { topContributorsStyles } from './top-contributors.styles.js';

/**
 * The members of a community ranked by their contributions over a date range
 * (DESIGN sections 4 and 7): Rank, Member (avatar, or initials when there is
 * no safe avatar, and display name), Trust level, Posts, Replies, Accepted
 * answers, Total, a page of `page-size` rows at a time, and an Export CSV
 * button that downloads every row of the range. With `verify`, each row also
 * shows the drift of its total between the direct and the aggregate path.
 * In a dashboard its first page comes with the dashboard's report; only a
 * further page is a request of its own.
 *
 * @summary Top Contributors: a ranked, paged, exportable table of members.
 *
 * @event {JtExportEvent} jt-export - Before a CSV download starts; `detail` is `{ table, range, path, fileName }`. Cancelable: `preventDefault()` stops the download.
 * @event {JtErrorEvent} jt-error - Loading rows (`detail.operation` `rows`) or exporting (`export`) failed; `detail.error` is what the data source rejected with.
 *
 * @csspart base - The card around everything; carries `aria-busy` while rows load.
 * @csspart header - The row with the title and the Export CSV button.
 * @csspart title - The table's title.
 * @csspart export - The Export CSV button with its progress and Cancel button.
 * @csspart export-button - The Export CSV button ("Exporting…" while it runs).
 * @csspart export-progress - Beside the button while an export runs: the rows fetched of the total ("1,200 of 14,300 rows fetched"), a polite live region.
 * @csspart export-cancel-button - The Cancel export button, shown while an export runs: aborts it, downloads nothing.
 * @csspart export-error - The message shown when an export failed.
 * @csspart status - A message in place of the table: no data source, loading, empty, error.
 * @csspart loading - The loading message of the first load (also has `status`).
 * @csspart skeleton - The placeholder bars of the first load.
 * @csspart empty - The message for a range without rows (also has `status`).
 * @csspart error - The error message with its Retry button (also has `status`).
 * @csspart retry-button - The Retry button of the error state.
 * @csspart content - The table, pagination and drift note; dimmed while the next page loads.
 * @csspart table-region - The scrolling, focusable region holding the table.
 * @csspart table - The `<table>`.
 * @csspart row - A data row.
 * @csspart rank - The rank cell (the row header).
 * @csspart member - The cell with the avatar and display name.
 * @csspart avatar - The avatar image, or the circle of initials (then also `initials`).
 * @csspart initials - The circle of initials shown when there is no loadable avatar.
 * @csspart member-name - The display name.
 * @csspart trust-badge - The "TL3" badge (read as "Trust level 3").
 * @csspart drift-header - The header of the Drift column (verify mode).
 * @csspart drift - A drift cell (verify mode).
 * @csspart drift-nonzero - A drift cell whose drift is not 0 (also has `drift`).
 * @csspart drift-note - The line explaining the drift column (verify mode).
 * @csspart pagination - The Previous / Next navigation.
 * @csspart previous-button - The Previous page button.
 * @csspart next-button - The Next page button.
 * @csspart page-status - "Page n of m" and the row count; announced politely when the page changes.
 * @csspart row-count - "1–10 of 57".
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssproperty [--jt-font-size=14px] - Base font size.
 * @cssproperty [--jt-color-text=#1d2327] - Color of names and numbers.
 * @cssproperty [--jt-color-muted=#50575e] - Color of headers, secondary text and dimmed (loading) content.
 * @cssproperty [--jt-color-surface=#ffffff] - Background of the card.
 * @cssproperty [--jt-color-surface-alt=#f6f7f7] - Background of skeleton bars, trust badges and unavailable buttons.
 * @cssproperty [--jt-color-border=#c3c4c7] - Card border and row separators.
 * @cssproperty [--jt-color-accent=#2271b1] - Background of the Export CSV and Retry buttons; border of the page buttons.
 * @cssproperty [--jt-color-accent-text=#ffffff] - Text on accent backgrounds (buttons).
 * @cssproperty --jt-avatar-background - One background for every initials avatar; unset, each member has a tone of their own (ten tones, each AA with white initials).
 * @cssproperty [--jt-avatar-text=#ffffff] - Text colour of the initials (set it with `--jt-avatar-background` to keep AA contrast).
 * @cssproperty [--jt-color-danger=#b32d2e] - Color of error messages.
 * @cssproperty [--jt-color-warning-surface=#fcf9e8] - Background of a drift cell that is not 0.
 * @cssproperty [--jt-color-focus=#2271b1] - Focus ring.
 * @cssproperty [--jt-radius=4px] - Corner radius of the card and buttons.
 * @cssproperty [--jt-gap=16px] - Padding of the card and space between its parts.
 */
export class JtTopContributors extends RankedTableElement<'top-contributors'> {
  static override styles = topContributorsStyles;

  protected readonly table = 'top-contributors' as const;


  /** Avatar URLs that failed to load: their members show initials instead. */
  @state()
  private brokenAvatars: ReadonlySet<string> = new Set();

  protected rowId(row: ContributorRow): string {
    return row.memberId;
  }

  protected driftMeasure(row: ContributorRow): number {
    return row.total;
  }

  protected driftNote(): string {
    return this.messages.driftOfTotal;
  }

  private handleAvatarError(url: string): void {
    this.brokenAvatars = new Set([...this.brokenAvatars, url]);
  }

  private renderAvatar(row: ContributorRow): TemplateResult {
    const url = safeImageUrl(row.avatarUrl);
    // The name is right beside the avatar, so the picture adds nothing to read: empty alt, hidden initials.
    if (url && !this.brokenAvatars.has(url)) {
      return html`<img
        part="avatar"
        src=${url}
        alt=""
        width="32"
        height="32"
        loading="lazy"
        decoding="async"
        referrerpolicy="no-referrer"
        @error=${() => this.handleAvatarError(url)}
      />`;
    }
    // A colour of its own per member (stable: from the member id), so neighbours are told apart at a glance.
    return html`<span part="avatar initials" data-tone=${avatarTone(row.memberId)} aria-hidden="true">${initials(row.displayName)}</span>`;
  }

  protected renderCell(row: ContributorRow, column: Column<ContributorRow>): TemplateResult {
    switch (column.key) {
      case 'displayName':
        return html`<td part="member" class="name">
          <span class="member">
            ${this.renderAvatar(row)}
            <span part="member-name">${row.displayName.trim() ? row.displayName : html`<span class="unnamed">${this.messages.unnamedMember}</span>`}</span>
          </span>
        </td>`;
      case 'trustLevel':
        return html`<td class="number">
          <span part="trust-badge" aria-hidden="true">${this.messages.trustLevelShort(row.trustLevel)}</span>
          <span class="visually-hidden">${this.messages.trustLevel(row.trustLevel)}</span>
        </td>`;
      default:
        return html`<td class="number">${this.formatter.count(Number(row[column.key]))}</td>`;
    }
  }
}

if (!customElements.get('jt-top-contributors')) customElements.define('jt-top-contributors', JtTopContributors);

declare global {
  interface HTMLElementTagNameMap {
    'jt-top-contributors': JtTopContributors;
  }
}
