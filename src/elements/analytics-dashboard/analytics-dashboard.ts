import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { JtReportErrorEvent } from '../../events/report-error-event.js';
import { JtReportLoadEvent } from '../../events/report-load-event.js';
import { TABLE_COLUMNS, TABLE_TITLES } from '../../model/labels.js';
import { parseRange } from '../../model/range.js';
import type { AnalyticsReport, DailyRow } from '../../model/report.js';
import type { AnalyticsDataSource } from '../../sources/data-source.js';
import { dashboardStyles } from './analytics-dashboard.styles.js';

/**
 * The community analytics dashboard. This first version is a preview: it
 * shows the four headline numbers and the daily activity of one date range,
 * read on the direct path. The full dashboard (charts, top spaces and
 * contributors, CSV export, dual-path verification) replaces it later with
 * the same tag, `dataSource` and `range`.
 *
 * @summary Headline numbers and daily posts and replies of a community for one date range.
 *
 * @event {JtReportLoadEvent} jt-report-load - A report has loaded; `detail.report` is the `AnalyticsReport` about to be shown.
 * @event {JtReportErrorEvent} jt-report-error - Loading a report failed; `detail.error` is what the data source rejected with. The error state with a Retry button is shown.
 *
 * @csspart base - The wrapper of everything the element shows; carries `aria-busy` while a report loads.
 * @csspart range - The line naming the date range and the time zone of the numbers.
 * @csspart overview - The list of the four headline numbers.
 * @csspart metric - One headline number with its label.
 * @csspart metric-label - The label of a headline number.
 * @csspart metric-value - The value of a headline number.
 * @csspart daily - The box holding the daily activity table (or the empty message).
 * @csspart daily-table - The daily activity table: Date, Posts, Replies.
 * @csspart status - A message in place of the numbers: no data source, loading, empty, error.
 * @csspart error - The error message (also has the `status` part).
 * @csspart retry-button - The Retry button of the error state.
 *
 * @cssproperty [--jt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssproperty [--jt-color-text=#1d2327] - Color of numbers and headings.
 * @cssproperty [--jt-color-muted=#50575e] - Color of labels and secondary text.
 * @cssproperty [--jt-color-surface=#ffffff] - Background of cards and tables.
 * @cssproperty [--jt-color-border=#dcdcde] - Color of card and table borders.
 * @cssproperty [--jt-color-accent=#2271b1] - Color of the Retry button.
 * @cssproperty [--jt-color-danger=#b32d2e] - Color of the error message.
 * @cssproperty [--jt-radius=4px] - Corner radius of cards and buttons.
 * @cssproperty [--jt-gap=16px] - Space between and inside cards.
 */
export class JtAnalyticsDashboard extends LitElement {
  static override styles = dashboardStyles;

  private readonly reportTask = new Task(this, {
    args: () => [this.dataSource, this.resolvedStart, this.resolvedEnd] as const,
    task: async ([source, start, end], { signal }) => {
      if (!source || !start || !end) return initialState;
      return source.report({ range: { start, end }, path: 'direct', signal });
    },
    onComplete: (report) => {
      this.learnTimeZone(report);
      this.dispatchEvent(new JtReportLoadEvent({ report }));
    },
    onError: (error) => this.dispatchEvent(new JtReportErrorEvent({ error })),
  });

  /** Where the numbers come from: any `AnalyticsDataSource`, e.g. a `MemoryDataSource`. Property only. */
  @property({ attribute: false })
  dataSource: AnalyticsDataSource | undefined;

  /**
   * The date range: a preset (`7d`, `30d`, `90d`, `this_month`, `last_month`)
   * or `YYYY-MM-DD..YYYY-MM-DD`, in the data source's time zone.
   */
  @property({ reflect: true })
  range = '30d';

  /** The zone the last report said its dates are in; presets are resolved in it. */
  @state()
  private reportedTimeZone: string | undefined;

  private resolvedStart = '';
  private resolvedEnd = '';
  private rangeError: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('dataSource')) this.reportedTimeZone = undefined;
    this.resolveRange();
  }

  /** Loads the report again, e.g. after new events were ingested into the data source. */
  async refresh(): Promise<void> {
    this.resolveRange();
    this.requestUpdate();
    if (this.rangeError !== undefined) return;
    await this.reportTask.run();
  }

  /**
   * Presets are resolved in the source's zone: the one its last report
   * named, else a `timeZone` the source exposes (MemoryDataSource does),
   * else UTC until the first report tells.
   */
  private timeZone(): string {
    return this.reportedTimeZone ?? sourceTimeZone(this.dataSource) ?? 'UTC';
  }

  private resolveRange(): void {
    try {
      const { start, end } = parseRange(this.range, { timeZone: this.timeZone(), now: Date.now() });
      this.resolvedStart = start;
      this.resolvedEnd = end;
      this.rangeError = undefined;
    } catch (error) {
      this.resolvedStart = this.resolvedEnd = '';
      this.rangeError = messageOf(error);
    }
  }

  /** A report names its zone; if the first guess was wrong, presets re-resolve (and reload if the dates move). */
  private learnTimeZone(report: AnalyticsReport): void {
    if (report.timeZone !== this.timeZone()) this.reportedTimeZone = report.timeZone;
  }

  private handleRetry(): void {
    void this.refresh();
  }

  private renderStatus(message: string): TemplateResult {
    return html`<p part="status" role="status">${message}</p>`;
  }

  private renderError(message: string, canRetry: boolean): TemplateResult {
    return html`<div part="status error" role="alert">
      <span>Could not load analytics: ${message}</span>
      ${canRetry ? html`<button part="retry-button" type="button" @click=${this.handleRetry}>Retry</button>` : nothing}
    </div>`;
  }

  private renderReport(report: AnalyticsReport, updating: boolean): TemplateResult {
    const formats = formatsFor(this.locale());
    const { totalPosts, totalReplies, activeMembers, growthRate } = report.overview;
    const hasActivity = report.daily.some((day) => day.posts > 0 || day.replies > 0);
    return html`
      <p part="range">
        <span>${formats.dateRange(report.range.start, report.range.end)} (${report.timeZone})</span>
        ${updating ? html`<span role="status">Updating…</span>` : nothing}
      </p>
      <dl part="overview">
        ${this.renderMetric('Total Posts', formats.integer.format(totalPosts))}
        ${this.renderMetric('Total Replies', formats.integer.format(totalReplies))}
        ${this.renderMetric('Active Members', formats.integer.format(activeMembers))}
        ${this.renderMetric(
          'Growth Rate',
          growthRate === null
            ? html`<span aria-hidden="true">—</span><span class="visually-hidden">not available: no posts or replies in the previous period</span>`
            : formats.percent.format(growthRate / 100),
        )}
      </dl>
      <div part="daily">
        ${hasActivity ? this.renderDailyTable(report.daily, formats) : html`<p>No posts or replies in this range.</p>`}
      </div>
    `;
  }

  private renderMetric(label: string, value: string | TemplateResult): TemplateResult {
    return html`<div part="metric">
      <dt part="metric-label">${label}</dt>
      <dd part="metric-value">${value}</dd>
    </div>`;
  }

  private renderDailyTable(rows: readonly DailyRow[], formats: Formats): TemplateResult {
    const columns = TABLE_COLUMNS.daily;
    return html`<table part="daily-table">
      <caption>${TABLE_TITLES.daily}</caption>
      <thead>
        <tr>
          ${columns.map((column) => html`<th scope="col" class=${column.kind === 'number' ? 'number' : ''}>${column.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr>
            ${columns.map((column) =>
              column.kind === 'date'
                ? html`<th scope="row"><time datetime=${row.date}>${formats.date(row.date)}</time></th>`
                : html`<td class="number">${formats.integer.format(Number(row[column.key]))}</td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render(): TemplateResult {
    const pending = this.dataSource !== undefined && this.reportTask.status === TaskStatus.PENDING;
    const noSource = () => this.renderStatus('Connect a data source to see analytics.');
    return html`<section part="base" aria-label="Community analytics" aria-busy=${pending ? 'true' : 'false'}>
      ${!this.dataSource
        ? noSource()
        : this.rangeError !== undefined
        ? this.renderError(this.rangeError, false)
        : this.reportTask.render({
            initial: noSource,
            pending: () => {
              const previous = this.reportTask.value;
              return previous ? this.renderReport(previous, true) : this.renderStatus('Loading analytics…');
            },
            complete: (report) => this.renderReport(report, false),
            error: (error) => this.renderError(messageOf(error), true),
          })}
    </section>`;
  }

  /** The language of the page around the element, so numbers read as the admin screen does. */
  private locale(): string | undefined {
    const lang = this.closest('[lang]')?.getAttribute('lang');
    return lang || undefined;
  }
}

if (!customElements.get('jt-analytics-dashboard')) {
  customElements.define('jt-analytics-dashboard', JtAnalyticsDashboard);
}

declare global {
  interface HTMLElementTagNameMap {
    'jt-analytics-dashboard': JtAnalyticsDashboard;
  }
}

interface Formats {
  integer: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  date(iso: string): string;
  dateRange(start: string, end: string): string;
}

const formatsByLocale = new Map<string, Formats>();

/** Formatters per locale, made once: building Intl formatters is slow. */
function formatsFor(locale: string | undefined): Formats {
  const key = locale ?? '';
  let formats = formatsByLocale.get(key);
  if (!formats) {
    // Report dates are calendar dates in the site's zone; formatting them as UTC midnight keeps the day as it is.
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    formats = {
      integer: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
      date: (iso) => dates.format(utcMidnight(iso)),
      dateRange: (start, end) => dates.formatRange(utcMidnight(start), utcMidnight(end)),
    };
    formatsByLocale.set(key, formats);
  }
  return formats;
}

function utcMidnight(iso: string): number {
  const [year, month, day] = iso.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

function sourceTimeZone(source: AnalyticsDataSource | undefined): string | undefined {
  const timeZone = (source as { timeZone?: unknown } | undefined)?.timeZone;
  return typeof timeZone === 'string' ? timeZone : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
