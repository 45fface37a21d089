import { sameRange } from '../model/range.js';
import type { AnalyticsReport, DateRange, ReportQuery } from '../model/report.js';
import type { AnalyticsDataSource } from '../sources/data-source.js';

/**
 * The query of a previous period's report as the dashboard and the sections
 * compare with it: the direct path and no table rows (only its figures and
 * daily rows are shown).
 */
export function previousQuery(range: DateRange): ReportQuery & { path: 'direct'; topN: 0 } {
  return { range, path: 'direct', topN: 0 };
}

/**
 * The previous period's report that `report` names. `asked` was loaded
 * alongside it, for `previousRange` of its range, so both travel at once: it
 * is kept when it covers the period the report names; else that period is
 * asked for again, since a source that counts the previous period otherwise
 * is taken at its word.
 */
export async function namedPreviousReport(
  source: AnalyticsDataSource,
  report: AnalyticsReport,
  asked: AnalyticsReport,
  signal: AbortSignal,
): Promise<AnalyticsReport> {
  return sameRange(asked.range, report.previousRange) ? asked : source.report({ ...previousQuery(report.previousRange), signal });
}
