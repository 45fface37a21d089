/**
 * The activity chart's series, shaped here and not in the chart (STYLE,
 * "Charts"): daily rows grouped into day, week or month buckets, the
 * previous period lined up under the current one, and which buckets hold
 * only part of their period. Pure and DOM-free.
 */
import { civilFromDay, dayFromCivil, daysInMonth, formatIsoDate, parseIsoDate } from '../model/dates.js';
import type { DailyRow } from '../model/report.js';

/** How daily rows are bucketed: one point per day, per ISO week (Monday to Sunday) or per calendar month. */
export type Grouping = 'day' | 'week' | 'month';

/** One point of a series: the sums of the days `start`..`end` (inclusive, `YYYY-MM-DD`). */
export interface SeriesBucket {
  start: string;
  end: string;
  posts: number;
  replies: number;
}

/** Ranges up to this many days are drawn per day by `autoGrouping` (a quarter, with room for 31-day months). */
export const DAY_GROUPING_MAX_DAYS = 92;
/** Ranges up to this many days (a year and a bit) are drawn per week by `autoGrouping`; longer ones per month. */
export const WEEK_GROUPING_MAX_DAYS = 400;

/** The grouping that keeps a range of `days` days readable: day up to 92 days, week up to 400, else month. */
export function autoGrouping(days: number): Grouping {
  if (days <= DAY_GROUPING_MAX_DAYS) return 'day';
  if (days <= WEEK_GROUPING_MAX_DAYS) return 'week';
  return 'month';
}

/** True for `'day'`, `'week'` or `'month'`. */
export function isGrouping(x: unknown): x is Grouping {
  return x === 'day' || x === 'week' || x === 'month';
}

/**
 * Sums daily rows into buckets, in date order. Weeks start on Monday (ISO
 * 8601); months are calendar months. The first and last buckets are clipped
 * to the days the rows cover, and their `start` / `end` say so: a range
 * starting on a Wednesday has a first week bucket starting that Wednesday.
 * Rows may come in any order; a day given twice counts twice.
 */
export function groupDaily(daily: readonly DailyRow[], by: Grouping): SeriesBucket[] {
  if (daily.length === 0) return [];
  const days = daily.map((row) => parseIsoDate(row.date));
  let first = days[0]!;
  let last = first;
  for (const day of days) {
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const buckets = new Map<number, { posts: number; replies: number }>();
  for (let i = 0; i < daily.length; i++) {
    const key = bucketStart(days[i]!, by);
    const bucket = buckets.get(key) ?? { posts: 0, replies: 0 };
    bucket.posts += daily[i]!.posts;
    bucket.replies += daily[i]!.replies;
    buckets.set(key, bucket);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, { posts, replies }]) => ({
      start: formatIsoDate(Math.max(key, first)),
      end: formatIsoDate(Math.min(bucketEnd(key, by), last)),
      posts,
      replies,
    }));
}

/**
 * The previous period lined up under the current buckets by day offset
 * (DESIGN section 4: the previous period has as many days as the current
 * one and ends the day before it starts). Bucket `i` of the result sums the
 * previous period's days at the same offsets as the days of `current[i]`,
 * and its `start` / `end` are those previous dates. So a week of the current
 * period is compared with the same seven offsets of the previous one, even
 * when the previous period's own calendar weeks fall differently. Offsets
 * with no previous row count 0; previous rows outside the previous period
 * are ignored. The result has exactly one bucket per current bucket.
 */
export function alignPrevious(current: readonly SeriesBucket[], previous: readonly DailyRow[]): SeriesBucket[] {
  if (current.length === 0) return [];
  const currentStart = parseIsoDate(current[0]!.start);
  const length = parseIsoDate(current[current.length - 1]!.end) - currentStart + 1;
  const previousStart = currentStart - length;
  const posts = new Float64Array(length);
  const replies = new Float64Array(length);
  for (const row of previous) {
    const offset = parseIsoDate(row.date) - previousStart;
    if (offset < 0 || offset >= length) continue;
    posts[offset] += row.posts;
    replies[offset] += row.replies;
  }
  return current.map((bucket) => {
    const from = parseIsoDate(bucket.start) - currentStart;
    const to = parseIsoDate(bucket.end) - currentStart;
    let postSum = 0;
    let replySum = 0;
    for (let offset = from; offset <= to; offset++) {
      postSum += posts[offset]!;
      replySum += replies[offset]!;
    }
    return { start: formatIsoDate(previousStart + from), end: formatIsoDate(previousStart + to), posts: postSum, replies: replySum };
  });
}

/** How much of its calendar period a bucket holds, to tell a partial period from a real drop. */
export interface BucketCoverage {
  /** Days of the bucket up to today (today included), or all its days when none is today or later. */
  days: number;
  /** Days of the whole calendar period the bucket lies in: 1 for a day, 7 for an ISO week, 28 to 31 for a month. */
  periodDays: number;
  /** The bucket holds today, which is not over yet (or a later day). */
  ongoing: boolean;
  /** Its sums cover less than a whole period that is over: clipped by the range, or still running. */
  partial: boolean;
}

/**
 * How much of its day, ISO week or calendar month `bucket` covers, `today`
 * being the current local date in the data source's zone (`YYYY-MM-DD`;
 * without it no bucket is ongoing). A range's first and last buckets are
 * often clipped (a week from a Wednesday, Dec 1–4) and the bucket of today
 * is still filling: their sums are exact but not comparable with whole
 * periods, so the chart marks them instead of scaling them up.
 */
export function bucketCoverage(bucket: Pick<SeriesBucket, 'start' | 'end'>, by: Grouping, today?: string): BucketCoverage {
  const start = parseIsoDate(bucket.start);
  const end = parseIsoDate(bucket.end);
  const periodStart = bucketStart(start, by);
  const periodDays = bucketEnd(periodStart, by) - periodStart + 1;
  const todayDay = today === undefined ? undefined : parseIsoDate(today);
  const ongoing = todayDay !== undefined && end >= todayDay;
  const days = ongoing ? Math.max(0, todayDay - start + 1) : end - start + 1;
  return { days, periodDays, ongoing, partial: ongoing || days < periodDays };
}

/** The first day of the bucket `day` falls in. */
function bucketStart(day: number, by: Grouping): number {
  if (by === 'day') return day;
  if (by === 'week') return day - isoWeekday(day);
  const { year, month } = civilFromDay(day);
  return dayFromCivil(year, month, 1);
}

/** The last day of the bucket starting on `start`. */
function bucketEnd(start: number, by: Grouping): number {
  if (by === 'day') return start;
  if (by === 'week') return start + 6;
  const { year, month } = civilFromDay(start);
  return start + daysInMonth(year, month) - 1;
}

/** 0 for Monday … 6 for Sunday. Day 0 (1970-01-01) was a Thursday. */
function isoWeekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
