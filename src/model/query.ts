/**
 * One validation for every operation of every data source: the memory
 * source, the REST source, the snapshot source and the cache in front of any
 * of them check queries here, before any work or request, so the same input
 * is refused by all of them with the same `invalid_query` error and message.
 *
 * Checked in this order, the first problem winning: the query object, the
 * table, the range, the path, `topN`, `offset`, `limit`.
 */
import { AnalyticsError, ERROR_CODES } from './errors.js';
import { isRangePreset, parseRange, validateRange } from './range.js';
import type { DateRange, Path, RangePreset, TableId } from './report.js';
import { describeValue } from './validate.js';

/** The tables every source serves. */
export const TABLE_IDS: readonly TableId[] = ['daily', 'top-spaces', 'top-contributors'];
/** Rows a report carries of each ranked table when `topN` is not given. */
export const DEFAULT_TOP_N = 10;
/** The most rows of each ranked table a report carries (the REST contract's `top_n` maximum). */
export const MAX_TOP_N = 100;

/** The most events a size hint (`reserve`) may announce: rows are 32-bit. */
export const MAX_RESERVE = 0x7fffffff;

/** What the engine needs of a report query, checked. */
export interface CheckedQuery {
  range: DateRange;
  path: Path;
  topN: number;
}

/** A checked rows query. */
export interface CheckedRowsQuery {
  range: DateRange;
  path: Path;
  offset: number;
  limit: number;
}

function invalid(message: string): AnalyticsError {
  return new AnalyticsError(ERROR_CODES.invalidQuery, message);
}

function queryObject(q: unknown, operation: string): Record<string, unknown> {
  if (typeof q !== 'object' || q === null || Array.isArray(q)) {
    throw invalid(`${operation}() takes a query object such as { range: { start: "2026-11-01", end: "2026-11-30" } }; got ${describeValue(q)}`);
  }
  return q as Record<string, unknown>;
}

/** The count of a size hint (`reserve(events)`): a whole number from 0 to `MAX_RESERVE`. */
export function checkReserve(events: unknown): number {
  if (typeof events !== 'number' || !Number.isSafeInteger(events) || events < 0 || events > MAX_RESERVE) {
    throw invalid(`reserve() takes a whole number of events from 0 to ${MAX_RESERVE}; got ${describeValue(events)}`);
  }
  return events;
}

/** A `{ start, end }` range, checked (dates, order, at most five years, not before 1970). */
export function checkRange(range: unknown): DateRange {
  if (range === undefined) throw invalid('A query needs a "range" such as { start: "2026-11-01", end: "2026-11-30" }');
  try {
    return validateRange(range);
  } catch (error) {
    throw new AnalyticsError(ERROR_CODES.invalidQuery, (error as Error).message, { cause: error });
  }
}

/** `direct` (the default) or `aggregate`. */
export function checkPath(path: unknown): Path {
  if (path === undefined) return 'direct';
  if (path === 'direct' || path === 'aggregate') return path;
  throw invalid(`Unknown path ${describeValue(path)}: use "direct" or "aggregate"`);
}

/** One of TABLE_IDS. */
export function checkTable(table: unknown): TableId {
  if ((TABLE_IDS as readonly unknown[]).includes(table)) return table as TableId;
  throw invalid(`Unknown table ${describeValue(table)}: use "daily", "top-spaces" or "top-contributors"`);
}

function wholeNumber(name: string, value: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
    const bound = max === Number.MAX_SAFE_INTEGER ? '≥ 0' : `from 0 to ${max}`;
    throw invalid(`"${name}" must be a whole number ${bound}, got ${describeValue(value)}`);
  }
  return value;
}

/** A report query: range, path, topN (0–100, default 10). */
export function checkReportQuery(q: unknown): CheckedQuery {
  const query = queryObject(q, 'report');
  const range = checkRange(query.range);
  const path = checkPath(query.path);
  const topN = query.topN === undefined ? DEFAULT_TOP_N : wholeNumber('topN', query.topN, MAX_TOP_N);
  return { range, path, topN };
}

/** A rows query for a table: range, path, offset and limit (whole numbers ≥ 0). */
export function checkRowsQuery(table: unknown, q: unknown): CheckedRowsQuery & { table: TableId } {
  const query = queryObject(q, 'rows');
  const checkedTable = checkTable(table);
  const range = checkRange(query.range);
  const path = checkPath(query.path);
  const offset = wholeNumber('offset', query.offset);
  const limit = wholeNumber('limit', query.limit);
  return { table: checkedTable, range, path, offset, limit };
}

/** A CSV query for a table: range and path. */
export function checkCsvQuery(table: unknown, q: unknown): { table: TableId; range: DateRange; path: Path } {
  const query = queryObject(q, 'csv');
  const checkedTable = checkTable(table);
  return { table: checkedTable, range: checkRange(query.range), path: checkPath(query.path) };
}

/**
 * The range of a diff report: a preset (resolved later, by the source's own
 * clock and zone, or by the server), a `{ start, end }` range or its text
 * `YYYY-MM-DD..YYYY-MM-DD`, checked.
 */
export function checkDiffQuery(q: unknown): { range: DateRange | RangePreset } {
  const query = queryObject(q, 'diffReport');
  const input = query.range;
  if (isRangePreset(input)) return { range: input };
  if (input === undefined) return { range: checkRange(input) };
  try {
    // Not a preset: neither the zone nor the clock is read.
    return { range: parseRange(input as DateRange | string, { timeZone: 'UTC', now: 0 }) };
  } catch (error) {
    throw new AnalyticsError(ERROR_CODES.invalidQuery, (error as Error).message, { cause: error });
  }
}
