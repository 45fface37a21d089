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
  Engagement,
  Moderation,
  Overview,
  Path,
  RowsPage,
  SpaceRow,
  TableId,
} from '../model/report.js';
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

  /** A rate, a share or a duration: a finite number ≥ 0, or null. */
  nonNegativeOrNull(key: string): number | null {
    const value = this.numberOrNull(key);
    if (value !== null && value < 0) fail(this.name(key), 'a number ≥ 0 or null', value);
    return value;
  }

  count(key: string, min = 0): number {
    const value = this.raw(key);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) fail(this.name(key), `an integer ≥ ${min}`, value);
    return value;
  }

  countOrNull(key: string): number | null {
    return this.raw(key) === null ? null : this.count(key);
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

export function validateDailyRow(value: unknown, where = ''): DailyRow {
  const r = new FieldReader(value, where);
  return { date: r.date('date'), posts: r.count('posts'), replies: r.count('replies') };
}

export function validateSpaceRow(value: unknown, where = ''): SpaceRow {
  const r = new FieldReader(value, where);
  return {
    rank: r.count('rank', 1),
    spaceId: r.nonEmptyString('spaceId'),
    name: r.string('name'),
    posts: r.count('posts'),
    replies: r.count('replies'),
    contributors: r.count('contributors'),
    engagementRate: r.nonNegativeOrNull('engagementRate'),
  };
}

export function validateContributorRow(value: unknown, where = ''): ContributorRow {
  const r = new FieldReader(value, where);
  const row: ContributorRow = {
    rank: r.count('rank', 1),
    memberId: r.nonEmptyString('memberId'),
    displayName: r.string('displayName'),
    trustLevel: r.count('trustLevel'),
    posts: r.count('posts'),
    replies: r.count('replies'),
    acceptedAnswers: r.count('acceptedAnswers'),
    total: r.count('total'),
  };
  // Optional: absent (or null, as PHP may send it) means no avatar.
  const avatar = r.raw('avatarUrl');
  if (avatar !== undefined && avatar !== null) row.avatarUrl = r.string('avatarUrl');
  return row;
}

const ROW_CHECKS: { [T in TableId]: (value: unknown, where?: string) => TableRows[T] } = {
  daily: validateDailyRow,
  'top-spaces': validateSpaceRow,
  'top-contributors': validateContributorRow,
};

/** A page of rows of `table` (a JSON array). */
export function validateRows<T extends TableId>(table: T, value: unknown): TableRows[T][] {
  const check = ROW_CHECKS[table];
  return list(value, 'body').map((row, index) => check(row, `[${index}]`));
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
  const o = r.object('overview');
  const overview: Overview = {
    totalPosts: o.count('totalPosts'),
    totalReplies: o.count('totalReplies'),
    activeMembers: o.count('activeMembers'),
    growthRate: o.numberOrNull('growthRate'),
  };
  const e = r.object('engagement');
  const engagement: Engagement = {
    avgRepliesPerPost: e.nonNegativeOrNull('avgRepliesPerPost'),
    upvotes: e.count('upvotes'),
    downvotes: e.count('downvotes'),
    acceptedAnswers: e.count('acceptedAnswers'),
    questionsAsked: e.count('questionsAsked'),
    questionsResolved: e.count('questionsResolved'),
    acceptedAnswerRate: e.nonNegativeOrNull('acceptedAnswerRate'),
    newMembers: e.count('newMembers'),
  };
  const m = r.object('moderation');
  const moderation: Moderation = {
    flagsRaised: m.count('flagsRaised'),
    flagsOpen: m.count('flagsOpen'),
    autoModTriggers: m.countOrNull('autoModTriggers'),
    medianResponseMinutes: m.nonNegativeOrNull('medianResponseMinutes'),
    p90ResponseMinutes: m.nonNegativeOrNull('p90ResponseMinutes'),
  };
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
