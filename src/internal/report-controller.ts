import { ContextProvider } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { AnalyticsReport, DateRange } from '../model/report.js';
import { hasCachedReport } from '../sources/cache.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import { isAbort } from './error-message.js';
import { loadReports } from './load-reports.js';
import { previousQuery } from './previous-report.js';
import { reportFeedContext, type DashboardReports, type ReportFeed } from './report-context.js';

/** What a `ReportController` loads for: its host's source, zone and verify, and the range and rows per table it is given. */
export interface ReportHost extends ReactiveElement {
  readonly dataSource: AnalyticsDataSource | undefined;
  readonly timeZone: string | undefined;
  readonly verify: boolean;
}

export interface ReportControllerOptions {
  /** The range to load; `undefined` while it does not read. */
  range: () => DateRange | undefined;
  /** Rows of each ranked table the reports carry (the tables' page size). */
  topN: () => number;
  /** A load finished; its reports are about to be drawn. */
  onLoad?: (reports: DashboardReports) => void;
  /** A load failed (never called for a load replaced by a newer one). */
  onError?: (error: unknown) => void;
}

/** The last good load: shown, marked stale, when a later one fails. */
export interface LoadedReports {
  reports: DashboardReports;
  source: AnalyticsDataSource;
  range: DateRange;
  /** Rows of each ranked table the reports carry. */
  topN: number;
}

/**
 * Loads everything a dashboard shows for its range in one go (the range's
 * report, the previous period's and, when verifying, the aggregate path's),
 * one Task, one abort signal; and hands each load down to the chart and the
 * tables by context (`reportFeedContext`), so they draw from it instead of
 * asking the source again. Around the load:
 *
 * - stale-while-revalidate: a source with a cache (`cachedReport`) has its
 *   copy shown (`shown`) while the fresh load is pending;
 * - the last good load is kept and, after a failed one, handed down and
 *   shown marked stale (`stale`);
 * - time zone learning: a source that does not name its zone up front has
 *   the zone of its first report (`learnedTimeZone`) to resolve presets in.
 */
export class ReportController implements ReactiveController {
  private readonly task: Task<readonly [AnalyticsDataSource | undefined, string | undefined, string | undefined, boolean, number], DashboardReports>;
  private readonly provider: ContextProvider<typeof reportFeedContext>;
  /** The load in progress or last made, as handed down. */
  private current: ReportFeed | undefined;
  /** The cache's copy of the current load's reports, shown while it is pending. */
  private cached: DashboardReports | undefined;
  private lastGood: LoadedReports | undefined;
  /** `lastGood` as a feed, made once per good load. */
  private staleFeed: { of: LoadedReports; feed: ReportFeed } | undefined;
  /** The zone the last report named, and the source it came from. */
  private reported: { zone: string; source: AnalyticsDataSource } | undefined;

  constructor(
    private readonly host: ReportHost,
    private readonly options: ReportControllerOptions,
  ) {
    this.task = new Task(host, {
      args: () => [host.dataSource, options.range()?.start, options.range()?.end, host.verify, options.topN()] as const,
      task: ([source, start, end, verify, topN], { signal }) => {
        this.cached = undefined;
        this.current = undefined;
        if (!source || !start || !end) return initialState;
        return this.load(source, { start, end }, verify, topN, signal);
      },
      onComplete: (reports) => this.loaded(reports),
      onError: (error) => {
        if (!isAbort(error)) options.onError?.(error);
      },
    });
    this.provider = new ContextProvider(host, { context: reportFeedContext });
    // After the Task, so each update hands down the load the Task has just started.
    host.addController(this);
  }

  get status(): TaskStatus {
    return this.task.status;
  }

  get error(): unknown {
    return this.task.error;
  }

  /** Whether the last load failed (not merely replaced by a newer one). */
  get failed(): boolean {
    return this.task.status === TaskStatus.ERROR && !isAbort(this.task.error);
  }

  /** The reports to show: the cache's copy while a load is pending (where there is one), else the last load's. */
  get shown(): DashboardReports | undefined {
    return this.task.status === TaskStatus.PENDING && this.cached ? this.cached : this.task.value;
  }

  /** The reports of the load that just completed, or `undefined` while none is complete. */
  get completed(): DashboardReports | undefined {
    return this.task.status === TaskStatus.COMPLETE ? this.task.value : undefined;
  }

  /** After a failed load: the last good one of the same source, or `undefined`. */
  get stale(): LoadedReports | undefined {
    return this.failed && this.lastGood?.source === this.host.dataSource ? this.lastGood : undefined;
  }

  /** The zone the source's reports named, while the source did not say it up front. */
  get learnedTimeZone(): string | undefined {
    const reported = this.reported;
    return reported && reported.source === this.host.dataSource ? reported.zone : undefined;
  }

  /** Loads again (Retry, refresh); the parts drawing from the load follow. */
  run(): Promise<void> {
    return this.task.run();
  }

  hostUpdate(): void {
    const stale = this.stale;
    this.provider.setValue(stale ? this.feedOf(stale) : this.current);
  }

  private load(source: AnalyticsDataSource, range: DateRange, verify: boolean, topN: number, signal: AbortSignal): Promise<DashboardReports> {
    const reports = loadReports(source, { range, verify, compare: true, topN }, signal);
    this.current = { source, range, topN, verify, reports, retry: () => void this.run() };
    // Handled by the Task; the copy handed down must not be reported as unhandled as well.
    reports.catch(() => undefined);
    if (hasCachedReport(source)) {
      // Stale-while-revalidate: what the cache kept is shown (still busy) until the fresh answer replaces it.
      void cachedReports(source, range, verify, topN).then((cached) => {
        if (!cached || signal.aborted || this.task.status !== TaskStatus.PENDING) return;
        this.cached = cached;
        this.host.requestUpdate();
      });
    }
    return reports;
  }

  private loaded(reports: DashboardReports): void {
    const { source, range, topN } = this.current!;
    this.learnTimeZone(source, reports.direct);
    this.lastGood = { reports, source, range, topN };
    this.options.onLoad?.(reports);
  }

  /** A report names its zone; when neither the host nor the source said it, presets re-resolve in it (and reload if the dates move). */
  private learnTimeZone(source: AnalyticsDataSource, report: AnalyticsReport): void {
    if (this.host.timeZone || source.timeZone || !report.timeZone) return;
    if (report.timeZone === this.learnedTimeZone) return;
    this.reported = { zone: report.timeZone, source };
    this.host.requestUpdate();
  }

  private feedOf(loaded: LoadedReports): ReportFeed {
    if (this.staleFeed?.of === loaded) return this.staleFeed.feed;
    const { reports, source, range, topN } = loaded;
    const feed = { source, range, topN, verify: reports.aggregate !== undefined, reports: Promise.resolve(reports), retry: () => void this.run() };
    this.staleFeed = { of: loaded, feed };
    return feed;
  }
}

/** The cache's copies of the reports one load reads, or `undefined` unless it has them all. Never rejects. */
async function cachedReports(
  source: AnalyticsDataSource & Required<Pick<AnalyticsDataSource, 'cachedReport'>>,
  range: DateRange,
  verify: boolean,
  topN: number,
): Promise<DashboardReports | undefined> {
  try {
    const [direct, aggregate] = await Promise.all([
      source.cachedReport({ range, path: 'direct', topN }),
      verify ? source.cachedReport({ range, path: 'aggregate', topN }) : undefined,
    ]);
    if (!direct || (verify && !aggregate)) return undefined;
    const previous = await source.cachedReport(previousQuery(direct.previousRange));
    return previous ? { direct, previous, aggregate } : undefined;
  } catch {
    return undefined;
  }
}
