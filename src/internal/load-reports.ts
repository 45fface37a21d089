import { previousRange } from '../model/range.js';
import type { AnalyticsReport, DateRange, ReportQuery } from '../model/report.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';
import { namedPreviousReport, previousQuery } from './previous-report.js';
import type { DashboardReports } from './report-context.js';

/** What one load asks for: the range's report on the direct path, and the others a screen compares it with. */
export interface ReportsQuery {
  range: DateRange;
  /** Also the range's report on the aggregate path (verify mode). */
  verify: boolean;
  /** Also the previous period's report (direct path, no table rows), to show each figure's change against it. */
  compare: boolean;
  /** Rows of each ranked table the range's reports carry; unset: the source's default. */
  topN?: number;
}

/** The reports of one load; `previous` and `aggregate` only when asked for. */
export interface LoadedReportSet {
  direct: AnalyticsReport;
  previous: AnalyticsReport | undefined;
  aggregate: AnalyticsReport | undefined;
}

/**
 * The reports one screen shows, in one load with one abort signal: the
 * range's, the previous period's when comparing and the aggregate path's when
 * verifying. One request where the source can answer them together
 * (`reports`, one round trip to its engine), else one each. The dashboard
 * loads this way, and so does a section alone on a page.
 */
export function loadReports(source: AnalyticsDataSource, query: ReportsQuery & { compare: true }, signal: AbortSignal): Promise<DashboardReports>;
export function loadReports(source: AnalyticsDataSource, query: ReportsQuery, signal: AbortSignal): Promise<LoadedReportSet>;
export async function loadReports(
  source: AnalyticsDataSource,
  { range, verify, compare, topN }: ReportsQuery,
  signal: AbortSignal,
): Promise<LoadedReportSet> {
  const rows = topN === undefined ? {} : { topN };
  const queries: Omit<ReportQuery, 'signal'>[] = [
    { range, path: 'direct', ...rows },
    // Only the overview and the daily rows of the previous period are shown: no table rows needed.
    ...(compare ? [previousQuery(previousRange(range))] : []),
    ...(verify ? [{ range, path: 'aggregate' as const, ...rows }] : []),
  ];
  const answers: (AnalyticsReport | undefined)[] = source.reports
    ? await source.reports(queries, { signal })
    : await Promise.all(queries.map((q) => source.report({ ...q, signal })));
  const [direct, ...others] = answers;
  const previous = compare ? others.shift() : undefined;
  const aggregate = verify ? others.shift() : undefined;
  if (!direct || (compare && !previous) || (verify && !aggregate)) {
    throw new Error(`The data source answered ${answers.filter(Boolean).length} of the ${queries.length} reports asked for.`);
  }
  return { direct, previous: previous && (await namedPreviousReport(source, direct, previous, signal)), aggregate };
}
