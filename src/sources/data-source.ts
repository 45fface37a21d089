import type { CsvOptions } from '../engine/csv.js';
import type { AnalyticsReport, DateRange, DiffReport, RangePreset, ReportQuery, RowsPage, RowsQuery, TableId } from '../model/report.js';
import type { TableRows } from '../model/table-rows.js';
import type { CsvFile } from '../worker/protocol.js';

export type { TableRows } from '../model/table-rows.js';

/**
 * The contract every data source implements (DESIGN section 5). Adapters for
 * other backends are written against it.
 */
export interface AnalyticsDataSource {
  /** The site's time zone (IANA name or `±HH:MM`), where the source knows it; presets are resolved in it. */
  readonly timeZone?: string;
  /** The source's clock (epoch ms), where it has one; "today" for presets is taken from it. */
  now?(): number;
  /** Everything one screen shows, for one range and path. */
  report(q: ReportQuery): Promise<AnalyticsReport>;
  /**
   * Optional: several reports in one request, in the order asked, as
   * `report` gives each. A source that can answer them together (one round
   * trip to its engine) offers it; a dashboard asks its range, the previous
   * period and, verifying, the aggregate path through it. One `signal`
   * aborts them all.
   */
  reports?(queries: readonly Omit<ReportQuery, 'signal'>[], options?: { signal?: AbortSignal }): Promise<AnalyticsReport[]>;
  /** Rows of a table ranked over the whole range; `offset`/`limit` applied after ranking. */
  rows<T extends TableId>(table: T, q: RowsQuery): Promise<RowsPage<TableRows[T]>>;
  /** Every metric on both paths with the drift. */
  diffReport(q: { range: DateRange | RangePreset; signal?: AbortSignal }): Promise<DiffReport>;
  /**
   * Optional: every row of a table for the range as a CSV file, built by the
   * source itself (`MemoryDataSource` builds it where its engine runs). The
   * file has the design's header row (DESIGN section 7) and honours
   * `options`. Without it, `exportCsv` pages through `rows()`.
   */
  csv?(table: TableId, q: ReportQuery, options?: CsvOptions): Promise<CsvFile>;
  /**
   * Optional: the answer `report(q)` gave before, from a cache, or
   * `undefined`; never rejects. A view paints it at once, then what
   * `report(q)` brings (`withCache` adds it to any source).
   */
  cachedReport?(q: ReportQuery): Promise<AnalyticsReport | undefined>;
}
