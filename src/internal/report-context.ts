import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveElement } from 'lit';
import { sameRange } from '../model/range.js';
import type { AnalyticsReport, DateRange, RowsPage } from '../model/report.js';
import type { AnalyticsDataSource, TableRows } from '../sources/data-source.js';
import { isAbort } from './error-message.js';

/** What one load of the dashboard produced. */
export interface DashboardReports {
  /** The range's report on the direct path: every section's numbers. */
  direct: AnalyticsReport;
  /** The previous period's report (direct path): the headline cards' change. */
  previous: AnalyticsReport;
  /** The range's report on the aggregate path, in verify mode. */
  aggregate: AnalyticsReport | undefined;
}

/**
 * One load of a dashboard's reports, handed down to its parts by context so
 * they draw from it instead of asking the source again: the chart reads the
 * reports' `daily`, a table its first page from `topSpaces` /
 * `topContributors`. A part whose query it does not cover (another range, a
 * later page, a path it did not load) fetches for itself.
 */
export interface ReportFeed {
  readonly source: AnalyticsDataSource;
  /** The range the reports are for. */
  readonly range: DateRange;
  /** Rows of each ranked table the reports carry (their first page). */
  readonly topN: number;
  /** Whether the aggregate path's report is loaded too. */
  readonly verify: boolean;
  /** The reports; rejects as the load does (with an `AbortError` once a newer load replaced it). */
  readonly reports: Promise<DashboardReports>;
  /** Loads again: the Retry of a part that draws from here. */
  retry(): void;
}

export const reportFeedContext = createContext<ReportFeed | undefined>(Symbol('jt-report-feed'));

/** The reports of `feed`; a load replaced by a newer one waits (a newer feed is on its way) until `signal` aborts. */
export function feedReports(feed: ReportFeed, signal: AbortSignal): Promise<DashboardReports> {
  return new Promise((resolve, reject) => {
    const aborted = () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    if (signal.aborted) return aborted();
    signal.addEventListener('abort', aborted, { once: true });
    feed.reports.then(resolve, (error: unknown) => {
      if (!isAbort(error)) reject(error);
    });
  });
}

/** A report's ranked table as a page of rows. */
export function reportTable<T extends 'top-spaces' | 'top-contributors'>(report: AnalyticsReport, table: T): RowsPage<TableRows[T]> {
  return (table === 'top-spaces' ? report.topSpaces : report.topContributors) as RowsPage<TableRows[T]>;
}

/**
 * The feed of the dashboard an element sits in, followed as it changes (each
 * change updates the element). `feedFor` gives it only when it is for the
 * element's source and range.
 */
export class ReportFeedConsumer {
  private feed: ReportFeed | undefined;

  constructor(host: ReactiveElement) {
    new ContextConsumer(host, {
      context: reportFeedContext,
      subscribe: true,
      callback: (feed) => {
        if (feed === this.feed) return;
        this.feed = feed;
        host.requestUpdate();
      },
    });
    // Moved out of the dashboard: its load is no longer this element's (a move within it is answered again on connect).
    host.addController({ hostDisconnected: () => (this.feed = undefined) });
  }

  /** The feed when it loads `source` for `range`, else `undefined`. */
  feedFor(source: AnalyticsDataSource | undefined, range: DateRange | undefined): ReportFeed | undefined {
    const feed = this.feed;
    if (!feed || !source || !range || feed.source !== source) return undefined;
    return sameRange(feed.range, range) ? feed : undefined;
  }
}
