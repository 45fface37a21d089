/**
 * `@jetonomy/analytics/data`: the DOM-free entry (model, engine, sources).
 * Safe to import in Node, a Worker or the main thread.
 */
export * from './model/events.js';
export * from './model/report.js';
export * from './model/errors.js';
export { validateEvent, describeValue, type EventCheck } from './model/validate.js';
/**
 * Events as columns (typed arrays and one string table), for adapters that
 * can produce them: `AnalyticsEngine.ingestColumns` reads them without an
 * object per event. `encodeEvents` builds them from event objects;
 * `EncodedEvents` is the former name of `EventColumns`.
 */
export { encodeEvents, emptyColumns, NO_NUMBER, FIELD_SLOTS, type EventColumns, type EncodedEvents } from './model/event-columns.js';
export { parseIsoDate, formatIsoDate, isIsoDate } from './model/dates.js';
export { normalizeTimeZone, dayBucketer, type DayBucketer } from './model/time-zone.js';
export {
  RANGE_PRESETS,
  isRangePreset,
  todayIn,
  presetRange,
  parseRange,
  validateRange,
  previousRange,
  rangeDays,
  rangeLabel,
} from './model/range.js';
export { TABLE_COLUMNS, TABLE_TITLES, tableToRecords, type Column, type ColumnKind, type ColumnKey } from './model/labels.js';
export { AnalyticsEngine, type EngineOptions, type EngineQuery } from './engine/engine.js';
export { driftPct, diffMetrics, DIFF_METRICS } from './engine/diff.js';
export type { AnalyticsDataSource, TableRows } from './sources/data-source.js';
export { MemoryDataSource, type MemoryDataSourceOptions } from './sources/memory-data-source.js';
export { RestDataSource, type RestDataSourceOptions } from './sources/rest-data-source.js';
export { withCache, CachedDataSource, hasCachedReport, type CacheOptions, type CacheEntry, type CacheSchema, type OpenCacheDB } from './sources/cache.js';
export { tableCsv, csvFileName, FORMULA_PREFIX, type CsvOptions, type CsvDelimiter, type CsvDecimalMark, type CsvValues } from './engine/csv.js';
export { exportCsv, csvLocaleFormat, type ExportCsvOptions, type CsvExport } from './sources/export-csv.js';
export type { CsvFile, IngestProgress } from './worker/protocol.js';
export type { IngestOptions } from './sources/memory-data-source.js';
/** The options of `MemoryDataSource.ingestCommunity`; the generator itself ships in `@jetonomy/analytics/testing`. */
export type { CommunityOptions } from './generator/community.js';
