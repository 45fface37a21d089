import { TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { diffMetrics } from '../../engine/diff.js';
import { JtErrorEvent } from '../../events/error-event.js';
import type { JtRangeChangeEvent } from '../../events/range-change-event.js';
import { JtReportErrorEvent } from '../../events/report-error-event.js';
import { JtReportLoadEvent } from '../../events/report-load-event.js';
import type { JtVerifyChangeEvent } from '../../events/verify-change-event.js';
import { SettingsProvider } from '../../internal/context.js';
import { describeError, drawError } from '../../internal/error-message.js';
import { renderErrorState } from '../../internal/error-state.js';
import { JtTableSettingsElement } from '../../internal/export-settings.js';
import type { Messages } from '../../internal/i18n.js';
import { partsDrawn } from '../../internal/parts-drawn.js';
import { clampPageSize } from '../../internal/ranked-table/ranked-table-element.js';
import type { DashboardReports } from '../../internal/report-context.js';
import { ReportController } from '../../internal/report-controller.js';
import { UrlStateController } from '../../internal/url-state-controller.js';
import type { AnalyticsError } from '../../model/errors.js';
import { isEmptyReport } from '../../model/metrics.js';
import { todayIn } from '../../model/range.js';
import type { DateRange } from '../../model/report.js';
import '../activity-chart/activity-chart.js';
import '../date-range/date-range.js';
import '../diff-toggle/diff-toggle.js';
import '../engagement/engagement.js';
import { figureCards, renderFigureCard, visibleCards, type FigureCard } from '../metric/metric-cards.js';
import '../metric/metric.js';
import '../moderation/moderation.js';
import '../top-contributors/top-contributors.js';
import '../top-spaces/top-spaces.js';
import { dashboardStyles } from './analytics-dashboard.styles.js';

export type { DashboardReports } from '../../internal/report-context.js';

/**
 * The whole community analytics screen: a title with the date range picker,
 * the site's time zone and the "Verify dual-path" switch; the four headline
 * numbers (Total Posts, Total Replies and Active Members with their change
 * against the previous period, and the Growth Rate); the activity chart; Top
 * Spaces; Top Contributors; Engagement; Moderation. One load reads the
 * range's report, the previous period's and, when verifying, the aggregate
 * path's; the chart draws their daily rows and the tables their first page,
 * so a range change is that one load, and every part follows it together
 * (a further page of a table is a request of its own). With `sync-url`
 * the range and the switch are kept in the URL hash
 * (`#jt-range=30d&jt-verify=1`). With `remember` they are kept per page in
 * `localStorage`. A data source with a cache (see `withCache`) has its cached
 * report painted at once, marked as updating, until the fresh one arrives.
 * When a load fails after a good one, the good one's figures stay on screen
 * under the error, marked stale with the range they are for, with Retry.
 * Without a data source it says none is connected, unless `loading` says
 * one is on its way: then it shows its loading state (skeletons,
 * `aria-busy="true"`) until `dataSource` is set.
 *
 * @summary The community analytics dashboard: headline numbers, activity, top spaces and members, engagement, moderation.
 *
 * @event {JtReportLoadEvent} jt-report-load - A report has loaded and is on screen; `detail.report` is the range's `AnalyticsReport` (direct path).
 * @event {JtReportErrorEvent} jt-report-error - Loading the report failed, or it could not be drawn; `detail.error` is what the data source rejected with, or an `AnalyticsError` with code `render_failed` whose `cause` is what threw while drawing. The message and a Retry button are shown.
 * @event {JtErrorEvent} jt-error - Loading or drawing the report failed (`detail.operation` is `report`; drawing errors have code `render_failed`). The chart and the tables send their own `jt-error` (`rows`, `chart`, `export`), which bubble out of the dashboard too.
 * @event {JtRangeChangeEvent} jt-range-change - The user picked a range in the dashboard's picker (bubbles out of it); `detail.range` is the new `range`.
 * @event {JtVerifyChangeEvent} jt-verify-change - The user switched verification on or off (bubbles out of the switch); `detail.verify` is the new `verify`.
 * @event {JtExportEvent} jt-export - A CSV export of the chart or a table is about to start (bubbles out of it). Cancelable.
 *
 * @csspart base - The dashboard: the header, the note and the body.
 * @csspart header - The row with the title and the controls.
 * @csspart title - The dashboard's title (an `<h2>`).
 * @csspart controls - The range picker, the time zone and the verify switch.
 * @csspart range-picker - The `<jt-date-range>` (style its inside through its own parts).
 * @csspart time-zone - "Times in Europe/Berlin": the zone every date and day is counted in; hidden until the zone is known (the `time-zone` attribute, the source's `timeZone` or its first report).
 * @csspart verify-toggle - The `<jt-diff-toggle>`.
 * @csspart recording-note - In verify mode: since when the aggregator has recorded (where the source says; drift is expected before it) and on how many figures the two paths differ.
 * @csspart body - Everything under the header; carries `aria-busy` while a report loads.
 * @csspart headline - The list of the four headline cards.
 * @csspart metric - Each headline `<jt-metric>` card.
 * @csspart chart - The `<jt-activity-chart>`.
 * @csspart top-spaces - The `<jt-top-spaces>` table.
 * @csspart top-contributors - The `<jt-top-contributors>` table.
 * @csspart engagement - The `<jt-engagement>` section.
 * @csspart moderation - The `<jt-moderation>` section.
 * @csspart status - A message in place of the numbers: no data source, empty range, error.
 * @csspart placeholder - A skeleton in place of the chart or a table while a data source is on its way (`loading`).
 * @csspart empty - The message for a range without any activity (also has `status`).
 * @csspart error - The error message with its Retry button (also has `status`): what happened in plain words ("The server could not answer (HTTP 500).").
 * @csspart error-details - The error's code, HTTP status and the server's own message, under the plain words.
 * @csspart stale-note - When a later load failed: "Showing figures for …, could not update." The last good figures stay under the error.
 * @csspart retry-button - The Retry button of the error state.
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssproperty [--jt-font-size=14px] - Base font size.
 * @cssproperty [--jt-color-backdrop=transparent] - Background behind the cards: the page shows through in the light theme; `#101517` in the dark theme.
 * @cssproperty [--jt-color-text=#1d2327] - Title, numbers and headings.
 * @cssproperty [--jt-color-muted=#50575e] - The time zone, labels and state messages.
 * @cssproperty [--jt-color-surface=#ffffff] - Background of cards, sections and tables.
 * @cssproperty [--jt-color-surface-alt=#f6f7f7] - Skeletons and badges.
 * @cssproperty [--jt-color-border=#c3c4c7] - Borders of cards, tables and notes.
 * @cssproperty [--jt-color-accent=#2271b1] - Buttons and the switch when on.
 * @cssproperty [--jt-color-accent-text=#ffffff] - Text on accent backgrounds.
 * @cssproperty [--jt-color-positive=#00702a] - An increase against the previous period.
 * @cssproperty [--jt-color-negative=#b32d2e] - A decrease against the previous period.
 * @cssproperty [--jt-color-danger=#b32d2e] - Error messages; outline of a non-zero drift.
 * @cssproperty [--jt-color-warning-surface=#fcf9e8] - Background of the recording note and of a non-zero drift.
 * @cssproperty [--jt-color-focus=#2271b1] - Focus ring.
 * @cssproperty [--jt-color-series-posts=#2271b1] - The posts lines of the chart.
 * @cssproperty [--jt-color-series-replies=#b26200] - The replies lines of the chart.
 * @cssproperty [--jt-radius=4px] - Corner radius of cards and buttons.
 * @cssproperty [--jt-gap=16px] - Space between and inside the cards.
 * @cssproperty [--jt-chart-height=320px] - Height of the activity chart.
 */
export class JtAnalyticsDashboard extends JtTableSettingsElement {
  static override styles = dashboardStyles;

  /** Keeps `range` and `verify` in the URL hash (`#jt-range=30d&jt-verify=1`), read on connect and on `hashchange`. */
  @property({ attribute: 'sync-url', type: Boolean, reflect: true })
  syncUrl = false;

  /** Remembers the last `range` and `verify` of this page in `localStorage` (`jt-analytics:<path>`), restored on connect unless given as attributes. */
  @property({ type: Boolean, reflect: true })
  remember = false;

  /**
   * A data source is on its way (its events are still being generated, ingested or fetched): until
   * `dataSource` is set, the dashboard shows its loading state (skeletons, `aria-busy="true"`) instead of
   * "No data source is connected". Once a source is set it shows that source's own loading and has no effect.
   */
  @property({ type: Boolean, reflect: true })
  loading = false;

  /** The title above the dashboard; default "Community analytics" in the element's language. */
  @property()
  heading: string | undefined;

  /** The reports every part shows, loaded once per range and handed down to the chart and the tables. */
  private readonly reports = new ReportController(this, {
    range: () => this.rangeController.dates,
    topN: () => this.topN,
    onLoad: (reports) => this.dispatchEvent(new JtReportLoadEvent({ report: reports.direct })),
    onError: (error) => tellReportError(this, error),
  });
  /** `range` and `verify` in the URL hash (`sync-url`) and in `localStorage` (`remember`). */
  private readonly urlState = new UrlStateController(this);
  /** What every part reads from the dashboard instead of its own attributes. */
  private readonly settings = new SettingsProvider(this, ['dataSource', 'range', 'timeZone', 'locale', 'theme', 'verify', 'pageSize', 'csvValues', 'csvDelimiter']);
  private topN = 10;
  /** The headline cards (the overview's figures, from the metric registry) in the element's language. */
  private headline: FigureCard[] = [];
  /** The messages the headline cards were made with. */
  private headlineMessages: Messages | undefined;
  /** Reports that threw while they were drawn (by the dashboard or a part), and the error shown instead. */
  private undrawable: { reports: DashboardReports | undefined; error: AnalyticsError } | undefined;
  /** A drawing error not yet told in `jt-error` / `jt-report-error`. */
  private untoldDrawError: AnalyticsError | undefined;
  /** The reports whose parts were last watched until drawn. */
  private watchedReports: DashboardReports | undefined;

  constructor() {
    super();
    // As the picker does: a range that ends after today (by the source's clock, in the site's zone) is refused, not loaded.
    this.rangeController.refuseAfterToday((today) => this.messages.rangeAfterToday(this.formatter.date(today)));
  }

  /** The zone presets and days are counted in: the known one, else UTC. */
  private get zone(): string {
    return this.rangeController.zone;
  }

  /** A report names its zone: presets resolve in it when neither `time-zone` nor the source says one. */
  protected override learnedTimeZone(): string | undefined {
    return this.reports.learnedTimeZone;
  }

  /** Every update: "today" (the source's clock) and the learned zone move without a property changing. */
  protected override rangeChanged(): boolean {
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.urlState.willUpdate(changed);
    super.willUpdate(changed);
    if (this.messages !== this.headlineMessages) {
      this.headlineMessages = this.messages;
      this.headline = figureCards('headline', this.messages);
    }
    this.topN = clampPageSize(this.pageSize);
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.tellDrawError();
    this.watchParts();
    this.urlState.updated(changed);
  }

  /** Loads everything again (the report, the chart's and the tables' rows), e.g. after new events reached the data source. */
  async refresh(): Promise<void> {
    this.rangeController.resolve();
    this.requestUpdate();
    await this.updateComplete;
    if (this.rangeController.problem) return;
    const load = this.reports.run();
    // The new load is handed down with the next update; a table on a later page loads that page again.
    await this.updateComplete;
    const parts = [...this.renderRoot.querySelectorAll<Element & { refresh(): Promise<void> }>('jt-activity-chart, jt-top-spaces, jt-top-contributors')];
    await Promise.all([load, ...parts.map((part) => part.refresh())]);
  }

  /**
   * Once a report is on screen, waits until the cards and sections have drawn
   * it: one that throws turns the dashboard to the error state with Retry.
   */
  private watchParts(): void {
    const reports = this.reports.completed;
    if (!reports || reports === this.watchedReports || reports === this.undrawable?.reports) return;
    this.watchedReports = reports;
    partsDrawn([...this.renderRoot.querySelectorAll('jt-metric, jt-engagement, jt-moderation')]).catch((error: unknown) => {
      if (this.reports.completed !== reports) return;
      this.failedToDraw(reports, error);
      this.requestUpdate();
    });
  }

  private failedToDraw(reports: DashboardReports | undefined, error: unknown): AnalyticsError {
    this.undrawable = { reports, error: drawError(error) };
    this.untoldDrawError = this.undrawable.error;
    return this.undrawable.error;
  }

  private tellDrawError(): void {
    const error = this.untoldDrawError;
    if (!error) return;
    this.untoldDrawError = undefined;
    tellReportError(this, error);
  }

  private handleRangeChange(event: JtRangeChangeEvent): void {
    this.range = event.detail.range;
  }

  private handleVerifyChange(event: JtVerifyChangeEvent): void {
    this.verify = event.detail.verify;
  }

  private handleRetry(): void {
    void this.reports.run();
  }

  // ---- rendering ------------------------------------------------------------------------------

  private renderHeader(): TemplateResult {
    const m = this.messages;
    // Until the site's zone is known (a source still on its way, a REST source that names it in its first report) none is shown, never UTC as a guess.
    const known = this.rangeController.knownZone;
    const zoneNote = known ? m.timeZoneNote(known) : '';
    return html`<div part="header">
      <h2 part="title" id="title">${this.heading || m.dashboardTitle}</h2>
      <div part="controls">
        <div class="range">
          <jt-date-range
            part="range-picker"
            range=${this.range}
            .now=${this.dataSource?.now?.()}
            @jt-range-change=${this.handleRangeChange}
          ></jt-date-range>
          <p part="time-zone" ?hidden=${!zoneNote}>${zoneNote}</p>
        </div>
        <jt-diff-toggle
          part="verify-toggle"
          ?checked=${this.verify}
          @jt-verify-change=${this.handleVerifyChange}
        ></jt-diff-toggle>
      </div>
    </div>`;
  }

  /**
   * In verify mode, what the drift under it rests on: since when the aggregator has recorded, where the source
   * says, and on how many figures the two paths differ, from the same figures the drift badges show. It never
   * claims the aggregator saw everything: a source cannot know what it missed.
   */
  private renderRecordingNote(reports: DashboardReports | undefined): TemplateResult | typeof nothing {
    if (!this.verify || !reports?.aggregate) return nothing;
    const m = this.messages;
    const since = reports.aggregate.recordingSince ?? reports.direct.recordingSince;
    const metrics = diffMetrics(reports.direct, reports.aggregate);
    const differing = metrics.filter((metric) => metric.drift_pct !== 0).length;
    const drift = differing === 0 ? m.pathsAgree : m.pathsDiffer(this.formatter.count(differing), this.formatter.count(metrics.length));
    return html`<p part="recording-note">
      ${since === null ? nothing : html`<span>${m.recordedSince(this.formatter.instant(since, this.zone))}</span> `}<span>${drift}</span>
    </p>`;
  }

  private renderHeadline(reports: DashboardReports | undefined, loading: boolean): TemplateResult {
    const shown = reports && { ...reports, aggregate: this.verify ? reports.aggregate : undefined };
    return html`<ul part="headline" class=${loading ? '' : 'stale'} aria-label=${this.messages.headline}>
      ${visibleCards(this.headline, shown?.aggregate !== undefined).map((card) => html`<li>${renderFigureCard(card, shown, { loading })}</li>`)}
    </ul>`;
  }

  /** The chart and the tables: they draw the reports the dashboard hands down (a further page of a table is loaded by the table), with its settings. */
  private renderLoadingParts(): TemplateResult {
    return html`<jt-activity-chart part="chart"></jt-activity-chart>
      <div class="tables">
        <jt-top-spaces part="top-spaces"></jt-top-spaces>
        <jt-top-contributors part="top-contributors"></jt-top-contributors>
      </div>`;
  }

  /** Engagement and Moderation draw the dashboard's reports (and compare with the previous period's): skeletons until the first one, then dimmed while the next loads. */
  private renderSections(reports: DashboardReports | undefined, busy: boolean): TemplateResult {
    const aggregate = this.verify ? reports?.aggregate : undefined;
    return html`<div class="sections">
      <jt-engagement part="engagement" .report=${reports?.direct} .previousReport=${reports?.previous} .aggregateReport=${aggregate} ?loading=${busy}></jt-engagement>
      <jt-moderation part="moderation" .report=${reports?.direct} .previousReport=${reports?.previous} .aggregateReport=${aggregate} ?loading=${busy}></jt-moderation>
    </div>`;
  }

  /** The error state: what happened in plain words, the figures still shown if any, the details, and Retry. */
  private renderError(error: { summary: string; details: string }, canRetry: boolean, staleRange?: DateRange): TemplateResult {
    return renderErrorState(
      error.summary,
      canRetry ? { label: this.messages.retry, onClick: this.handleRetry } : undefined,
      html`${staleRange ? html`<p part="stale-note">${this.messages.staleFigures(this.formatter.range(staleRange))}</p>` : nothing}
      ${error.details ? html`<p part="error-details">${error.details}</p>` : nothing}`,
    );
  }

  private renderBody(reports: DashboardReports | undefined, busy: boolean): TemplateResult {
    const m = this.messages;
    if (reports && !busy && isEmpty(reports)) {
      // Nothing happened in the range: the zeros (and their change) stay, the empty tables and chart do not.
      return html`${this.renderHeadline(reports, false)}
        <p part="status empty" role="status">${this.rangeController.dates!.end < todayIn(this.zone, this.dataSource?.now?.() ?? Date.now()) ? m.emptyPast : m.empty}</p>`;
    }
    return html`${busy ? html`<p class="visually-hidden" role="status">${m.updating}</p>` : nothing}
      ${this.renderHeadline(reports, busy && !reports)} ${this.renderLoadingParts()} ${this.renderSections(reports, busy)}`;
  }

  /** A later load failed: the error with Retry above the last good figures, which say which range they are for. */
  private renderStale(stale: { reports: DashboardReports; range: DateRange }, error: { summary: string; details: string }): TemplateResult {
    return html`${this.renderError(error, true, stale.range)} ${this.renderHeadline(stale.reports, false)}
      ${this.renderLoadingParts()} ${this.renderSections(stale.reports, false)}`;
  }

  /** A source is on its way: skeletons of every part, none of which asks for data yet. */
  private renderWaiting(): TemplateResult {
    return html`<p class="visually-hidden" role="status">${this.messages.loading}</p>
      ${this.renderHeadline(undefined, true)}
      <div part="placeholder" class="placeholder chart-placeholder" aria-hidden="true"></div>
      <div class="tables">
        <div part="placeholder" class="placeholder" aria-hidden="true"></div>
        <div part="placeholder" class="placeholder" aria-hidden="true"></div>
      </div>
      ${this.renderSections(undefined, true)}`;
  }

  /** The error state for reports that could not be drawn; the header too only if it can be drawn. */
  private renderUndrawable(error: AnalyticsError): TemplateResult {
    let header: TemplateResult;
    try {
      header = this.renderHeader();
    } catch {
      header = html`<div part="header"><h2 part="title" id="title">${this.heading || this.messages.dashboardTitle}</h2></div>`;
    }
    return html`<section part="base" aria-labelledby="title">
      ${header}
      <div part="body" aria-busy="false">${this.renderError(describeError(error, this.messages), true)}</div>
    </section>`;
  }

  override render(): TemplateResult {
    let reports = this.reports.shown;
    if (reports && reports === this.undrawable?.reports) {
      // Reports that could not be drawn are not tried again: their error stays until a new load (Retry) replaces them.
      if (this.reports.status !== TaskStatus.PENDING) return this.renderUndrawable(this.undrawable.error);
      reports = undefined;
    }
    try {
      return this.renderDashboard(reports);
    } catch (error) {
      // Whatever throws while drawing (a value the formatter refuses, a malformed report) ends in the error state, never a spinner.
      return this.renderUndrawable(this.failedToDraw(reports, error));
    }
  }

  /**
   * Hands the parts what they show: the source, the range (resolved), the zone, the locale, the resolved theme and
   * verify; and to the chart and the tables the page size (the rows the load carries) and the CSV settings.
   */
  private provideSettings(range: DateRange | undefined): void {
    this.settings.provide({
      dataSource: this.dataSource,
      range: range ? `${range.start}..${range.end}` : undefined,
      timeZone: this.zone,
      locale: this.localize.locale,
      theme: this.themeController.theme,
      verify: this.verify,
      pageSize: this.topN,
      csvValues: this.csvValues,
      csvDelimiter: this.csvDelimiter,
    });
  }

  private renderDashboard(reports: DashboardReports | undefined): TemplateResult {
    const m = this.messages;
    const failed = this.reports.failed;
    const waiting = !this.dataSource && this.loading;
    // A load that failed after a good one keeps the good one's numbers on screen, marked stale, instead of wiping them.
    const stale = this.reports.stale;
    const rangeProblem = this.rangeController.problem;
    const busy = waiting || (!!this.dataSource && !rangeProblem && !failed && this.reports.status !== TaskStatus.COMPLETE);
    // The parts show the stale figures' range under an error, else the range in force.
    this.provideSettings(stale?.range ?? this.rangeController.dates);

    let body: TemplateResult;
    if (waiting) body = this.renderWaiting();
    else if (!this.dataSource) body = html`<p part="status" role="status">${m.noDataSource}</p>`;
    else if (rangeProblem) body = this.renderError({ summary: rangeProblem, details: '' }, false);
    else if (failed && stale) body = this.renderStale(stale, describeError(this.reports.error, m));
    else if (failed) body = this.renderError(describeError(this.reports.error, m), true);
    else body = this.renderBody(reports, busy);

    const shown = this.dataSource && !rangeProblem ? (failed ? stale?.reports : reports) : undefined;
    return html`<section part="base" aria-labelledby="title">
      ${this.renderHeader()} ${this.renderRecordingNote(shown)}
      <div part="body" aria-busy=${busy ? 'true' : 'false'}>${body}</div>
    </section>`;
  }
}

/** `jt-error` (operation `report`) and `jt-report-error`, for a report that failed to load or to be drawn. */
function tellReportError(dashboard: JtAnalyticsDashboard, error: unknown): void {
  dashboard.dispatchEvent(new JtErrorEvent({ operation: 'report', error }));
  dashboard.dispatchEvent(new JtReportErrorEvent({ error }));
}

/** A range with nothing at all in it, on either path: no content, votes, joins, flags or triggers. */
function isEmpty(reports: DashboardReports): boolean {
  return [reports.direct, reports.aggregate].every((report) => !report || isEmptyReport(report));
}

if (!customElements.get('jt-analytics-dashboard')) customElements.define('jt-analytics-dashboard', JtAnalyticsDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'jt-analytics-dashboard': JtAnalyticsDashboard;
  }
}
