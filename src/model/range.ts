/**
 * Date ranges (DESIGN sections 4 and 8): inclusive local dates in the data
 * source's zone, the presets, custom ranges and the previous period.
 *
 * The clock is injected: every function that needs "today" takes `now` (epoch
 * ms) and a zone; none reads the system clock or the browser's zone.
 */
import { civilFromDay, dayFromCivil, formatIsoDate, parseIsoDate, startOfMonth } from './dates.js';
import type { DateRange, RangePreset } from './report.js';
import { dayBucketer } from './time-zone.js';
import { describeValue } from './validate.js';

/** The named ranges of DESIGN section 8, in the picker's order. */
export const RANGE_PRESETS: readonly RangePreset[] = Object.freeze(['7d', '30d', '90d', 'this_month', 'last_month'] as const);

/**
 * The first date a range may start on. Every report compares with the period
 * before its range, which must still be a date (years 0000–9999); from 1970
 * on it always is, and no community's activity is older.
 */
export const FIRST_RANGE_DATE = '1970-01-01';
const FIRST_RANGE_DAY = 0;

/** The longest custom range, in calendar years (see `validateRange`). */
export const MAX_RANGE_YEARS = 5;

const PRESET_LIST = RANGE_PRESETS.join(', ');
const ACCEPTED = `a preset (${PRESET_LIST}), "YYYY-MM-DD..YYYY-MM-DD" or an object { start, end } with dates "YYYY-MM-DD"`;
const TRAILING_DAYS: Partial<Record<RangePreset, number>> = { '7d': 7, '30d': 30, '90d': 90 };

/** Whether `x` is the name of a preset range (`7d`, `30d`, `90d`, `this_month`, `last_month`). */
export function isRangePreset(x: unknown): x is RangePreset {
  return typeof x === 'string' && (RANGE_PRESETS as readonly string[]).includes(x);
}

/** The current local date in `timeZone` at the instant `nowMs`, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, nowMs: number): string {
  return formatIsoDate(todayNumber(timeZone, nowMs));
}

/**
 * A preset as dates, "today" being the local date of `nowMs` in `timeZone`:
 * `7d` / `30d` / `90d` end today and span 7 / 30 / 90 days; `this_month` runs
 * from the 1st of this month to today; `last_month` is the whole previous month.
 */
export function presetRange(preset: RangePreset, timeZone: string, nowMs: number): DateRange {
  if (!isRangePreset(preset)) throw new RangeError(`Unknown range preset ${describeValue(preset)}. Use one of ${PRESET_LIST}.`);
  const today = todayNumber(timeZone, nowMs);
  const days = TRAILING_DAYS[preset];
  if (days !== undefined) return dayRange(today - days + 1, today);
  if (preset === 'this_month') return dayRange(startOfMonth(today), today);
  const firstOfThisMonth = startOfMonth(today);
  return dayRange(startOfMonth(firstOfThisMonth - 1), firstOfThisMonth - 1);
}

/**
 * Reads a range as a query gives it: a `DateRange` object, a preset name, or
 * `'YYYY-MM-DD..YYYY-MM-DD'`. Presets are resolved with `opts.timeZone` and
 * the clock `opts.now`. The result is checked as `validateRange` does;
 * anything else throws a RangeError that says what is wrong and what is
 * accepted.
 */
export function parseRange(input: DateRange | RangePreset | string, opts: { timeZone: string; now: number }): DateRange {
  if (typeof input === 'string') {
    if (isRangePreset(input)) return presetRange(input, opts.timeZone, opts.now);
    const separator = input.indexOf('..');
    if (separator < 0) throw new RangeError(`Unknown date range ${describeValue(input)}. Use ${ACCEPTED}.`);
    return validateRange({ start: input.slice(0, separator), end: input.slice(separator + 2) });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RangeError(`A date range must be ${ACCEPTED}; got ${describeValue(input)}.`);
  }
  return validateRange(input);
}

/**
 * Checks a custom range and returns a clean copy `{ start, end }`: both valid
 * `YYYY-MM-DD` dates, `start ≤ end`, and a span of at most five calendar
 * years. Precisely: `end` must be before the same calendar date five years
 * after `start` (a February 29 start counts on to March 1 in a common year),
 * so 2021-04-01..2026-03-31 is the longest range starting 2021-04-01 and
 * 2024-02-29..2029-02-28 the longest starting 2024-02-29.
 */
export function validateRange(r: unknown): DateRange {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) {
    throw new RangeError(`A date range must be an object { start, end } with dates "YYYY-MM-DD"; got ${describeValue(r)}.`);
  }
  const { start, end } = r as { start?: unknown; end?: unknown };
  const startDay = rangeDate('start', start);
  const endDay = rangeDate('end', end);
  if (startDay > endDay) {
    throw new RangeError(`The range starts on ${start as string}, after its end ${end as string}: the start must be on or before the end.`);
  }
  const { year, month, day } = civilFromDay(startDay);
  const limit = dayFromCivil(year + MAX_RANGE_YEARS, month, day);
  if (endDay >= limit) {
    throw new RangeError(
      `The range ${start as string}..${end as string} spans ${endDay - startDay + 1} days, more than ${MAX_RANGE_YEARS} years: ` +
        `a range starting ${start as string} may end on ${formatIsoDate(limit - 1)} at the latest.`,
    );
  }
  return { start: start as string, end: end as string };
}

/**
 * The dates a person may pick (DESIGN section 8): from `FIRST_RANGE_DATE` to
 * today, the local date of `nowMs` in `timeZone`. A range ending after today
 * has no data for its future days and would read as a collapse next to the
 * previous period, so the picker refuses it.
 */
export function pickableDates(timeZone: string, nowMs: number): DateRange {
  return { start: FIRST_RANGE_DATE, end: todayIn(timeZone, nowMs) };
}

/**
 * Whether `range` ends after `today` (a local date, `todayIn` of the site's
 * zone and the source's clock): its future days have no data yet, and next
 * to the previous period every figure would read as a fall, so the picker and
 * the dashboard refuse such a range. Dates `YYYY-MM-DD` compare as text.
 */
export function endsAfterToday(range: Pick<DateRange, 'end'>, today: string): boolean {
  return range.end > today;
}

/** Do two ranges cover the same days? */
export function sameRange(a: DateRange, b: DateRange): boolean {
  return a.start === b.start && a.end === b.end;
}

/** The period just before: the same number of days, ending the day before `r.start`. */
export function previousRange(r: DateRange): DateRange {
  const startDay = parseIsoDate(r.start);
  const days = parseIsoDate(r.end) - startDay + 1;
  return dayRange(startDay - days, startDay - 1);
}

/** The number of days in `r`, both ends included. */
export function rangeDays(r: DateRange): number {
  return parseIsoDate(r.end) - parseIsoDate(r.start) + 1;
}

/** How a range is named in a diff report: a preset as is, else `start..end`. */
export function rangeLabel(input: DateRange | RangePreset): string {
  return typeof input === 'string' ? input : `${input.start}..${input.end}`;
}

function todayNumber(timeZone: string, nowMs: number): number {
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) {
    throw new RangeError(`"now" must be an instant in epoch milliseconds; got ${describeValue(nowMs)}.`);
  }
  return dayBucketer(timeZone).dayOf(nowMs);
}

function dayRange(startDay: number, endDay: number): DateRange {
  return { start: formatIsoDate(startDay), end: formatIsoDate(endDay) };
}

function rangeDate(field: 'start' | 'end', value: unknown): number {
  if (value === undefined) throw new RangeError(`The range has no ${field}: expected a date "YYYY-MM-DD".`);
  let day: number;
  try {
    day = parseIsoDate(value as string);
  } catch (error) {
    throw new RangeError(`The range ${field} ${(error as Error).message}.`);
  }
  if (day < FIRST_RANGE_DAY) {
    throw new RangeError(`The range ${field} "${value as string}" is before ${FIRST_RANGE_DATE}: a range covers dates from ${FIRST_RANGE_DATE} to 9999-12-31.`);
  }
  return day;
}
