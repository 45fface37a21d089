import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { alignPrevious, autoGrouping, bucketCoverage, groupDaily, isGrouping, type BucketCoverage, type Grouping, type SeriesBucket } from '../../engine/series.js';
import { JtErrorEvent } from '../../events/error-event.js';
import { CsvExportController, type CsvExportRequest } from '../../internal/csv-export-controller.js';
import { errorMessage, isAbort } from '../../internal/error-message.js';
import { renderErrorState } from '../../internal/error-state.js';
import { JtCsvElement } from '../../internal/export-settings.js';
import { columnLabels } from '../../internal/i18n.js';
import { feedReports, ReportFeedConsumer, type DashboardReports, type ReportFeed } from '../../internal/report-context.js';
import { previousRange, rangeDays, todayIn } from '../../model/range.js';
import type { DailyRow, DateRange, Path, RowsQuery } from '../../model/report.js';
import { yieldToPage } from '../../model/yield-to-page.js';
import type { AnalyticsDataSource } from '../../sources/data-source.js';
import { activityChartOption, bucketLabel, bucketTitle, type ChartLine, type ChartModel, type ChartTheme } from './activity-chart-option.js';
import { activityChartStyles } from './activity-chart.styles.js';
import type { EChartsType } from './echarts.js';

/** The `group-by` values: a fixed grouping, or `auto` to choose by the range's length. */
export type ActivityGrouping = 'auto' | Grouping;

/** The `view` values: the line chart, or its numbers as a table. */
export type ActivityView = 'chart' | 'table';

/** What one load produced: the range's daily rows, and those of the previous period and the other path when asked for. */
interface ActivityData {
  range: DateRange;
  path: Path;
  daily: DailyRow[];
  previous: DailyRow[] | undefined;
  other: { path: Path; daily: DailyRow[] } | undefined;
  /** The current local date in the data source's zone when the rows were read; undefined when its clock could not be read. */
  today: string | undefined;
}

/** The chart and its table, shaped from the loaded rows. */
interface ShapedActivity extends ChartModel {
  range: DateRange;
  autoGrouping: Grouping;
  empty: boolean;
}

type ChartModule = typeof import('./echarts.js');

let chartModule: Promise<ChartModule> | undefined;

/** ECharts, loaded once, on the first chart drawn. A failed load can be tried again. */
function loadChartModule(): Promise<ChartModule> {
  chartModule ??= import('./echarts.js').catch((error: unknown) => {
    chartModule = undefined;
    throw error;
  });
  return chartModule;
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
const DARK_SCHEME = '(prefers-color-scheme: dark)';

/**
 * Posts and replies of a community over a date range as a line chart
 * (ECharts, drawn as SVG). Long ranges are grouped by week or month (chosen
 * by the range's length unless `group-by` says otherwise; the reader can
 * switch); "Compare to previous period" overlays the previous period's
 * lines, dashed, lined up by day offset; `verify` overlays the other path's
 * lines, dotted. A bucket that holds only part of its period (a range's
 * clipped first or last week or month, or today, which is not over) is
 * shaded and says so ("partial: 4 of 31 days") in its tooltip and table
 * row; its numbers stay exact. Hovering a point shows its dates and counts,
 * the previous period's with their own dates. Screen readers get a summary
 * and a hidden table of the same numbers; "Show as table" shows that table
 * in place of the chart. Export CSV downloads the daily table of the range.
 * In a dashboard it draws the daily rows of the reports the dashboard loads
 * for the same range, without a request of its own; alone (or on another
 * range, or a path or comparison that load lacks) it loads its rows itself.
 *
 * @summary Activity: a line chart of daily posts and replies, with grouping, comparison and CSV export.
 *
 * @event {JtExportEvent} jt-export - Before the CSV download starts; `detail` is `{ table: 'daily', range, path, fileName }`. Cancelable: `preventDefault()` stops the download.
 * @event {JtErrorEvent} jt-error - Loading rows (`detail.operation` `rows`), loading the chart library (`chart`) or exporting (`export`) failed; `detail.error` is the cause.
 *
 * @csspart base - The card around everything; carries `aria-busy` while rows load.
 * @csspart header - The row with the title, the controls and the Export CSV button.
 * @csspart title - The chart's title.
 * @csspart controls - The grouping control, the compare checkbox, the Show as table button and the Export CSV button.
 * @csspart group-by - The "Group by" select.
 * @csspart compare - The "Compare to previous period" label and checkbox.
 * @csspart table-toggle - The "Show as table" toggle button (`aria-pressed` says whether the table is shown).
 * @csspart export - The Export CSV button with its progress and Cancel button.
 * @csspart export-button - The Export CSV button ("Exporting…" while it runs).
 * @csspart export-progress - Beside the button while an export runs: the rows fetched of the total ("1,200 of 14,300 rows fetched"), a polite live region.
 * @csspart export-cancel-button - The Cancel export button, shown while an export runs: aborts it, downloads nothing.
 * @csspart export-error - The message shown when an export failed.
 * @csspart status - A message in place of the chart: no data source, loading, empty, error.
 * @csspart loading - The loading message of the first load (also has `status`).
 * @csspart skeleton - The placeholder shown until the first rows and the chart library are there.
 * @csspart empty - The message for a range without activity (also has `status`).
 * @csspart error - The error message with its Retry button (also has `status`).
 * @csspart retry-button - The Retry button of the error state.
 * @csspart content - The chart and its table; dimmed while the next range loads.
 * @csspart chart - The chart itself (`role="img"` with a summary as its label); not rendered when `view` is `table`.
 * @csspart table - The box around the data table: visually hidden under the chart, a scrollable region of its own when `view` is `table`.
 * @csspart data-table - The table with the chart's numbers, one row per bucket (partial ones say so).
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text, the chart's included.
 * @cssproperty [--jt-font-size=14px] - Base font size.
 * @cssproperty [--jt-color-text=#1d2327] - Color of the title, legend and tooltip text.
 * @cssproperty [--jt-color-muted=#50575e] - Color of axis labels and status messages; the shading of partial periods.
 * @cssproperty [--jt-color-surface=#ffffff] - Background of the card and the tooltip.
 * @cssproperty [--jt-color-surface-alt=#f6f7f7] - Background of the skeleton and of an unavailable button.
 * @cssproperty [--jt-color-border=#c3c4c7] - Card border, axis lines and grid lines.
 * @cssproperty [--jt-color-accent=#2271b1] - Background of the Export CSV and Retry buttons and of the pressed Show as table button; the checkbox.
 * @cssproperty [--jt-color-accent-text=#ffffff] - Text on accent backgrounds.
 * @cssproperty [--jt-color-danger=#b32d2e] - Color of error messages.
 * @cssproperty [--jt-color-focus=#2271b1] - Focus ring.
 * @cssproperty [--jt-color-series-posts=#2271b1] - Color of the posts lines.
 * @cssproperty [--jt-color-series-replies=#b26200] - Color of the replies lines.
 * @cssproperty [--jt-radius=4px] - Corner radius of the card, controls and buttons.
 * @cssproperty [--jt-gap=16px] - Padding of the card and space between its parts.
 * @cssproperty [--jt-chart-height=320px] - Height of the chart (240px in containers narrower than 480px).
 */
export class JtActivityChart extends JtCsvElement {
  /** Renders in a task of its own, so the dashboard's sections do not add up to one long task. */
  protected override async scheduleUpdate(): Promise<void> {
    await yieldToPage();
    super.scheduleUpdate();
  }

  static override styles = activityChartStyles;

  private readonly rowsTask = new Task(this, {
    args: () =>
      [
        this.dataSource,
        this.rangeController.dates?.start,
        this.rangeController.dates?.end,
        this.rangeController.zone,
        this.effectivePath(),
        this.compare,
        this.verify,
        this.coveringFeed(),
      ] as const,
    task: async ([source, start, end, zone, path, compare, verify, feed], { signal }) => {
      if (!source || !start || !end) return initialState;
      // In a dashboard, the lines come from the reports it loads for the same range: no request of their own.
      if (feed) return activityFromReports(await feedReports(feed, signal), path, compare, verify, todayOf(source, zone));
      return loadActivity(source, { start, end }, zone, path, compare, verify, signal);
    },
    onError: (error) => {
      if (!isAbort(error)) this.reportError('rows', error);
    },
  });

  /** The reports of the dashboard the chart sits in, when they are for its source and range. */
  private readonly reportFeed = new ReportFeedConsumer(this);

  private readonly csvExport = new CsvExportController(this, () => this.exportRequest(), this.localize);

  /** Which path computes the lines: `direct` (default) or `aggregate`. */
  @property({ reflect: true })
  path: Path = 'direct';

  /** Points per `day`, `week` (ISO, from Monday) or `month`; `auto` (default) chooses by the range's length. The reader can switch. */
  @property({ attribute: 'group-by', reflect: true })
  groupBy: ActivityGrouping = 'auto';

  /** Overlay the previous period's lines (dashed), lined up by day offset. The reader can switch it. */
  @property({ type: Boolean, reflect: true })
  compare = false;

  /** `chart` (default) draws the lines; `table` shows the same numbers as a table instead. The reader can switch ("Show as table"). */
  @property({ reflect: true })
  view: ActivityView = 'chart';

  @state() private charts: ChartModule | undefined;
  @state() private chartLoadError: unknown;

  private shaped: ShapedActivity | undefined;
  private shapedFrom: ActivityData | undefined;
  private chart: EChartsType | undefined;
  /** The chart's option must be set again (new series, theme, locale or motion preference). */
  private optionStale = true;
  private resizeObserver: ResizeObserver | undefined;
  private readonly reducedMotion = matchMedia(REDUCED_MOTION);
  private readonly darkScheme = matchMedia(DARK_SCHEME);
  /** A new option is to be applied after the next paint. */
  private applyScheduled = false;
  private chartApplied: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(this);
    this.reducedMotion.addEventListener('change', this.handleMediaChange);
    this.darkScheme.addEventListener('change', this.handleMediaChange);
    // Back in a document after a move: draw the chart again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.reducedMotion.removeEventListener('change', this.handleMediaChange);
    this.darkScheme.removeEventListener('change', this.handleMediaChange);
    this.disposeChart();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const data = this.rowsTask.value;
    const reshape = ['locale', 'groupBy', 'compare', 'verify'] as const;
    if (data !== this.shapedFrom || reshape.some((key) => changed.has(key))) {
      this.shapedFrom = data;
      this.shaped = data ? this.shape(data) : undefined;
      this.optionStale = true;
    }
    if (changed.has('theme')) this.optionStale = true;
  }

  protected override firstUpdated(): void {
    void this.loadCharts();
  }

  protected override updated(): void {
    this.drawChart();
  }

  /** Loads the rows again, e.g. after new events reached the data source. */
  async refresh(): Promise<void> {
    await this.rowsTask.run();
  }

  // ---- loading and shaping --------------------------------------------------------------------

  private effectivePath(): Path {
    return this.path === 'aggregate' ? 'aggregate' : 'direct';
  }

  /**
   * The dashboard's load when it holds every line the chart draws: the same source and range, the aggregate
   * path's report when the chart needs it (its path or verify), and the previous period (read on the direct
   * path only) when comparing.
   */
  private coveringFeed(): ReportFeed | undefined {
    const feed = this.reportFeed.feedFor(this.dataSource, this.rangeController.dates);
    const path = this.effectivePath();
    if (!feed || ((path === 'aggregate' || this.verify) && !feed.verify) || (this.compare && path === 'aggregate')) return undefined;
    return feed;
  }

  private grouping(days: number): Grouping {
    return isGrouping(this.groupBy) ? this.groupBy : autoGrouping(days);
  }

  /** Buckets and lines from the loaded rows; the grouping is the engine's, the chart sums nothing. */
  private shape(data: ActivityData): ShapedActivity {
    const m = this.messages;
    const days = rangeDays(data.range);
    const grouping = this.grouping(days);
    const buckets = groupDaily(data.daily, grouping);
    const lines: ChartLine[] = [
      { kind: 'current', measure: 'posts', name: m.posts, tooltipName: m.posts, buckets },
      { kind: 'current', measure: 'replies', name: m.replies, tooltipName: m.replies, buckets },
    ];
    if (this.compare && data.previous) {
      // Each bucket against the same days of the previous period, which keep their own dates.
      const previous = alignPrevious(buckets, data.previous);
      lines.push(
        { kind: 'previous', measure: 'posts', name: m.previousPosts, tooltipName: m.posts, buckets: previous },
        { kind: 'previous', measure: 'replies', name: m.previousReplies, tooltipName: m.replies, buckets: previous },
      );
    }
    let otherTotal = 0;
    if (this.verify && data.other) {
      const other = sameBuckets(buckets, groupDaily(data.other.daily, grouping));
      const aggregated = data.other.path === 'aggregate';
      otherTotal = other.reduce((sum, bucket) => sum + bucket.posts + bucket.replies, 0);
      const [postsName, repliesName] = aggregated ? [m.aggregatedPosts, m.aggregatedReplies] : [m.directPosts, m.directReplies];
      lines.push(
        { kind: 'other', measure: 'posts', name: postsName, tooltipName: postsName, buckets: other },
        { kind: 'other', measure: 'replies', name: repliesName, tooltipName: repliesName, buckets: other },
      );
    }
    const posts = buckets.reduce((sum, bucket) => sum + bucket.posts, 0);
    const replies = buckets.reduce((sum, bucket) => sum + bucket.replies, 0);
    return {
      range: data.range,
      grouping,
      autoGrouping: autoGrouping(days),
      buckets,
      lines,
      partialNotes: buckets.map((bucket) => this.partialNote(bucketCoverage(bucket, grouping, data.today))),
      empty: posts + replies + otherTotal === 0,
      description: m.chartDescription(this.formatter.count(posts), this.formatter.count(replies), this.formatter.range(data.range)),
      texts: { partialPeriod: m.partialPeriod, previousPeriodDates: m.previousPeriodDates, withNote: m.withNote },
    };
  }

  /** What a partial bucket holds, in words: "partial: 4 of 31 days", "partial: today so far"; undefined for a whole period. */
  private partialNote({ days, periodDays, ongoing, partial }: BucketCoverage): string | undefined {
    if (!partial) return undefined;
    const m = this.messages;
    const [held, of] = [this.formatter.count(days), this.formatter.count(periodDays)];
    if (!ongoing) return m.partialDays(held, of);
    return days === periodDays ? m.partialToday : m.partialDaysToday(held, of);
  }

  private async loadCharts(): Promise<void> {
    this.chartLoadError = undefined;
    try {
      this.charts = await loadChartModule();
    } catch (error) {
      this.chartLoadError = error;
      this.reportError('chart', error);
    }
  }

  /** Tells the page what failed (the class JSDoc documents the event, so it is built apart from the dispatch). */
  private reportError(operation: 'rows' | 'chart', error: unknown): void {
    const event = new JtErrorEvent({ operation, error });
    this.dispatchEvent(event);
  }

  // ---- the chart ------------------------------------------------------------------------------

  /** Creates, updates or disposes the chart to match what was rendered. */
  private drawChart(): void {
    const container = this.renderRoot.querySelector<HTMLElement>('[part~="chart"]');
    if (!container || !this.charts || !this.shaped || !this.isConnected) {
      this.disposeChart();
      return;
    }
    if (this.chart && this.chart.getDom() !== container) this.disposeChart();
    if (!this.chart) {
      // A new chart has nothing on screen to keep: it is drawn at once.
      this.chart = this.charts.createChart(container);
      this.optionStale = true;
      this.applyOption();
      return;
    }
    if (!this.optionStale || this.applyScheduled) return;
    // After the next paint: the frame that shows the new numbers and the chart's own rendering are
    // separate tasks, so neither holds the main thread long (a range change over a large community).
    this.applyScheduled = true;
    this.chartApplied = new Promise<void>((resolve) =>
      afterNextPaint(() => {
        this.applyScheduled = false;
        this.applyOption();
        resolve();
      }),
    );
  }

  /** `updateComplete` also waits for the chart to take the new option (it does so after the next paint). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this.chartApplied;
    return complete;
  }

  /** Gives the chart its option for what is rendered now, colors read from computed style (clean after a paint, so cheap). */
  private applyOption(): void {
    if (!this.optionStale || !this.chart || !this.shaped) return;
    this.optionStale = false;
    const option = activityChartOption(this.shaped, this.readTheme(), this.formatter, !this.reducedMotion.matches);
    // A tooltip shown over the old points would be kept by ECharts at the same spot after the change,
    // empty or with numbers of other buckets, with its pointer line: a new grouping or range starts
    // without one, whether it came from the mouse or the keyboard.
    this.chart.dispatchAction({ type: 'hideTip' });
    this.chart.dispatchAction({ type: 'updateAxisPointer', currTrigger: 'leave' });
    // Merged, so axes, legend and tooltip are updated in place rather than rebuilt; only the series are
    // replaced, as verify, compare and partial periods change their number.
    this.chart.setOption(option, { replaceMerge: ['series'] });
  }

  private disposeChart(): void {
    this.chart?.dispose();
    this.chart = undefined;
  }

  /** The chart's colors from the element's computed custom properties, so `--jt-*` and `theme` reach the canvas. */
  private readTheme(): ChartTheme {
    const style = getComputedStyle(this);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const theme: ChartTheme = {
      posts: read('--_series-posts', '#2271b1'),
      replies: read('--_series-replies', '#b26200'),
      text: read('--_text', '#1d2327'),
      muted: read('--_muted', '#50575e'),
      border: read('--_border', '#c3c4c7'),
      surface: read('--_surface', '#ffffff'),
      font: read('--_font', 'system-ui, sans-serif'),
    };
    return theme;
  }

  // ---- handlers -------------------------------------------------------------------------------

  private readonly handleMediaChange = (): void => {
    this.optionStale = true;
    this.requestUpdate();
  };

  private handleGroupBy(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.groupBy = isGrouping(value) ? value : 'auto';
  }

  private handleCompare(event: Event): void {
    this.compare = (event.target as HTMLInputElement).checked;
  }

  private handleViewToggle(): void {
    this.view = this.view === 'table' ? 'chart' : 'table';
  }

  private handleRetry(): void {
    if (this.chartLoadError !== undefined) void this.loadCharts();
    if (this.rowsTask.status !== TaskStatus.ERROR) return;
    const feed = this.coveringFeed();
    // Lines that come from the dashboard's load come back with its next one.
    if (feed) feed.retry();
    else void this.rowsTask.run();
  }

  /** The daily table of the range on screen; nothing to export without a source or a valid range. */
  private exportRequest(): CsvExportRequest | undefined {
    const source = this.dataSource;
    const range = this.rangeController.dates;
    if (!source || !range) return undefined;
    // Whole numbers only: nothing to round, so no csv-values here.
    return { source, table: 'daily', range, path: this.effectivePath(), locale: this.formatter.locale, values: undefined, delimiter: this.csvDelimiter };
  }

  // ---- rendering ------------------------------------------------------------------------------

  private renderHeader(): TemplateResult {
    const m = this.messages;
    const days = this.rangeController.dates ? rangeDays(this.rangeController.dates) : 30;
    const groupName: Record<Grouping, string> = { day: m.groupDay, week: m.groupWeek, month: m.groupMonth };
    const selected = isGrouping(this.groupBy) ? this.groupBy : 'auto';
    return html`<div part="header">
        <h2 part="title" id="title">${m.activityTitle}</h2>
        <div part="controls">
          <label part="group-by">
            ${m.groupBy}
            <select @change=${this.handleGroupBy}>
              <option value="auto" ?selected=${selected === 'auto'}>${m.groupAuto(groupName[autoGrouping(days)])}</option>
              ${(['day', 'week', 'month'] as const).map(
                (grouping) => html`<option value=${grouping} ?selected=${selected === grouping}>${groupName[grouping]}</option>`,
              )}
            </select>
          </label>
          <label part="compare">
            <input type="checkbox" .checked=${this.compare} @change=${this.handleCompare} />
            ${m.compareToPrevious}
          </label>
          <button part="table-toggle" type="button" aria-pressed=${this.view === 'table' ? 'true' : 'false'} @click=${this.handleViewToggle}>
            ${m.showAsTable}
          </button>
          ${this.csvExport.renderButton()}
        </div>
      </div>
      ${this.csvExport.renderError()}`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<p part="status loading" class="visually-hidden" role="status">${this.messages.chartLoading}</p>
      <div part="skeleton" aria-hidden="true"></div>`;
  }

  private renderError(error: unknown): TemplateResult {
    if (isAbort(error)) return this.renderSkeleton();
    return renderErrorState(errorMessage(error, this.messages), { label: this.messages.retry, onClick: this.handleRetry });
  }

  /** One template whether fresh or stale, so a reload keeps the chart's DOM (and the chart) in place. */
  private renderContent(stale: boolean): TemplateResult {
    const shaped = this.shaped;
    if (!shaped) return this.renderSkeleton();
    if (shaped.empty) return html`<p part="status empty" role="status">${this.messages.empty}</p>`;
    const classes = stale ? 'content stale' : 'content';
    // The table needs no chart library: it shows even when ECharts could not be loaded.
    if (this.view === 'table') return html`<div part="content" class=${classes}>${this.renderTable(shaped, true)}</div>`;
    if (this.chartLoadError !== undefined) return this.renderError(this.chartLoadError);
    return html`<div part="content" class=${classes}>
      ${this.charts
        ? html`<div part="chart" role="img" aria-label=${shaped.description}></div>`
        : html`<div part="skeleton" aria-hidden="true"></div>`}
      ${this.renderTable(shaped, false)}
    </div>`;
  }

  /**
   * The chart's numbers as a table: one row per bucket (a partial one says so), one column per line, and
   * the previous period's dates before its counts. Visually hidden under the chart, for screen readers;
   * with "Show as table", in its place, as a region that scrolls and takes the keyboard focus.
   */
  private renderTable(shaped: ShapedActivity, shown: boolean): TemplateResult {
    const m = this.messages;
    const [date, posts, replies] = columnLabels(m, 'daily');
    const extra = shaped.lines.filter((line) => line.kind !== 'current');
    const previousDates = extra.find((line) => line.kind === 'previous');
    // The wrapper is what is hidden: a table keeps its content width whatever width it is given.
    return html`<div
      part="table"
      class=${shown ? 'table-view' : 'visually-hidden'}
      role=${shown ? 'region' : nothing}
      aria-labelledby=${shown ? 'table-caption' : nothing}
      tabindex=${shown ? '0' : nothing}
    ><table part="data-table">
      <caption id="table-caption">${m.chartTableCaption}, ${this.formatter.range(shaped.range)}</caption>
      <thead>
        <tr>
          <th scope="col">${date}</th>
          <th scope="col">${posts}</th>
          <th scope="col">${replies}</th>
          ${extra.map(
            (line) => html`${line === previousDates ? html`<th scope="col">${m.previousPeriod}</th>` : nothing}<th scope="col">${line.name}</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${shaped.buckets.map(
          (bucket, i) => html`<tr>
            <th scope="row">${bucketTitle(shaped, i, this.formatter)}</th>
            <td>${this.formatter.count(bucket.posts)}</td>
            <td>${this.formatter.count(bucket.replies)}</td>
            ${extra.map((line) => {
              const point = line.buckets[i]!;
              const dates = line === previousDates ? html`<td>${bucketLabel(point, this.formatter)}</td>` : nothing;
              return html`${dates}<td>${this.formatter.count(point[line.measure])}</td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private renderBody(): TemplateResult {
    if (!this.dataSource) return html`<p part="status" role="status">${this.messages.noDataSource}</p>`;
    // A range that does not read comes back only with a new range: no Retry.
    if (this.rangeController.problem) return renderErrorState(this.rangeController.problem, undefined);
    return this.rowsTask.render({
      initial: () => this.renderSkeleton(),
      pending: () => (this.rowsTask.value ? this.renderContent(true) : this.renderSkeleton()),
      complete: () => this.renderContent(false),
      error: (error) => this.renderError(error),
    });
  }

  override render(): TemplateResult {
    const busy = !!this.dataSource && !this.rangeController.problem && this.rowsTask.status === TaskStatus.PENDING;
    return html`<section part="base" aria-labelledby="title" aria-busy=${busy ? 'true' : 'false'}>
      ${this.renderHeader()} ${this.renderBody()}
    </section>`;
  }
}

/** The range's daily rows (paged if the source caps a page), and the previous period's and the other path's when asked for. */
async function loadActivity(
  source: AnalyticsDataSource,
  range: DateRange,
  zone: string,
  path: Path,
  compare: boolean,
  verify: boolean,
  signal: AbortSignal,
): Promise<ActivityData> {
  const otherPath: Path = path === 'direct' ? 'aggregate' : 'direct';
  const [daily, previous, other] = await Promise.all([
    dailyRows(source, { range, path, offset: 0, limit: rangeDays(range), signal }),
    compare ? dailyRows(source, { range: previousRange(range), path, offset: 0, limit: rangeDays(range), signal }) : undefined,
    verify ? dailyRows(source, { range, path: otherPath, offset: 0, limit: rangeDays(range), signal }) : undefined,
  ]);
  return { range, path, daily, previous, other: other ? { path: otherPath, daily: other } : undefined, today: todayOf(source, zone) };
}

/** The lines of one path, its previous period's and the other path's, from a dashboard's reports. */
function activityFromReports(reports: DashboardReports, path: Path, compare: boolean, verify: boolean, today: string | undefined): ActivityData {
  const otherPath: Path = path === 'direct' ? 'aggregate' : 'direct';
  const of = (p: Path) => (p === 'direct' ? reports.direct : reports.aggregate!);
  const shown = of(path);
  return {
    range: shown.range,
    path,
    daily: shown.daily,
    previous: compare ? reports.previous.daily : undefined,
    other: verify ? { path: otherPath, daily: of(otherPath).daily } : undefined,
    today,
  };
}

/** The current local date in the data source's zone, by its clock; undefined when the clock throws (then no bucket is marked as today). */
function todayOf(source: AnalyticsDataSource, zone: string): string | undefined {
  try {
    return todayIn(zone, source.now?.() ?? Date.now());
  } catch {
    return undefined;
  }
}

/** Every daily row of a range: one call, or more when the source returns fewer rows than it has (a REST page limit). */
async function dailyRows(source: AnalyticsDataSource, query: RowsQuery): Promise<DailyRow[]> {
  const rows: DailyRow[] = [];
  for (;;) {
    const page = await source.rows('daily', { ...query, offset: query.offset + rows.length, limit: query.limit - rows.length });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= Math.min(page.total, query.limit)) return rows;
  }
}

/** `other` matched to `buckets` by start date; a bucket the other path lacks counts 0. */
function sameBuckets(buckets: readonly SeriesBucket[], other: readonly SeriesBucket[]): SeriesBucket[] {
  const byStart = new Map(other.map((bucket) => [bucket.start, bucket]));
  return buckets.map((bucket) => {
    const match = byStart.get(bucket.start);
    return { start: bucket.start, end: bucket.end, posts: match?.posts ?? 0, replies: match?.replies ?? 0 };
  });
}

if (!customElements.get('jt-activity-chart')) customElements.define('jt-activity-chart', JtActivityChart);

declare global {
  interface HTMLElementTagNameMap {
    'jt-activity-chart': JtActivityChart;
  }
}

/**
 * Runs `callback` in a task after the next frame is painted. A hidden page
 * paints no frames and has no paint to protect: there it runs at once.
 */
function afterNextPaint(callback: () => void): void {
  if (document.visibilityState === 'hidden') {
    callback();
    return;
  }
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    callback();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  // A page hidden after the frame was asked for.
  setTimeout(run, 250);
}
