import type {
  AnalyticsReport,
  ContributorRow,
  DailyRow,
  DateRange,
  DiffReport,
  RangePreset,
  ReportQuery,
  RowsPage,
  RowsQuery,
  SpaceRow,
  TableId,
} from '../model/report.js';

/** Row shape of each table id. */
export interface TableRows {
  daily: DailyRow;
  'top-spaces': SpaceRow;
  'top-contributors': ContributorRow;
}

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
  /** Rows of a table ranked over the whole range; `offset`/`limit` applied after ranking. */
  rows<T extends TableId>(table: T, q: RowsQuery): Promise<RowsPage<TableRows[T]>>;
  /** Every metric on both paths with the drift. */
  diffReport(q: { range: DateRange | RangePreset; signal?: AbortSignal }): Promise<DiffReport>;
}
