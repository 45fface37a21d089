/**
 * Strict checks of REST response bodies (DESIGN section 6), after their keys
 * were turned to camelCase. Each check returns a clean copy holding only the
 * contract's fields, or throws `AnalyticsError('rest_invalid_response')`
 * naming the first wrong field as it is spelled on the wire, so nothing
 * malformed reaches the screen.
 */
import { isIsoDate } from '../model/dates.js';
import { AnalyticsError } from '../model/errors.js';
import { instantUnitHint, isInstant } from '../model/options.js';
import type {
  AnalyticsReport,
  ContributorRow,
  DailyRow,
  DateRange,
  DiffMetric,
  DiffReport,
  Path,
  RowsPage,
  SpaceRow,
  TableId,
} from '../model/report.js';
import { fieldsOf, metricsOf, type FieldFormat, type MetricSection, type ReportSections } from '../model/metrics.js';
import { describeValue } from '../model/validate.js';
import type { TableRows } from './data-source.js';
import { camelToSnake } from './wire-case.js';

export const INVALID_RESPONSE = 'rest_invalid_response';

/** The error for a body that breaks the contract; `what` names the field and the fault. */
export function invalidResponse(what: string, cause?: unknown): AnalyticsError {
  return new AnalyticsError(INVALID_RESPONSE, `The server's answer does not match the analytics API: ${what}.`, cause === undefined ? {} : { cause });
}

type Fields = Record<string, unknown>;

/** A field's name as a PHP developer sees it: `top_spaces.rows[3].engagement_rate`. */
function wireName(where: string, key: string | number): string {
  if (typeof key === 'number') return `${where}[${key}]`;
  const name = camelToSnake(key);
  return where === '' ? name : `${where}.${name}`;
}

function fail(name: string, expected: string, value: unknown): never {
  throw invalidResponse(value === undefined ? `"${name || 'body'}" is missing` : `"${name || 'body'}" must be ${expected}, got ${describeValue(value)}`);
}

function record(value: unknown, name: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(name, 'an object', value);
  return value as Fields;
}

function list(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) fail(name, 'an array', value);
  return value;
}

/** Reads the fields of one object, each named for error messages. */
class FieldReader {
  private readonly fields: Fields;

  constructor(
    value: unknown,
    private readonly where: string,
  ) {
    this.fields = record(value, where);
  }

  name(key: string): string {
    return wireName(this.where, key);
  }

  raw(key: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.fields, key) ? this.fields[key] : undefined;
  }

  string(key: string): string {
    const value = this.raw(key);
    if (typeof value !== 'string') fail(this.name(key), 'a string', value);
    return value;
  }

  nonEmptyString(key: string): string {
    const value = this.string(key);
    if (value === '') fail(this.name(key), 'a non-empty string', value);
    return value;
  }

  date(key: string): string {
    const value = this.raw(key);
    if (!isIsoDate(value)) fail(this.name(key), 'a date "YYYY-MM-DD"', value);
    return value;
  }

  number(key: string): number {
    const value = this.raw(key);
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(this.name(key), 'a finite number', value);
    return value;
  }

  numberOrNull(key: string): number | null {
    return this.raw(key) === null ? null : this.number(key);
  }

  /** An instant in epoch ms in the window event times fall in (2000-01-01 to 2200-01-01), or null. */
  instantOrNull(key: string): number | null {
    const value = this.raw(key);
    if (value === null) return null;
    if (value === undefined) fail(this.name(key), 'an instant', value);
    if (!isInstant(value)) {
      throw invalidResponse(`"${this.name(key)}" must be an instant in epoch milliseconds from 2000-01-01 to 2200-01-01, got ${describeValue(value)}${instantUnitHint(value)}`);
    }
    return value;
  }

  /** A rate, a share or a duration: a finite number ≥ 0 (the message adds "or null" where null is allowed). */
  nonNegative(key: string, nullable: boolean): number {
    const value = this.number(key);
    if (value < 0) fail(this.name(key), nullable ? 'a number ≥ 0 or null' : 'a number ≥ 0', value);
    return value;
  }

  count(key: string, min = 0): number {
    const value = this.raw(key);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) fail(this.name(key), `an integer ≥ ${min}`, value);
    return value;
  }

  range(key: string): DateRange {
    const inner = new FieldReader(this.raw(key), this.name(key));
    const range = { start: inner.date('start'), end: inner.date('end') };
    if (range.start > range.end) fail(inner.name('end'), `a date on or after start ${range.start}`, range.end);
    return range;
  }

  path(key: string): Path {
    const value = this.raw(key);
    if (value !== 'direct' && value !== 'aggregate') fail(this.name(key), '"direct" or "aggregate"', value);
    return value;
  }

  object(key: string): FieldReader {
    return new FieldReader(this.raw(key), this.name(key));
  }

  list<T>(key: string, item: (value: unknown, name: string) => T): T[] {
    const name = this.name(key);
    return list(this.raw(key), name).map((value, index) => item(value, wireName(name, index)));
  }
}

/**
 * Reads one registered figure or row field by its format: the checks the
 * REST docs' type column states (a count is a whole number ≥ 0, a rank ≥ 1,
 * a ratio, share or duration a number ≥ 0, a percentage any finite number).
 */
function readField(r: FieldReader, key: string, format: FieldFormat, nullable: boolean): unknown {
  if (nullable && r.raw(key) === null) return null;
  switch (format) {
    case 'count':
    case 'level':
      return r.count(key);
    case 'rank':
      return r.count(key, 1);
    case 'ratio':
    case 'share':
    case 'duration':
      return r.nonNegative(key, nullable);
    case 'percent':
      return r.number(key);
    case 'id':
      return r.nonEmptyString(key);
    case 'text':
    case 'url':
      return r.string(key);
    case 'date':
      return r.date(key);
  }
}

/** One row of `table`, every registered field checked; an optional field, absent or null (as PHP may send it), is left out. */
function validateRow<T extends TableId>(table: T, value: unknown, where: string): TableRows[T] {
  const r = new FieldReader(value, where);
  const row: Fields = {};
  const fields = fieldsOf(table);
  // The required fields first, then the optional ones: the order the engine builds a row in.
  for (const field of fields) if (!field.optional) row[field.key] = readField(r, field.key, field.format, field.nullable);
  for (const field of fields) {
    if (!field.optional) continue;
    const raw = r.raw(field.key);
    if (raw !== undefined && raw !== null) row[field.key] = readField(r, field.key, field.format, field.nullable);
  }
  return row as unknown as TableRows[T];
}

/** The figures of one report section, every registered one checked. */
function validateSection<S extends MetricSection>(r: FieldReader, section: S): ReportSections[S] {
  const fields = r.object(section);
  const out: Fields = {};
  for (const metric of metricsOf(section)) out[metric.key] = readField(fields, metric.key, metric.format, metric.nullable);
  return out as unknown as ReportSections[S];
}

export function validateDailyRow(value: unknown, where = ''): DailyRow {
  return validateRow('daily', value, where);
}

export function validateSpaceRow(value: unknown, where = ''): SpaceRow {
  return validateRow('top-spaces', value, where);
}

export function validateContributorRow(value: unknown, where = ''): ContributorRow {
  return validateRow('top-contributors', value, where);
}

/** A page of rows of `table` (a JSON array). */
export function validateRows<T extends TableId>(table: T, value: unknown): TableRows[T][] {
  return list(value, 'body').map((row, index) => validateRow(table, row, `[${index}]`));
}

function rowsPage<Row>(r: FieldReader, key: string, row: (value: unknown, where: string) => Row): RowsPage<Row> {
  const page = r.object(key);
  const total = page.count('total');
  const rows = page.list('rows', row);
  if (rows.length > total) fail(page.name('total'), `at least the ${rows.length} rows sent`, total);
  return { total, rows };
}

export function validateReport(value: unknown): AnalyticsReport {
  const r = new FieldReader(value, '');
  const overview = validateSection(r, 'overview');
  const engagement = validateSection(r, 'engagement');
  const moderation = validateSection(r, 'moderation');
  return {
    range: r.range('range'),
    previousRange: r.range('previousRange'),
    timeZone: r.nonEmptyString('timeZone'),
    path: r.path('path'),
    recordingSince: r.instantOrNull('recordingSince'),
    overview,
    daily: r.list('daily', validateDailyRow),
    topSpaces: rowsPage(r, 'topSpaces', validateSpaceRow),
    topContributors: rowsPage(r, 'topContributors', validateContributorRow),
    engagement,
    moderation,
  };
}

/** The diff report travels as is (its keys are snake_case in TypeScript too). */
export function validateDiffReport(value: unknown): DiffReport {
  const r = new FieldReader(value, '');
  return {
    range: r.nonEmptyString('range'),
    metrics: r.list('metrics', (item, where): DiffMetric => {
      const m = new FieldReader(item, where);
      return { key: m.nonEmptyString('key'), direct: m.numberOrNull('direct'), aggregated: m.numberOrNull('aggregated'), drift_pct: m.numberOrNull('drift_pct') };
    }),
  };
}

/** A WordPress error body `{ code, message, data: { status } }`, or undefined when the body is not one. */
export function readWordPressError(value: unknown): { code: string; message: string; status?: number } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { code, message, data } = value as Fields;
  if (typeof code !== 'string' || code === '' || typeof message !== 'string') return undefined;
  const status = typeof data === 'object' && data !== null ? (data as Fields).status : undefined;
  return typeof status === 'number' && Number.isInteger(status) ? { code, message, status } : { code, message };
}
