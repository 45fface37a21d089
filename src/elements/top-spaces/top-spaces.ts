import { html, type TemplateResult } from 'lit';
import type { Column } from '../../model/labels.js';
import type { SpaceRow } from '../../model/report.js';
import { RankedTableElement } from '../../internal/ranked-table/ranked-table-element.js';
import { topSpacesStyles } from './top-spaces.styles.js';

/**
 * The spaces of a community ranked by posts + replies over a date range
 * (DESIGN sections 4 and 7): Rank, Space, Posts, Replies, Contributors,
 * Engagement rate (replies per post, a ratio such as 2.84, explained under
 * the table), a page of `page-size` rows at a time, and an Export CSV button
 * that downloads every row of the range. With `verify`, each row also shows
 * the drift of its posts + replies between the direct and the aggregate
 * path. In a dashboard its first page comes with the dashboard's report;
 * only a further page is a request of its own.
 *
 * @summary Top Spaces: a ranked, paged, exportable table of spaces.
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
 * @csspart space-name - The cell with the space's name.
 * @csspart drift-header - The header of the Drift column (verify mode).
 * @csspart drift - A drift cell (verify mode).
 * @csspart drift-nonzero - A drift cell whose drift is not 0 (also has `drift`).
 * @csspart column-note - "Engagement rate: replies per post, …" under the table; describes that column's header, which shows it as a tooltip too.
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
 * @cssproperty [--jt-color-surface-alt=#f6f7f7] - Background of skeleton bars and unavailable buttons.
 * @cssproperty [--jt-color-border=#c3c4c7] - Card border and row separators.
 * @cssproperty [--jt-color-accent=#2271b1] - Background of the Export CSV and Retry buttons; border of the page buttons.
 * @cssproperty [--jt-color-accent-text=#ffffff] - Text on accent backgrounds.
 * @cssproperty [--jt-color-danger=#b32d2e] - Color of error messages.
 * @cssproperty [--jt-color-warning-surface=#fcf9e8] - Background of a drift cell that is not 0.
 * @cssproperty [--jt-color-focus=#2271b1] - Focus ring.
 * @cssproperty [--jt-radius=4px] - Corner radius of the card and buttons.
 * @cssproperty [--jt-gap=16px] - Padding of the card and space between its parts.
 */
export class JtTopSpaces extends RankedTableElement<'top-spaces'> {
  static override styles = topSpacesStyles;

  protected readonly table = 'top-spaces' as const;


  protected rowId(row: SpaceRow): string {
    return row.spaceId;
  }

  protected driftMeasure(row: SpaceRow): number {
    return row.posts + row.replies;
  }

  protected driftNote(): string {
    return this.messages.driftOfActivity;
  }

  /** The engagement rate is replies per post (2.84), a ratio that is easily read as a percentage. */
  protected override columnDefinition(column: Column<SpaceRow>): string | undefined {
    return column.key === 'engagementRate' ? this.messages.engagementRateDefinition : undefined;
  }

  protected renderCell(row: SpaceRow, column: Column<SpaceRow>): TemplateResult {
    switch (column.key) {
      case 'name':
        return html`<td part="space-name" class="name">${row.name.trim() ? row.name : html`<span class="unnamed">${this.messages.unnamedSpace}</span>`}</td>`;
      case 'engagementRate':
        return row.engagementRate === null
          ? html`<td class="number"><span aria-hidden="true">—</span><span class="visually-hidden">${this.messages.notAvailable}</span></td>`
          : html`<td class="number">${this.formatter.fixed(row.engagementRate, column.fractionDigits ?? 2)}</td>`;
      default:
        return html`<td class="number">${this.formatter.count(Number(row[column.key]))}</td>`;
    }
  }
}

if (!customElements.get('jt-top-spaces')) customElements.define('jt-top-spaces', JtTopSpaces);

declare global {
  interface HTMLElementTagNameMap {
    'jt-top-spaces': JtTopSpaces;
  }
}
