import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { driftPct } from '../../engine/diff.js';
import { JtErrorEvent } from '../../events/error-event.js';
import { TABLE_COLUMNS, type Column } from '../../model/labels.js';
import type { DateRange, Path, RowsPage } from '../../model/report.js';
import { yieldToPage } from '../../model/yield-to-page.js';
import type { AnalyticsDataSource, TableRows } from '../../sources/data-source.js';
import { CsvExportController, type CsvExportRequest } from '../csv-export-controller.js';
import { errorMessage, isAbort } from '../error-message.js';
import { renderErrorState } from '../error-state.js';
import { JtTableSettingsElement } from '../export-settings.js';
import { tableTitle } from '../i18n.js';
import { feedReports, ReportFeedConsumer, reportTable, type ReportFeed } from '../report-context.js';

/** The tables shown as a ranked, paged list. */
export type RankedTableId = 'top-spaces' | 'top-contributors';

/** One row of the page on screen, with its drift when verifying. */
export interface RankedRow<Row> {
  row: Row;
  /** Drift of the row's measure, aggregated against direct; absent unless verifying; `null` when direct is 0 and aggregated is not. */
  drift?: number | null;
}

/** What one load produced: the page it is, and the range and path it is for. */
export interface RankedPage<Row> {
  range: DateRange;
  path: Path;
  page: number;
  pageSize: number;
  total: number;
  rows: RankedRow<Row>[];
  verified: boolean;
}

/** Rows read per call when looking up rows of the other path that fell outside the same page. */
const LOOKUP_PAGE = 100;

/**
 * What `<jt-top-spaces>` and `<jt-top-contributors>` share: one Task that
 * loads a page of ranked rows (and, when verifying, the same page on the
 * other path), pagination, the CSV export, the four load states and the
 * public properties (`path` here, the page size and CSV settings in
 * `JtTableSettingsElement`; the element manifest lists them as inherited).
 * Each element says how its row cells read.
 */
export abstract class RankedTableElement<T extends RankedTableId> extends JtTableSettingsElement {
  /** Renders in a task of its own, so the dashboard's sections do not add up to one long task. */
  protected override async scheduleUpdate(): Promise<void> {
    await yieldToPage();
    super.scheduleUpdate();
  }

  /** The table this element shows. */
  protected abstract readonly table: T;

  /** Which path computes the rows: `direct` (default) or `aggregate`. */
  @property({ reflect: true })
  path: Path = 'direct';

  /** The id of a row, to match it across the two paths. */
  protected abstract rowId(row: TableRows[T]): string;
  /** The number the drift column compares across the two paths. */
  protected abstract driftMeasure(row: TableRows[T]): number;
  /** The explanation shown under the table when verifying. */
  protected abstract driftNote(): string;
  /** One data cell (every column but the rank). */
  protected abstract renderCell(row: TableRows[T], column: Column<TableRows[T]>): TemplateResult;

  /** What a column's number means, when its header alone does not say it (a ratio, a unit); shown under the table and as the header's tooltip. */
  protected columnDefinition(_column: Column<TableRows[T]>): string | undefined {
    return undefined;
  }

  /** The page on screen, from 1. Back to 1 whenever the range, path, page size or source changes. */
  @state() protected page = 1;

  private readonly rowsTask = new Task(this, {
    args: () =>
      [
        this.dataSource,
        this.rangeController.dates?.start,
        this.rangeController.dates?.end,
        this.effectivePath(),
        this.page,
        this.effectivePageSize(),
        this.verify,
        this.coveringFeed(),
      ] as const,
    task: async ([source, start, end, path, page, pageSize, verify, feed], { signal }) => {
      if (!source || !start || !end) return initialState;
      return this.loadPage(source, { start, end }, path, page, pageSize, verify, feed, signal);
    },
    onError: (error) => {
      if (!isAbort(error)) this.dispatchEvent(new JtErrorEvent({ operation: 'rows', error }));
    },
  });

  /** The reports of the dashboard the table sits in, when they are for its source and range. */
  private readonly reportFeed = new ReportFeedConsumer(this);

  private readonly csvExport = new CsvExportController(this, () => this.exportRequest(), this.localize);

  /** The scrolling region on screen and its table, watched so the region's edges show whether more columns lie beyond them. */
  private observedRegion: HTMLElement | undefined;
  private observedTable: HTMLTableElement | undefined;
  private regionResize: ResizeObserver | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const query = ['range', 'timeZone', 'dataSource', 'path', 'pageSize'] as const;
    if (query.some((key) => changed.has(key))) this.page = 1;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.watchRegion();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.regionResize?.disconnect();
    this.observedRegion = undefined;
    this.observedTable = undefined;
  }

  /** Loads the page on screen again, e.g. after new events reached the data source. */
  async refresh(): Promise<void> {
    await this.rowsTask.run();
  }

  private effectivePath(): Path {
    return this.path === 'aggregate' ? 'aggregate' : 'direct';
  }

  private effectivePageSize(): number {
    return clampPageSize(this.pageSize);
  }

  /**
   * The dashboard's load when it holds the page on screen: the same source and range, the page within the
   * rows the reports carry, and the aggregate path's report when the table needs it (its path or verify).
   */
  private coveringFeed(): ReportFeed | undefined {
    const feed = this.reportFeed.feedFor(this.dataSource, this.rangeController.dates);
    if (!feed || this.page * this.effectivePageSize() > feed.topN) return undefined;
    return (this.effectivePath() === 'aggregate' || this.verify) && !feed.verify ? undefined : feed;
  }

  private async loadPage(
    source: AnalyticsDataSource,
    range: DateRange,
    path: Path,
    page: number,
    pageSize: number,
    verify: boolean,
    feed: ReportFeed | undefined,
    signal: AbortSignal,
  ): Promise<RankedPage<TableRows[T]>> {
    const query = { range, path, offset: (page - 1) * pageSize, limit: pageSize, signal };
    const otherPath: Path = path === 'direct' ? 'aggregate' : 'direct';
    let rowsOf = (p: Path): Promise<RowsPage<TableRows[T]>> => source.rows(this.table, { ...query, path: p });
    if (feed) {
      // In a dashboard, a page within its reports' top rows is read from them: no request of its own.
      const reports = await feedReports(feed, signal);
      rowsOf = async (p) => {
        const all = reportTable(p === 'direct' ? reports.direct : reports.aggregate!, this.table);
        return { total: all.total, rows: all.rows.slice(query.offset, query.offset + pageSize) };
      };
    }
    const [shown, other] = await Promise.all([rowsOf(path), verify ? rowsOf(otherPath) : undefined]);
    let rows: RankedRow<TableRows[T]>[] = shown.rows.map((row) => ({ row }));
    if (other) {
      const measures = await this.otherMeasures(source, shown.rows, other, { range, path: otherPath, signal });
      rows = shown.rows.map((row) => {
        const mine = this.driftMeasure(row);
        // A row missing from the other path's whole ranking has nothing there: 0.
        const theirs = measures.get(this.rowId(row)) ?? 0;
        return { row, drift: path === 'direct' ? driftPct(mine, theirs) : driftPct(theirs, mine) };
      });
    }
    return { range, path, page, pageSize, total: shown.total, rows, verified: verify };
  }

  /**
   * The measure of every shown row on the other path, matched by id. Most
   * rows sit on the same page there; a row that ranks elsewhere is looked up
   * by reading that path's ranking until it is found (or is not in it).
   */
  private async otherMeasures(
    source: AnalyticsDataSource,
    shown: readonly TableRows[T][],
    samePage: { total: number; rows: TableRows[T][] },
    query: { range: DateRange; path: Path; signal: AbortSignal },
  ): Promise<Map<string, number>> {
    const measures = new Map<string, number>();
    const note = (rows: readonly TableRows[T][]) => rows.forEach((row) => measures.set(this.rowId(row), this.driftMeasure(row)));
    note(samePage.rows);
    const missing = () => shown.some((row) => !measures.has(this.rowId(row)));
    for (let offset = 0; missing() && offset < samePage.total; offset += LOOKUP_PAGE) {
      const page = await source.rows(this.table, { ...query, offset, limit: LOOKUP_PAGE });
      note(page.rows);
      if (page.rows.length === 0) break;
    }
    return measures;
  }

  // ---- handlers -------------------------------------------------------------------------------

  private handlePrevious(): void {
    if (this.page > 1) this.page -= 1;
  }

  private handleNext(): void {
    if (this.page < this.pageCount()) this.page += 1;
  }

  private handleRetry(): void {
    const feed = this.coveringFeed();
    // A page that comes from the dashboard's load comes back with its next one.
    if (feed) feed.retry();
    else void this.rowsTask.run();
  }

  private handleRegionScroll(): void {
    this.showScrollCue();
  }

  /**
   * Follows the region on screen (a new one after the empty or error state)
   * and its table. Measuring here, right after a render, would force a layout
   * (6–9 ms on a large dashboard's first render); the observer instead
   * measures once the browser has laid out: on observing, and whenever the
   * region or the table (new rows, wider cells) changes size.
   */
  private watchRegion(): void {
    const region = this.renderRoot.querySelector<HTMLElement>('.table-region') ?? undefined;
    const table = region?.querySelector('table') ?? undefined;
    if (region === this.observedRegion && table === this.observedTable) return;
    this.regionResize ??= new ResizeObserver(() => this.showScrollCue());
    this.regionResize.disconnect();
    this.observedRegion = region;
    this.observedTable = table;
    if (region) this.regionResize.observe(region);
    if (table) this.regionResize.observe(table);
  }

  /**
   * Marks the region `more-start` / `more-end` while columns lie beyond that
   * edge; the styles draw a shadow there, the cue that the table scrolls.
   * Classes set here, not in the template, so scrolling costs no render.
   */
  private showScrollCue(): void {
    const region = this.observedRegion;
    if (!region) return;
    // Right-to-left scrolls to negative offsets.
    const scrolled = Math.abs(region.scrollLeft);
    const hidden = region.scrollWidth - region.clientWidth;
    region.classList.toggle('more-start', scrolled > 1);
    region.classList.toggle('more-end', hidden - scrolled > 1);
  }

  /** The whole table for the range on screen; nothing to export without a source or a valid range. */
  private exportRequest(): CsvExportRequest | undefined {
    const source = this.dataSource;
    const range = this.rangeController.dates;
    if (!source || !range) return undefined;
    return { source, table: this.table, range, path: this.effectivePath(), locale: this.formatter.locale, values: this.csvValues, delimiter: this.csvDelimiter };
  }

  // ---- rendering ------------------------------------------------------------------------------

  /** Pages in the range, from the last page loaded (1 until something loaded). */
  private pageCount(): number {
    const loaded = this.rowsTask.value;
    if (!loaded) return 1;
    return Math.max(1, Math.ceil(loaded.total / this.effectivePageSize()));
  }

  private renderHeader(): TemplateResult {
    return html`<div part="header">
        <h2 part="title" id="title">${tableTitle(this.messages, this.table)}</h2>
        ${this.csvExport.renderButton()}
      </div>
      ${this.csvExport.renderError()}`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<p part="status loading" role="status">${this.messages.loading}</p>
      <div part="skeleton" aria-hidden="true">
        ${Array.from({ length: Math.min(this.effectivePageSize(), 5) }, () => html`<div class="skeleton-row"></div>`)}
      </div>`;
  }

  private renderError(error: unknown): TemplateResult {
    if (isAbort(error)) return this.renderSkeleton();
    return renderErrorState(errorMessage(error, this.messages), { label: this.messages.retry, onClick: this.handleRetry });
  }

  /** One template whether fresh or stale, so a reload keeps the DOM (and the focused button) in place. */
  private renderContent(loaded: RankedPage<TableRows[T]>, stale: boolean): TemplateResult {
    return html`<div part="content" class=${stale ? 'content stale' : 'content'}>${this.renderPage(loaded)}</div>`;
  }

  private renderPage(loaded: RankedPage<TableRows[T]>): TemplateResult {
    if (loaded.total === 0) return html`<p part="status empty" role="status">${this.messages.noRows}</p>`;
    return html`${this.renderTable(loaded)}${this.renderPagination(loaded)} ${this.renderColumnNotes()}
    ${loaded.verified ? html`<p part="drift-note">${this.driftNote()}</p>` : nothing}`;
  }

  private renderTable(loaded: RankedPage<TableRows[T]>): TemplateResult {
    const columns: readonly Column<TableRows[T]>[] = TABLE_COLUMNS[this.table];
    const captionId = 'caption';
    return html`<div part="table-region" class="table-region" role="region" tabindex="0" aria-labelledby=${captionId} @scroll=${this.handleRegionScroll}>
      <table part="table">
        <caption id=${captionId} class="visually-hidden">${tableTitle(this.messages, this.table)}</caption>
        <thead>
          <tr>
            ${columns.map((column) => {
              const definition = this.columnDefinition(column);
              // The text column is the row's name (Space, Member): it stays in view while the numbers scroll.
              return html`<th
                scope="col"
                class=${column.kind === 'number' ? 'number' : 'name'}
                title=${definition ? this.messages.columnNote(this.messages.columnLabels[column.labelKey], definition) : nothing}
                aria-describedby=${definition ? columnNoteId(column) : nothing}
              >
                ${this.messages.columnLabels[column.labelKey]}
              </th>`;
            })}
            ${loaded.verified ? html`<th scope="col" class="number" part="drift-header">${this.messages.drift}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${loaded.rows.map(
            ({ row, drift }) => html`<tr part="row">
              ${columns.map((column) =>
                column.key === 'rank'
                  ? html`<th scope="row" class="number" part="rank">${this.formatter.count(row.rank)}</th>`
                  : this.renderCell(row, column),
              )}
              ${loaded.verified ? this.renderDrift(drift ?? null) : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** "Engagement rate: replies per post, …" for every column that has a definition; each describes its header. */
  private renderColumnNotes(): TemplateResult[] {
    const columns: readonly Column<TableRows[T]>[] = TABLE_COLUMNS[this.table];
    return columns.flatMap((column) => {
      const definition = this.columnDefinition(column);
      const label = this.messages.columnLabels[column.labelKey];
      return definition ? [html`<p part="column-note" id=${columnNoteId(column)}>${this.messages.columnNote(label, definition)}</p>`] : [];
    });
  }

  private renderDrift(drift: number | null): TemplateResult {
    if (drift === null) {
      return html`<td class="number" part="drift"><span aria-hidden="true">—</span><span class="visually-hidden">${this.messages.notAvailable}</span></td>`;
    }
    return drift === 0
      ? html`<td class="number" part="drift">${this.formatter.percentChange(0)}</td>`
      : html`<td class="number drift-nonzero" part="drift drift-nonzero">${this.formatter.percentChange(drift)}</td>`;
  }

  private renderPagination(loaded: RankedPage<TableRows[T]>): TemplateResult {
    const pages = this.pageCount();
    const from = (loaded.page - 1) * loaded.pageSize + 1;
    const to = Math.min(loaded.total, from + loaded.rows.length - 1);
    const atFirst = this.page <= 1;
    const atLast = this.page >= pages;
    return html`<nav part="pagination" aria-label=${tableTitle(this.messages, this.table)}>
      <button part="previous-button" type="button" aria-disabled=${atFirst ? 'true' : 'false'} @click=${this.handlePrevious}>
        ${this.messages.previousPage}
      </button>
      <p part="page-status" aria-live="polite" aria-atomic="true">
        <span>${this.messages.pageOf(this.formatter.count(loaded.page), this.formatter.count(Math.max(1, Math.ceil(loaded.total / loaded.pageSize))))}</span>
        <span part="row-count">${this.messages.rowsOf(this.formatter.count(from), this.formatter.count(to), this.formatter.count(loaded.total))}</span>
      </p>
      <button part="next-button" type="button" aria-disabled=${atLast ? 'true' : 'false'} @click=${this.handleNext}>
        ${this.messages.nextPage}
      </button>
    </nav>`;
  }

  private renderBody(): TemplateResult {
    if (!this.dataSource) return html`<p part="status" role="status">${this.messages.noDataSource}</p>`;
    // A range that does not read comes back only with a new range: no Retry.
    if (this.rangeController.problem) return renderErrorState(this.rangeController.problem, undefined);
    return this.rowsTask.render({
      initial: () => this.renderSkeleton(),
      pending: () => {
        const previous = this.rowsTask.value;
        return previous ? this.renderContent(previous, true) : this.renderSkeleton();
      },
      complete: (loaded) => this.renderContent(loaded, false),
      error: (error) => this.renderError(error),
    });
  }

  override render(): TemplateResult {
    const busy = !!this.dataSource && !this.rangeController.problem && this.rowsTask.status === TaskStatus.PENDING;
    // Not a landmark of its own: the table's scrolling region is the landmark, named by the caption.
    return html`<div part="base" aria-busy=${busy ? 'true' : 'false'}>${this.renderHeader()} ${this.renderBody()}</div>`;
  }
}

/** A `page-size` as the tables read it: a whole number from 1 to 100, else 10. */
export function clampPageSize(value: number): number {
  const size = Math.floor(Number(value));
  return Number.isFinite(size) && size >= 1 ? Math.min(size, 100) : 10;
}

/** The id of a column's note, which describes its header. */
function columnNoteId(column: { key: string }): string {
  return `column-note-${column.key}`;
}
